/**
 * lessons/task-shapes.json from the solutions: for each lesson, what its models file's solution
 * defines (the task-schema guard's expected side). `npm run task-shapes` writes it; the test suite
 * compares it with the solutions, so it cannot go stale unnoticed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lessonFolder, lessons, modelsFileOf, projectRoot, solutionDir, type LessonEntry } from './lessons.ts';
import { computeTaskShape, TASK_SHAPES_FILE, taskShapeKey } from '../kit/task-shapes.ts';
import type { TaskShape } from '../kit/diagnose/task-schema.ts';

export async function taskShapesFromSolutions(chosen: readonly LessonEntry[] = lessons, root: string = projectRoot()): Promise<Record<string, TaskShape>> {
  const out: Record<string, TaskShape> = {};
  for (const lesson of chosen) {
    const file = modelsFileOf(lesson);
    out[taskShapeKey(lessonFolder(lesson), file, 'defineModels')] = await computeTaskShape(join(solutionDir(lesson, root), file), 'defineModels');
  }
  return out;
}

export const taskShapesPath = (root: string = projectRoot()) => join(root, 'lessons', TASK_SHAPES_FILE);

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(taskShapesPath(), JSON.stringify(await taskShapesFromSolutions(), null, 2) + '\n');
  process.stdout.write(`Wrote ${taskShapesPath()}\n`);
}
