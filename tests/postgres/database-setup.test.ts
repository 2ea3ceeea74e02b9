/**
 * PostgreSQL as a learner or teacher meets it: bad settings give one line and exit 2, scratch databases
 * go when their run ends, and a killed run's leftovers (its embedded server, its folder) go at the next
 * start, and nothing else does.
 */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { projectRoot } from '../../runner/course/lessons.ts';
import { serverFromEnv, clientConfig } from '../../runner/kit/db/server-config.ts';
import { scratchName } from '../../runner/kit/db/scratch.ts';
import { CLI_ARGS, runCli } from '../helpers/workbook-cli.ts';
import { findLesson } from '../../runner/course/lessons.ts';
import { ChildPool } from '../../runner/engine/pool.ts';
import { DEFAULTS, runLesson } from '../../runner/engine/run-lesson.ts';
import { settleScratch } from '../../runner/kit/db/prepare.ts';

const root = projectRoot();
const tsx = join(root, 'node_modules/.bin/tsx');

/** The CLI with the database settings given (nothing inherited from this test's own server). */
function cli(env: Record<string, string | undefined>, ...args: string[]) {
  const base: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete base.WORKBOOK_PG_SERVER;
  delete base.WORKBOOK_PG_EMBEDDED;
  delete base.DATABASE_URL;
  return runCli(root, args, { ...base, ...env });
}

const oneLine = (text: string) => {
  expect(text.trim().split('\n')).toHaveLength(1);
  expect(text).not.toMatch(/^\s+at /m);
};

describe('bad database settings: one line, exit 2', () => {
  it('an unknown WORKBOOK_DB', () => {
    const r = cli({ WORKBOOK_DB: 'mysql' }, 'verify', '01');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/WORKBOOK_DB=mysql is not a database the workbook knows: use WORKBOOK_DB=sqlite \(the default\) or WORKBOOK_DB=postgres/);
    oneLine(r.err);
  });

  it('--db is the same switch', () => {
    const r = cli({ WORKBOOK_DB: undefined }, 'verify', '01', '--db', 'oracle');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/WORKBOOK_DB=oracle is not a database/);
  });

  it('a DATABASE_URL that is not PostgreSQL', () => {
    const r = cli({ WORKBOOK_DB: 'postgres', DATABASE_URL: 'mysql://root@localhost/db' }, 'verify', '01');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/DATABASE_URL must be a PostgreSQL URL/);
    oneLine(r.err);
  });

  it('an unreachable server', () => {
    const r = cli({ WORKBOOK_DB: 'postgres', DATABASE_URL: 'postgres://someone:secret@127.0.0.1:1/postgres' }, 'verify', '01');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Cannot connect to PostgreSQL at 127\.0\.0\.1:1: nothing is listening there/);
    expect(r.err).not.toMatch(/secret/);
    oneLine(r.err);
  });
});

