/**
 * Migrations: run the learner's migration files with umzug (the runner sequelize-cli is built on),
 * and compare the schema they build with the one the models would sync, naming each difference in
 * words with its fix. Everything is read through Schema, so it does not know the database.
 */
import { Umzug, SequelizeStorage, MigrationError } from 'umzug';
import type { QueryInterface, Sequelize } from 'sequelize';
import { Schema, type Column, type ForeignKey } from '../schema.ts';
import { LessonFailure } from '../failure.ts';
import { explainError } from './errors.ts';

/** One migration file: what it exports. */
export interface MigrationModule {
  up: (params: { context: QueryInterface; name: string }) => Promise<unknown>;
  down?: (params: { context: QueryInterface; name: string }) => Promise<unknown>;
}

export interface Migration {
  /** The file's name, as umzug records it in SequelizeMeta. */
  name: string;
  load: () => Promise<MigrationModule>;
}

/** Umzug's bookkeeping table: never part of the schema the models describe. */
export const STORAGE_TABLE = 'SequelizeMeta';

/**
 * An umzug for these migrations on this database. Its up/down throw a LessonFailure naming the
 * migration and the step that failed, with the database's reason explained: a migration that cannot
 * run is the answer being wrong, reported as a failing check.
 */
export function migrator(sequelize: Sequelize, migrations: Migration[]) {
  const umzug = new Umzug<QueryInterface>({
    migrations: migrations.map((m) => ({
      name: m.name,
      up: async (params) => (await exported(m, 'up'))(params),
      down: async (params) => (await exported(m, 'down'))(params),
    })),
    context: sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize, tableName: STORAGE_TABLE }),
    logger: undefined,
  });
  const run = async <T>(what: string, step: () => Promise<T>): Promise<T> => {
    try {
      return await step();
    } catch (e) {
      if (e instanceof LessonFailure) throw e;
      const cause = e instanceof MigrationError ? (e.cause ?? e) : e;
      if (cause instanceof LessonFailure) throw cause;
      const name = e instanceof MigrationError ? e.migration.name : '';
      const advice = (await keysToDroppedTable(sequelize, cause)) || hint(cause);
      throw new LessonFailure(`${name ? `${name}: ` : ''}${what} failed: ${explainError(cause).replace(/([^.])$/, '$1.')}${advice}`);
    }
  };
  return {
    umzug,
    /** Runs the pending migrations (up to and including `to`); returns the names it ran. */
    up: (to?: string) => run('up', async () => (await umzug.up(to ? { to } : {})).map((m) => m.name)),
    /** Reverts the last migration; with `to`, every one back to and including `to` (0: all). */
    down: (to?: string | 0) => run('down', async () => (await umzug.down(to === undefined ? {} : { to })).map((m) => m.name)),
    executed: async () => (await umzug.executed()).map((m) => m.name),
  };
}

async function exported(m: Migration, fn: 'up' | 'down'): Promise<NonNullable<MigrationModule['up']>> {
  const mod = await m.load();
  const f = mod[fn];
  if (typeof f !== 'function') throw new LessonFailure(`${m.name} must export an async function ${fn}({ context: queryInterface }).`);
  return f;
}

/**
 * SQLite drops a table that another table's foreign key points at (PostgreSQL refuses: errors.ts), and
 * the next drop then fails on the dangling key ("no such table: main.Tags"). Names the tables that
 * still hold keys to the dropped one, read from the database.
 */
