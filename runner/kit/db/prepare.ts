/**
 * The database side of a workbook run. The process that starts check processes (the runner, or a
 * test file) calls prepareDatabase() once: on PostgreSQL it starts the embedded server or checks the
 * one in DATABASE_URL, removes stale scratch databases of its own, and puts the server in the
 * environment that check processes inherit. A check process asks scratchDatabase() for its own
 * database; when it ends, the runner drops it (releaseScratchOf).
 */
import type pg from 'pg';
import { databaseChoice, type DatabaseChoice } from './choice.ts';
import { startEmbedded } from './embedded-postgres.ts';
import { adminClient, createScratch, dropScratch, dropStaleScratch, scratchName, secondName } from './scratch.ts';
import { SERVER_ENV, serverFromEnv, serverFromUrl, type ServerConfig } from './server-config.ts';

/** Set for check processes: the pid of the workbook process that owns their scratch databases. */
export const OWNER_ENV = 'WORKBOOK_PG_OWNER';
/** Set for a sandboxed check process, whose own pid (1 in its PID namespace) cannot tell it apart. */
export const SCRATCH_ID_ENV = 'WORKBOOK_PG_CHILD';
const EMBEDDED_ENV = 'WORKBOOK_PG_EMBEDDED';

let prepared: Promise<DatabaseChoice> | undefined;
let admin: Promise<pg.Client> | undefined;

type Stream = { ref?: () => void; unref?: () => void };
const stream = (client: pg.Client) => (client as unknown as { connection?: { stream?: Stream } }).connection?.stream;

/** An idle admin connection never keeps the process alive; one with a drop under way does (see releaseScratchOf). */
function unrefClient(client: pg.Client): pg.Client {
  stream(client)?.unref?.();
  return client;
}

let preparedFor: string | undefined;

export function prepareDatabase(): Promise<DatabaseChoice> {
  // Prepared again when the choice has changed since (doctor moves to PostgreSQL for a project that needs it).
  const wanted = JSON.stringify(databaseChoice());
  if (preparedFor !== wanted) prepared = undefined;
  preparedFor = wanted;
  prepared ??= (async () => {
    const choice = databaseChoice();
    if (choice.dialect === 'sqlite') return choice;
    // A server already in the environment: a workbook command started by another (a test, the CLI's own children).
    const inherited = serverFromEnv();
    const embedded = inherited ? process.env[EMBEDDED_ENV] === '1' : !choice.url;
    const server: ServerConfig = inherited ?? (choice.url ? serverFromUrl(choice.url) : await startEmbedded());
    const client = await adminClient(server, embedded);
    // Unref only once idle: a query in flight on an unref'd socket lets the process exit mid-await.
    if (!inherited && !embedded) await dropStaleScratch(client);
    admin = Promise.resolve(unrefClient(client));
    process.env[SERVER_ENV] = JSON.stringify(server);
    if (embedded) process.env[EMBEDDED_ENV] = '1';
    return choice;
  })();
  prepared.catch(() => (prepared = undefined));
  return prepared;
}

/** What a check process needs in its environment to find its scratch database. */
export const checkProcessEnv = (): Record<string, string> => ({ [OWNER_ENV]: String(process.pid) });

/** Work on the admin connection under way (drops, databases made ahead): it holds the process open. */
const pendingDrops = new Set<Promise<void>>();
const released = new Set<string>();

/** Runs `work` on the admin connection, holding the process open until it is done (never rejects). */
function onAdmin(work: (client: pg.Client) => Promise<void>): Promise<void> {
  const done: Promise<void> = admin!
    .then((client) => {
      stream(client)?.ref?.();
      return work(client).finally(() => {
        if (pendingDrops.size <= 1) stream(client)?.unref?.();
      });
    })
    .catch(() => undefined) // a database that was never made, or a server already gone: the next start sweeps
    .finally(() => pendingDrops.delete(done));
  pendingDrops.add(done);
  return done;
}

