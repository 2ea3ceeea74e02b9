/**
 * How grading keeps each student's code in its own box (runner/engine/sandbox.ts where the platform
 * has one): what the sandbox shows of the workbook, and each student's files copied into a scratch
 * folder before anything loads them. Only regular files (or links to files inside the copy) are
 * copied: a link pointing outside the copy is refused, so it cannot show a teacher's file.
 */
import { copyFileSync, existsSync, lstatSync, mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { dirname, join, sep } from 'node:path';
import { CHECK_FILE, lessonFolder, lessons, type LessonEntry, checkFile } from '../course/lessons.ts';
import { COURSE_FILE, LESSON_FILE } from '../course/course-files.ts';
import { serverFromEnv } from '../kit/db/server-config.ts';
import { databaseChoice } from '../kit/db/choice.ts';
import { TASK_SHAPES_FILE } from '../kit/task-shapes.ts';
import { loaderArgs, type Isolated } from '../engine/pool.ts';
import { closedToSandbox, fillScratch, removeScratch, SandboxSetupError, sandboxed, scratchBase, scratchFolder } from '../engine/sandbox.ts';
import type { Copy } from './expand-copies.ts';

/** A lesson file of a copy that is a link to something outside the copy: why it is not graded. */
export function linkOutside(copy: Copy, lesson: LessonEntry): string | undefined {
  const dir = join(copy.lessonsDir, lessonFolder(lesson));
  for (const f of lesson.files) {
    const path = join(dir, f);
    let target: string;
    try {
      if (!lstatSync(path).isSymbolicLink() && realpathSync(dirname(path)) === dirname(realpathSync(path))) continue;
      target = realpathSync(path);
    } catch {
      continue; // a dangling link: loading it fails as a missing file would
    }
    const inside = realpathSync(copy.dir);
    if (target !== inside && !target.startsWith(inside + sep)) return `${f} is a link to ${target}, outside the copy`;
  }
  return undefined;
}

/** The copy's package.json "type", as a package.json of its own for the scratch folder (or nothing). */
function moduleType(dir: string): Array<[string, string]> {
  try {
    const type = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { type?: unknown }).type;
    if (type !== 'module') return [];
  } catch {
    return [];
  }
  return [[join(dirname(fileURLToPath(import.meta.url)), 'module-package.json'), 'package.json']];
}

export interface Isolation {
  /** Fills the run's read-only compile cache (see warm-transforms.ts); call before the first isolate. */
  warm(): Promise<void>;
  /** For ChildPool's `isolate`. */
  isolate: (from: string | undefined, node: string[], env: Record<string, string>) => Isolated;
  close(): void;
}

/**
 * Sandboxes for grading `copies` (the lessons in `chosen` are the only files copied).
 * What the sandbox shows of the workbook: its code (runner/, node_modules/, package.json,
 * tsconfig.json) and, of lessons/, only course.json, task-shapes.json and each lesson's lesson.json and check file (a teacher's own lessons/
 * may hold their solved files); never solutions/ or .git.
 */
