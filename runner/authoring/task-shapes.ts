/**
 * lessons/task-shapes.json must say what each lesson's solution defines (grading's guard reads it
 * where solutions/ is not shown). Stale or missing entries are problems; `fix` rewrites them.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { LessonEntry } from '../course/lessons.ts';
import { taskShapesFromSolutions, taskShapesPath } from '../course/task-shapes-file.ts';
import { TASK_SHAPES_FILE } from '../kit/task-shapes.ts';
import type { Problem } from './problem.ts';

export interface ShapesResult {
  problems: Problem[];
  /** Keys written (with `fix`). */
  written: string[];
}

export async function taskShapeProblems(lessons: LessonEntry[], root: string, fix: boolean): Promise<ShapesResult> {
  const path = taskShapesPath(root);
  const file = `lessons/${TASK_SHAPES_FILE}`;
  let committed: Record<string, unknown> = {};
  if (existsSync(path)) {
    try {
      committed = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    } catch {
      committed = {};
    }
  }
  const computed = await taskShapesFromSolutions(lessons, root);
  const stale = Object.keys(computed).filter((k) => JSON.stringify(committed[k]) !== JSON.stringify(JSON.parse(JSON.stringify(computed[k]))));
  if (stale.length === 0) return { problems: [], written: [] };
  if (fix) {
    writeFileSync(path, JSON.stringify({ ...committed, ...Object.fromEntries(stale.map((k) => [k, computed[k]])) }, null, 2) + '\n');
    return { problems: [], written: stale };
  }
  return {
    problems: stale.map((k) => ({ file, message: `${committed[k] === undefined ? 'has no entry' : 'has a stale entry'} for ${k} (the solution's models changed): run \`npm run workbook -- dev check --fix\` to write it.` })),
    written: [],
  };
}
