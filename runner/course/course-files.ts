/**
 * The course as files a teacher edits without TypeScript: lessons/course.json (the order: lesson
 * folder names) and lessons/<id>-<slug>/lesson.json (title, editable files, hints, preload, mutant
 * notes). A lesson's id and slug are its folder's name, so ids stay stable when lessons move.
 * Read and validated at once; anything wrong is a CourseFileError naming the file and the fix.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CourseFileError } from '../errors/usage-error.ts';

/** An edit `npm run mutants` makes, matched by file, rules (all without) and text of the edited line (any without). */
export interface MutantNote {
  file: string;
  rules?: string[];
  match?: string;
  why: string;
}

export interface LessonEntry {
  /** Two digits, the lesson's stable name (progress files key on it); its place is course.json's order. */
  id: string;
  slug: string;
  title: string;
  /** The files the learner edits, relative to the lesson folder. */
  files: string[];
  /** Progressive hints: each press of `h` shows the next; the last is almost the answer. */
  hints: string[];
  /** Slow-to-load modules its checks use: watch mode loads them in the waiting process, before a save. */
  preload?: string[];
  /** Edits `npm run mutants` makes that change nothing the lesson's functions can observe: accepted ones count as equivalent, with `why`. */
  mutantsEquivalent?: MutantNote[];
  /** Edits outside the lesson's task (a file given solved, a line the starter gives): listed as out of scope, never judged. */
  mutantsOutOfScope?: MutantNote[];
}

export const CHECK_FILE = 'checks.test.ts';
export const COURSE_FILE = 'course.json';
export const LESSON_FILE = 'lesson.json';

const FOLDER = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;
const FIELDS = ['title', 'files', 'hints', 'preload', 'mutantsEquivalent', 'mutantsOutOfScope'] as const;
const NOTE_FIELDS = ['file', 'rules', 'match', 'why'];

export function lessonFolder(l: Pick<LessonEntry, 'id' | 'slug'>): string {
  return `${l.id}-${l.slug}`;
}

/** The id and slug a folder name stands for; undefined when it is not `NN-slug` (lower case, digits, dashes). */
export function parseLessonFolder(name: string): { id: string; slug: string } | undefined {
  const m = FOLDER.exec(name);
  return m ? { id: m[1], slug: m[2] } : undefined;
}

