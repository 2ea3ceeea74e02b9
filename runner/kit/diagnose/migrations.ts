/**
 * Migrations: run the learner's migration files with umzug (the runner sequelize-cli is built on),
 * and compare the schema they build with the one the models would sync, naming each difference in
 * words with its fix. Everything is read through Schema, so it does not know the database.
 */
import { createRequire } from 'node:module';
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

/**
 * umzug, loaded on first use: every check process loads the kit, and only the migration lessons and
 * doctor need umzug (about 11 MB of each process's memory; watch mode's peak is measured).
 */
let loaded: typeof import('umzug') | undefined;
/**
 * Also called up front where the process is watched for tampering (grading's check processes): umzug's
 * file-system package (graceful-fs) replaces process.cwd and process.chdir as it loads, which, loaded
 * by a migration lesson's first check, would look like the student's doing.
 */
export const umzugModule = () => (loaded ??= createRequire(import.meta.url)('umzug') as typeof import('umzug'));

/** Umzug's bookkeeping table: never part of the schema the models describe. */
export const STORAGE_TABLE = 'SequelizeMeta';

/**
 * An umzug for these migrations on this database. Its up/down throw a LessonFailure naming the
 * migration and the step that failed, with the database's reason explained: a migration that cannot
 * run is the answer being wrong, reported as a failing check.
 */
