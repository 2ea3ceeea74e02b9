/** Runs a lesson's checks in the engine and turns the outcome into a Verdict. */
import { type LessonEntry, lessonFolder, checkFile, projectRoot } from '../course/lessons.ts';
import { ChildPool, type PoolOptions, type RunOutcome } from './pool.ts';
import type { Verdict } from './verdict.ts';

/** A limit in ms from the environment, or the default: a slow machine (or the project's own tests, files side by side) may raise them. */
function limitFromEnv(name: string, fallback: number): number {
  const ms = Number(process.env[name]);
  return Number.isFinite(ms) && ms > 0 ? ms : fallback;
}

/** Watch mode's and verify's limits: a whole run (the watchdog), and each check. WORKBOOK_RUN_TIMEOUT_MS and WORKBOOK_CHECK_TIMEOUT_MS raise them. */
export const DEFAULTS: PoolOptions = { warm: 1, runTimeoutMs: limitFromEnv('WORKBOOK_RUN_TIMEOUT_MS', 20_000), checkTimeoutMs: limitFromEnv('WORKBOOK_CHECK_TIMEOUT_MS', 5_000) };

export interface RunOptions {
  /** Where the editable files are (a copy of lessons/ or one lesson's folder); default lessons/. */
  from?: string;
  /** Whose check files to use; always this project's by default, never a student's. */
  root?: string;
}

export function toVerdict(lesson: LessonEntry, outcome: RunOutcome, ms: number, runTimeoutMs: number): Verdict {
  const checks = outcome.checks;
  let problem: string | undefined;
  if (outcome.kind === 'done') problem = outcome.problem;
  else if (outcome.kind === 'timeout') {
    problem = `The checks did not finish within ${runTimeoutMs / 1000} s, so they were stopped. Most likely your code has an infinite loop (a while or for that never ends, or a function that calls itself forever). Fix it, then run the checks again (in watch mode: save the file).`;
  } else if (outcome.kind === 'cancelled') {
    problem = 'This run was cancelled.';
  } else {
    const how = outcome.signal ? `was killed (${outcome.signal})` : `exited with code ${outcome.code}`;
    const memory = /heap out of memory|Allocation failed/i.test(outcome.output) ? ' It ran out of memory: look for a loop that keeps creating rows or arrays.' : '';
    problem = `The process running your code ${how} before the checks finished.${memory}`;
  }
  if (outcome.tampering?.length) problem = `Tampering suspected: ${outcome.tampering.join('; ')}.`;
  const passed = !problem && checks.length > 0 && checks.every((c) => c.state === 'pass' || c.state === 'skip');
  return { lesson: lessonFolder(lesson), passed, checks, problem, ms };
}

export async function runLesson(pool: ChildPool, lesson: LessonEntry, opts: RunOptions = {}, runTimeoutMs = DEFAULTS.runTimeoutMs, signal?: AbortSignal): Promise<Verdict & { output: string; cancelled: boolean }> {
  const start = performance.now();
  const outcome = await pool.run({ checkFile: checkFile(lesson, opts.root ?? projectRoot()), from: opts.from }, signal);
  return { ...toVerdict(lesson, outcome, Math.round(performance.now() - start), runTimeoutMs), output: outcome.output, cancelled: outcome.kind === 'cancelled' };
}
