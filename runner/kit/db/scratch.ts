/**
 * Scratch databases: every check process gets a database of its own on the server, and each check
 * empties it first. They are the only databases the workbook ever creates or drops, all named
 *   wbk_<host>_<workbook pid>_<check process pid>
 * (and the same name with _b: its second one), so a later start can tell its own leftovers (same host,
 * workbook process gone) from anything else.
 */
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import type pg from 'pg';
import { connectError } from './connect-error.ts';
import { clientConfig, type ServerConfig } from './server-config.ts';
import { processAlive } from './process-alive.ts';

export const SCRATCH_PREFIX = 'wbk_';
const host = createHash('sha1').update(hostname()).digest('hex').slice(0, 6);

export const scratchName = (owner: number, child: number) => `${SCRATCH_PREFIX}${host}_${owner}_${child}`;
/**
 * A check process's second database: its checks take turns with the first, so one is emptied (and the
 * next check's tables built) on the server while a check runs in the other.
 */
export const secondName = (name: string) => `${name}_b`;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function adminClient(server: ServerConfig, embedded: boolean): Promise<pg.Client> {
  // Loaded on first use: on SQLite the driver is never needed.
  const { default: driver } = await import('pg');
  const client = new driver.Client(clientConfig(server));
  // An idle admin connection the server drops must not crash the workbook.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    throw connectError(e, server, embedded);
  }
  return client;
}

export async function createScratch(admin: pg.Client, server: ServerConfig, name: string, embedded: boolean): Promise<void> {
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${quote(name)}`);
  } catch (e) {
    throw connectError(e, server, embedded);
  }
}

export async function dropScratch(admin: pg.Client, name: string): Promise<void> {
  if (!name.startsWith(SCRATCH_PREFIX)) throw new Error(`refusing to drop ${name}: not a scratch database`);
  await admin.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`);
}

const alive = processAlive;

/** Drops this host's scratch databases whose workbook process is gone; returns their names. */
export async function dropStaleScratch(admin: pg.Client): Promise<string[]> {
  const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'wbk\\_%'`);
  const stale = rows
    .map((r) => r.datname)
    .filter((name) => {
      const m = name.match(/^wbk_([0-9a-f]{6})_(\d+)_(\d+)(?:_b)?$/);
      return m !== null && m[1] === host && !alive(Number(m[2]));
    });
  for (const name of stale) await dropScratch(admin, name).catch(() => undefined);
  return stale;
}
