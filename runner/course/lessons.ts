/** Finding lessons (by whatever the learner types) and the paths of their folders and files. */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHECK_FILE, lessonFolder, loadCourse, type LessonEntry } from './course-files.ts';
import { UnknownLessonError } from '../errors/unknown-lesson.ts';

export { CHECK_FILE, lessonFolder, UnknownLessonError, type LessonEntry };
export type { MutantNote } from './course-files.ts';

type Course = readonly LessonEntry[];

const MAX_SUGGESTIONS = 3;

// This file is runner/course/lessons.ts, so the project is two folders up wherever it is checked out.
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The folder holding package.json, lessons/ and solutions/. */
export function projectRoot(): string {
  return ROOT;
}

/**
 * The course: lessons/course.json's order, each lesson from its lesson.json. Read once, when first
 * imported; a broken file throws a CourseFileError (the command line prints it, exit 2).
 */
export const lessons: LessonEntry[] = loadCourse(ROOT);

export function lessonDir(l: LessonEntry, root: string = projectRoot()): string {
  return join(root, 'lessons', lessonFolder(l));
}

export function solutionDir(l: LessonEntry, root: string = projectRoot()): string {
  return join(root, 'solutions', lessonFolder(l));
}

/** The file that exports defineModels: a registry's index (lesson 11) or models.ts. */
export const modelsFileOf = (lesson: LessonEntry) => lesson.files.find((f) => f === 'models/index.ts') ?? 'models.ts';

export function checkFile(l: LessonEntry, root: string = projectRoot()): string {
  return join(lessonDir(l, root), CHECK_FILE);
}

/** Absolute paths of the files the learner edits, inside `dir` (a lesson folder or a copy of one). */
export function editablePaths(l: LessonEntry, dir: string = lessonDir(l)): string[] {
  return l.files.map((f) => join(dir, f));
}

/** The lesson's place in the course (matched by id, so copies of an entry work too); -1 if absent. */
export function lessonIndex(l: LessonEntry, course: Course = lessons): number {
  return course.findIndex((x) => x.id === l.id);
}

/** The lesson after `l`; undefined after the last one. */
export function nextLesson(l: LessonEntry, course: Course = lessons): LessonEntry | undefined {
  const i = lessonIndex(l, course);
  return i < 0 ? undefined : course[i + 1];
}

/**
 * Accepts a number ('1', '01'), a slug ('one-to-one'), a folder ('01-one-to-one') or a path to the
 * folder or into it ('lessons/01-one-to-one/', what tab completion gives), in any case.
 */
export function findLesson(query: string, course: Course = lessons): LessonEntry {
  const key = lessonKey(query, course);
  const found = course.find((l) => (/^\d+$/.test(key) ? Number(l.id) === Number(key) : key === l.slug.toLowerCase() || key === lessonFolder(l).toLowerCase()));
  if (found) return found;
  throw new UnknownLessonError(query, suggest(key, course));
}

/** The part of the query that names the lesson: in a path, the lesson folder (later segments are files in it). */
function lessonKey(query: string, course: Course): string {
  const parts = query.trim().toLowerCase().replace(/\\/g, '/').split('/').filter((p) => p && p !== '.');
  const folders = new Set(course.map((l) => lessonFolder(l).toLowerCase()));
  return [...parts].reverse().find((p) => folders.has(p)) ?? parts[parts.length - 1] ?? '';
}

/** Lessons whose slug or folder is a few typos away from `key`, or contains it. */
function suggest(key: string, course: Course): string[] {
  // Numbers one digit apart are not "close" in any useful way: '14' is not a typo of '13'.
  if (key === '' || /^\d+$/.test(key)) return [];
  const limit = Math.max(1, Math.floor(key.length / 3));
  return course
    .map((l, order) => {
      const slug = l.slug.toLowerCase();
      const folder = lessonFolder(l).toLowerCase();
      let score = Math.min(editDistance(key, slug), editDistance(key, folder));
      // The start of a word of the name ('poly', 'cascade') counts as close, behind real typos of the whole name.
      if (key.length >= 3 && (slug.split('-').some((w) => w.startsWith(key)) || key.includes(slug))) score = Math.min(score, limit);
      return { folder: lessonFolder(l), score, order };
    })
    .filter((s) => s.score <= limit)
    .sort((a, b) => a.score - b.score || a.order - b.order)
    .slice(0, MAX_SUGGESTIONS)
    .map((s) => s.folder);
}

/** Levenshtein distance with adjacent transpositions counted as one edit ('ont-to-one'). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
