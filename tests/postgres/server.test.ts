/**
 * The course on a PostgreSQL server given by URL (DATABASE_URL), as a teacher's class server would be:
 * every solution passes, every starter fails, and the workbook touches no database but its own
 * scratch ones. Needs a server: WORKBOOK_TEST_DATABASE_URL (.ci/run installs and starts Debian's).
 * Without one the suite says so once and is skipped; under CI=true that is a failure.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import pg from 'pg';
import { projectRoot } from '../../runner/course/lessons.ts';
import { processAlive } from '../../runner/kit/db/process-alive.ts';
import { runCli } from '../helpers/workbook-cli.ts';

const url = process.env.WORKBOOK_TEST_DATABASE_URL;
const root = projectRoot();

if (!url) {
  if (process.env.CI === 'true') {
    it('a PostgreSQL server is given (WORKBOOK_TEST_DATABASE_URL)', () => {
      throw new Error('CI=true, but WORKBOOK_TEST_DATABASE_URL is not set: .ci/run installs and starts PostgreSQL and sets it; the server tests must not be skipped in CI.');
    });
  } else {
    process.stderr.write('tests/postgres/server.test.ts: skipped, no PostgreSQL server (set WORKBOOK_TEST_DATABASE_URL=postgres://user:password@host:5432/postgres to run the course on one).\n');
    it.skip('the course on a PostgreSQL server given by URL', () => undefined);
  }
} else {
  /** `verify` on the server at `server` (the test's own, or one spoilt on purpose), not on an inherited one. */
  function verifyOn(server: string, ...args: string[]) {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', WORKBOOK_DB: 'postgres', DATABASE_URL: server };
    delete env.WORKBOOK_PG_SERVER;
    delete env.WORKBOOK_PG_EMBEDDED;
    return runCli(root, ['verify', ...args], env);
  }
  const verify = (...args: string[]) => verifyOn(url, ...args);
  async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  }
  const databases = () => withAdmin(async (c) => (await c.query<{ datname: string }>('SELECT datname FROM pg_database')).rows.map((r) => r.datname).sort());
  const host = createHash('sha1').update(hostname()).digest('hex').slice(0, 6);

  describe('the course on a PostgreSQL server given by URL', () => {
    it('every solution passes, and only the workbook\'s own stale scratch databases are dropped', async () => {
      // A stale one of ours (a workbook pid that cannot be alive) with its second, one of another host's, one of a live run (this test), and one that is not ours.
      const planted = [`wbk_${host}_999999999_1`, `wbk_${host}_999999999_1_b`, 'wbk_ffffff_1_1', `wbk_${host}_${process.pid}_1`, 'wbk_test_keep'];
      await withAdmin(async (c) => {
        for (const name of planted) await c.query(`DROP DATABASE IF EXISTS "${name}"`).then(() => c.query(`CREATE DATABASE "${name}"`));
      });
      const before = await databases();
      const r = verify('--all', '--from', 'solutions');
      expect(r.code, r.out.slice(-3000) + r.err).toBe(0);
      expect(r.out).toMatch(/(\d+)\/\1 lessons pass/);
      const after = await databases();
      expect(before).toEqual(expect.arrayContaining(planted.slice(0, 2)));
      // Dropped: the planted stale ones (both), and any other stale one of this host's (a run killed earlier on this machine).
      const staleHere = (name: string) => {
        const m = /^wbk_([0-9a-f]{6})_(\d+)_\d+(?:_b)?$/.exec(name);
        return m !== null && m[1] === host && !processAlive(Number(m[2]));
      };
      expect(after).toEqual(before.filter((n) => !staleHere(n)));
      await withAdmin(async (c) => {
        for (const name of planted.slice(2)) await c.query(`DROP DATABASE IF EXISTS "${name}"`);
      });
    });

    it('every starter fails', () => {
      const r = verify('--all', '--json');
      expect(r.code).toBe(1);
      const verdicts = JSON.parse(r.out) as Array<{ lesson: string; passed: boolean; problem?: string }>;
      expect(verdicts.filter((v) => v.passed).map((v) => v.lesson)).toEqual([]);
      expect(verdicts.filter((v) => v.problem).map((v) => `${v.lesson}: ${v.problem}`)).toEqual([]);
    });

    it('a wrong password is one line naming the user, exit 2', () => {
      const u = new URL(url);
      u.password = 'certainly-wrong';
      const r = verifyOn(u.href, '01');
      expect(r.code).toBe(2);
      expect(r.err).toMatch(new RegExp(`refused user ${decodeURIComponent(u.username)} \\(wrong password or no access\\)`));
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).not.toMatch(/certainly-wrong/);
    });

    it('a database that does not exist is one line, exit 2', () => {
      const u = new URL(url);
      u.pathname = '/no_such_database_here';
      const r = verifyOn(u.href, '01');
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/The database no_such_database_here does not exist/);
    });
  });
}
