/**
 * The project's migrations, run with umzug (the runner sequelize-cli is built on) on an empty scratch
 * database, never the project's, and the schema they build compared with the one the models make
 * (lesson 14's comparison, from the kit): each difference a finding, a migration that fails named with
 * its error. Both migration styles load: sequelize-cli's up(queryInterface, Sequelize) and umzug's
 * up({ context }).
 */
import { basename, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Sequelize, type QueryInterface } from 'sequelize';
import { currentDialect } from '../kit/dialect/index.ts';
import { Schema } from '../kit/schema.ts';
import { migrator, schemaDifferences, snapshot, type DifferenceKind, type Migration, type MigrationModule, type SchemaSnapshot } from '../kit/diagnose/migrations.ts';
import type { Finding, Problem, Severity } from './result.ts';
import { explainLoad } from './load-error.ts';

const ID: Record<DifferenceKind, { id: string; severity: Severity }> = {
  table: { id: 'migration-table', severity: 'error' },
  column: { id: 'migration-column', severity: 'error' },
  'not null': { id: 'migration-not-null', severity: 'error' },
  type: { id: 'migration-type', severity: 'warning' },
  'foreign key': { id: 'migration-foreign-key', severity: 'error' },
  unique: { id: 'migration-unique', severity: 'error' },
  index: { id: 'migration-index', severity: 'warning' },
};
export const MIGRATION_IDS = [...Object.values(ID).map((x) => x.id), 'migration-failed'];

type Up = (...args: unknown[]) => Promise<unknown>;

/** What both styles can read: the query interface itself, with umzug's `context` and `name` on it. */
const both = (qi: QueryInterface, name: string) => Object.create(qi, { context: { value: qi }, name: { value: name } }) as QueryInterface;

function adapt(file: string, root: string, problems: Problem[]): Migration {
  const name = basename(file);
  return {
    name,
    load: async (): Promise<MigrationModule> => {
      let mod: Record<string, unknown>;
      try {
        mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      } catch (e) {
        const why = explainLoad(e, root, file);
        problems.push({ kind: why.kind, file: relative(root, file), message: why.message });
        throw new Error(`it did not load: ${why.message}`);
      }
      const m = (mod.default && typeof (mod.default as Record<string, unknown>).up === 'function' ? mod.default : mod) as { up?: Up; down?: Up };
      const call = (fn: Up | undefined) => (fn ? ({ context, name: n }: { context: QueryInterface; name: string }) => fn.call(m, both(context, n), Sequelize) : undefined);
      return { up: call(m.up)!, down: call(m.down) } as MigrationModule;
    },
  };
}

export async function modelsSnapshot(sequelize: Sequelize): Promise<SchemaSnapshot> {
  return snapshot(new Schema(sequelize));
}

export async function checkMigrations(files: string[], root: string, models: SchemaSnapshot, problems: Problem[]): Promise<{ findings: Finding[]; ran: number }> {
  const sequelize = await currentDialect().open(false);
  try {
    const run = migrator(sequelize, files.map((f) => adapt(f, root, problems)));
    let ran = 0;
    try {
      ran = (await run.up()).length;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const file = files.find((f) => message.startsWith(basename(f)));
      return {
        ran: (await run.executed().catch(() => [])).length,
        findings: [
          {
            id: 'migration-failed',
            severity: 'error',
            models: [],
            columns: [],
            declarations: file ? [{ label: relative(root, file) }] : [],
            message: `A migration fails on an empty database: ${message.split('\n')[0]} The schema the migrations build was not compared with the models.`,
            fix: `// fix the migration; then npx sequelize-cli db:migrate on an empty database runs all of them`,
            lesson: '14',
          },
        ],
      };
    }
    const built = await snapshot(new Schema(sequelize));
    const findings = schemaDifferences(built, models, { primaryKeyOrder: false }).map((d): Finding => ({
      id: ID[d.kind].id,
      severity: ID[d.kind].severity,
      models: [d.table],
      columns: d.column ? [`${d.table}.${d.column}`] : [],
      declarations: [],
      message: d.message,
      fix: d.message.match(/(Add|Create|Fix|Use|Name|Drop|Give|Make|Leave) [^.]*[.)]$/)?.[0] ?? '// make the migrations build what the models describe',
      lesson: '14',
    }));
    return { findings, ran };
  } finally {
    await sequelize.close();
  }
}
