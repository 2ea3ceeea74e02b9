/**
 * The grade book: one cell per student and lesson, and the rules that turn an engine outcome into
 * a cell. Pure: no processes, no files. The formats (formats/*.ts) only read this.
 */
import { type LessonEntry, lessonFolder } from '../course/lessons.ts';
import type { RunOutcome } from '../engine/pool.ts';
import type { Verdict } from '../engine/verdict.ts';

export type CellStatus = 'passed' | 'failed' | 'timeout' | 'error' | 'missing';

export interface CheckLine {
  name: string;
  state: 'fail' | 'error';
  message: string;
}

export interface Cell {
  status: CellStatus;
  /** Checks that passed, and how many ran (0/0 for missing, or a run that never started). */
  passing: number;
  total: number;
  /** The failing checks (state fail or error), with their messages. */
  failures: CheckLine[];
  /** One line: why the run produced no grade (timeout, error, missing). */
  reason?: string;
  /** The full problem as the engine described it, when there was one. */
  detail?: string;
  /**
   * What the grader saw that a fair run cannot produce (a check that must fail passed, the checks'
   * tools replaced, a forged or missing signature, a link out of the copy). Such a cell is `failed`,
   * whatever the student's own process reported.
   */
  tampering?: string[];
  ms: number;
}

export interface StudentGrades {
  name: string;
  /** The folder as given on the command line. */
  path: string;
  cells: Cell[];
  /** Lessons passed. */
  passed: number;
  /** True when the folder has none of the graded lessons' folders (a wrong path, an empty copy). */
  empty: boolean;
}

export interface LessonColumn {
  id: string;
  folder: string;
  title: string;
}

export interface GradeBook {
  course: string;
  gradedAt: string;
  timeoutSeconds: number;
  memoryMb: number;
  lessons: LessonColumn[];
  students: StudentGrades[];
  /** Students who passed each lesson, in lesson order. */
  lessonTotals: number[];
  ms: number;
}

export const COURSE = 'Sequelize Associations Workbook';

export function lessonColumn(l: LessonEntry): LessonColumn {
  return { id: l.id, folder: lessonFolder(l), title: l.title };
}

/** A run (or a copy's file) that showed signs of tampering: failed, with what was seen. */
export function tamperedCell(seen: string[], from?: Partial<Cell>): Cell {
  // A blanket patch replaces dozens of functions: the first few say enough (the JSON keeps them all).
  const listed = seen.length > 8 ? [...seen.slice(0, 8), `and ${seen.length - 8} more`] : seen;
  const detail = `Tampering suspected: ${listed.join('; ')}. The lesson is graded as failed, whatever the checks reported.`;
  return {
    passing: 0,
    total: from?.total ?? 0,
    ms: from?.ms ?? 0,
    status: 'failed',
    // What the run itself reported comes after, for the teacher to read.
    failures: [{ name: 'tampering suspected', state: 'error', message: detail }, ...(from?.failures ?? [])],
    reason: `tampering suspected: ${seen[0]}`,
    detail,
    tampering: seen,
  };
}

export function missingCell(files: string[]): Cell {
  return { status: 'missing', passing: 0, total: 0, failures: [], reason: `missing ${files.join(', ')}`, ms: 0 };
}

/** The first line of a message, at most `max` characters. */
export function shortLine(text: string, max = 80): string {
  const line = text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/**
 * Grades one run. A load failure (every check errored with the same message, e.g. a syntax error)
 * is an `error`, not "N failing": the student's code never ran, and the reason says why.
 */
export function cellFromRun(outcome: RunOutcome, verdict: Verdict): Cell {
  if (outcome.tampering?.length) {
    const failures = verdict.checks.filter((c) => c.state === 'fail' || c.state === 'error').map((c) => ({ name: c.name, state: c.state as 'fail' | 'error', message: c.message ?? '' }));
    return tamperedCell(outcome.tampering, { total: verdict.checks.length, ms: verdict.ms, failures });
  }
  const checks = verdict.checks;
  const passing = checks.filter((c) => c.state === 'pass').length;
  const failures: CheckLine[] = checks
    .filter((c): c is typeof c & { state: 'fail' | 'error' } => c.state === 'fail' || c.state === 'error')
    .map((c) => ({ name: c.name, state: c.state, message: c.message ?? '' }));
  const base = { passing, total: checks.length, failures, ms: verdict.ms };

  if (outcome.kind === 'timeout') return { ...base, status: 'timeout', reason: 'timeout', detail: verdict.problem };
  if (outcome.kind === 'crashed') {
    const oom = /heap out of memory|Allocation failed/i.test(outcome.output);
    const how = oom ? 'out of memory' : outcome.signal ? `killed (${outcome.signal})` : `exited with code ${outcome.code}`;
    return { ...base, status: 'error', reason: `crashed: ${how}`, detail: verdict.problem };
  }
  if (outcome.kind === 'cancelled') return { ...base, status: 'error', reason: 'cancelled', detail: verdict.problem };
  if (verdict.problem) return { ...base, status: 'error', reason: shortLine(verdict.problem, 160), detail: verdict.problem };
  if (checks.length === 0) return { ...base, status: 'error', reason: 'no checks ran' };
  if (verdict.passed) return { ...base, status: 'passed' };
  const messages = new Set(failures.map((f) => shortLine(f.message, 200)));
  if (passing === 0 && failures.length === checks.length && failures.every((f) => f.state === 'error') && messages.size === 1) {
    return { ...base, status: 'error', reason: shortLine(failures[0].message, 160), detail: failures[0].message };
  }
  return { ...base, status: 'failed' };
}

/** A cell in a few words: `passed`, `3 failing`, `timeout`, `error: <reason>`, `missing`. */
export function cellText(c: Cell, maxReason = 80): string {
  switch (c.status) {
    case 'passed':
      return 'passed';
    case 'failed':
      return c.tampering?.length ? `failed: ${shortLine(c.reason ?? 'tampering suspected', maxReason)}` : `${c.failures.length} failing`;
    case 'timeout':
      return 'timeout';
    case 'missing':
      return 'missing';
    case 'error':
      return `error: ${shortLine(c.reason ?? 'unknown', maxReason)}`;
  }
}

export function buildGradeBook(args: Omit<GradeBook, 'lessonTotals' | 'students' | 'course'> & { students: Array<Omit<StudentGrades, 'passed'>> }): GradeBook {
  const students = args.students.map((s) => ({ ...s, passed: s.cells.filter((c) => c.status === 'passed').length }));
  const lessonTotals = args.lessons.map((_, i) => students.filter((s) => s.cells[i].status === 'passed').length);
  return { course: COURSE, ...args, students, lessonTotals };
}
