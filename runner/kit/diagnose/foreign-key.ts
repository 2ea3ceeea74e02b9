/**
 * Judges one parent→child foreign key by the real schema, and when it is wrong, explains which
 * declaration caused it: two keys from disagreeing sides, options ignored on the side defined
 * second, a key on the wrong table, a 1:1 whose key is not unique.
 */
import type { Model, ModelStatic, Sequelize } from 'sequelize';
import { attributeForColumn, declaringColumn, inventory, keyOption, modelForTable, type AssociationInfo } from '../associations.ts';
import { Schema, type ForeignKey } from '../schema.ts';
import { article } from './similar.ts';

export interface ForeignKeySpec {
  /** The table holding the key, e.g. 'LibraryCards'. */
  table: string;
  /** The table it points at, e.g. 'Users'. */
  references: string;
  /** The column name the lesson asks for, e.g. 'userId'. */
  column?: string;
  onDelete?: string;
  onUpdate?: string;
  unique?: boolean;
  allowNull?: boolean;
}

const list = (xs: string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);
const model = (sequelize: Sequelize, table: string) => modelForTable(sequelize, table)?.name ?? table;
const count = (n: number) => ['no', 'one', 'two', 'three', 'four', 'five'][n] ?? String(n);

function origin(all: AssociationInfo[], table: string, column: string, modelName?: string): string {
  const from = declaringColumn(all, table, column);
  if (from.length === 0) return `${column} (declared as an attribute of ${modelName ?? 'the model'} with references)`;
  return `${column} from ${from.map((a) => a.label).join(' and ')}`;
}

/** Normalised table name, to spot LibraryCards vs library_cards vs LibraryCard. */
const loose = (t: string) => t.toLowerCase().replace(/_/g, '').replace(/s$/, '');

/** null when the key is right, otherwise the message for the learner. */
export async function checkForeignKey(sequelize: Sequelize, spec: ForeignKeySpec): Promise<string | null> {
  const schema = new Schema(sequelize);
  const all = inventory(sequelize);
  const child = model(sequelize, spec.table);
  const parent = model(sequelize, spec.references);
  const tables = await schema.tables();
  for (const t of [spec.table, spec.references]) {
    if (!tables.includes(t)) {
      const near = tables.find((x) => loose(x) === loose(t));
      if (near) {
        return `There is no ${t} table, but there is ${near}: the model's table name changed (tableName, freezeTableName or underscored: true). The lesson's checks look for ${t}: remove that option (or set tableName: '${t}').`;
      }
      return `There is no ${t} table (tables: ${list(tables) || 'none'}). Check the model's name: the lesson expects a model whose table is ${t}.`;
    }
  }
  const childModel = modelForTable(sequelize, spec.table);
  const keys = (await schema.foreignKeys(spec.table)).filter((fk) => fk.table === spec.references);
  if (keys.length === 0) return missingKey(sequelize, schema, all, spec, child, parent);
  if (keys.length > 1) return twoKeys(schema, all, spec, keys, child, parent);
  const fk = keys[0];
  // The lesson names the key as the learner's code uses it: the column, or the attribute mapped to it with `field`.
  if (spec.column && fk.from !== spec.column && attributeForColumn(childModel, fk.from) !== spec.column) {
    return `The foreign key from ${spec.table} to ${spec.references} is called ${fk.from} (${origin(all, spec.table, fk.from, child)}), but the lesson expects ${spec.column}. Set foreignKey: '${spec.column}' on both sides of the association.`;
  }
  const declared = declaringColumn(all, spec.table, fk.from);
  return (
    actionProblem('onDelete', fk, spec.onDelete, declared, spec, parent) ??
    actionProblem('onUpdate', fk, spec.onUpdate, declared, spec, parent) ??
    (await nullProblem(schema, fk, spec, declared, childModel)) ??
    (await uniqueProblem(schema, fk, spec, child, parent, declared, childModel))
  );
}

