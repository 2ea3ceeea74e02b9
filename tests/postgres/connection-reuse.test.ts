/**
 * A check process keeps one PostgreSQL connection from check to check (runner/kit/dialect/
 * postgres-connection-reuse.ts). It must be the same connection, and nothing a check leaves in its
 * session or its database may reach the next one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DataTypes, QueryTypes, type Sequelize } from 'sequelize';
import { postgres } from '../../runner/kit/dialect/postgres.ts';

const opened: Sequelize[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
});

async function open(): Promise<Sequelize> {
  const s = await postgres.open(() => undefined);
  opened.push(s);
  return s;
}

const one = async <T extends object>(s: Sequelize, sql: string) => (await s.query<T>(sql, { type: QueryTypes.SELECT }))[0];
const backend = async (s: Sequelize) => (await one<{ pid: number }>(s, 'SELECT pg_backend_pid() AS pid')).pid;
const close = async (s: Sequelize) => {
  opened.splice(opened.indexOf(s), 1);
  await s.close();
};

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

    const next = await open();
    expect(await backend(next)).toBe(pid);
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
    await first.query('CREATE TABLE "Users" (id serial PRIMARY KEY)');
    await postgres.reader(first).columns('Users');
    await close(first);
    const next = await open();
    const kept = await one<{ n: number }>(next, `SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name LIKE 'wbk\\_%'`);
    expect(kept.n).toBeGreaterThan(0);
    await next.query('CREATE TABLE "Users" (id serial PRIMARY KEY, name text NOT NULL)');
    await next.query('DEALLOCATE ALL');
    expect((await postgres.reader(next).columns('Users')).map((c) => c.name)).toEqual(['id', 'name']);
  });
});
