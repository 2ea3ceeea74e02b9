/**
 * Keeps check-running child processes warm, one job each. While the learner types, a spare child
 * has already paid for Node, tsx, sequelize and the kit; a save only pays for the lesson itself.
 * A watchdog kills a child whose run takes too long (a sync infinite loop cannot be interrupted
 * any other way), and a crash or exit in one child never affects the next run.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { delimiter } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CheckResult } from './verdict.ts';
import type { CanarySpec, ChildMessage, KeyMessage, RunJob } from './protocol.ts';
import { checkProcessEnv, makeScratchAhead, releaseScratchOf, SCRATCH_ID_ENV, SCRATCH_MADE_ENV } from '../kit/db/prepare.ts';
import type { SandboxSpec } from './sandbox.ts';

const projectModules = fileURLToPath(new URL('../../node_modules', import.meta.url));
const childEntry = fileURLToPath(new URL('./child.ts', import.meta.url));
/**
 * Node flags of an engine child: the hooks that compile TypeScript modules, map `vitest` and share the
 * project's packages (register-hooks.mjs); CommonJS TypeScript comes later (commonjs-typescript.ts).
 */
export const loaderArgs = ['--import', new URL('./register-hooks.mjs', import.meta.url).href];

/** The environment of a process that loads learner code (check runs, schema reads). */
export function childEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_NO_WARNINGS: '1',
    FORCE_COLOR: '0',
    // NODE_PATH: a learner file outside this package (a student's copy, a temp folder) is loaded
    // as CommonJS, where the ESM resolve hook does not apply; let require('sequelize') find ours.
    NODE_PATH: [projectModules, process.env.NODE_PATH].filter(Boolean).join(delimiter),
    ...checkProcessEnv(),
  };
}

export interface PoolOptions {
  /** Children kept ready ahead of demand. */
  warm: number;
  /** Whole-run time limit (the watchdog). */
  runTimeoutMs: number;
  /** Per-check time limit inside the child. */
  checkTimeoutMs: number;
  /** V8 heap limit per child, in MB (for untrusted code). */
  maxOldSpaceMb?: number;
  cwd?: string;
  /**
   * Let a child run more lessons after its first (verify --all, grading): each job must be a lesson
   * the child has not run, for the same `from`. Off for watch mode, which re-runs the same files.
   */
  reuse?: boolean;
  /**
   * With reuse: a child also takes jobs of other copies, and the same lesson again for a new copy (its
   * check file loaded once more under a new URL). For trusted code only (the project's tests,
   * mutants), where starting a child per copy costs far more than the checks: never for grading,
   * where one student's code must not share a process with another's.
   */
  acrossCopies?: boolean;
  /**
   * Without reuse: start the next spare only once the child that ran a job has exited, so no more than
   * one child is alive at a time (watch mode: a learner's memory; a save comes seconds after the last
   * verdict, by when the spare is ready). Its children also keep a smaller young generation. Off: the spare starts as soon as a job takes the last one.
   */
  spareAfterRun?: boolean;
  /**
   * On PostgreSQL, make the next child's scratch database while the current one works, so a new child
   * starts without making its own (watch mode and the book start a child for every save).
   */
  scratchAhead?: boolean;
  /** Modules a new child loads before it says it is ready (asked at spawn time: the lesson may change). */
  preload?: () => string[];
  /**
   * Untrusted code (grading): each child is started for the copy it will serve, through this, which
   * wraps Node's command line in a sandbox (sandbox.ts) and says where the copy's files are inside it.
   * No spares are kept: a child is only ever given one copy's files.
   */
  isolate?: (from: string | undefined, node: string[], env: Record<string, string>) => Isolated;
  /**
   * The code is untrusted (grading): results must come signed with the child's key, canary checks
   * must fail, and what the child's integrity watch saw replaced makes the run "tampering suspected".
   */
  untrusted?: boolean;
}

export interface Isolated {
  spec: SandboxSpec;
  /** The job's `from` as the sandboxed child sees it. */
  from: string | undefined;
  /** Called when the child has ended (removes its scratch folder). */
  cleanup: () => void;
}

/** `tampering`: what the pool saw that a fair run cannot produce (see integrity.ts); the run cannot pass. */
export type RunOutcome = (
  | { kind: 'done'; checks: CheckResult[]; problem?: string; output: string }
  | { kind: 'timeout'; checks: CheckResult[]; output: string }
  | { kind: 'cancelled'; checks: CheckResult[]; output: string }
  | { kind: 'crashed'; checks: CheckResult[]; output: string; code: number | null; signal: NodeJS.Signals | null }
) & { tampering?: string[] };