function readJson(path: string, shown: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new CourseFileError(`${shown} cannot be read: make it a readable file.`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CourseFileError(`${shown} is not valid JSON (${(e as Error).message.replace(/\s+/g, " ")}): fix its syntax (double quotes, no trailing commas, no comments).`);
  }
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The ordered lesson folder names of lessons/course.json. */
export function readCourseOrder(root: string): string[] {
  const shown = `lessons/${COURSE_FILE}`;
  const path = join(root, 'lessons', COURSE_FILE);
  if (!existsSync(path)) throw new CourseFileError(`${shown} is missing: write { "lessons": ["00-warm-up", ...] }, the lesson folders in course order.`);
  const json = readJson(path, shown);
  if (!isObject(json) || !isStringArray(json.lessons)) throw new CourseFileError(`${shown} must be { "lessons": [...] }, a list of lesson folder names in course order: fix its shape.`);
  const extra = Object.keys(json).filter((k) => k !== 'lessons');
  if (extra.length) throw new CourseFileError(`${shown} has an unknown field "${extra[0]}": its only field is "lessons".`);
  const ids = new Map<string, string>();
  for (const name of json.lessons) {
    const parsed = parseLessonFolder(name);
    if (!parsed) throw new CourseFileError(`${shown}: "${name}" is not a lesson folder name: write two digits, a dash and a lower-case slug, e.g. "16-clinic-appointments".`);
    const twin = ids.get(parsed.id);
    if (twin === name) throw new CourseFileError(`${shown} lists "${name}" twice: keep one.`);
    if (twin) throw new CourseFileError(`${shown} lists "${twin}" and "${name}", two lessons with id ${parsed.id}: rename one folder to a free number.`);
    ids.set(parsed.id, name);
    const dir = join(root, 'lessons', name);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CourseFileError(`${shown} lists "${name}" but lessons/${name}/ does not exist: create it (npm run workbook -- new <slug>) or remove it from the list.`);
  }
  return json.lessons;
}

function notes(value: unknown, field: string, files: string[], shown: string): MutantNote[] {
  if (!Array.isArray(value)) throw new CourseFileError(`${shown}: "${field}" must be a list of { "file", "rules"?, "match"?, "why" }: fix its shape.`);
  return value.map((n, i) => {
    const at = `${shown}: ${field}[${i}]`;
    if (!isObject(n)) throw new CourseFileError(`${at} must be an object { "file", "rules"?, "match"?, "why" }.`);
    const extra = Object.keys(n).filter((k) => !NOTE_FIELDS.includes(k));
    if (extra.length) throw new CourseFileError(`${at} has an unknown field "${extra[0]}": the fields are ${NOTE_FIELDS.join(', ')}.`);
    if (typeof n.file !== 'string' || !files.includes(n.file)) throw new CourseFileError(`${at}: "file" must be one of the lesson's files (${files.join(', ')}).`);
    if (n.rules !== undefined && !isStringArray(n.rules)) throw new CourseFileError(`${at}: "rules" must be a list of rule names (npm run mutants -- --rules).`);
    if (n.match !== undefined && typeof n.match !== 'string') throw new CourseFileError(`${at}: "match" must be text of the edited line.`);
    if (typeof n.why !== 'string' || !n.why.trim()) throw new CourseFileError(`${at}: "why" must say why the edit is equivalent or out of scope.`);
    return { file: n.file, ...(n.rules ? { rules: n.rules } : {}), ...(n.match !== undefined ? { match: n.match } : {}), why: n.why };
  });
}

/** lessons/<folder>/lesson.json, validated. */
export function readLessonFile(root: string, folder: string): LessonEntry {
  const parsed = parseLessonFolder(folder);
  if (!parsed) throw new CourseFileError(`lessons/${folder}: not a lesson folder name: rename it to two digits, a dash and a lower-case slug.`);
  const shown = `lessons/${folder}/${LESSON_FILE}`;
  const path = join(root, 'lessons', folder, LESSON_FILE);
  if (!existsSync(path)) throw new CourseFileError(`${shown} is missing: write { "title": "...", "files": ["models.ts"], "hints": ["..."] }.`);
  const json = readJson(path, shown);
  if (!isObject(json)) throw new CourseFileError(`${shown} must be an object { "title", "files", "hints", ... }: fix its shape.`);
  const extra = Object.keys(json).filter((k) => !(FIELDS as readonly string[]).includes(k));
  if (extra.length) throw new CourseFileError(`${shown} has an unknown field "${extra[0]}": the fields are ${FIELDS.join(', ')}.`);
  if (typeof json.title !== 'string' || !json.title.trim()) throw new CourseFileError(`${shown}: "title" must be the lesson's title, a non-empty string.`);
  if (!isStringArray(json.files) || json.files.length === 0) throw new CourseFileError(`${shown}: "files" must list the files the learner edits, e.g. ["models.ts"].`);
  for (const f of json.files) {
    if (!f || f.startsWith('/') || f.split(/[\\/]/).some((p) => p === '..' || p === '.' || p === '') || f.startsWith('.starter')) {
      throw new CourseFileError(`${shown}: "${f}" in "files" must be a path inside the lesson folder, such as "models.ts" or "models/user.ts".`);
    }
    if ([CHECK_FILE, LESSON_FILE, 'README.md'].includes(f)) throw new CourseFileError(`${shown}: "${f}" in "files" is the lesson's own file, not one the learner edits: remove it.`);
  }
  if (new Set(json.files).size !== json.files.length) throw new CourseFileError(`${shown}: "files" lists a file twice: keep one.`);
  if (!isStringArray(json.hints)) throw new CourseFileError(`${shown}: "hints" must be a list of strings, the smallest hint first.`);
  if (json.preload !== undefined && !isStringArray(json.preload)) throw new CourseFileError(`${shown}: "preload" must be a list of module names, e.g. ["typescript"].`);
  const entry: LessonEntry = { ...parsed, title: json.title, files: json.files, hints: json.hints };
  if (json.preload) entry.preload = json.preload as string[];
  if (json.mutantsEquivalent !== undefined) entry.mutantsEquivalent = notes(json.mutantsEquivalent, 'mutantsEquivalent', json.files, shown);
  if (json.mutantsOutOfScope !== undefined) entry.mutantsOutOfScope = notes(json.mutantsOutOfScope, 'mutantsOutOfScope', json.files, shown);
  return entry;
}

/** The course in order: every lesson course.json lists, read from its lesson.json. */
export function loadCourse(root: string): LessonEntry[] {
  return readCourseOrder(root).map((folder) => readLessonFile(root, folder));
}