export function migrator(sequelize: Sequelize, migrations: Migration[]) {
  const { Umzug, SequelizeStorage, MigrationError } = umzugModule();
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
      const misnamed = await misnamedColumn(sequelize, cause);
      const advice = misnamed || (await keysToDroppedTable(sequelize, cause)) || hint(cause);
      // A misnamed column is not a query's mistake: explainError's advice on includes would mislead.
      const said = misnamed ? rawMessage(cause) : explainError(cause);
      throw new LessonFailure(`${name ? `${name}: ` : ''}${what} failed: ${said.replace(/([^.])$/, '$1.')}${advice}`);
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

const rawMessage = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * A step that names a column the table does not have, where the table has one spelt alike
 * (post_id for postId): an earlier migration named it differently. Read from the database.
 */
async function misnamedColumn(sequelize: Sequelize, e: unknown): Promise<string> {
  const text = rawMessage(e);
  // SQLite: no such column: Comments.postId / table Comments has no column named postId;
  // PostgreSQL: column Comments.postId does not exist / column "postId" of relation "Comments" does not exist.
  const m =
    text.match(/no such column: [`"]?(\w+)[`"]?\.[`"]?(\w+)/) ??
    text.match(/column [`"]?(\w+)[`"]?\.[`"]?(\w+)[`"]? does not exist/) ??
    text.match(/table [`"]?(\w+)[`"]? has no column named [`"]?(\w+)/);
  const r = m ? null : text.match(/column "(\w+)" of relation "(\w+)" does not exist/);
  const [table, column] = m ? [m[1], m[2]] : r ? [r[2], r[1]] : [];
  if (!table || !column) return '';
  try {
    const like = (await new Schema(sequelize).columns(table)).find((c) => c.name !== column && sameLetters(c.name, column));
    return like
      ? ` ${table} has no column ${column}: it has ${like.name}. The migration that created ${table} names the column differently from the model (and the SQL here); name it '${column}' there.`
      : '';
  } catch {
    return ''; // no such table: the generic advice
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
 * With `baseline` (say "01"), `expected` is an earlier state of the database, not the models: the
 * sentences then say what that state had, and that it must be given back.
 */
export interface DifferenceOptions {
  /** Whether a composite primary key's column order counts (default true); the same columns in another order keep the same rows unique. */
  primaryKeyOrder?: boolean;
  /** Say "01": `expected` is that earlier state of the database, not the models (see above). */
  baseline?: string;
}

export function schemaDifferences(actual: SchemaSnapshot, expected: SchemaSnapshot, options: DifferenceOptions = {}): SchemaDifference[] {
  const out: SchemaDifference[] = [];
  for (const [table, want] of expected) {
    const have = actual.get(table);
    if (!have) {
      out.push({ kind: 'table', table, message: `There is no table ${table}: the models have one. Create it with queryInterface.createTable('${table}', { ... }).` });
      continue;
    }
    out.push(...tableDifferences(table, have, want, options.primaryKeyOrder ?? true, options.baseline));
  }
  for (const table of actual.keys()) {
    if (!expected.has(table)) out.push({ kind: 'table', table, message: `There is a table ${table} that the models do not have (a typo in a table name, or a table its down() should drop?).` });
  }
  return out;
}

function tableDifferences(table: string, have: TableSnapshot, want: TableSnapshot, primaryKeyOrder: boolean, baseline: string | undefined): SchemaDifference[] {
  const out: SchemaDifference[] = [];
  const extra = have.columns.filter((c) => !want.columns.some((w) => w.name === c.name));
  for (const w of want.columns) {
    const h = have.columns.find((c) => c.name === w.name);
    if (!h) {
      const like = extra.find((c) => sameLetters(c.name, w.name));
      const named = like
        ? ` It has ${like.name} instead: the migration names the column differently from the model, and Sequelize will query ${w.name}. Name it '${w.name}' in the migration.`
        : ` Add it: ${w.name}: { type: ..., allowNull: ${!w.notNull} }.`;
      out.push({ kind: 'column', table, column: w.name, message: `${table}.${w.name} is missing: ${baseline ? `${baseline} had it` : 'the model has it'}.${named}` });
      continue;
    }
    if (h.notNull !== w.notNull && w.pk === 0) {
      out.push({
        kind: 'not null',
        table,
        column: w.name,
        message: baseline
          ? `${table}.${w.name} ${h.notNull ? 'is NOT NULL' : 'allows NULL'}: ${baseline} had it ${w.notNull ? 'NOT NULL' : 'allowing NULL'}. Put back exactly what was there.`
          : w.notNull
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
  for (const fk of want.foreignKeys) out.push(...foreignKeyDifferences(table, have, fk, want.foreignKeys, baseline));
  out.push(...extraKeys(table, have, want, baseline));
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
      message: `${table}.${set.join(', ')} has no index: ${baseline ? `${baseline} had one` : 'the model has one'} (a query by ${set.join(', ')} reads the whole table without it). Add await queryInterface.addIndex('${table}', [${set.map((c) => `'${c}'`).join(', ')}]).`,
    });
  }
  return out;
}

function foreignKeyDifferences(table: string, have: TableSnapshot, want: ForeignKey, expectedKeys: ForeignKey[], baseline: string | undefined): SchemaDifference[] {
  const where = `${table}.${want.from}`;
  if (!have.columns.some((c) => c.name === want.from)) return [];
  // Every constraint on the column, not the first: PostgreSQL keeps a second one beside the first.
  const keys = have.foreignKeys.filter((k) => k.from === want.from);
  const fk = keys[0];
  if (!fk) {
    return [
      {
        kind: 'foreign key',
        table,
        column: want.from,
        message: `${where} has no foreign key: ${baseline ? `${baseline} had one referencing` : 'the model says it references'} ${want.table}.${want.to}. Add references: { model: '${want.table}', key: '${want.to}' } to ${want.from}, with onDelete: '${want.onDelete}'.`,
      },
    ];
  }
  const out: SchemaDifference[] = [];
  // Once per column (the expected schema may hold a column's keys twice: an earlier state compared).
  const wanted = expectedKeys.filter((k) => k.from === want.from);
  if (keys.length > wanted.length && wanted[0] === want) out.push(duplicateKeys(table, want.from, keys));
  if (fk.table !== want.table || fk.to !== want.to) {
    out.push({ kind: 'foreign key', table, column: want.from, message: `${where} references ${fk.table}.${fk.to}: ${baseline ? `${baseline} had` : 'the model says'} ${want.table}.${want.to}. Fix its references: { model: '${want.table}', key: '${want.to}' }.` });
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
      message: baseline
        ? // Compared with an earlier state, not the models: the fix is to give that state back.
          `${where} is ${option} ${fk[rule]}: ${baseline} had ${option} ${want[rule]}. Put back exactly what was there (the same references, onDelete and onUpdate).`
        : unset
          ? `${where} has no ${option} ${want[rule]}: the model says ${want[rule]}. Add ${rule}: '${want[rule]}' next to its references (references alone gives NO ACTION).`
          : `${where} says ${option} ${fk[rule]}: the model says ${want[rule]}. Use ${rule}: '${want[rule]}' in the migration.`,
    });
  }
  return out;
}

/** Two constraints on one column: on PostgreSQL, changeColumn (or addConstraint) with references adds another beside the first. */
function duplicateKeys(table: string, column: string, keys: ForeignKey[]): SchemaDifference {
  const names = keys.map((k) => k.name).filter((n): n is string => !!n);
  const extra = names.slice(1);
  return {
    kind: 'foreign key',
    table,
    column,
    message:
      `${table}.${column} has ${keys.length} foreign-key constraints${names.length ? ` (${names.join(', ')})` : ''}: the model has one. ` +
      `On PostgreSQL, changeColumn with references adds a new constraint beside the one the column already has. Leave references (and onDelete, onUpdate) out of changeColumn when the column keeps its key` +
      `${extra.length ? `, or remove the extra one: queryInterface.removeConstraint('${table}', '${extra[0]}')` : ''}.`,
  };
}

/** Foreign keys on columns the expected schema keeps without one (a references added by mistake). */
function extraKeys(table: string, have: TableSnapshot, want: TableSnapshot, baseline: string | undefined): SchemaDifference[] {
  const out: SchemaDifference[] = [];
  for (const column of new Set(have.foreignKeys.map((k) => k.from))) {
    if (want.foreignKeys.some((k) => k.from === column) || !want.columns.some((c) => c.name === column)) continue;
    const keys = have.foreignKeys.filter((k) => k.from === column);
    out.push({
      kind: 'foreign key',
      table,
      column,
      message: `${table}.${column} has a foreign key to ${keys[0].table}.${keys[0].to}: ${baseline ? `${baseline} had none` : 'the model has none'}. Leave references out of ${column}.`,
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