interface Warm {
  child: ChildProcess;
  ready: Promise<boolean>;
  output: string[];
  /** Check files this child has run (an ES module loads once, so never the same one again), with their copy under acrossCopies. */
  ran: Set<string>;
  /** The `from` of the jobs it ran: a reused child only serves one copy of the course. */
  from?: string;
  /** In a sandbox: where it sees that copy's files. */
  isolated?: Isolated;
  /** The key its results are signed with (untrusted mode). */
  key?: string;
}

const hmacHex = (key: string, body: string) => createHmac('sha256', key).update(body).digest('hex');

/** A signed message whose signature matches (see ChildMessage). */
function signedBy(key: string, m: ChildMessage & { sig?: string }): boolean {
  if (typeof m !== 'object' || m === null || typeof m.sig !== 'string') return false;
  const { sig, ...rest } = m;
  return hmacHex(key, JSON.stringify(rest)) === sig;
}

function newCanaries(): CanarySpec {
  const a = randomInt(1, 1_000_000);
  const b = a + randomInt(1, 1000);
  const name = () => `check ${randomBytes(9).toString('base64url')}`;
  return { names: [name(), name()], at: [Math.random(), Math.random()], values: [a, b] };
}

/** What a job's canary results say: nothing in a fair run (both failed). */
function canaryProblems(spec: CanarySpec, checks: CheckResult[]): string[] {
  const what = ['the checks\' assertions (expect, its matchers or failIf)', 'the database path (Sequelize, the driver or the schema reader)'];
  return spec.names.flatMap((name, i) => {
    const r = checks.find((c) => c.name === name);
    if (!r) return [`a check that must always run did not report (${what[i]})`];
    return r.state === 'fail' || r.state === 'error' ? [] : [`a check built to fail ${r.state === 'pass' ? 'passed' : `was ${r.state}`}: ${what[i]} no longer tell right from wrong`];
  });
}

/** The collected checks that reported no result, as errors saying why. */
function unreached(collected: string[], reported: CheckResult[], message: string): CheckResult[] {
  // Counted, not a set: two checks may share a name.
  const seen = new Map<string, number>();
  for (const c of reported) seen.set(c.name, (seen.get(c.name) ?? 0) + 1);
  return collected
    .filter((name) => {
      const left = seen.get(name) ?? 0;
      seen.set(name, left - 1);
      return left <= 0;
    })
    .map((name) => ({ name, state: 'error' as const, message }));
}

const OUTPUT_LIMIT = 8000;

export class ChildPool {
  private spares: Warm[] = [];
  /** Children that finished a job and may take another (reuse mode). */
  private idle: Warm[] = [];
  private live = new Set<ChildProcess>();
  private closed = false;

  /** Scratch database ids of children not named by their pid: sandboxed ones (their own pid is 1 in their PID namespace) and those given a database made ahead. */
  private scratchIds = new Map<ChildProcess, number>();
  /** Above any pid (Linux's pid_max is at most 2^22), so an id never names another child's database. */
  private static nextScratchId = 10_000_001;
  /** The next child's scratch database, being made or made (scratchAhead). */
  private ahead: { id: number; made: boolean; making: Promise<boolean> } | undefined;
  /**
   * Scratch databases made ahead whose child has ended (scratchAhead): the next child takes them rather
   * than the server dropping two databases and making two more for every save. Its first connection to
   * each empties it, as between two checks (runner/kit/dialect/postgres.ts).
   */
  private freeScratch: number[] = [];

  constructor(private readonly opts: PoolOptions) {
    if (opts.acrossCopies && (opts.untrusted || opts.isolate)) throw new Error('acrossCopies is for trusted code only: one copy per child when grading');
    this.fill();
  }

