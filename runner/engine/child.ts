/**
 * A check-running child process. It starts warm (sequelize, sqlite3, the kit and the expect library
 * already loaded), runs a lesson's check file against the learner's files, and reports.
 * By default one job per process: watch mode re-runs the same files, and an ES module cannot be
 * loaded twice, so each run gets a fresh process (nothing a run leaves behind reaches the next).
 * A course run (verify --all, grading one copy) sends keepAlive jobs, each for a different lesson:
 * those files are loaded once anyway, so the process is reused and only its start-up is shared.
 * What lessons could share is reset between jobs (collected checks, WORKBOOK_FROM, Sequelize's
 * class-level CLS namespace and universal hooks).
 */
// First: the compile cache must be in place before sequelize and the kit load their packages.
import { compileCache } from './child-compile-cache.ts';
import { Sequelize } from 'sequelize';
import '../kit/index.ts';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { createHmac } from 'node:crypto';
import { collectedNames, insertChecks, interrupt, resetCollector, runCollected, stalled } from './mini-vitest.ts';
import { canaryChecks } from './canaries.ts';
import { changed, takeBaseline } from './integrity.ts';
import { describeFailure } from './describe-failure.ts';
import type { ChildMessage, KeyMessage, RunJob } from './protocol.ts';
import { warmUp } from './warm-up.ts';
import { installStackTraces } from './stack-trace.ts';
import { enableCommonJsTypeScript } from '../loader/commonjs-typescript.ts';
import { umzugModule } from '../kit/diagnose/migrations.ts';

// Taken before any learner code loads: a lesson file that replaces process.send (to read or rewrite
// what is reported) does not reach this one.
const ipcSend = process.send?.bind(process);
// Also taken before learner code loads: what signs each message (see KeyMessage).
const stringify = JSON.stringify;
const hmac = createHmac;
const hmacProto = Object.getPrototypeOf(createHmac('sha256', 'x')) as { update: (d: string) => unknown; digest: (e: 'hex') => string };
const { update, digest } = hmacProto;
const call = Reflect.apply;
let key: string | undefined;
const sign = (body: string) => {
  const h = hmac('sha256', key ?? '');
  call(update, h, [body]);
  return call(digest, h, ['hex']) as string;
};
const send = (m: ChildMessage) => ipcSend?.(m.type === 'ready' || key === undefined ? m : { ...m, sig: sign(stringify(m)) });
const onKey = (m: KeyMessage) => {
  if (m?.type !== 'key' || key !== undefined) return;
  key = m.key;
  process.off('message', onKey);
};
process.on('message', onKey);
const untrusted = process.env.WORKBOOK_UNTRUSTED === '1';
/** What integrity.ts saw replaced, over this process's life (a patch made for one lesson stays). */
const tampering = new Set<string>();
const look = () => {
  if (untrusted) for (const c of changed()) tampering.add(c);
};

const realExit = process.exit.bind(process);
// Learner code must not end the run: process.exit becomes an error in the check that called it.
process.exit = ((code?: number) => {
  throw new Error(`Your code called process.exit(${code ?? ''}). Lesson code must not exit the process: remove that call.`);
}) as typeof process.exit;
process.on('unhandledRejection', () => {
  // A rejected promise nobody awaited: the check that awaited it reports it; do not crash.
});
process.on('uncaughtException', (e) => {
  // Thrown from a timer or a callback (a process.exit in a setTimeout): no await catches it, so
  // fail the check that is running with it, in the same words as anywhere else.
  if (running && interrupt(e)) return;
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  realExit(1);
});

let running = false;

process.on('beforeExit', () => {
  // The loop is empty: either we are done, or a check awaits a promise that can never settle.
  // Failing that check lets the run go on, but only in microtasks: give the loop one more turn, or
  // Node exits before the next check (Node 22 writes the IPC message at once, leaving nothing pending).
  if (running && stalled()) setImmediate(() => undefined);
});

/** Sequelize state that lives on the class, not on an instance: a lesson's useCLS or Sequelize.addHook. */
type SequelizeStatics = { _cls?: unknown; options: { hooks: Record<string, unknown[]> } };
const statics = Sequelize as unknown as SequelizeStatics;
function snapshotStatics(): () => void {
  const cls = statics._cls;
  const hooks = Object.fromEntries(Object.entries(statics.options.hooks).map(([k, v]) => [k, [...v]]));
  return () => {
    statics._cls = cls;
    statics.options.hooks = hooks;
  };
}

const loaded = new Set<string>();

async function run(job: RunJob): Promise<void> {
  const url = pathToFileURL(job.checkFile).href + (job.again ? `?copy=${job.again}` : '');
  if (loaded.has(url)) {
    // The pool never does this; if it did, the cached module would collect no checks and look empty.
    send({ type: 'done', token: job.token, checks: [], problem: `internal error: ${job.checkFile} was already run in this process` });
    return;
  }
  loaded.add(url);
  running = true;
  // Do not let the IPC channel keep the loop alive, so a stalled promise is noticed (beforeExit).
  process.channel?.unref();
  if (job.from) process.env.WORKBOOK_FROM = job.from;
  else delete process.env.WORKBOOK_FROM;
  resetCollector();
  const restore = snapshotStatics();
  let problem: string | undefined;
  let checks: Awaited<ReturnType<typeof runCollected>> = [];
  try {
    await import(url);
    if (job.canaries) insertChecks(canaryChecks(job.canaries));
    send({ type: 'collected', token: job.token, names: collectedNames() });
    look();
    checks = await runCollected({
      timeoutMs: job.checkTimeoutMs,
      describeError: describeFailure,
      onResult: (result) => {
        look();
        send({ type: 'check', token: job.token, result });
      },
    });
  } catch (e) {
    problem = describeFailure(e);
  }
  restore();
  running = false;
  look();
  send({ type: 'done', token: job.token, checks, problem, ...(tampering.size > 0 ? { tampering: [...tampering] } : {}) });
  // A lesson may have loaded a package (the TypeScript compiler): keep its compiled code for next time.
  compileCache.flush();
  // A listener the learner's code added would see the next job (and its token): only ours stays.
  for (const l of process.listeners('message')) if (l !== onJob && l !== onKey) process.off('message', l);
  if (job.keepAlive) process.channel?.ref();
  else process.disconnect?.();
}

// Jobs arrive one at a time: the parent sends the next only after 'done'.
const onJob = (job: RunJob) => {
  if (job?.type === 'run') void run(job);
};
process.on('message', onJob);

installStackTraces();
await warmUp();
enableCommonJsTypeScript();
// Whatever the current lesson's checks load slowly (the TypeScript compiler), loaded while the learner types.
for (const name of (process.env.WORKBOOK_PRELOAD ?? '').split(',').filter(Boolean)) createRequire(import.meta.url)(name);
// Before 'ready': in watch mode a child is killed as soon as its one run is done.
compileCache.flush();
// The last thing before learner code can load: what the verdict's tools are now. What the kit loads on
// first use and changes globals as it loads is loaded first, or a migration lesson's correct answer
// would be graded as tampering.
if (untrusted) {
  umzugModule();
  takeBaseline();
}
send({ type: 'ready' });
