/** What one run of a lesson's checks found. Shared by the engine, the CLI, watch mode and grading. */
export type CheckState = 'pass' | 'fail' | 'error' | 'skip';

export interface CheckResult {
  /** "describe > it" path of the check, as written in the lesson's check file. */
  name: string;
  state: CheckState;
  /** For a failing check: what is wrong and how to fix it, in the lesson's words. */
  message?: string;
}

export interface Verdict {
  lesson: string;
  passed: boolean;
  checks: CheckResult[];
  /**
   * A problem that stopped the checks from running at all (syntax error, an exception while
   * loading, a hang). When set, `checks` may be empty and `passed` is false.
   */
  problem?: string;
  ms: number;
}

export function summarize(checks: CheckResult[]): { passing: number; total: number } {
  return { passing: checks.filter((c) => c.state === 'pass').length, total: checks.length };
}
