/**
 * Turns `grade`'s arguments (folders or globs such as `submissions/*`) into the students' copies to
 * grade. A copy is a clone of the whole repository (its files are in <copy>/lessons/) or of its
 * lessons/ folder. Globs are expanded here because a quoted glob, or one on Windows, reaches us
 * unexpanded: `*` and `?` match within one path segment, in any segment.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { UsageError } from '../errors/usage-error.ts';

export interface Copy {
  /** The student's name: the copy folder's basename (its parent's when the folder is a bare lessons/). */
  name: string;
  /** The folder as the teacher named it (after glob expansion). */
  path: string;
  /** The same, absolute. */
  dir: string;
  /** Where its lesson folders live (<copy>/lessons or the copy itself). */
  lessonsDir: string;
}

const GLOB = /[*?]/;

/** The folders a pattern matches, sorted; a pattern without * or ? is returned as is. */
export function expandGlob(pattern: string, cwd = process.cwd()): string[] {
  if (!GLOB.test(pattern)) return [pattern];
  const segments = pattern.split(/[\\/]+/);
  const absolute = isAbsolute(pattern);
  // Walk from the literal prefix, one segment at a time.
  let bases: string[] = [absolute ? (segments[0] === '' ? sep : segments[0] + sep) : ''];
  for (const [i, seg] of segments.entries()) {
    if (i === 0 && absolute) continue;
    if (seg === '' || seg === '.') continue;
    const next: string[] = [];
    for (const base of bases) {
      if (!GLOB.test(seg)) {
        next.push(base ? join(base, seg) : seg);
        continue;
      }
      const dir = resolve(cwd, base || '.');
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        continue;
      }
      const re = segmentRegExp(seg);
      // Like a shell: * does not match hidden folders unless the pattern starts with a dot.
      for (const n of names.sort()) if (re.test(n) && (seg.startsWith('.') || !n.startsWith('.'))) next.push(base ? join(base, n) : n);
    }
    bases = next;
  }
  return bases.filter((p) => isDir(resolve(cwd, p)));
}

function segmentRegExp(seg: string): RegExp {
  const body = seg.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/\\\\]*').replace(/\?/g, '[^/\\\\]');
  return new RegExp(`^${body}$`);
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Where a copy's lesson folders are: <dir>/lessons for a repository copy, else the folder itself. */
export function lessonsDirOf(dir: string): string {
  const nested = join(dir, 'lessons');
  return isDir(nested) ? nested : dir;
}

/** Does the folder look like a copy of the workbook (has any of these lesson folders)? */
export function looksLikeCopy(copy: Copy, lessonFolders: string[]): boolean {
  return lessonFolders.some((f) => isDir(join(copy.lessonsDir, f)));
}

/**
 * Every copy the arguments name, in argument order (a glob's matches sorted), each once.
 * Throws UsageError for no arguments, a folder that does not exist, or a glob that matches nothing.
 */
export function expandCopies(args: string[], cwd = process.cwd()): Copy[] {
  if (args.length === 0) throw new UsageError('grade needs at least one student copy (a folder, or a glob such as "submissions/*").');
  const seen = new Set<string>();
  const copies: Copy[] = [];
  for (const arg of args) {
    const matches = expandGlob(arg, cwd);
    if (GLOB.test(arg) && matches.length === 0) throw new UsageError(`${arg}: matches no folder.`);
    for (const m of matches) {
      const abs = resolve(cwd, m);
      if (!existsSync(abs)) throw new UsageError(`${arg}: no such folder.`);
      if (!isDir(abs)) throw new UsageError(`${arg}: not a folder (give the folder of a student's copy of the repository).`);
      // The same copy twice (also as <copy> and <copy>/lessons) is graded once.
      const lessonsDir = lessonsDirOf(abs);
      if (seen.has(lessonsDir)) continue;
      seen.add(lessonsDir);
      copies.push({ name: studentName(abs), path: m, dir: abs, lessonsDir });
    }
  }
  return disambiguate(copies);
}

function studentName(abs: string): string {
  const base = basename(abs);
  return base === 'lessons' ? basename(dirname(abs)) : base;
}

/** Two copies with the same basename (class-a/sam, class-b/sam) are told apart by their parent. */
function disambiguate(copies: Copy[]): Copy[] {
  const count = new Map<string, number>();
  for (const c of copies) count.set(c.name, (count.get(c.name) ?? 0) + 1);
  return copies.map((c) => {
    if (count.get(c.name) === 1) return c;
    const abs = c.dir;
    const parent = basename(dirname(basename(abs) === 'lessons' ? dirname(abs) : abs));
    return { ...c, name: `${parent}/${c.name}` };
  });
}

/** For a folder given as one copy that holds none: does it hold copies (a class folder given without /*)? */
export function holdsCopies(dir: string, lessonFolders: string[]): boolean {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return false;
  }
  return names.some((n) => {
    const sub = join(dir, n);
    return isDir(sub) && lessonFolders.some((f) => isDir(join(lessonsDirOf(sub), f)));
  });
}
