/**
 * Judges a many-to-many join table: one table (both sides agreeing on `through`), the two key
 * columns pointing at the right tables (foreignKey/otherKey not swapped), a composite primary key.
 */
import type { Sequelize } from 'sequelize';
import { inventory } from '../associations.ts';
import { Schema } from '../schema.ts';

export interface JunctionSpec {
  /** Join table name, e.g. 'StudentCourses'. */
  table: string;
  /** Key column → table it must reference, e.g. { studentId: 'Students', courseId: 'Courses' }. */
  keys: Record<string, string>;
  /** Require the pair of keys to be the primary key (default true). */
  compositeKey?: boolean;
  /** ON DELETE wanted for both keys (default: not checked). */
  onDelete?: string;
  /** Extra columns the join table must have (a through model's own data). */
  columns?: string[];
}

export async function checkJunction(sequelize: Sequelize, spec: JunctionSpec): Promise<string | null> {
  const schema = new Schema(sequelize);
  const all = inventory(sequelize).filter((a) => a.type === 'BelongsToMany');
  const tables = await schema.tables();
  const keyTables = Object.values(spec.keys);
  const tableOf = (name: string | undefined) => (name ? sequelize.models[name]?.getTableName().toString() : undefined) ?? '';
  const related = all.filter((a) => keyTables.includes(tableOf(a.source)) || keyTables.includes(tableOf(a.target)));
  const throughs = [...new Set(related.map((a) => tableOf(a.through)))];
  if (!tables.includes(spec.table)) {
    if (!related.length) return `There is no ${spec.table} join table yet: declare belongsToMany on both sides with through: '${spec.table}'.`;
    return `There is no ${spec.table} join table; your belongsToMany declarations use ${throughs.join(' and ')} (${related.map((a) => a.label).join('; ')}). Use through: '${spec.table}' on both sides.`;
  }
  const others = throughs.filter((t) => t !== spec.table);
  if (others.length) {
    const by = related.filter((a) => tableOf(a.through) !== spec.table).map((a) => a.label);
    return `There are two join tables, ${spec.table} and ${others.join(', ')}: ${by.join('; ')} names a different through. Both sides of a many-to-many must use the same through: '${spec.table}'.`;
  }
  const fks = await schema.foreignKeys(spec.table);
  const cols = (await schema.columns(spec.table)).map((c) => c.name);
  for (const [col, refTable] of Object.entries(spec.keys)) {
    const fk = fks.find((k) => k.from === col);
    if (!fk) {
      const toRef = fks.filter((k) => k.table === refTable).map((k) => k.from);
      const declared = related.map((a) => a.label).join('; ');
      if (toRef.length) return `${spec.table} points at ${refTable} with ${toRef.join(' and ')}, but the lesson expects ${col}. Set foreignKey (this side's key) and otherKey (the other side's key) on both belongsToMany declarations: ${declared}.`;
      return `${spec.table} has no ${col} column referencing ${refTable}${cols.length ? ` (its columns: ${cols.join(', ')})` : ''}. Set foreignKey and otherKey on both sides: ${declared || 'no belongsToMany declared yet'}.`;
    }
    if (fk.table !== refTable) {
      return `${spec.table}.${col} references ${fk.table}, not ${refTable}: foreignKey and otherKey are swapped on one side. foreignKey is the key pointing at the model you call belongsToMany on; otherKey points at the other model.`;
    }
    if (spec.onDelete && fk.onDelete !== spec.onDelete.toUpperCase()) {
      return `Deleting a row of ${refTable} does ON DELETE ${fk.onDelete} to its ${spec.table} rows; the lesson wants ${spec.onDelete.toUpperCase()}.`;
    }
  }
  const extra = fks.filter((k) => !(k.from in spec.keys) && keyTables.includes(k.table));
  if (extra.length) {
    return `${spec.table} has extra key columns ${extra.map((k) => k.from).join(', ')} besides ${Object.keys(spec.keys).join(' and ')}: the two sides disagree on foreignKey/otherKey names. Give both sides the same pair.`;
  }
  if (spec.compositeKey ?? true) {
    const pk = await schema.primaryKey(spec.table);
    const want = Object.keys(spec.keys).sort();
    const uniquePair = (await schema.uniqueSets(spec.table)).some((s) => s.length === want.length && [...s].sort().join() === want.join());
    if (!uniquePair) {
      return `${spec.table}'s primary key is (${pk.join(', ') || 'none'}), so the same pair could be stored twice. The pair (${want.join(', ')}) should be the key: let belongsToMany create the table, or mark both columns primaryKey: true in the through model (and drop its own id).`;
    }
  }
  const missing = (spec.columns ?? []).filter((c) => !cols.includes(c));
  if (missing.length) return `${spec.table} has no ${missing.join(', ')} column: the join rows' own data belongs in a through model (define it with those attributes and pass it as through).`;
  return null;
}
