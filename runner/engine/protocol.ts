/** Messages between the engine (parent) and a check-running child process. */
import type { CheckResult } from './verdict.ts';

export interface RunJob {
  type: 'run';
  /** Absolute path of the lesson's checks.test.ts. */
  checkFile: string;
  /** WORKBOOK_FROM for this run: where the editable files are; undefined = next to the check file. */
  from?: string;
  /** Per-check time limit. */
  checkTimeoutMs: number;
  /** Wait for another job afterwards (a course run) instead of exiting. */
  keepAlive?: boolean;
  /**
   * A secret for this job, echoed in its 'check' and 'done' messages: learner code runs in the same
   * process and could otherwise post a 'done' with passing checks (process.send) and be graded on it.
   */
  token: string;
}

export type ChildMessage =
  | { type: 'ready' }
  /** The check file's checks, before any runs: a run stopped part-way still knows its total. */
  | { type: 'collected'; token: string; names: string[] }
  | { type: 'check'; token: string; result: CheckResult }
  | { type: 'done'; token: string; checks: CheckResult[]; problem?: string };
