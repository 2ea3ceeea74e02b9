/** The one message a learner reads for a failed or crashed check. */
import { explainError } from '../kit/diagnose/errors.ts';

export function describeFailure(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const kind = e.constructor?.name ?? e.name;
  // Kit failures and assertion messages are already written for the learner.
  if (kind === 'LessonFailure' || kind === 'JestExtendError') return e.message + where(e);
  // The kit caught the learner's error and said where it came from; the line is in the original's stack.
  if (kind === 'LessonCodeError') {
    const original = (e as Error & { original?: unknown }).original;
    return e.message + where(original instanceof Error ? original : e);
  }
  if (kind === 'AssertionError') return splitAssertion(e.message) + where(e);
  return explainError(e) + where(e);
}

/** "(at models.ts:12)" when the error came from a line of the learner's lesson files. */
function where(e: Error): string {
  const frame = e.stack?.split('\n').find((l) => /(lessons|solutions)\/\d\d-[^/]+\/(?!checks\.test\.ts)[^:]+:\d+/.test(l) || (process.env.WORKBOOK_FROM && l.includes(process.env.WORKBOOK_FROM)));
  const m = frame?.match(/([^/\\(]+\/[^/\\(]+):(\d+):\d+\)?$/);
  return m && !m[1].endsWith('checks.test.ts') && !m[1].includes('runner/') ? `\n    (at ${m[1]}:${m[2]})` : '';
}

/**
 * expect(value, 'what is wrong and what to change') fails with "<that sentence>: expected [...] to ...".
 * The sentence is for the learner; the comparison goes on its own line, as evidence.
 */
function splitAssertion(message: string): string {
  const m = message.match(/^([\s\S]*?[.!?)'"])\s*: (expected [\s\S]*)$/);
  return m ? `${m[1]}\n    (the check saw: ${m[2]})` : message;
}