describe('scratch databases', () => {
  const server = serverFromEnv()!;
  const names = async () => {
    const c = new pg.Client(clientConfig(server));
    await c.connect();
    try {
      return (await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'wbk\\_%'`)).rows.map((r) => r.datname);
    } finally {
      await c.end();
    }
  };

  it("watch mode's saves pass on scratch databases taken over from the last save's process, and none is left at the end", async () => {
    // As watch mode runs: a new check process a save, its databases made ahead, then taken over
    // (tests/engine-scratch-ahead.test.ts counts them). Each save's checks must still start empty.
    const pool = new ChildPool({ ...DEFAULTS, warm: 1, spareAfterRun: true, scratchAhead: true });
    const mine = scratchName(process.pid, 0).replace(/0$/, '');
    try {
      for (let save = 0; save < 4; save++) {
        const v = await runLesson(pool, findLesson(save % 2 ? '01' : '02'), { from: join(root, 'solutions') });
        expect(v.passed, v.problem ?? v.checks.filter((c) => c.state !== 'pass').map((c) => `${c.name}: ${c.message}`).join('\n')).toBe(true);
      }
    } finally {
      pool.close();
      await settleScratch();
    }
    expect((await names()).filter((n) => n.startsWith(mine)), 'dropped once the pool closed').toEqual([]);
  });

  it('a run drops the scratch databases it made, and leaves others alone', async () => {
    // The server is the whole test run's, shared with files running side by side: judge only the
    // run's own databases (named by its pid), and one of a live process planted here (this one's).
    const live = scratchName(process.pid, 424242);
    const admin = async (sql: string) => {
      const c = new pg.Client(clientConfig(server));
      await c.connect();
      try {
        await c.query(sql);
      } finally {
        await c.end();
      }
    };
    await admin(`CREATE DATABASE "${live}"`);
    try {
      // node itself (not tsx's wrapper), so that the run's pid is the one its scratch databases are named by.
      const r = spawnSync(process.execPath, [...CLI_ARGS, 'verify', '02', '--from', 'solutions'], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(r.status, r.stderr).toBe(0);
      const after = await names();
      const own = scratchName(r.pid, 0).replace(/0$/, '');
      expect(after.filter((n) => n.startsWith(own)), 'the run\'s own scratch databases are gone').toEqual([]);
      expect(after, 'a live process\'s scratch database is left alone').toContain(live);
    } finally {
      await admin(`DROP DATABASE IF EXISTS "${live}"`);
    }
  });
});

/** The parent process id of `pid` (Linux), or undefined once it is gone. */
function parentOf(pid: number): number | undefined {
  try {
    return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]);
  } catch {
    return undefined;
  }
}

describe('a killed run', () => {
  const base = join(tmpdir(), `sequelize-workbook-pg-${userInfo().uid}`);
  const runs = () => (existsSync(base) ? readdirSync(base).filter((n) => n.startsWith('run-')) : []);
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      // A stopped server whose parent (the killed run) is gone may linger as a zombie until it is reaped.
      return !existsSync(`/proc/${pid}/stat`) || !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return false;
    }
  };

  it('leaves its embedded server behind only until the next start, which stops it and removes its folder', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    delete env.WORKBOOK_PG_SERVER;
    delete env.WORKBOOK_PG_EMBEDDED;
    delete env.DATABASE_URL;
    const before = new Set(runs());
    // Its own process group, so that killing it does not reach the server it started (as a real kill -9 would not).
    const victim = spawn(tsx, ['runner/cli.ts', 'verify', '--all', '--from', 'solutions'], { cwd: root, env, detached: true, stdio: 'ignore' });
    let folder: string | undefined;
    const deadline = Date.now() + 60_000;
    while (!folder && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      // Its own server's folder (run-<pid of the node under tsx>-), not one another test file started meanwhile.
      folder = runs().find((n) => !before.has(n) && parentOf(Number(n.match(/^run-(\d+)-/)![1])) === victim.pid && existsSync(join(base, n, 'data', 'postmaster.pid')));
    }
    expect(folder, 'the run never started its server').toBeDefined();
    const postmaster = Number(readFileSync(join(base, folder!, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
    // The node process under tsx's wrapper is the workbook: kill the whole wrapper group except the server.
    const workbook = Number(folder!.match(/^run-(\d+)-/)![1]);
    process.kill(workbook, 'SIGKILL');
    victim.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 300));
    expect(alive(postmaster), 'the server should outlive a SIGKILL of its workbook').toBe(true);
    const next = cli({ WORKBOOK_DB: 'postgres' }, 'schema', '01');
    expect(next.code, next.err).toBe(0);
    // SIGQUIT is asynchronous: give the server a few seconds to go.
    const stopBy = Date.now() + 10_000;
    while (alive(postmaster) && Date.now() < stopBy) await new Promise((r) => setTimeout(r, 100));
    expect(alive(postmaster)).toBe(false);
    expect(runs()).not.toContain(folder);
  });
});
