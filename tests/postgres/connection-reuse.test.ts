/**
 * A check process keeps its PostgreSQL connections from check to check (runner/kit/dialect/
 * postgres-connection-reuse.ts): one in each of its two databases, which checks take turns in. They
 * must be the same connections, and nothing a check leaves in its session or its database may reach a
 * later one; a database that comes with the last check's tables built holds those and nothing else.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DataTypes, QueryTypes, type Sequelize } from 'sequelize';
import { postgres } from '../../runner/kit/dialect/postgres.ts';
import { connectionsSettled } from '../../runner/kit/dialect/postgres-connection-reuse.ts';
import { secondScratch, secondScratchMade } from '../../runner/kit/db/prepare.ts';

const opened: Sequelize[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
});

async function open(expect?: string): Promise<Sequelize> {
  const s = await postgres.open(() => undefined, expect);
  opened.push(s);
  return s;
}

const one = async <T extends object>(s: Sequelize, sql: string) => (await s.query<T>(sql, { type: QueryTypes.SELECT }))[0];
const backend = async (s: Sequelize) => (await one<{ pid: number }>(s, 'SELECT pg_backend_pid() AS pid')).pid;
const close = async (s: Sequelize) => {
  opened.splice(opened.indexOf(s), 1);
  await s.close();
};
const where = async (s: Sequelize) => one<{ pid: number; db: string }>(s, 'SELECT pg_backend_pid() AS pid, current_database() AS db');

/** Opens checks (closing those in between) until one gets the connection `pid`: it comes back within two. */
async function openOn(pid: number): Promise<Sequelize> {
  for (let i = 0; i < 3; i++) {
    const s = await open();
    if ((await backend(s)) === pid) return s;
    await close(s);
  }
  throw new Error(`no check got connection ${pid} back within three`);
}

describe('one connection from check to check', () => {
  it('the next check gets the same connection, with nothing of the last one in its session or database', async () => {
    const first = await open();
    const pid = await backend(first);
    const settingsBefore = await one<{ zone: string; path: string }>(first, `SELECT current_setting('TimeZone') AS zone, current_setting('search_path') AS path`);
    await first.query('CREATE TABLE "Leftovers" (id int)');
    await first.query(`CREATE TYPE "enum_left" AS ENUM ('a')`);
    await first.query(`CREATE FUNCTION left_fn() RETURNS int LANGUAGE sql AS 'SELECT 1'`);
    await first.query('CREATE TEMP TABLE scratch (id int)');
    await first.query(`SET TIME ZONE 'Asia/Tokyo'`);
    await first.query('SET search_path TO pg_catalog');
    await first.query('PREPARE mine AS SELECT 1');
    await first.query('SELECT pg_advisory_lock(4242)');
    await first.query('LISTEN workbook_test');
    await close(first);

    const next = await openOn(pid);
    expect(await one(next, `SELECT current_setting('TimeZone') AS zone, current_setting('search_path') AS path`)).toEqual(settingsBefore);
    expect(await postgres.reader(next).tables()).toEqual([]);
    const left = await one<{ types: number; functions: number; temp: number; prepared: number; locks: number; listening: number }>(
      next,
      `SELECT (SELECT count(*)::int FROM pg_type WHERE typname = 'enum_left') AS types,
              (SELECT count(*)::int FROM pg_proc WHERE proname = 'left_fn') AS functions,
              (SELECT count(*)::int FROM pg_class WHERE relname = 'scratch' AND relpersistence = 't') AS temp,
              (SELECT count(*)::int FROM pg_prepared_statements WHERE name = 'mine') AS prepared,
              (SELECT count(*)::int FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()) AS locks,
              (SELECT count(*)::int FROM pg_listening_channels()) AS listening`,
    );
    expect(left).toEqual({ types: 0, functions: 0, temp: 0, prepared: 0, locks: 0, listening: 0 });
  });

  it('a connection left inside a transaction is not kept', async () => {
    const first = await open();
    const pid = await backend(first);
    await first.query('BEGIN');
    await close(first);
    const next = await open();
    expect(await backend(next)).not.toBe(pid);
    expect((await one<{ status: string }>(next, `SELECT CASE WHEN now() = statement_timestamp() THEN 'idle' ELSE 'in a transaction' END AS status`)).status).toBe('idle');
  });

  it("results are parsed by the new Sequelize's types (dates are Dates), and ENUM columns work", async () => {
    for (let i = 0; i < 2; i++) {
      const s = await open();
      const Thing = s.define('Thing', { at: DataTypes.DATE, kind: DataTypes.ENUM('a', 'b') });
      await s.sync();
      await Thing.create({ at: new Date('2026-01-02T03:04:05Z'), kind: 'b' });
      const found = await Thing.findOne();
      expect(found?.get('at')).toBeInstanceOf(Date);
      expect((found?.get('at') as Date).toISOString()).toBe('2026-01-02T03:04:05.000Z');
      expect(found?.get('kind')).toBe('b');
      await close(s);
    }
  });

  it("the schema reader keeps its prepared statements, and survives a learner's DEALLOCATE ALL", async () => {
    const first = await open();
    const pid = await backend(first);
    await first.query('CREATE TABLE "Users" (id serial PRIMARY KEY)');
    await postgres.reader(first).columns('Users');
    await close(first);
    const next = await openOn(pid);
    const kept = await one<{ n: number }>(next, `SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name LIKE 'wbk\\_%'`);
    expect(kept.n).toBeGreaterThan(0);
    await next.query('CREATE TABLE "Users" (id serial PRIMARY KEY, name text NOT NULL)');
    await next.query('DEALLOCATE ALL');
    expect((await postgres.reader(next).columns('Users')).map((c) => c.name)).toEqual(['id', 'name']);
  });
});