  private spawn(from?: string): Warm {
    const execArgv = [...loaderArgs];
    if (this.opts.maxOldSpaceMb) execArgv.push(`--max-old-space-size=${this.opts.maxOldSpaceMb}`);
    // Watch mode, for memory: a young generation of 2 MB instead of up to 16 keeps about 13 MB less resident per
    // child, for no time measured (loading and a lesson's checks allocate little that lives).
    if (this.opts.spareAfterRun) execArgv.push('--max-semi-space-size=2');
    const env: Record<string, string> = {
      ...(childEnv() as Record<string, string>),
      WORKBOOK_PRELOAD: (this.opts.preload?.() ?? []).join(','),
      ...(this.opts.untrusted ? { WORKBOOK_UNTRUSTED: '1' } : {}),
    };
    const isolated = this.opts.isolate?.(from, [process.execPath, ...execArgv, childEntry], env);
    // A database made ahead goes to this child; one still being made waits for the next.
    const ahead = !isolated && this.ahead?.made ? this.ahead : undefined;
    if (ahead) {
      this.ahead = undefined;
      Object.assign(env, { [SCRATCH_ID_ENV]: String(ahead.id), [SCRATCH_MADE_ENV]: '1' });
    }
    const scratchId = isolated ? ChildPool.nextScratchId++ : ahead?.id;
    const child = isolated
      ? spawn(isolated.spec.command, isolated.spec.args, {
          cwd: this.opts.cwd,
          stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
          // A process group of its own: kill(0) or kill(-pgid) inside cannot reach the grader's.
          detached: true,
          env: { ...env, ...isolated.spec.env, [SCRATCH_ID_ENV]: String(scratchId) },
        })
      : fork(childEntry, [], { execArgv, cwd: this.opts.cwd, stdio: ['ignore', 'pipe', 'pipe', 'ipc'], env });
    this.live.add(child);
    if (scratchId !== undefined) this.scratchIds.set(child, scratchId);
    child.once('exit', () => {
      this.live.delete(child);
      // Made ahead, so both of its databases exist: kept for the next child.
      if (ahead && !this.closed) this.freeScratch.push(ahead.id);
      else releaseScratchOf(scratchId ?? child.pid);
      this.scratchIds.delete(child);
      isolated?.cleanup();
    });
    const output: string[] = [];
    const keep = (chunk: Buffer) => {
      if (output.reduce((n, s) => n + s.length, 0) > OUTPUT_LIMIT) return;
      output.push(chunk.toString());
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const key = this.opts.untrusted ? randomBytes(32).toString('hex') : undefined;
    const ready = new Promise<boolean>((resolve) => {
      const onMessage = (m: ChildMessage) => {
        if (m.type === 'ready') {
          child.off('message', onMessage);
          // Before any job, so before any learner code has loaded in the child.
          if (key) child.send({ type: 'key', key } satisfies KeyMessage);
          resolve(true);
        }
      };
      child.on('message', onMessage);
      child.once('exit', () => resolve(false));
      child.once('error', () => resolve(false));
    });
    // The next child's database is made once this one is up: not while it starts, when both would share the cores.
    if (!isolated) void ready.then(() => this.makeAhead());
    return { child, ready, output, ran: new Set(), from, isolated, key };
  }

  /** Starts making the next child's database, unless one is made or being made (scratchAhead, PostgreSQL). */
  private makeAhead(): void {
    if (!this.opts.scratchAhead || this.closed || this.ahead) return;
    const free = this.freeScratch.shift();
    if (free !== undefined) {
      this.ahead = { id: free, made: true, making: Promise.resolve(true) };
      return;
    }
    const id = ChildPool.nextScratchId++;
    const making = makeScratchAhead(id);
    if (!making) return;
    const entry = { id, made: false, making };
    this.ahead = entry;
    void making.then((made) => {
      entry.made = made;
      // Could not be made (the server went away): the next child makes its own, as without this option.
      if (!made && this.ahead === entry) this.ahead = undefined;
    });
  }

  /** What a child must not have run already to take this job (see PoolOptions.acrossCopies). */
  private ranKey(job: { checkFile: string; from?: string }): string {
    return this.opts.acrossCopies ? `${job.checkFile}\0${job.from ?? ''}` : job.checkFile;
  }

  /** An idle child that may run this job; idle children kept for another copy are let go. */
  private takeIdle(job: { checkFile: string; from?: string }): Warm | undefined {
    if (this.opts.acrossCopies) {
      const i = this.idle.findIndex((w) => !w.ran.has(this.ranKey(job)) && w.child.exitCode === null);
      return i >= 0 ? this.idle.splice(i, 1)[0] : undefined;
    }
    const i = this.idle.findIndex((w) => w.from === job.from && !w.ran.has(job.checkFile) && w.child.exitCode === null);
    const found = i >= 0 ? this.idle.splice(i, 1)[0] : undefined;
    for (const w of this.idle.filter((w) => w.from !== job.from)) w.child.kill('SIGKILL');
    this.idle = this.idle.filter((w) => w.from === job.from);
    return found;
  }

  private fill(): void {
    while (!this.closed && !this.opts.isolate && this.spares.length < this.opts.warm) this.spares.push(this.spawn());
  }

  /** Resolves when the children started so far have started up (or failed to). */
  async ready(): Promise<void> {
    await Promise.all(this.spares.map((w) => w.ready));
  }

  /** Runs one job in a warm child. Never rejects: a hang or crash is an outcome. */
  async run(job: Omit<RunJob, 'type' | 'checkTimeoutMs' | 'token'>, signal?: AbortSignal): Promise<RunOutcome> {
    let warm = (this.opts.reuse ? this.takeIdle(job) : undefined) ?? (this.opts.isolate ? this.spawn(job.from) : (this.spares.shift() ?? this.spawn()));
    // Keep spares ready for the next save; a course run reuses its children instead.
    if (!this.opts.reuse && !this.opts.spareAfterRun) this.fill();
    if (!(await warm.ready)) {
      // A spare that died while waiting (killed, out of memory): one fresh try.
      warm = this.spawn(job.from);
      if (!(await warm.ready)) return { kind: 'crashed', checks: [], output: warm.output.join(''), code: warm.child.exitCode, signal: warm.child.signalCode };
    }
    // Runs after spawn()'s exit handler has taken the child off `live`: a run started meanwhile keeps its child alone.
    if (!this.opts.reuse && this.opts.spareAfterRun) warm.child.once('exit', () => this.live.size === 0 && this.fill());
    const { child, output } = warm;
    if (warm.ran.size > 0) output.length = 0; // the previous lesson's output is not this run's
    // The same check file again (another copy): the child loads it under a new URL.
    const again = this.opts.acrossCopies ? [...warm.ran].filter((k) => k.startsWith(`${job.checkFile}\0`)).length : 0;
    warm.ran.add(this.ranKey(job));
    warm.from = job.from;
    const keepAlive = this.opts.reuse === true;
    const checks: CheckResult[] = [];
    let collected: string[] = [];
    // A run stopped part-way (hang, crash) still has all its checks: those not reached count as not passing.
    const token = randomUUID();
    const canaries = warm.key ? newCanaries() : undefined;
    const isCanary = (name: string) => canaries?.names.includes(name) === true;
    const lessonChecks = (list: CheckResult[]) => list.filter((c) => !isCanary(c.name));
    const withUnreached = (why: string) => lessonChecks([...checks, ...unreached(collected, checks, why)]);
    const tampering: string[] = [];
    const suspect = (what: string) => {
      if (!tampering.includes(what)) tampering.push(what);
    };
    return new Promise<RunOutcome>((resolve) => {
      let settled = false;
      const finish = (o: RunOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        const alive = child.exitCode === null && child.signalCode === null;
        // A process that showed signs of tampering never runs another lesson.
        if (alive && keepAlive && o.kind === 'done' && !this.closed && tampering.length === 0) this.idle.push(warm);
        else if (alive) child.kill('SIGKILL');
        resolve(tampering.length > 0 ? { ...o, tampering } : o);
      };
      const onMessage = (m: ChildMessage) => {
        if (warm.key) {
          // Untrusted: only what the engine's own code sent, signed, for this job, counts; anything
          // else on the channel is a forgery (the engine's child sends nothing else during a job).
          if (!signedBy(warm.key, m as ChildMessage & { sig?: string }) || !('token' in m) || m.token !== token) {
            suspect('a message on the result channel that the engine did not send (forged or altered)');
            return;
          }
        }
        // Only what the engine's own code sent for this job counts (see RunJob.token).
        if ((m.type === 'check' || m.type === 'done' || m.type === 'collected') && m.token !== token) return;
        if (m.type === 'collected') collected = m.names;
        if (m.type === 'check') checks.push(m.result);
        if (m.type === 'done') {
          for (const t of m.tampering ?? []) suspect(`in the process that ran the checks, ${t}`);
          if (canaries) for (const p of canaryProblems(canaries, m.checks)) suspect(p);
          finish({ kind: 'done', checks: lessonChecks(m.checks), problem: m.problem, output: output.join('') });
        }
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        // Let buffered stdout/stderr arrive before reporting the crash.
        setImmediate(() => finish({ kind: 'crashed', checks: withUnreached('Not run: the process running your code stopped before this check.'), output: output.join(''), code, signal }));
      };
      const timer = setTimeout(() => finish({ kind: 'timeout', checks: withUnreached('Not run: the checks were stopped by the time limit before this one.'), output: output.join('') }), this.opts.runTimeoutMs);
      // A newer save makes this run worthless: stop it now rather than let it finish.
      if (signal?.aborted) return finish({ kind: 'cancelled', checks: lessonChecks(checks), output: '' });
      signal?.addEventListener('abort', () => finish({ kind: 'cancelled', checks: lessonChecks(checks), output: output.join('') }), { once: true });
      child.on('message', onMessage);
      child.once('exit', onExit);
      const from = warm.isolated ? warm.isolated.from : job.from;
      child.send({ ...job, from, type: 'run', checkTimeoutMs: this.opts.checkTimeoutMs, keepAlive, token, ...(again > 0 ? { again } : {}), ...(canaries ? { canaries } : {}) } satisfies RunJob);
    });
  }

  /** Kills every child, spare or running. */
  close(): void {
    this.closed = true;
    // A database made ahead that no child took: dropped once made, in the drops that settleScratch waits for.
    const ahead = this.ahead;
    if (ahead) void ahead.making.then(() => releaseScratchOf(ahead.id));
    this.ahead = undefined;
    for (const id of this.freeScratch.splice(0)) releaseScratchOf(id);
    this.spares = [];
    this.idle = [];
    for (const c of this.live) {
      c.kill('SIGKILL');
      releaseScratchOf(this.scratchIds.get(c) ?? c.pid);
    }
    this.live.clear();
  }
}
