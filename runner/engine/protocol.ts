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
  /** The check file was run before in this process, for another copy (PoolOptions.acrossCopies): load it anew under URL suffix ?copy=<again>. */
  again?: number;
  /**
   * A secret for this job, echoed in its 'check' and 'done' messages: learner code runs in the same
   * process and could otherwise post a 'done' with passing checks (process.send) and be graded on it.
   */
  token: string;
  /** Untrusted code (grading): checks that must fail, slipped among the lesson's (canaries.ts). */
  canaries?: CanarySpec;
}

export interface CanarySpec {
  /** Names the parent chose at random: only it knows which results are canaries. */
  names: [string, string];
  /** Where each goes among the lesson's top-level checks, as a fraction of their number. */
  at: [number, number];
  /** Two different numbers the canaries' assertions compare. */
  values: [number, number];
}

/**
 * Sent once, right after the process starts and before any learner code can load: the key the
 * process signs its results with (an HMAC over each message), so that code that rewrites what goes
 * over the channel (patching the IPC pipe) is caught by the parent.
 */
export interface KeyMessage {
  type: 'key';
  key: string;
}

/** `sig`: HMAC-SHA256 (hex) of the message without it, JSON-encoded, with the process's key. */
export type ChildMessage =
  | { type: 'ready' }
  /** The check file's checks, before any runs: a run stopped part-way still knows its total. */
  | { type: 'collected'; token: string; names: string[]; sig?: string }
  | { type: 'check'; token: string; result: CheckResult; sig?: string }
  /** `tampering`: what integrity.ts saw replaced in this process since before learner code loaded. */
  | { type: 'done'; token: string; checks: CheckResult[]; problem?: string; tampering?: string[]; sig?: string };
