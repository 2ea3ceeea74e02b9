/**
 * A check-running child process. It starts warm (sequelize, sqlite3, the kit and the expect library
 * already loaded), waits for one job, runs one lesson's check file against the learner's files,
 * reports, and exits. One job per process: the learner's modules are always loaded fresh, and
 * nothing one run leaves behind (globals, timers, a half-open database) can reach the next.
 */
import 'sequelize';
import '../kit/index.ts';
import { pathToFileURL } from 'node:url';
import { runCollected, stalled } from './mini-vitest.ts';
import { describeFailure } from './describe-failure.ts';
import type { ChildMessage, RunJob } from './protocol.ts';
import { warmUp } from './warm-up.ts';

const send = (m: ChildMessage) => process.send?.(m);

// Learner code must not end the run: process.exit becomes an error in the check that called it.
process.exit = ((code?: number) => {
  throw new Error(`Your code called process.exit(${code ?? ''}). Lesson code must not exit the process: remove that call.`);
}) as typeof process.exit;
process.on('unhandledRejection', () => {
  // A rejected promise nobody awaited: the check that awaited it reports it; do not crash.
});

let running = false;

process.on('beforeExit', () => {
  // The loop is empty: either we are done, or a check awaits a promise that can never settle.
  if (running) stalled();
});

process.once('message', async (job: RunJob) => {
  running = true;
  // Do not let the IPC channel keep the loop alive, so a stalled promise is noticed (beforeExit).
  process.channel?.unref();
  if (job.from) process.env.WORKBOOK_FROM = job.from;
  else delete process.env.WORKBOOK_FROM;
  let problem: string | undefined;
  let checks: Awaited<ReturnType<typeof runCollected>> = [];
  try {
    await import(pathToFileURL(job.checkFile).href);
    checks = await runCollected({
      timeoutMs: job.checkTimeoutMs,
      describeError: describeFailure,
      onResult: (result) => send({ type: 'check', result }),
    });
  } catch (e) {
    problem = describeFailure(e);
  }
  running = false;
  send({ type: 'done', checks, problem });
  process.disconnect?.();
});

await warmUp();
send({ type: 'ready' });