export function gradingIsolation(root: string, copies: Copy[], chosen: LessonEntry[], memoryMb: number): Isolation {
  const base = scratchBase();
  const shown = join(base, 'lessons');
  mkdirSync(shown);
  // The course's own files: every runner module reads the course from them (course-files.ts).
  copyFileSync(join(root, 'lessons', COURSE_FILE), join(shown, COURSE_FILE));
  // What each task calls for, for the task-schema guard (solutions/ is never shown): shapes, no code.
  if (existsSync(join(root, 'lessons', TASK_SHAPES_FILE))) copyFileSync(join(root, 'lessons', TASK_SHAPES_FILE), join(shown, TASK_SHAPES_FILE));
  for (const l of lessons) {
    mkdirSync(join(shown, lessonFolder(l)));
    copyFileSync(checkFile(l, root), join(shown, lessonFolder(l), CHECK_FILE));
    copyFileSync(join(root, 'lessons', lessonFolder(l), LESSON_FILE), join(shown, lessonFolder(l), LESSON_FILE));
  }
  // Node loads a package by its real path: a node_modules that is a link (an install shared between
  // copies of the workbook, pnpm's layout) must also be shown where it points, or nothing loads.
  const readOnly = [...new Set(['runner', 'node_modules', 'package.json', 'tsconfig.json'].flatMap((p) => [join(root, p), realOrSame(join(root, p))]))];
  const node = dirname(dirname(process.execPath));
  if (!['/usr', '/usr/local', '/'].includes(node)) readOnly.push(node);
  // The embedded PostgreSQL's socket folder; a server over TCP needs the network (see docs/teachers.md).
  const choice = databaseChoice();
  const server = choice.dialect === 'postgres' ? serverFromEnv() : undefined;
  if (server?.host.startsWith('/')) readOnly.push(server.host);
  const closed = closedToSandbox([...readOnly, shown]);
  if (closed) {
    removeScratch(base);
    throw new SandboxSetupError(
      `Grading runs students' code in a sandbox as the user nobody (grade runs as root here), and nobody cannot enter ${closed}. ` +
        `Put the workbook in a folder others can read (such as /srv or /opt), or let others through it (chmod o+x on each closed folder, o+r on files), or run grade as a normal user. ` +
        `WORKBOOK_SANDBOX=0 grades without the sandbox: only for code you trust.`,
    );
  }
  const network = choice.dialect === 'postgres' && !server?.host.startsWith('/');
  const byDir = new Map(copies.map((c) => [c.lessonsDir, c]));
  // tsx keeps its cache in $TMPDIR/tsx-<euid>; inside the sandbox the user is 0 and TMPDIR is /tmp.
  const warmTmp = join(base, 'transforms');
  const euid = process.geteuid?.() ?? 0;
  mkdirSync(join(warmTmp, `tsx-${euid}`), { recursive: true });
  const overlays: Array<[string, string]> = [
    [shown, join(root, 'lessons')],
    [join(warmTmp, `tsx-${euid}`), '/tmp/tsx-0'],
  ];

  return {
    async warm() {
      const checks = chosen.map((l) => checkFile(l, root));
      await new Promise<void>((resolve) => {
        // The check processes' heap limit too: V8's code cache (compile-cache.ts, read-only in the
        // sandbox) is kept per set of V8 flags, and this fills theirs.
        const child = spawn(process.execPath, [`--max-old-space-size=${memoryMb}`, ...loaderArgs, fileURLToPath(new URL('../engine/warm-transforms.ts', import.meta.url)), ...checks], {
          cwd: root,
          stdio: 'ignore',
          env: { ...process.env, TMPDIR: warmTmp, NODE_NO_WARNINGS: '1', NODE_PATH: join(root, 'node_modules') },
        });
        // Only a speed-up: whatever happens, grading goes on (with a cold cache at worst).
        child.on('exit', () => resolve());
        child.on('error', () => resolve());
      });
    },
    isolate(from, nodeCommand) {
      const copy = from === undefined ? undefined : byDir.get(from);
      const scratch = scratchFolder(base);
      const files: Array<[string, string]> = [];
      if (copy) {
        for (const l of chosen) {
          if (linkOutside(copy, l)) continue;
          for (const f of l.files) {
            const src = join(copy.lessonsDir, lessonFolder(l), f);
            try {
              if (lstatSync(src).isFile() || lstatSync(src).isSymbolicLink()) files.push([realpathSync(src), join('lessons', lessonFolder(l), f)]);
            } catch {
              // missing: graded as missing before any process starts
            }
          }
        }
      }
      // A repository copy's files are ES modules when its package.json says so (only "type" is read).
      if (copy && copy.lessonsDir !== copy.dir) files.push(...moduleType(copy.dir));
      fillScratch(scratch, files);
      // The workbook's own lessons/ is replaced by `shown`: bound over it, at the same path.
      const spec = sandboxed(nodeCommand, { readOnly, scratch, cwd: root, limits: { memoryMb, network }, overlays });
      return { spec, from: copy ? join(scratch, 'lessons') : from, cleanup: () => removeScratch(scratch) };
    },
    close: () => removeScratch(base),
  };
}

function realOrSame(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
