/**
 * A fresh in-memory database with the learner's models defined and synced, for one check.
 * Every statement the learner's code runs is captured, with the connection it ran on, so checks can
 * count queries and see whether a query ran inside a transaction.
 */
import { afterEach, it } from 'vitest';
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { QueryOptions, Sequelize } from 'sequelize';
import { loadEditable } from './editable.ts';
import { LessonCodeError, LessonFailure } from './failure.ts';
import { explainError } from './diagnose/errors.ts';
import { Schema } from './schema.ts';
import { inventory, type AssociationInfo } from './associations.ts';
import { currentDialect } from './dialect/index.ts';
import { databaseShape, taskSchemaProblem, type TaskShape } from './diagnose/task-schema.ts';
import { forgetMixins } from './forget-mixins.ts';
import { committedTaskShape, computeTaskShape, taskShapeKey } from './task-shapes.ts';

export interface Statement {
  sql: string;
  /** 'default' outside a transaction, otherwise the transaction's connection id. */
  connection: string;
}

export interface LessonDb<Models> {
  sequelize: Sequelize;
  models: Models;
  /** Statements run since the database was opened (schema reads by the kit excluded). */
  statements: Statement[];
  schema: Schema;
  associations(): AssociationInfo[];
  /**
   * Raw SQL for checks, written with `backtick` identifiers (quoted as the database needs) and ?
   * replacements: the rows it returns. Lessons use it where no model reaches (a join table's rows).
   */
  query<T extends object = Record<string, unknown>>(sql: string, options?: Pick<QueryOptions, 'replacements'>): Promise<T[]>;
}

/** What every lesson's models file exports: a function that defines the models on a Sequelize instance. */
export interface ModelsModule {
  defineModels: (sequelize: Sequelize) => object | Promise<object>;
}

/** Records every statement, with the connection it ran on (for query counts and transactions). */
function recorder(statements: Statement[]) {
  // Sequelize passes the query's options as the second argument (typed as the benchmark timing).
  return (line: string, options?: unknown) => {
    const opts = options as { transaction?: { id?: string } | null } | undefined;
    const m = line.match(/^Executing \(([^)]+)\): ([\s\S]*)$/);
    // The label in the line is the connection's, and in-memory SQLite shares ONE connection: a
    // query that forgot { transaction: t } would show the transaction's id. Judge by the query's
    // own options instead: did it run with a transaction?
    const connection = opts && typeof opts === 'object' ? (opts.transaction?.id ?? 'default') : (m?.[1] ?? 'default');
    statements.push(m ? { connection, sql: m[2] } : { connection, sql: line });
  };
}

/** A Sequelize on a fresh, empty database of the dialect the checks run on, recording into `statements`. */
export function newSequelize(statements: Statement[], expect?: string): Promise<Sequelize> {
  return currentDialect().open(recorder(statements), expect);
}

export interface OpenOptions {
  /** The editable file that exports defineModels; default models.ts. */
  file?: string;
  /** Create the tables (default true). */
  sync?: boolean;
  /** The export of that file that defines the models (default defineModels), for a file that describes the schema at several stages. */
  define?: string;
}

export interface LessonOptions extends OpenOptions {
  /**
   * Add the check that the schema has the foreign keys and tables the task calls for, no more and no
   * fewer (compared with the lesson's solution, when this copy has solutions/). Default true.
   */
  taskSchema?: boolean;
}

/** The lesson's solved file next to the check file's lessons/ folder, when this copy has it. */
function solutionFile(checkFileUrl: string, file: string): string | undefined {
  const checkDir = dirname(fileURLToPath(checkFileUrl));
  const path = join(checkDir, '..', '..', 'solutions', basename(checkDir), file);
  return existsSync(path) ? path : undefined;
}

/**
 * What the task calls for: the solution's models when this copy has solutions/ (a change to a solution
 * counts at once), else the shape committed in lessons/task-shapes.json (a student's copy without
 * solutions/, grading's sandbox). Undefined when neither is there.
 */
function expectedShape(checkFileUrl: string, file: string, define: string): Promise<TaskShape> | undefined {
  const solved = solutionFile(checkFileUrl, file);
  if (solved) return computeTaskShape(solved, define);
  const checkDir = dirname(fileURLToPath(checkFileUrl));
  const committed = committedTaskShape(dirname(checkDir), taskShapeKey(basename(checkDir), file, define));
  return committed ? Promise.resolve(committed) : undefined;
}

/**
 * Registers clean-up for the check file and returns `open()`, which gives each check its own database.
 * `Mod` is the type of the learner's module: `useLesson<typeof import('./models.ts')>(import.meta.url)`.
 */
