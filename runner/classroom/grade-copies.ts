/**
 * Runs this project's checks (never a student's checks.test.ts) against every student's copy, for
 * every chosen lesson, on one pool of child processes. Student code is untrusted: each run has a time
 * limit (the pool's watchdog kills a hang) and a V8 heap limit, and one copy's crash, hang or syntax
 * error becomes that cell's grade without stopping the others.
 */
import { settleScratch } from '../kit/db/prepare.ts';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { delimiter, join } from 'node:path';
import { lessonFolder, type LessonEntry, checkFile, projectRoot } from '../course/lessons.ts';
import { ChildPool } from '../engine/pool.ts';
import { toVerdict } from '../engine/run-lesson.ts';
import type { Copy } from './expand-copies.ts';
import { looksLikeCopy } from './expand-copies.ts';
import { buildGradeBook, cellFromRun, lessonColumn, missingCell, tamperedCell, type Cell, type GradeBook } from './grades.ts';
import { gradingIsolation, linkOutside, type Isolation } from './isolation.ts';
import { sandboxSupport } from '../engine/sandbox.ts';

export interface GradeOptions {
  /** Whole-run limit per student and lesson. */
  timeoutMs: number;
  /** V8 heap limit per run. */
  memoryMb: number;
  /** Runs at a time (default: the machine's cores). */
  parallel?: number;
  /** Told once, before grading, what protection this platform lacks. */
  warn?: (line: string) => void;
  /** Called after each cell, for progress. */
  onCell?: (copy: Copy, lesson: LessonEntry, cell: Cell, done: number, total: number) => void;
}

export const GRADE_DEFAULTS = { timeoutMs: 20_000, memoryMb: 256 };

/** The lesson's editable files this copy lacks (none: it can be run). */
export function missingFiles(copy: Copy, lesson: LessonEntry): string[] {
  const dir = join(copy.lessonsDir, lessonFolder(lesson));
  return lesson.files.filter((f) => !existsSync(join(dir, f)));
}

/**
 * A run whose messages name the teacher's solutions/ (or .git) tried to load them: in a sandbox they
 * are not there, so it failed, but the attempt itself is what the teacher should hear about.
 */
function reachedForbidden(cell: Cell, root: string): string | undefined {
  const text = [cell.detail ?? '', ...cell.failures.map((f) => f.message)].join('\n');
  const escape = (p: string) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = text.match(new RegExp(`(?:${[join(root, 'solutions'), join(root, '.git')].map(escape).join('|')})[^\\s'"]*`));
  return m ? `tried to load ${m[0]}, a teacher's file` : undefined;
}

export async function gradeCopies(copies: Copy[], chosen: LessonEntry[], opts: GradeOptions): Promise<GradeBook> {
  const start = performance.now();
  const root = projectRoot();
  const cells: Cell[][] = copies.map(() => new Array<Cell>(chosen.length));
  const jobs: Array<{ s: number; l: number }> = [];
  copies.forEach((copy, s) =>
    chosen.forEach((lesson, l) => {
      const missing = missingFiles(copy, lesson);
      const link = missing.length > 0 ? undefined : linkOutside(copy, lesson);
      if (missing.length > 0) cells[s][l] = missingCell(missing);
      else if (link) cells[s][l] = tamperedCell([link]);
      else jobs.push({ s, l });
    }),
  );
  const total = copies.length * chosen.length;
  let done = 0;
  copies.forEach((copy, s) => chosen.forEach((lesson, l) => cells[s][l] && opts.onCell?.(copy, lesson, cells[s][l], ++done, total)));

  const parallel = Math.max(1, Math.min(jobs.length, opts.parallel ?? availableParallelism()));
  // A per-check limit no longer than the whole run, so a stuck check is named before the watchdog fires.
  const checkTimeoutMs = Math.max(500, Math.min(5_000, opts.timeoutMs - 250));
  // The engine's resolve hook pins 'sequelize' for ES modules only. A copy outside any package.json
  // with "type": "module" (a bare lessons/ folder, an unzipped upload) is loaded by tsx as CommonJS,
  // whose require() the hook never sees: without this fallback it fails with "Cannot find module
  // 'sequelize'". The children inherit the variable when they are forked; restored when done.
  const nodePath = process.env.NODE_PATH;
  process.env.NODE_PATH = [join(root, 'node_modules'), nodePath].filter(Boolean).join(delimiter);
  const support = sandboxSupport();
  if (!support.ok && jobs.length > 0) opts.warn?.(`warning: no sandbox for students' code here (${support.why}): it runs with your rights, can read and write your files and use the network. See "Student code is untrusted" in docs/teachers.md.`);
  const isolation: Isolation | undefined = support.ok && jobs.length > 0 ? gradingIsolation(root, copies, chosen, opts.memoryMb) : undefined;
  await isolation?.warm();
  const pool = jobs.length > 0 ? new ChildPool({ warm: parallel, runTimeoutMs: opts.timeoutMs, checkTimeoutMs, maxOldSpaceMb: opts.memoryMb, cwd: root, reuse: true, untrusted: true, isolate: isolation?.isolate }) : undefined;
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: jobs.length > 0 ? parallel : 0 }, async () => {
        while (next < jobs.length) {
          const { s, l } = jobs[next++];
          const lesson = chosen[l];
          const t = performance.now();
          let cell: Cell;
          try {
            const outcome = await pool!.run({ checkFile: checkFile(lesson, root), from: copies[s].lessonsDir });
            cell = cellFromRun(outcome, toVerdict(lesson, outcome, Math.round(performance.now() - t), opts.timeoutMs));
            const reached = reachedForbidden(cell, root);
            if (reached && !cell.tampering) cell = tamperedCell([reached], cell);
          } catch (e) {
            // The pool never rejects; this is a bug in the grader, not in the student's code.
            cell = { status: 'error', passing: 0, total: 0, failures: [], reason: `grader error: ${(e as Error).message}`, ms: Math.round(performance.now() - t) };
          }
          cells[s][l] = cell;
          opts.onCell?.(copies[s], lesson, cell, ++done, total);
        }
      }),
    );
  } finally {
    pool?.close();
    await settleScratch();
    isolation?.close();
    if (nodePath === undefined) delete process.env.NODE_PATH;
    else process.env.NODE_PATH = nodePath;
  }

  const folders = chosen.map(lessonFolder);
  return buildGradeBook({
    gradedAt: new Date().toISOString(),
    timeoutSeconds: opts.timeoutMs / 1000,
    memoryMb: opts.memoryMb,
    lessons: chosen.map(lessonColumn),
    students: copies.map((c, s) => ({ name: c.name, path: c.path, cells: cells[s], empty: !looksLikeCopy(c, folders) })),
    ms: Math.round(performance.now() - start),
  });
}
