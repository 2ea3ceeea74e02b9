/**
 * schema <lesson> [--from <dir>] [--diagram]: the CREATE statements the learner's models produce, read
 * back from a fresh database after defineModels + sync() (what the checks judge), so "which table got
 * the key, with which ON DELETE" can be seen instead of guessed; one column per line. `--diagram`
 * prints the same schema as a Mermaid erDiagram instead, marked where it differs from the solution's.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { lessonFolder, type LessonEntry, findLesson, lessonDir, modelsFileOf, projectRoot } from '../course/lessons.ts';
import { resolveFrom } from '../course/from-dir.ts';
import { inventory } from '../kit/associations.ts';
import { explainError, explainLoadError } from '../kit/diagnose/errors.ts';
import { shareProjectSequelize } from '../engine/share-sequelize.ts';
import { newSequelize, type ModelsModule } from '../kit/lesson-db.ts';
import { Schema } from '../kit/schema.ts';
import { formatDdl } from '../ui/ddl.ts';
import { readSnapshot, type SchemaSnapshot } from '../book/diagram/snapshot.ts';
import { diagramModel } from '../book/diagram/model.ts';
import { toMermaid } from '../book/diagram/mermaid.ts';
import { parseArgs, UsageError } from './args.ts';

export const usage = 'schema <lesson> [--from <dir>] [--diagram]';

/** The lesson's files: the learner's own, or those of a --from copy (nested NN-slug/ or flat), as verify does. */
function folder(lesson: LessonEntry, from: string | undefined): string {
  if (!from) return lessonDir(lesson);
  const nested = join(from, lessonFolder(lesson));
  return existsSync(nested) ? nested : from;
}

/** The DDL, or the learner's error in the lesson's words (thrown as an Error whose message is that text). */
export function schemaOf(lesson: LessonEntry, from?: string): Promise<string> {
  return withSyncedModels(lesson, from, (s) => s.ddl());
}

/** The schema as data (for the diagram), with the same errors as schemaOf. */
export function snapshotOf(lesson: LessonEntry, from?: string): Promise<SchemaSnapshot> {
  return withSyncedModels(lesson, from, readSnapshot);
}

/** Loads the lesson's models into a fresh database, syncs, and reads its schema with `read`. */
async function withSyncedModels<T>(lesson: LessonEntry, from: string | undefined, read: (schema: Schema) => Promise<T>): Promise<T> {
  const file = modelsFileOf(lesson);
  const path = join(folder(lesson, from), file);
  if (!existsSync(path)) throw new UsageError(`${file} is missing (looked for ${path}).`);
  let mod: Partial<ModelsModule>;
  // A --from copy outside the project has no sequelize of its own.
  if (from) shareProjectSequelize();
  try {
    mod = (await import(pathToFileURL(path).href)) as Partial<ModelsModule>;
  } catch (e) {
    throw explainLoadError(e, file);
  }
  if (typeof mod.defineModels !== 'function') throw new Error(`${file} must export a function defineModels(sequelize).`);
  const sequelize = await newSequelize([]);
  try {
    try {
      await mod.defineModels(sequelize);
    } catch (e) {
      throw new Error(`defineModels in ${file} threw: ${explainError(e)}`);
    }
    try {
      await sequelize.sync();
    } catch (e) {
      throw new Error(`Creating the tables failed: ${explainError(e, { associations: inventory(sequelize) })}`);
    }
    return await read(new Schema(sequelize));
  } finally {
    await sequelize.close();
  }
}

export async function schema(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { options: ['from'], flags: ['diagram'] });
  if (args.positional.length !== 1) throw new UsageError('schema needs one lesson, e.g. `schema 01`');
  const lesson = findLesson(args.positional[0]);
  const from = args.options.has('from') ? resolveFrom(args.options.get('from')!) : undefined;
  try {
    if (args.flags.has('diagram')) {
      const mine = await snapshotOf(lesson, from);
      // The solution's schema, to mark what differs; a broken solutions/ folder only loses the marks.
      const theirs = await snapshotOf(lesson, join(projectRoot(), 'solutions')).catch(() => undefined);
      process.stdout.write(`${toMermaid(diagramModel(mine, theirs))}\n`);
    } else process.stdout.write(`${formatDdl(await schemaOf(lesson, from))}\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
