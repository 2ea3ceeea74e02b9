/**
 * Would the database be the same if the two sides of a relationship were defined in the other order?
 * The side defined first creates the foreign key column, and Sequelize ignores the column options of
 * the side defined second (a registry, or another file imported first, can swap them). So each side
 * must ask for the same thing on its own: compare what each would create if it came first.
 */
import type { Sequelize } from 'sequelize';
import { columnForName, declaringColumn, inventory, keyOption, modelForTable, type AssociationInfo } from '../associations.ts';
import { Schema } from '../schema.ts';

type Option = 'allowNull' | 'unique' | 'onDelete' | 'onUpdate';

/** What `a` would give the column if it were defined first (belongsTo and hasOne keep their defaults in the options). */
function wouldCreate(a: AssociationInfo, option: Option): string {
  const allowNull = a.options.allowNull ?? true;
  if (option === 'allowNull') return allowNull ? 'allows NULL' : 'NOT NULL';
  if (option === 'unique') return a.options.unique ? 'unique' : 'not unique';
  if (option === 'onUpdate') return a.options.onUpdate ?? 'CASCADE';
  if (a.type === 'BelongsTo') return a.options.onDelete ?? (allowNull ? 'SET NULL' : 'NO ACTION');
  return a.options.onDelete ?? (allowNull ? 'SET NULL' : 'CASCADE');
}

const fix: Record<Option, (value: string, key: (extra: string) => string) => string> = {
  allowNull: (v, key) => key(`allowNull: ${v === 'NOT NULL' ? 'false' : 'true'}`),
  unique: (v, key) => key(`unique: ${v === 'unique' ? 'true' : 'false'}`),
  onDelete: (v) => `onDelete: '${v}'`,
  onUpdate: (v) => `onUpdate: '${v}'`,
};

export interface OrderDependence {
  option: Option;
  /** Table.column as the database names it. */
  where: string;
  /** The associations that declare the column (the sides). */
  sides: AssociationInfo[];
  /** The side whose option the database does not have, because the other side created the column first. */
  ignored: AssociationInfo;
  /** What the database has now, and what it would have with the other order (in this module's words: 'NOT NULL', 'CASCADE'...). */
  now: string;
  theirs: string;
  /** The option as code, for what the database has now and for the ignored side's. */
  fixNow: string;
  fixTheirs: string;
  message: string;
}

/**
 * The first option the two sides of a relationship disagree on, where the database has one side's
 * because that side was defined first; null when the column is the same whatever the order.
 * `column` may name the column or the attribute stored in it (userId with field: 'user_id', or underscored: true).
 */
export async function orderDependence(sequelize: Sequelize, spec: { table: string; column: string }, all: AssociationInfo[] = inventory(sequelize)): Promise<OrderDependence | null> {
  const model = modelForTable(sequelize, spec.table);
  const name = columnForName(model, spec.column);
  const sides = declaringColumn(all, spec.table, name).filter((a) => a.type !== 'BelongsToMany');
  if (sides.length < 2 || sides.some((a) => a.options.constraints === false)) return null;
  const OPTIONS = ['allowNull', 'unique', 'onDelete', 'onUpdate'] as const;
  // Sides that would make the same column whatever the order: nothing to read from the database.
  if (OPTIONS.every((option) => new Set(sides.map((a) => wouldCreate(a, option))).size < 2)) return null;
  const schema = new Schema(sequelize);
  const column = await schema.column(spec.table, name);
  const fk = (await schema.foreignKeys(spec.table)).find((k) => k.from === name);
  if (!column || !fk) return null; // the foreign-key checks say what is missing
  const key = (extra: string) => keyOption(model, name, extra);
  const now: Record<Option, string> = {
    allowNull: column.notNull ? 'NOT NULL' : 'allows NULL',
    unique: (await schema.isUnique(spec.table, name)) ? 'unique' : 'not unique',
    onDelete: fk.onDelete,
    onUpdate: fk.onUpdate,
  };
  for (const option of OPTIONS) {
    // Only a disagreement between the sides: when they agree, the column is theirs whatever the order
    // (and if the database differs, the model's own attribute decided it: the other checks judge that).
    if (new Set(sides.map((a) => wouldCreate(a, option))).size < 2) continue;
    const other = sides.find((a) => wouldCreate(a, option) !== now[option]);
    if (!other) continue;
    const where = `${spec.table}.${name}`;
    const is = (x: string) => (option === 'allowNull' ? (x === 'NOT NULL' ? 'is NOT NULL' : 'allows NULL') : option === 'unique' ? `is ${x}` : `is ${option === 'onDelete' ? 'ON DELETE' : 'ON UPDATE'} ${x}`);
    // After "would make it": "allow NULL", not "allows NULL".
    const makeIt = (x: string) => (option === 'allowNull' ? (x === 'NOT NULL' ? 'NOT NULL' : 'allow NULL') : is(x).replace(/^is /, ''));
    const theirs = wouldCreate(other, option);
    const byDefault = (option === 'onDelete' || option === 'onUpdate') && !other.options[option] ? ' (its default)' : '';
    const fixNow = fix[option](now[option], key);
    const fixTheirs = fix[option](theirs, key);
    const message =
      `${where} ${is(now[option])} only because of the order your associations were defined in: ${other.label} would make it ${makeIt(theirs)}${byDefault}, ` +
      `and is ignored because the other side created the column first. Define them the other way round (another file loaded first, another order in a registry) and ${where} ${is(theirs)}. ` +
      `Write the one you mean on both sides, ${sides.map((a) => a.label).join(' and ')}: ${fixNow} (as now) or ${fixTheirs}.`;
    return { option, where, sides, ignored: other, now: now[option], theirs, fixNow, fixTheirs, message };
  }
  return null;
}

/** `column` may name the column or the attribute stored in it (userId with field: 'user_id', or underscored: true). */
export async function checkOrderIndependent(sequelize: Sequelize, spec: { table: string; column: string }): Promise<string | null> {
  return (await orderDependence(sequelize, spec))?.message ?? null;
}
