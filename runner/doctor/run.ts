/**
 * Runs doctor's child process on a project and waits for its one message: the result, a request to
 * be restarted on PostgreSQL (the project's dialect is not SQLite and --db did not choose), or a
 * failure. A child that exits without a result, or outlives the time-out, is one clear line.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ProjectLayout } from './locate.ts';
import type { ChildMessage, DoctorJob, DoctorResult } from './result.ts';
import { checkProcessEnv, prepareDatabase, releaseScratchOf, settleScratch } from '../kit/db/prepare.ts';

const childEntry = fileURLToPath(new URL('./child.ts', import.meta.url));
const tsx = import.meta.resolve('tsx');

export class DoctorFailure extends Error {}

export interface RunOptions {
  /** Chosen with --db; otherwise SQLite, or PostgreSQL when the project's dialect is not SQLite. */
  database?: 'sqlite' | 'postgres';
  timeoutMs?: number;
  /** Stops the run (the book's watcher saw a newer save, or Ctrl-C): the child is killed, the run rejects. */
  signal?: AbortSignal;
}

async function usePostgres(): Promise<void> {
  process.env.WORKBOOK_DB = 'postgres';
  await prepareDatabase();
}

function runChild(job: DoctorJob, timeoutMs: number, signal?: AbortSignal): Promise<ChildMessage> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new DoctorFailure('Stopped.'));
    const env: NodeJS.ProcessEnv = { ...process.env, ...checkProcessEnv(), NODE_ENV: 'development', WORKBOOK_DOCTOR_JOB: JSON.stringify(job), WORKBOOK_DB: job.database, NODE_OPTIONS: '' };
    const child = fork(childEntry, [], { execArgv: ['--import', tsx], cwd: job.layout.root, env, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    let message: ChildMessage | undefined;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new DoctorFailure(`The project's models did not finish loading and checking within ${Math.round(timeoutMs / 1000)} s (a model file that waits forever, or a server it tries to reach?): stopped. --timeout <s> gives it longer.`));
    }, timeoutMs);
    // Stopped: rejected once the child has exited, so whoever waits on the run leaves no process behind.
    let stopped = false;
    const stop = () => {
      stopped = true;
      child.kill('SIGKILL');
    };
    signal?.addEventListener('abort', stop, { once: true });
    child.on('message', (m: ChildMessage) => (message = m));
    child.on('exit', (code, exitSignal) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', stop);
      if (job.database === 'postgres') releaseScratchOf(child.pid);
      if (stopped) return reject(new DoctorFailure('Stopped.'));
      if (message) return resolve(message);
      const last = stderr.trim().split('\n').filter((l) => l.trim() && !/^\s+at /.test(l)).slice(-1)[0] ?? '';
      reject(new DoctorFailure(`The project's code ended doctor's check process (${exitSignal ?? `exit code ${code}`})${last ? `: ${last.trim()}` : ''}.`));
    });
  });
}

export async function runDoctor(layout: ProjectLayout, opts: RunOptions = {}): Promise<DoctorResult> {
  const timeoutMs = opts.timeoutMs ?? 120_000;
  // A JSON config that names another dialect: straight to PostgreSQL, instead of loading once on SQLite to learn it.
  let database = opts.database ?? (layout.configDialect && layout.configDialect !== 'sqlite' ? 'postgres' : 'sqlite');
  if (database === 'postgres') await usePostgres();
  const notes: string[] = [];
  for (;;) {
    const m = await runChild({ layout, database, forced: opts.database !== undefined, notes }, timeoutMs, opts.signal).finally(() => (database === 'postgres' ? settleScratch() : undefined));
    if (m.type === 'result') return m.result;
    if (m.type === 'fatal') throw new DoctorFailure(`Doctor could not check the project: ${m.message}`);
    if (database === 'postgres') throw new DoctorFailure('Doctor could not check the project: it asked for PostgreSQL twice.');
    if (m.why) notes.push(m.why);
    database = 'postgres';
    await usePostgres();
  }
}
