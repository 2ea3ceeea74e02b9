/**
 * GitHub Classroom's autograding config (.github/classroom/autograding.json), generated from the
 * course (lessons/course.json): one test per lesson, each running `verify <id>` (exit 0 = every check passes) for
 * `points` points. The committed file is checked against this generator by tests/classroom.test.ts.
 */
import type { LessonEntry } from '../course/lessons.ts';

export const AUTOGRADING_PATH = '.github/classroom/autograding.json';

export interface AutogradingTest {
  name: string;
  setup: string;
  run: string;
  input: string;
  output: string;
  comparison: 'included' | 'exact' | 'regex';
  /** Minutes, for setup and run together (GitHub Classroom's unit). */
  timeout: number;
  points: number;
}

export interface AutogradingOptions {
  /** Points per lesson. */
  points?: number;
  /** Minutes per test; `npm ci` is most of it. */
  timeoutMinutes?: number;
}

export const AUTOGRADING_DEFAULTS = { points: 10, timeoutMinutes: 10 };

export function autogradingConfig(lessons: LessonEntry[], opts: AutogradingOptions = {}): { tests: AutogradingTest[] } {
  const { points, timeoutMinutes } = { ...AUTOGRADING_DEFAULTS, ...opts };
  return {
    tests: lessons.map((l) => ({
      name: `${l.id} ${l.title}`,
      setup: 'npm ci',
      run: `npm run workbook -- verify ${l.id}`,
      input: '',
      output: '',
      comparison: 'included',
      timeout: timeoutMinutes,
      points,
    })),
  };
}

/** The file's exact text: two-space JSON and a final newline. */
export function autogradingJson(lessons: LessonEntry[], opts: AutogradingOptions = {}): string {
  return JSON.stringify(autogradingConfig(lessons, opts), null, 2) + '\n';
}
