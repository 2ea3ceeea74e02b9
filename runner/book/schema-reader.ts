/** Reads schemas in warm child processes (schema-worker.ts), one spare kept ready for the next save. */
import { fork, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { childEnv, loaderArgs } from '../engine/pool.ts';
import { releaseScratchOf } from '../kit/db/prepare.ts';
import type { SchemaSnapshot } from './diagram/snapshot.ts';
import type { SchemaJob, SchemaReply } from './schema-worker.ts';

const workerEntry = fileURLToPath(new URL('./schema-worker.ts', import.meta.url));
const TIME_LIMIT_MS = 15_000;

export type SchemaResult = { ok: true; snapshot: SchemaSnapshot } | { ok: false; message: string };

interface Spare {
  child: ChildProcess;
  ready: Promise<boolean>;
}

export class SchemaReader {
  private spare: Spare | undefined;
  private readonly live = new Set<ChildProcess>();
  private closed = false;

  constructor(private readonly cwd?: string) {
    this.spare = this.spawn();
  }

  private spawn(): Spare {
    const child = fork(workerEntry, [], { execArgv: loaderArgs, cwd: this.cwd, env: childEnv(), stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    this.live.add(child);
    // Below the check runs: on two cores the diagram may wait, the verdict should not.
    try {
      if (child.pid !== undefined) setPriority(child.pid, 10);
    } catch {
      // not permitted here: same priority, still correct
    }
    child.stderr?.resume();
    child.once('exit', () => {
      this.live.delete(child);
      releaseScratchOf(child.pid);
    });
    const ready = new Promise<boolean>((resolve) => {
      child.once('message', (m: SchemaReply) => resolve(m.type === 'ready'));
      child.once('exit', () => resolve(false));
      child.once('error', () => resolve(false));
    });
    return { child, ready };
  }

  /** Never rejects: a crash, a hang or the learner's error is a result with a message. */
  async read(job: SchemaJob): Promise<SchemaResult> {
    if (this.closed) return { ok: false, message: 'The book is closing.' };
    let spare = this.spare ?? this.spawn();
    this.spare = undefined;
    if (!(await spare.ready)) spare = this.spawn();
    if (!(await spare.ready)) return { ok: false, message: 'The process that reads your schema could not start.' };
    const { child } = spare;
    const result = await new Promise<SchemaResult>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve({ ok: false, message: `Reading the schema took longer than ${TIME_LIMIT_MS / 1000} s and was stopped: look for a loop that never ends in your models file.` });
      }, TIME_LIMIT_MS);
      child.once('message', (m: SchemaReply) => {
        clearTimeout(timer);
        resolve(m.type === 'snapshot' ? { ok: true, snapshot: m.snapshot } : { ok: false, message: m.type === 'error' ? m.message : 'Unexpected reply.' });
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve({ ok: false, message: `The process reading your schema stopped (exit code ${code}) before it finished.` });
      });
      child.send(job satisfies SchemaJob);
    });
    // The next spare starts once this read is done, so that it does not compete with it (or with the checks).
    if (!this.closed) this.spare ??= this.spawn();
    return result;
  }

  close(): void {
    this.closed = true;
    for (const c of this.live) c.kill('SIGKILL');
    this.live.clear();
  }
}