export function useLesson<Mod extends ModelsModule>(checkFileUrl: string, defaults: LessonOptions = {}) {
  const opened: Sequelize[] = [];
  afterEach(async () => {
    for (const s of opened.splice(0)) {
      forgetMixins(s);
      await s.close();
    }
  });
  type Models = Awaited<ReturnType<Mod['defineModels']>>;
  const lesson = {
    /** The learner's module itself, for lessons whose files export more than defineModels. */
    module<T = Mod>(file = defaults.file ?? 'models.ts'): Promise<T> {
      return loadEditable<T>(checkFileUrl, file);
    },
    async open(opts: OpenOptions = {}): Promise<LessonDb<Models>> {
      const file = opts.file ?? defaults.file ?? 'models.ts';
      const name = opts.define ?? defaults.define ?? 'defineModels';
      const mod = await loadEditable<Record<string, unknown>>(checkFileUrl, file);
      const define = mod[name] as ModelsModule['defineModels'] | undefined;
      if (typeof define !== 'function') {
        throw new LessonFailure(`${file} must export a function ${name}(sequelize) that defines the models and returns them. Did you rename or remove it?`);
      }
      const statements: Statement[] = [];
      for (const s of opened) forgetMixins(s);
      let sequelize: Sequelize;
      const wantsTables = opts.sync ?? defaults.sync ?? true;
      try {
        // The schema an earlier check built from this define: the database may come with it built.
        sequelize = await newSequelize(statements, wantsTables ? schemas.get(define) : undefined);
      } catch (e) {
        // Not the learner's doing: the database itself (a server gone away). Say so plainly.
        throw new LessonFailure(`The database could not be opened for this check: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      }
      let models: Models;
      opened.push(sequelize);
      try {
        models = (await define(sequelize)) as Models;
      } catch (e) {
        throw new LessonCodeError(`${name} in ${file} threw: ${explainError(e)}`, e);
      }
      if (wantsTables) {
        try {
          await createTables(sequelize, define, statements);
        } catch (e) {
          throw new LessonCodeError(`Creating the tables failed: ${explainError(e, { associations: declared(sequelize) })}`, e);
        }
      }
      statements.length = 0;
      const dialect = currentDialect();
      const query = async <T extends object>(sql: string, options: Pick<QueryOptions, 'replacements'> = {}) =>
        (await sequelize.query(dialect.quoteIdentifiers(sql), { ...options, raw: true }))[0] as T[];
      return { sequelize, models, statements, schema: new Schema(sequelize), associations: () => inventory(sequelize), query };
    },
  };
  if (defaults.taskSchema ?? true) {
    const file = defaults.file ?? 'models.ts';
    const name = 'the schema has the foreign keys and tables the task calls for, no more and no fewer';
    // Started now, while the checks are collected: the first check already pays for the learner's files.
    const shape = expectedShape(checkFileUrl, file, defaults.define ?? 'defineModels');
    if (!shape) it.skip(`${name} (skipped: this copy has neither solutions/ nor lessons/task-shapes.json to compare with)`);
    else {
      const expected = shape.then(
        (shape) => ({ shape }),
        (error: unknown) => ({ error }),
      );
      it(name, async () => {
        const solution = await expected;
        if ('error' in solution) throw solution.error;
        const db = await lesson.open();
        const declared = inventory(db.sequelize);
        const modelOf = (table: string) => Object.values(db.sequelize.models).find((m) => String(m.getTableName()).toLowerCase() === table.toLowerCase())?.name;
        failIfProblem(taskSchemaProblem(await databaseShape(db.schema, declared), solution.shape, modelOf));
      });
    }
  }
  return lesson;
}

function failIfProblem(problem: string | null): void {
  if (problem) throw new LessonFailure(problem);
}

/**
 * The schema a real sync() built, per defineModels function (one per loaded file). A check file opens
 * a database for nearly every check; the same definitions build the same tables, so after the first
 * sync the others replay its schema (the dialect's exact copy) in one statement instead of sync's
 * two dozen. A model or Sequelize hook on sync could do more than create tables: then always sync.
 */
const schemas = new WeakMap<ModelsModule['defineModels'], string>();

async function createTables(sequelize: Sequelize, define: ModelsModule['defineModels'], statements: Statement[]): Promise<void> {
  const dialect = currentDialect();
  const plain = !hasSyncHooks(sequelize);
  const known = plain ? schemas.get(define) : undefined;
  // Built already (open's expect); unless this define now adds hooks on sync, which must see a real sync.
  const held = dialect.holds?.(sequelize);
  if (held !== undefined) {
    if (held === known) return;
    await dialect.empty?.(sequelize);
  }
  if (known !== undefined) return dialect.replaySchema(sequelize, known);
  const from = statements.length;
  await sequelize.sync();
  if (!plain) return;
  schemas.set(define, await dialect.captureSchema(sequelize, statements.slice(from).map((s) => s.sql)));
}

const SYNC_HOOKS = ['beforeSync', 'afterSync', 'beforeBulkSync', 'afterBulkSync'];

function hasSyncHooks(sequelize: Sequelize): boolean {
  const any = (hooks: unknown) => SYNC_HOOKS.some((h) => ((hooks as Record<string, unknown[]> | undefined)?.[h]?.length ?? 0) > 0);
  // Sequelize's own hooks are on its options, which its types do not declare.
  return any((sequelize as unknown as { options: { hooks?: unknown } }).options.hooks) || Object.values(sequelize.models).some((m) => any(m.options.hooks));
}


/** The declarations, for naming them in a message; never a reason to fail on top of the real error. */
function declared(sequelize: Sequelize): AssociationInfo[] {
  try {
    return inventory(sequelize);
  } catch {
    return [];
  }
}