async function keysToDroppedTable(sequelize: Sequelize, e: unknown): Promise<string> {
  const text = e instanceof Error ? `${e.message} ${(e as { parent?: Error }).parent?.message ?? ''}` : String(e);
  const gone = text.match(/no such table: (?:main\.)?[`"]?(\w+)/)?.[1];
  if (!gone) return '';
  try {
    const schema = new Schema(sequelize);
    const tables = await schema.tables();
    if (tables.includes(gone)) return '';
    const holders: string[] = [];
    for (const t of tables) if ((await schema.foreignKeys(t)).some((fk) => fk.table === gone)) holders.push(t);
    if (!holders.length) return '';
    const who = holders.join(', ');
    return (
      ` ${gone} is already gone, but ${who} still ${holders.length > 1 ? 'hold foreign keys' : 'holds a foreign key'} to it: SQLite dropped ${gone} anyway (PostgreSQL would refuse), and now every delete checks that dangling key. ` +
      `Drop the tables that hold the keys first (${who} before ${gone}), and none may be left out.`
    );
  } catch {
    return ''; // the schema cannot be read either: the generic advice below
  }
}

/** The usual reasons a migration step fails on a table that holds rows. */
function hint(e: unknown): string {
  const text = e instanceof Error ? `${e.message} ${(e as { parent?: Error }).parent?.message ?? ''}` : String(e);
  if (/Cannot add a NOT NULL column|contains null values|NOT NULL constraint failed/i.test(text)) {
    return ' A column that must be NOT NULL on a table that already holds rows goes in three steps: addColumn allowing NULL, fill it for every row, and only then make it NOT NULL.';
  }
  if (/already exists/i.test(text)) return ' Something this migration creates is already there: did the down() before it leave it behind?';
  if (/no such table|does not exist|No description found/i.test(text)) return ' Check the table names, and the order: a table must exist before another references it, and be dropped after.';
  return '';
}

// --- the schema, as one comparable value --------------------------------------------------------

export interface TableSnapshot {
  columns: Column[];
  foreignKeys: ForeignKey[];
  primaryKey: string[];
  /** Unique column sets other than the primary key. */
  unique: string[][];
  /** Column sets with an index of any kind (a unique one or the primary key's included). */
  indexed: string[][];
  /** Column sets with a plain (not unique) index: the ones a model asks for with `indexes`. */
  plainIndexes: string[][];
}

export type SchemaSnapshot = Map<string, TableSnapshot>;

export async function snapshot(schema: Schema): Promise<SchemaSnapshot> {
  const out: SchemaSnapshot = new Map();
  for (const table of await schema.tables()) {
    if (table === STORAGE_TABLE) continue;
    const primaryKey = await schema.primaryKey(table);
    const uniqueSets = await schema.uniqueSets(table);
    const indexes = await schema.indexes(table);
    out.set(table, {
      columns: await schema.columns(table),
      foreignKeys: await schema.foreignKeys(table),
      primaryKey,
      unique: dedupe(uniqueSets.filter((s) => !same(s, primaryKey))),
      indexed: dedupe([...(primaryKey.length ? [primaryKey] : []), ...indexes.map((i) => i.columns)]),
      plainIndexes: dedupe(indexes.filter((i) => !i.unique).map((i) => i.columns)),
    });
  }
  return out;
}

// --- the differences, in words ----------------------------------------------------------------

export type DifferenceKind = 'table' | 'column' | 'not null' | 'type' | 'foreign key' | 'unique' | 'index';

export interface SchemaDifference {
  kind: DifferenceKind;
  table: string;
  column?: string;
  message: string;
}

/**
 * What `actual` (the migrations' schema) lacks or has that `expected` (the models') has not,
 * each difference a sentence saying what the models want and how to write it in a migration.
 */
export interface DifferenceOptions {
  /** Whether a composite primary key's column order counts (default true); the same columns in another order keep the same rows unique. */
  primaryKeyOrder?: boolean;
}

export function schemaDifferences(actual: SchemaSnapshot, expected: SchemaSnapshot, options: DifferenceOptions = {}): SchemaDifference[] {
  const out: SchemaDifference[] = [];
  for (const [table, want] of expected) {
    const have = actual.get(table);
    if (!have) {
      out.push({ kind: 'table', table, message: `There is no table ${table}: the models have one. Create it with queryInterface.createTable('${table}', { ... }).` });
      continue;
    }
    out.push(...tableDifferences(table, have, want, options.primaryKeyOrder ?? true));
  }
  for (const table of actual.keys()) {
    if (!expected.has(table)) out.push({ kind: 'table', table, message: `There is a table ${table} that the models do not have (a typo in a table name, or a table its down() should drop?).` });
  }
  return out;
}

function tableDifferences(table: string, have: TableSnapshot, want: TableSnapshot, primaryKeyOrder: boolean): SchemaDifference[] {
  const out: SchemaDifference[] = [];
  const extra = have.columns.filter((c) => !want.columns.some((w) => w.name === c.name));
  for (const w of want.columns) {
    const h = have.columns.find((c) => c.name === w.name);
    if (!h) {
      const like = extra.find((c) => sameLetters(c.name, w.name));
      const named = like
        ? ` It has ${like.name} instead: the migration names the column differently from the model, and Sequelize will query ${w.name}. Name it '${w.name}' in the migration.`
        : ` Add it: ${w.name}: { type: ..., allowNull: ${!w.notNull} }.`;
      out.push({ kind: 'column', table, column: w.name, message: `${table}.${w.name} is missing: the model has it.${named}` });
      continue;
    }
    if (h.notNull !== w.notNull && w.pk === 0) {
      out.push({
        kind: 'not null',
        table,
        column: w.name,
        message: w.notNull
          ? `${table}.${w.name} allows NULL: the model says NOT NULL. Add allowNull: false to ${w.name} in the migration.`
          : `${table}.${w.name} is NOT NULL: the model allows NULL. Leave allowNull out (or true) for ${w.name}.`,
      });
    }
    if (normalType(h.type) !== normalType(w.type)) {
      out.push({ kind: 'type', table, column: w.name, message: `${table}.${w.name} is ${h.type}: the model's type makes ${w.type}. Use the same DataTypes in the migration as in the model.` });
    }
  }
  for (const c of extra) {
    if (out.some((d) => d.kind === 'column' && d.message.includes(` has ${c.name} instead`))) continue;
    // NOT NULL with no default: every insert the models make leaves it out, and fails.
    const blocks = c.notNull && c.defaultValue == null && c.pk === 0 ? ` It is NOT NULL without a default, so every row the models insert is refused.` : '';
    out.push({ kind: 'column', table, column: c.name, message: `${table}.${c.name} is not in the models (a typo, or a column its down() should remove?).${blocks}` });
  }
  const samePrimaryKey = primaryKeyOrder ? same(have.primaryKey, want.primaryKey) : same([...have.primaryKey].sort(), [...want.primaryKey].sort());
  if (!samePrimaryKey) {
    out.push({
      kind: 'unique',
      table,
      message: `${table}'s primary key is (${have.primaryKey.join(', ') || 'none'}): the model's is (${want.primaryKey.join(', ')}). ${want.primaryKey.length > 1 ? `Give both ${want.primaryKey.join(' and ')} primaryKey: true (and no id column).` : `Make ${want.primaryKey[0]} the primary key.`}`,
    });
  }
  for (const fk of want.foreignKeys) out.push(...foreignKeyDifferences(table, have, fk));
  for (const set of want.unique) {
    if (have.unique.some((s) => same(s, set)) || (same(have.primaryKey, set) && !same(want.primaryKey, set))) continue;
    out.push({
      kind: 'unique',
      table,
      column: set.length === 1 ? set[0] : undefined,
      message: set.length === 1 ? `${table}.${set[0]} is not unique: the model says unique. Add unique: true to ${set[0]} in the migration.` : `${table} does not keep (${set.join(', ')}) unique: the model does. Add a unique index on them.`,
    });
  }
  for (const set of have.unique) {
    if (want.unique.some((s) => same(s, set)) || same(want.primaryKey, set)) continue;
    out.push({ kind: 'unique', table, column: set.length === 1 ? set[0] : undefined, message: `${table} keeps (${set.join(', ')}) unique: the model does not. Drop that unique: true.` });
  }
  for (const set of want.plainIndexes) {
    if (have.indexed.some((s) => startsWith(s, set))) continue;
    out.push({
      kind: 'index',
      table,
      column: set[0],
      message: `${table}.${set.join(', ')} has no index: the model has one (a query by ${set.join(', ')} reads the whole table without it). Add await queryInterface.addIndex('${table}', [${set.map((c) => `'${c}'`).join(', ')}]).`,
    });
  }
  return out;
}