/** Several keys to the same parent: each side of the association made its own column. */
async function twoKeys(schema: Schema, all: AssociationInfo[], spec: ForeignKeySpec, keys: ForeignKey[], child: string, parent: string): Promise<string> {
  // In the order of the table's columns: the side defined first made the first column.
  const order = (await schema.columns(spec.table)).map((c) => c.name);
  const sorted = [...keys].sort((a, b) => order.indexOf(a.from) - order.indexOf(b.from));
  const declarations = sorted.flatMap((k) => declaringColumn(all, spec.table, k.from));
  const derived = declarations.filter((a) => !a.explicit.foreignKey && a.derivedFrom);
  const why = derived.length
    ? ` Each side made its own column: ${list(derived.map((a) => `${a.label} has no foreignKey, so Sequelize named its key after ${a.derivedFrom} (${a.fkColumn})`))}` +
      `${derived.some((a) => a.aliased && a.type === 'HasOne') ? '; an `as` on hasOne changes its default key name to <alias> + the primary key (hasMany keeps the model name)' : ''}.`
    : ' Each side named a different foreignKey, so each made its own column.';
  const actions = new Set(sorted.map((k) => k.onDelete));
  const split =
    actions.size > 1
      ? ` They do not even agree on deletes: ${list(sorted.map((k) => `${k.from} is ON DELETE ${k.onDelete}`))}, so a cascade works only for rows linked through one of them.`
      : '';
  const name = spec.column ?? sorted.find((k) => declaringColumn(all, spec.table, k.from).some((a) => a.explicit.foreignKey))?.from;
  const example = name ? ` (foreignKey: '${name}')` : ` (for example foreignKey: '${parent.charAt(0).toLowerCase()}${parent.slice(1)}Id')`;
  return (
    `${spec.table} has ${count(sorted.length)} foreign keys to ${spec.references}: ${list(sorted.map((k) => origin(all, spec.table, k.from, child)))}.${why}${split} ` +
    `A relationship needs one key: give both sides the same foreignKey${example}, with the same options.`
  );
}

async function missingKey(sequelize: Sequelize, schema: Schema, all: AssociationInfo[], spec: ForeignKeySpec, child: string, parent: string): Promise<string> {
  const reverse = (await schema.foreignKeys(spec.references)).filter((fk) => fk.table === spec.table);
  if (reverse.length) {
    return (
      `The foreign key is on the wrong table: ${spec.references}.${reverse[0].from} points at ${spec.table} (${origin(all, spec.references, reverse[0].from)}). ` +
      `The key belongs on ${spec.table}, the table of the model that belongs to the other: ${parent}.hasOne/hasMany(${child}) and ${child}.belongsTo(${parent}) both put it there.`
    );
  }
  const unconstrained = all.filter((a) => a.fkTable === spec.table && a.referencedTable === spec.references && a.options.constraints === false);
  if (unconstrained.length) {
    return `${spec.table} has a ${unconstrained[0].foreignKey} column but no REFERENCES to ${spec.references}: ${unconstrained[0].label} has constraints: false, so the database does not know about the relationship. Remove constraints: false.`;
  }
  // A belongsToMany keeps its keys in the join table, never here (a User following Users says nothing about Users.managerId).
  const declared = all.filter((a) => a.type !== 'BelongsToMany' && ((a.source === parent && a.target === child) || (a.source === child && a.target === parent)));
  if (declared.length) {
    return `${spec.table} has no foreign key to ${spec.references}, although you declared ${list(declared.map((a) => a.label))}. Check which side is which: ${child}.belongsTo(${parent}) and ${parent}.hasOne/hasMany(${child}) put the key on ${spec.table}.`;
  }
  void sequelize;
  return `${spec.table} has no foreign key to ${spec.references} yet: declare the association between ${parent} and ${child} on both sides (${parent}.hasOne/hasMany(${child}) and ${child}.belongsTo(${parent})).`;
}

/** `unique` works at runtime but is missing from Sequelize's ForeignKeyOptions type; a literal is an excess-property error. */
const UNIQUE_TYPE_NOTE = " (In TypeScript, put it in a const first, const key = { name: '...', unique: true }, and pass foreignKey: key: Sequelize's ForeignKeyOptions type lacks unique, so an inline object is a type error.)";

const sqlName = (option: 'onDelete' | 'onUpdate') => (option === 'onDelete' ? 'ON DELETE' : 'ON UPDATE');

/**
 * Why the first side's action is what it is, when that can be known: belongsTo and hasOne write their
 * default into the options object (hasMany does not), so a value equal to a default may be either.
 */
function describeOwn(option: 'onDelete' | 'onUpdate', sides: AssociationInfo[]): string {
  const defaults: Record<string, string[]> = {
    HasMany: [],
    BelongsTo: option === 'onDelete' ? ['SET NULL', 'NO ACTION'] : ['CASCADE'],
    HasOne: option === 'onDelete' ? ['SET NULL', 'CASCADE'] : ['CASCADE'],
  };
  const unset = sides.every((a) => a.type === 'HasMany' && !a.options[option]);
  if (unset) return ' (its default when none is given)';
  const written = sides.filter((a) => a.options[option] && !(defaults[a.type] ?? []).includes(a.options[option]!));
  if (written.length === sides.length) return `, because it says ${option}: ${[...new Set(written.map((a) => `'${a.options[option]}'`))].join(' / ')} itself`;
  return '';
}

