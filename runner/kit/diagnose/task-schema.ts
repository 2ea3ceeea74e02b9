/**
 * The kit-level guard: the learner's database has the foreign keys and tables the task calls for, no
 * more and no fewer, and each one-to-many is not a one-to-one (or the reverse). What the task calls for
 * is the solution's models, read from their definitions (no database needed); the learner's side is
 * the real schema. Keys are compared by (table, referenced table), never by name: a `field` mapping,
 * underscored: true or another alias may name them differently, and the lesson's own checks judge names.
 */
import type { Model, ModelStatic, Sequelize } from 'sequelize';
import type { AssociationInfo } from '../associations.ts';
import type { Schema } from '../schema.ts';

export interface TaskKey {
  table: string;
  column: string;
  references: string;
}

/** A plain column (not a key, not the primary key): whether the database refuses NULL and repeats. */
export interface TaskColumn {
  table: string;
  column: string;
  notNull: boolean;
  unique: boolean;
}

export interface TaskShape {
  tables: string[];
  keys: TaskKey[];
  columns: TaskColumn[];
  /**
   * Declared associations: source, target, type (for telling a hasOne from a hasMany); the label (the
   * declaration as written) on the learner's side only, to name it: the task's side never shows its own.
   */
  associations: Array<Pick<AssociationInfo, 'source' | 'target' | 'type'> & Partial<Pick<AssociationInfo, 'label'>>>;
}

function tableOf(ref: unknown): string | undefined {
  if (typeof ref === 'string') return ref;
  const m = ref as { getTableName?: () => unknown; tableName?: string } | undefined;
  if (m?.getTableName) return String(m.getTableName());
  return m?.tableName;
}

/** The schema models would get from sync(), read from their definitions (the solution's side). */
export function definedShape(sequelize: Sequelize, associations: AssociationInfo[]): TaskShape {
  const keys: TaskKey[] = [];
  const tables: string[] = [];
  const columns: TaskColumn[] = [];
  for (const model of Object.values(sequelize.models) as Array<ModelStatic<Model>>) {
    const table = String(model.getTableName());
    tables.push(table);
    for (const [name, a] of Object.entries(model.getAttributes())) {
      const ref = (a as { references?: { model?: unknown } | string }).references;
      const references = tableOf(typeof ref === 'object' ? ref.model : ref);
      if (references) keys.push({ table, column: a.field ?? name, references });
      // unique: 'name' joins a composite constraint: left to the lesson's checks.
      else if (!a.primaryKey && (a as { type?: { key?: string } }).type?.key !== 'VIRTUAL') {
        columns.push({ table, column: a.field ?? name, notNull: a.allowNull === false, unique: a.unique === true });
      }
    }
  }
  return { tables, keys, columns, associations };
}

