/**
 * What each lesson's task calls for (the task-schema guard's expected side), computed from the
 * solutions and kept in lessons/task-shapes.json, so the guard also runs where solutions/ is absent:
 * a student's copy the teacher handed out without it, and grading's sandbox, which never shows it.
 * `npm run task-shapes` writes the file; tests/task-shapes.test.ts fails when it is stale.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Sequelize } from 'sequelize';
import { inventory } from './associations.ts';
import { forgetMixins } from './forget-mixins.ts';
import { definedShape, type TaskShape } from './diagnose/task-schema.ts';
import type { ModelsModule } from './lesson-db.ts';

/** Beside the lessons' folders: lessons/task-shapes.json. */
export const TASK_SHAPES_FILE = 'task-shapes.json';

/** `01-one-to-one/models.ts#defineModels`: the lesson folder, the models file and the export that defines them. */
export const taskShapeKey = (folder: string, file: string, define: string) => `${folder}/${file}#${define}`;

/** The solution's models, defined (never synced) on a Sequelize of their own. */
export async function computeTaskShape(solutionPath: string, define: string): Promise<TaskShape> {
  const mod = (await import(pathToFileURL(solutionPath).href)) as Record<string, ModelsModule['defineModels']>;
  const sequelize = new Sequelize({ dialect: 'sqlite', storage: ':memory:', logging: false });
  try {
    await mod[define](sequelize);
    const shape = definedShape(sequelize, inventory(sequelize));
    // Only what the guard compares: the solution's declarations as written stay out of the committed file.
    return { ...shape, associations: shape.associations.map(({ source, target, type }) => ({ source, target, type })) };
  } finally {
    // The classes may be the learner's too (checks run on the solutions): take Sequelize's mixins back.
    forgetMixins(sequelize);
    await sequelize.close();
  }
}

/** The committed shape for that key, if lessons/task-shapes.json has it. */
export function committedTaskShape(lessonsDir: string, key: string): TaskShape | undefined {
  const path = join(lessonsDir, TASK_SHAPES_FILE);
  if (!existsSync(path)) return undefined;
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as Record<string, TaskShape>)[key];
  } catch {
    return undefined; // a damaged file: the guard says it is skipped, the lesson's own checks still run
  }
}