describe('two databases, taking turns', () => {
  /** Opens a check once the second database and its connection are there, and the last check's database is ready. */
  async function openSettled(expect?: string): Promise<Sequelize> {
    if (!secondScratch()) {
      // Asked for when a check that built tables closes; made in the background.
      const first = await open();
      await postgres.replaySchema(first, 'CREATE TABLE "Warm" (id int);');
      await close(first);
      await secondScratchMade();
    }
    await connectionsSettled();
    return open(expect);
  }

  it('checks that build tables alternate between the process\'s two databases, each keeping its connection', async () => {
    const seen: Array<{ pid: number; db: string }> = [];
    const tables = 'CREATE TABLE "Turns" (id int);';
    for (let i = 0; i < 5; i++) {
      const s = await openSettled(tables);
      seen.push(await where(s));
      if (postgres.holds?.(s) === undefined) await postgres.replaySchema(s, tables);
      await close(s);
    }
    const databases = [...new Set(seen.map((w) => w.db))].sort();
    expect(databases).toHaveLength(2);
    expect(databases[1]).toBe(`${databases[0]}_b`);
    // One connection per database, from check to check.
    for (const db of databases) expect(new Set(seen.filter((w) => w.db === db).map((w) => w.pid)).size).toBe(1);
  });

  it("a check's several connections (queries side by side) are all in one database", async () => {
    for (let i = 0; i < 3; i++) {
      const s = await open();
      const dbs = await Promise.all(Array.from({ length: 4 }, () => one<{ db: string }>(s, 'SELECT current_database() AS db, pg_sleep(0.02)')));
      expect(new Set(dbs.map((d) => d.db)).size).toBe(1);
      await close(s);
    }
  });

  const schema = 'CREATE TABLE "Things" ("id" SERIAL PRIMARY KEY, "name" VARCHAR(255) NOT NULL UNIQUE);';

  it("the last check's tables, built again, and empty: ids start at 1; asked for by the same schema only", async () => {
    const first = await open();
    await postgres.replaySchema(first, schema);
    await first.query(`INSERT INTO "Things" (name) VALUES ('a'), ('b')`);
    await first.query('CREATE TABLE "Extra" (id int)');
    await close(first);
    // As checks do: each builds the schema if its database did not come with it. Each comes with it,
    // its rows and the extra table gone, or empty.
    const held: string[] = [];
    for (let i = 0; i < 4; i++) {
      const s = await openSettled(schema);
      const holds = postgres.holds?.(s);
      if (holds === undefined) {
        expect(await postgres.reader(s).tables()).toEqual([]);
        await postgres.replaySchema(s, schema);
      } else {
        expect(holds).toBe(schema);
        held.push((await where(s)).db);
        expect(await postgres.reader(s).tables()).toEqual(['Things']);
      }
      expect((await one<{ id: number }>(s, `INSERT INTO "Things" (name) VALUES ('c') RETURNING id`)).id).toBe(1);
      await s.query('CREATE TABLE "Extra" (id int)');
      await close(s);
    }
    // The first may come emptied (the other database, made ready before the schema was known); then each comes with it.
    expect(held.length).toBeGreaterThanOrEqual(3);
    // Not asked for (another define, sync: false): empty.
    const other = await open('CREATE TABLE "Other" (id int);');
    expect(postgres.holds?.(other)).toBeUndefined();
    expect(await postgres.reader(other).tables()).toEqual([]);
    await close(other);
    const none = await open();
    expect(await postgres.reader(none).tables()).toEqual([]);
    await close(none);
  });

  it('a database that came with tables nobody wants after all is emptied', async () => {
    let s: Sequelize | undefined;
    for (let i = 0; i < 3 && !s; i++) {
      const tried = await open(schema);
      if (postgres.holds?.(tried) === schema) s = tried;
      else {
        await postgres.replaySchema(tried, schema);
        await close(tried);
      }
    }
    if (!s) throw new Error('no database came with the schema built');
    await postgres.empty?.(s);
    expect(postgres.holds?.(s)).toBeUndefined();
    expect(await postgres.reader(s).tables()).toEqual([]);
  });
});