/** Drops the scratch database of a check process that has ended or is being stopped (nothing on SQLite). */
export function releaseScratchOf(childPid: number | undefined): void {
  if (!admin || childPid === undefined) return;
  const name = scratchName(process.pid, childPid);
  if (released.has(name)) return;
  released.add(name);
  void onAdmin(async (client) => {
    await dropScratch(client, name);
    await dropScratch(client, secondName(name));
  });
}

/** Set, with SCRATCH_ID_ENV, for a check process whose database the runner made before starting it. */
export const SCRATCH_MADE_ENV = 'WORKBOOK_PG_MADE';

/**
 * On PostgreSQL, makes the scratch database of a check process not started yet (SCRATCH_ID_ENV=id), so
 * that it starts without making its own (a connection and a CREATE DATABASE: about a tenth of its
 * start-up). Resolves to whether it was made; undefined where there is nothing to make (SQLite).
 */
export function makeScratchAhead(id: number): Promise<boolean> | undefined {
  const server = serverFromEnv();
  if (!admin || !server) return undefined;
  let made = false;
  const embedded = process.env[EMBEDDED_ENV] === '1';
  return onAdmin(async (client) => {
    const name = scratchName(process.pid, id);
    await createScratch(client, server, name, embedded);
    await createScratch(client, server, secondName(name), embedded);
    made = true;
  }).then(() => made);
}

/** Waits for the drops under way (a course run ending), at most a few seconds. */
export async function settleScratch(): Promise<void> {
  // Drops can start as others end (a database made ahead is dropped once it is made): until none is left.
  const settle = async () => {
    while (pendingDrops.size > 0) await Promise.all(pendingDrops);
  };
  await Promise.race([settle(), new Promise((r) => setTimeout(r, 3000).unref())]);
}

let mine: Promise<ServerConfig> | undefined;
/** This check process's second database: its name once made; being made; or not asked for yet. */
let second: { name?: string; making?: Promise<void> } = {};

/** This check process's own database (created on first use), on the server the runner prepared. */
export function scratchDatabase(): Promise<ServerConfig> {
  mine ??= (async () => {
    // Plain `npx vitest`: no runner prepared a server, so this process does it itself.
    if (!serverFromEnv()) await prepareDatabase();
    const server = serverFromEnv()!;
    const owner = Number(process.env[OWNER_ENV] ?? process.pid);
    const name = scratchName(owner, Number(process.env[SCRATCH_ID_ENV] ?? process.pid));
    const database = { ...server, database: name };
    // Made by the runner before this process started (makeScratchAhead), both of them.
    if (process.env[SCRATCH_MADE_ENV] === '1') {
      second = { name: secondName(name) };
      return database;
    }
    const embedded = process.env[EMBEDDED_ENV] === '1';
    const client = await adminClient(server, embedded);
    try {
      await createScratch(client, server, name, embedded);
    } finally {
      await client.end();
    }
    return database;
  })();
  mine.catch(() => (mine = undefined));
  return mine;
}

/**
 * This check process's second database's name once it is made (see secondName); undefined before,
 * the first call with `make` starting to make it (a process that never takes turns, doctor's, never asks).
 */
export function secondScratch(make = true): string | undefined {
  if (second.name || second.making || !mine || !make) return second.name;
  second.making = (async () => {
    const name = secondName((await mine!).database);
    // Connected to the server's own database: emptying a scratch one ends every other session in it.
    const server = serverFromEnv()!;
    const embedded = process.env[EMBEDDED_ENV] === '1';
    const client = await adminClient(server, embedded);
    try {
      await createScratch(client, server, name, embedded);
      second.name = name;
    } finally {
      await client.end();
    }
  })().catch(() => undefined); // the checks go on taking turns in the first database
  return undefined;
}

/** Resolves once the second database asked for is made, or could not be (for tests). */
export const secondScratchMade = async (): Promise<void> => second.making;