/** The learner's side: the real database. */
export async function databaseShape(schema: Schema, associations: AssociationInfo[]): Promise<TaskShape> {
  const tables = await schema.tables();
  const keys: TaskKey[] = [];
  const columns: TaskColumn[] = [];
  for (const table of tables) {
    const fks = await schema.foreignKeys(table);
    for (const fk of fks) keys.push({ table, column: fk.from, references: fk.table });
    const unique = await schema.uniqueSets(table);
    for (const c of await schema.columns(table)) {
      if (c.pk > 0 || fks.some((k) => k.from === c.name)) continue;
      columns.push({ table, column: c.name, notNull: c.notNull, unique: unique.some((u) => u.length === 1 && u[0] === c.name) });
    }
  }
  return { tables, keys, columns, associations };
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const pair = (k: TaskKey) => `${k.table.toLowerCase()}→${k.references.toLowerCase()}`;
const one = (model: string) => model.replace(/^[A-Z]/, (c) => c.toLowerCase());
const article = (word: string) => (/^[aeio]/i.test(word) ? 'an' : 'a');

/** Which declaration made a key column (by column, then by attribute), for naming it in a message. */
function maker(associations: AssociationInfo[], key: TaskKey): AssociationInfo | undefined {
  return associations.find(
    (a) => same(a.fkTable, key.table) && same(a.referencedTable, key.references) && [a.fkColumn, a.foreignKey].some((c) => same(c, key.column)),
  ) ?? associations.find((a) => a.type === 'BelongsToMany' && same(a.fkTable, key.table) && [a.otherKeyColumn, a.otherKey].some((c) => c && same(c, key.column)));
}

function strayKey(key: TaskKey, learner: AssociationInfo[], expected: TaskShape, modelOf: (table: string) => string | undefined): string {
  const a = maker(learner, key);
  const head = `${key.table} has a foreign key ${key.column} to ${key.references} that the task does not ask for`;
  if (!a) return `${head}: it comes from an attribute ${key.column} declared with references. Remove the references (or the attribute), and let the associations the task names create the keys.`;
  const reversed = expected.keys.some((k) => same(k.table, key.references) && same(k.references, key.table));
  if (reversed && (a.type === 'HasOne' || a.type === 'HasMany')) {
    // Source.hasOne(Target) put the key on Target; the task keeps it on Source: Source belongs to Target.
    const child = a.source;
    const parent = a.target;
    return `${head}: it comes from ${a.label}, which puts the key on ${key.table}. The task keeps the key on ${key.references}: ${article(child)} ${one(child)} belongs to ${article(parent)} ${one(parent)}, so write ${a.label.replace(/\.has(One|Many)\(/, '.belongsTo(')}.`;
  }
  if (reversed && a.type === 'BelongsTo') {
    return `${head}: it comes from ${a.label}, which puts the key on ${key.table}. The task keeps the key on ${key.references}: ${article(a.target)} ${one(a.target)} belongs to ${article(a.source)} ${one(a.source)}, so write ${a.target}.belongsTo(${a.source}) (and ${a.source}.hasOne or hasMany(${a.target}) for the other side).`;
  }
  const owner = modelOf(key.table);
  return `${head}: it comes from ${a.label}. ${owner ? `${owner} should not point at ${key.references}: ` : ''}remove that declaration, or give it the key the task names.`;
}

/**
 * What differs between the learner's schema and the task's, in the lesson's words, or null. Foreign
 * keys the task does not call for (with the declaration that made each and the fix), keys it calls
 * for that are missing, tables (join tables) extra or missing, and a hasOne where the task has a
 * hasMany between the same models (or the reverse: the schema can be the same, the mixins are not).
 */
export function taskSchemaProblem(learner: TaskShape, expected: TaskShape, modelOf: (table: string) => string | undefined = () => undefined): string | null {
  const problems: string[] = [];
  const learnerAssociations = learner.associations as AssociationInfo[];
  // Keys, counted per (table, referenced table).
  const counts = (keys: TaskKey[]) => keys.reduce((m, k) => m.set(pair(k), (m.get(pair(k)) ?? 0) + 1), new Map<string, number>());
  const want = counts(expected.keys);
  const have = counts(learner.keys);
  const seen = new Map<string, number>();
  for (const key of learner.keys) {
    const n = (seen.get(pair(key)) ?? 0) + 1;
    seen.set(pair(key), n);
    if (n > (want.get(pair(key)) ?? 0)) problems.push(strayKey(key, learnerAssociations, expected, modelOf));
  }
  const missingSeen = new Map<string, number>();
  for (const key of expected.keys) {
    const n = (missingSeen.get(pair(key)) ?? 0) + 1;
    missingSeen.set(pair(key), n);
    if (n > (have.get(pair(key)) ?? 0)) {
      const onTable = learner.tables.some((t) => same(t, key.table));
      if (!onTable) continue; // the missing table says it
      problems.push(
        `${key.table} has no foreign key ${key.column} to ${key.references}, which the task calls for. Declare the association that puts it there (${modelOf(key.table) ?? key.table}.belongsTo(${modelOf(key.references) ?? key.references}) and its other side, with foreignKey: '${key.column}'), and check that it has no constraints: false.`,
      );
    }
  }
  // Plain columns both have: NOT NULL and UNIQUE as the task has them (a lesson's given attributes too).
  for (const want of expected.columns) {
    const got = learner.columns.find((c) => same(c.table, want.table) && same(c.column, want.column));
    if (!got) continue; // a missing column is the lesson's own checks' to name
    const attr = `${modelOf(want.table) ?? want.table}'s ${want.column}`;
    if (want.notNull && !got.notNull) problems.push(`${want.table}.${want.column} allows NULL, but the task keeps it NOT NULL: give ${attr} allowNull: false.`);
    if (!want.notNull && got.notNull) problems.push(`${want.table}.${want.column} is NOT NULL, but the task lets it be empty: remove allowNull: false from ${attr}.`);
    if (want.unique && !got.unique) problems.push(`${want.table}.${want.column} is not unique, but the task keeps every value different: give ${attr} unique: true.`);
    if (!want.unique && got.unique) problems.push(`${want.table}.${want.column} is unique, but the task lets values repeat: remove unique: true from ${attr}.`);
  }
  // Tables (join tables above all).
  for (const t of learner.tables) {
    if (expected.tables.some((e) => same(e, t))) continue;
    const by = learnerAssociations.filter((a) => a.type === 'BelongsToMany' && a.through && same(a.fkTable, t)).map((a) => a.label);
    problems.push(`There is a table ${t} that the task does not ask for${by.length ? `: it is the join table of ${by.join(' and ')}. Both sides of a many-to-many must name the same through` : ''}.`);
  }
  for (const t of expected.tables) {
    if (learner.tables.some((l) => same(l, t))) continue;
    problems.push(`The table ${t} is missing: the task calls for it${expected.keys.some((k) => same(k.table, t) && expected.keys.filter((j) => same(j.table, t)).length >= 2) ? ' (the join table: name it in through on both belongsToMany)' : ''}.`);
  }
  // hasOne where the task has a hasMany between the same two models, or the reverse.
  const countOf = (list: TaskShape['associations'], source: string, target: string, type: string) => list.filter((a) => a.source === source && a.target === target && a.type === type).length;
  const flips: Record<string, string> = { HasMany: 'HasOne', HasOne: 'HasMany' };
  const reported = new Set<string>();
  for (const e of expected.associations) {
    const other = flips[e.type];
    const k = `${e.source}.${e.type}.${e.target}`;
    if (!other || reported.has(k)) continue;
    if (countOf(learner.associations, e.source, e.target, e.type) >= countOf(expected.associations, e.source, e.target, e.type)) continue;
    const wrong = learner.associations.find((a) => a.source === e.source && a.target === e.target && a.type === other);
    if (!wrong) continue;
    reported.add(k);
    problems.push(
      e.type === 'HasMany'
        ? `${wrong.label} says ${article(e.source)} ${one(e.source)} has one ${one(e.target)}, but in this task ${article(e.source)} ${one(e.source)} has many: only hasMany gives the getter that returns them all and the add/remove/count mixins. Write ${e.source}.hasMany(${e.target}, ...) with the same options.`
        : `${wrong.label} says ${article(e.source)} ${one(e.source)} has many of them, but in this task ${article(e.source)} ${one(e.source)} has one ${one(e.target)}: hasOne gives the getter and setter of that one row. Write ${e.source}.hasOne(${e.target}, ...) with the same options.`,
    );
  }
  return problems.length ? problems.join('\n') : null;
}
