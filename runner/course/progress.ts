/**
 * The learner's progress: <projectRoot>/.workbook/progress.json. It is a convenience (the lesson files
 * are the real work), so a damaged file never stops the runner: it is set aside and replaced by a fresh
 * one, and `verify --all` rebuilds it from the lesson files.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { lessons as theCourse, lessonFolder, type LessonEntry } from './lessons.ts';

export const PROGRESS_VERSION = 1;

export interface LessonProgress {
  passed: boolean;
  /** ISO time of the last run that passed. Kept when a later run fails. */
  passedAt?: string;
  checksPassing: number;
  checksTotal: number;
  lastRunAt?: string;
  hintsShown: number;
}

export interface ProgressState {
  version: typeof PROGRESS_VERSION;
  /** The lesson id watch mode opens. */
  current: string;
  lessons: Record<string, LessonProgress>;
}

export interface LoadResult {
  state: ProgressState;
  /** Set when the file was damaged and set aside: one line to show the learner. */
  recovered?: string;
}

type Course = readonly LessonEntry[];

export function progressFile(projectRoot: string): string {
  return join(projectRoot, '.workbook', 'progress.json');
}

export function defaultState(course: Course = theCourse): ProgressState {
  return { version: PROGRESS_VERSION, current: course[0]?.id ?? '', lessons: {} };
}

/** The first lesson of the course not yet passed; undefined once every lesson has passed. */
export function firstPendingLesson(state: ProgressState, course: Course = theCourse): LessonEntry | undefined {
  return course.find((l) => !state.lessons[l.id]?.passed);
}

/**
 * Records one run of a lesson's checks. `passed` follows the latest run, so the file always says what
 * the lesson files do now; `passedAt` remembers when it last passed.
 */
export function markResult(state: ProgressState, lessonId: string, result: { passing: number; total: number; passed: boolean }, now: Date = new Date()): LessonProgress {
  const p = (state.lessons[lessonId] ??= { passed: false, checksPassing: 0, checksTotal: 0, hintsShown: 0 });
  const at = now.toISOString();
  p.checksPassing = result.passing;
  p.checksTotal = result.total;
  p.lastRunAt = at;
  p.passed = result.passed;
  if (result.passed) p.passedAt = at;
  return p;
}

/** A reset put the starter back: the lesson is not passed any more (its hints stay shown). */
export function markReset(state: ProgressState, lessonId: string): void {
  const p = state.lessons[lessonId];
  if (!p) return;
  p.passed = false;
  p.checksPassing = 0;
}

/** Thrown inside load() only, to carry the reason a file was rejected. */
class BadFile extends Error {}

export class ProgressStore {
  readonly projectRoot: string;
  readonly file: string;
  /** The lessons to keep progress for; tests pass their own. */
  private readonly course: Course;

  constructor(projectRoot: string, course: Course = theCourse) {
    this.projectRoot = projectRoot;
    this.file = progressFile(projectRoot);
    this.course = course;
  }

  load(): LoadResult {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (e) {
      // No file yet is the normal first run, not something to warn about.
      if (errorCode(e) === 'ENOENT') return { state: defaultState(this.course) };
      return this.recover(`progress file could not be read (${errorCode(e) ?? String(e)})`);
    }
    try {
      return { state: this.parse(text) };
    } catch (e) {
      if (e instanceof BadFile) return this.recover(e.message);
      throw e;
    }
  }