function actionProblem(option: 'onDelete' | 'onUpdate', fk: ForeignKey, wanted: string | undefined, declared: AssociationInfo[], spec: ForeignKeySpec, parent: string): string | null {
  if (!wanted) return null;
  const want = wanted.toUpperCase();
  const actual = option === 'onDelete' ? fk.onDelete : fk.onUpdate;
  if (actual === want) return null;
  const where = `${spec.table}.${fk.from}`;
  const asked = declared.filter((a) => a.options[option] === want);
  const others = declared.filter((a) => a.options[option] !== want);
  if (asked.length && others.length) {
    return (
      `The database says ${sqlName(option)} ${actual} for ${where}, though you wrote ${option}: '${wanted}' on ${list(asked.map((a) => a.label))}. ` +
      `${list(others.map((a) => a.label))} was defined first and created the column with ${sqlName(option)} ${actual}${describeOwn(option, others)}; ` +
      `Sequelize keeps the options of the side that created the column and silently ignores the ${option} of the side defined second. ` +
      `Put ${option}: '${wanted}' on both sides, so the order of definition cannot matter.`
    );
  }
  const doing = option === 'onDelete' ? `Deleting ${article(parent)}` : `Changing ${article(parent)}'s id`;
  const effect: Record<string, string> = {
    CASCADE: option === 'onDelete' ? 'deletes the rows that point at it' : 'updates the rows that point at it',
    'SET NULL': `sets ${where} to NULL`,
    RESTRICT: 'is refused while rows point at it',
    'NO ACTION': 'is refused while rows point at it',
    'SET DEFAULT': `sets ${where} to its default`,
  };
  // Sequelize writes its default into the association's options, so "not given" cannot be told from "given": say it as a fact.
  const defaults = option === 'onDelete' && actual === 'SET NULL' ? '; Sequelize also uses SET NULL when no onDelete is given and the key allows NULL' : '';
  return `${doing} ${effect[actual] ?? `does ${actual}`} (${sqlName(option)} ${actual}${defaults}); the lesson wants ${want}. Add ${option}: '${wanted}' to both sides of the association${declared.length ? ` (${list(declared.map((a) => a.label))})` : ''}.`;
}

async function nullProblem(schema: Schema, fk: ForeignKey, spec: ForeignKeySpec, declared: AssociationInfo[], childModel?: ModelStatic<Model>): Promise<string | null> {
  if (spec.allowNull === undefined) return null;
  const col = await schema.column(spec.table, fk.from);
  const allows = !col?.notNull;
  if (allows === spec.allowNull) return null;
  const where = `${spec.table}.${fk.from}`;
  const asked = declared.filter((a) => a.options.allowNull === spec.allowNull);
  const others = declared.filter((a) => a.options.allowNull !== spec.allowNull);
  const fix = keyOption(childModel, fk.from, `allowNull: ${spec.allowNull}`);
  if (asked.length && others.length) {
    return `${where} ${allows ? 'allows' : 'does not allow'} NULL, though ${list(asked.map((a) => a.label))} says allowNull: ${spec.allowNull}: ${list(others.map((a) => a.label))} was defined first and created the column${allows ? ' (allowing NULL, the default)' : ''}, so the allowNull of the side defined second was silently ignored. Use ${fix} on both sides.`;
  }
  return spec.allowNull
    ? `${where} is NOT NULL, but the lesson wants it to allow NULL. Remove allowNull: false from the foreign key.`
    : `${where} allows NULL, so a row could exist without its parent. Use ${fix} on both sides.`;
}

async function uniqueProblem(schema: Schema, fk: ForeignKey, spec: ForeignKeySpec, child: string, parent: string, declared: AssociationInfo[], childModel?: ModelStatic<Model>): Promise<string | null> {
  if (spec.unique === undefined) return null;
  const unique = await schema.isUnique(spec.table, fk.from);
  if (unique === spec.unique) return null;
  const many = declared.find((a) => a.type === 'HasMany');
  return spec.unique
    ? `${spec.table}.${fk.from} is not unique, so one ${parent} could have two ${child} rows` +
        (many
          ? `: ${many.label} says one-to-many. A one-to-one is ${parent}.hasOne(${child}) with a unique key: use hasOne, and ${keyOption(childModel, fk.from, 'unique: true')} on both sides.${UNIQUE_TYPE_NOTE}`
          : `: hasOne does not make the key unique by itself. Use ${keyOption(childModel, fk.from, 'unique: true')} on both sides.${UNIQUE_TYPE_NOTE}`)
    : `${spec.table}.${fk.from} is unique, so ${article(parent)} can have only one ${child}; the lesson wants many. Remove unique from the foreign key.`;
}