function foreignKeyDifferences(table: string, have: TableSnapshot, want: ForeignKey): SchemaDifference[] {
  const where = `${table}.${want.from}`;
  const fk = have.foreignKeys.find((k) => k.from === want.from);
  if (!have.columns.some((c) => c.name === want.from)) return [];
  if (!fk) {
    return [
      {
        kind: 'foreign key',
        table,
        column: want.from,
        message: `${where} has no foreign key: the model says it references ${want.table}.${want.to}. Add references: { model: '${want.table}', key: '${want.to}' } to ${want.from}, with onDelete: '${want.onDelete}'.`,
      },
    ];
  }
  const out: SchemaDifference[] = [];
  if (fk.table !== want.table || fk.to !== want.to) {
    out.push({ kind: 'foreign key', table, column: want.from, message: `${where} references ${fk.table}.${fk.to}: the model says ${want.table}.${want.to}. Fix its references: { model: '${want.table}', key: '${want.to}' }.` });
  }
  for (const [rule, option] of [
    ['onDelete', 'ON DELETE'],
    ['onUpdate', 'ON UPDATE'],
  ] as const) {
    if (fk[rule] === want[rule]) continue;
    const unset = fk[rule] === 'NO ACTION';
    out.push({
      kind: 'foreign key',
      table,
      column: want.from,
      message: unset
        ? `${where} has no ${option} ${want[rule]}: the model says ${want[rule]}. Add ${rule}: '${want[rule]}' next to its references (references alone gives NO ACTION).`
        : `${where} says ${option} ${fk[rule]}: the model says ${want[rule]}. Use ${rule}: '${want[rule]}' in the migration.`,
    });
  }
  return out;
}

const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
/** An index on (a, b) also serves queries on a alone. */
const startsWith = (index: string[], cols: string[]) => cols.every((c, i) => index[i] === c);
const dedupe = (sets: string[][]) => sets.filter((s, i) => sets.findIndex((t) => same(s, t)) === i);
const sameLetters = (a: string, b: string) => a.replace(/_/g, '').toLowerCase() === b.replace(/_/g, '').toLowerCase();
const normalType = (t: string) => t.toUpperCase().replace(/\s+/g, '');