  /** Writes to a temporary file in the same folder, then renames it over the old one: a crash mid-write leaves the old file whole. */
  save(state: ProgressState): void {
    const dir = join(this.projectRoot, '.workbook');
    mkdirSync(dir, { recursive: true });
    // Ends in .tmp so .gitignore keeps a leftover out of commits.
    const tmp = join(dir, `.progress.json.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
    try {
      const fd = openSync(tmp, 'w');
      try {
        writeSync(fd, JSON.stringify(state, null, 2) + '\n');
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameWithRetry(tmp, this.file);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
  }

  update(fn: (s: ProgressState) => void): ProgressState {
    const { state } = this.load();
    fn(state);
    this.save(state);
    return state;
  }

  private parse(text: string): ProgressState {
    if (text.trim() === '') throw new BadFile('progress file was empty');
    let raw: unknown;
    try {
      // A byte-order mark (some Windows editors add one) is not JSON but loses nothing.
      raw = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch {
      throw new BadFile('progress file was not valid JSON');
    }
    if (!isRecord(raw)) throw new BadFile('progress file did not hold a JSON object');
    const version = raw.version;
    // The first format: just the ids of the finished lessons.
    if ((version === undefined || version === 0) && Array.isArray(raw.done)) return this.migrateLegacy(raw.done, raw.current);
    if (typeof version === 'number' && version > PROGRESS_VERSION) throw new BadFile(`progress file was written by a newer version of the workbook (format ${version}, this one reads ${PROGRESS_VERSION})`);
    if (typeof version === 'number' && version < PROGRESS_VERSION) throw new BadFile(`progress file is in an older format this version cannot read (format ${version})`);
    if (version !== PROGRESS_VERSION) throw new BadFile(`progress file did not have the expected shape (its "version" is ${JSON.stringify(version ?? null)})`);
    if (!isRecord(raw.lessons)) throw new BadFile('progress file did not have the expected shape (no "lessons" object)');

    const state = defaultState(this.course);
    for (const l of this.course) {
      const entry = raw.lessons[l.id];
      // Ids the course no longer has are dropped here, simply by not being copied.
      if (isRecord(entry)) state.lessons[l.id] = lessonProgress(entry);
    }
    state.current = this.validCurrent(raw.current, state);
    return state;
  }

  private migrateLegacy(done: unknown[], current: unknown): ProgressState {
    const state = defaultState(this.course);
    for (const item of done) {
      const key = String(item).trim().toLowerCase();
      const l = this.course.find((x) => (/^\d+$/.test(key) ? Number(x.id) === Number(key) : lessonFolder(x) === key));
      if (l) state.lessons[l.id] = { passed: true, checksPassing: 0, checksTotal: 0, hintsShown: 0 };
    }
    state.current = this.validCurrent(current, state);
    return state;
  }

  /** A `current` the course does not know falls back to where the learner actually is. */
  private validCurrent(current: unknown, state: ProgressState): string {
    if (typeof current === 'string' && this.course.some((l) => l.id === current)) return current;
    return (firstPendingLesson(state, this.course) ?? this.course[this.course.length - 1])?.id ?? '';
  }

  /** Sets the bad file aside (nothing is deleted) and starts fresh. */
  private recover(problem: string): LoadResult {
    const kept = this.setAside();
    const where = kept ? `the old file is kept as .workbook/${kept}` : 'the old file could not be moved aside';
    return {
      state: defaultState(this.course),
      recovered: `${problem}; starting fresh (your lesson files are untouched; ${where}); run \`npm run workbook -- verify --all\` to rebuild it`,
    };
  }

  private setAside(): string | undefined {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    for (let n = 0; n < 100; n++) {
      const name = `progress.json.corrupt-${stamp}${n ? `-${n}` : ''}`;
      const target = join(this.projectRoot, '.workbook', name);
      if (existsSync(target)) continue;
      try {
        renameSync(this.file, target);
        return name;
      } catch {
        return undefined;
      }
    }
    return undefined;
  }
}

/** Keeps what is usable in one lesson's entry; a bad field gets its default rather than costing the whole file. */
function lessonProgress(entry: Record<string, unknown>): LessonProgress {
  const count = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0);
  const time = (v: unknown) => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? v : undefined);
  const checksTotal = count(entry.checksTotal);
  const p: LessonProgress = {
    passed: entry.passed === true,
    checksPassing: Math.min(count(entry.checksPassing), checksTotal),
    checksTotal,
    hintsShown: count(entry.hintsShown),
  };
  const passedAt = time(entry.passedAt);
  const lastRunAt = time(entry.lastRunAt);
  if (passedAt) p.passedAt = passedAt;
  if (lastRunAt) p.lastRunAt = lastRunAt;
  return p;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function errorCode(e: unknown): string | undefined {
  return isRecord(e) && typeof e.code === 'string' ? e.code : undefined;
}

/** On Windows a virus scanner or an editor can hold the target open for a moment; try a few times. */
function renameWithRetry(from: string, to: string): void {
  for (let attempt = 0; ; attempt++) {
    try {
      renameSync(from, to);
      return;
    } catch (e) {
      const code = errorCode(e);
      if (attempt >= 4 || (code !== 'EPERM' && code !== 'EACCES' && code !== 'EBUSY')) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25 * (attempt + 1));
    }
  }
}
