/**
 * A check saying "no" in the lesson's words. The engine and the runner report it as a failing
 * check (the learner's answer is wrong), not as a crash (the learner's code threw).
 */
export class LessonFailure extends Error {
  readonly isLessonFailure = true;
  constructor(message: string) {
    super(message);
    this.name = 'LessonFailure';
  }
}

/** The learner's code threw while the kit was loading or defining it; reported as an error. */
export class LessonCodeError extends Error {
  constructor(message: string, readonly original?: unknown) {
    super(message);
    this.name = 'LessonCodeError';
  }
}

/** Used by checks: fail with a lesson message unless `problem` is null. */
export function failIf(problem: string | null): void {
  if (problem) throw new LessonFailure(problem);
}
