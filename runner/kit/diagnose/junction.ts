/**
 * Judges a many-to-many join table: one table (both sides agreeing on `through`), the two key
 * columns pointing at the right tables (foreignKey/otherKey not swapped), a composite primary key.
 */
import type { Sequelize } from 'sequelize';
import { inventory, type AssociationInfo } from '../associations.ts';
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
  // The relation's own declarations: between the two key tables (in either direction).
  const pair = related.filter((a) => keyTables.includes(tableOf(a.source)) && keyTables.includes(tableOf(a.target)));
  // A side (source→target) with no declaration through this table stores its rows elsewhere. A side that
  // has one may declare more relations through other tables (a wishlist next to enrolments): not a mistake.
  const sides = new Map<string, AssociationInfo[]>();
  for (const a of pair) sides.set(`${a.source}→${a.target}`, [...(sides.get(`${a.source}→${a.target}`) ?? []), a]);
  const strays = [...sides.values()].filter((xs) => !xs.some((a) => tableOf(a.through) === spec.table)).flat();
  const others = [...new Set(strays.map((a) => tableOf(a.through)))];
  if (others.length === 1 && strays.length === pair.length) {
    // Every declaration agrees, on another table: one join table, just not the lesson's.
    const model = Object.values(sequelize.models).find((m) => m.getTableName().toString() === spec.table);
    return `Both sides use through: '${others[0]}' (${strays.map((a) => a.label).join('; ')}), but the lesson's join table is ${spec.table}. Use through: ${model ? `${model.name} (the model itself, so its own columns are part of the join table)` : `'${spec.table}'`} on both sides.`;
  }
  if (others.length) {
    const by = strays.map((a) => a.label);
    return `There are two join tables, ${spec.table} and ${others.join(', ')}: ${by.join('; ')} names a different through, so each side stores its rows in its own table and neither sees the other's. Both sides of a many-to-many must use the same through: '${spec.table}'.`;
  }
  const same = pair.find((a) => tableOf(a.through) === spec.table && a.otherKeyColumn !== undefined && a.fkColumn === a.otherKeyColumn);
  if (same) {
    return `${same.label} uses '${same.fkColumn}' as both foreignKey and otherKey: a join row needs two different columns, one for each side (${Object.keys(spec.keys).join(' and ')}). foreignKey is the key of the model you call belongsToMany on, otherKey the other one's.`;
  }
  const reuse = reused(all, spec.table, keyTables, tableOf);
  if (reuse) return reuse;
  const fks = await schema.foreignKeys(spec.table);
  const cols = (await schema.columns(spec.table)).map((c) => c.name);
  const users = pair.filter((a) => tableOf(a.through) === spec.table);
  for (const [col, refTable] of Object.entries(spec.keys)) {
    const fk = fks.find((k) => k.from === col);
    if (!fk) {
      const toRef = fks.filter((k) => k.table === refTable).map((k) => k.from);
      const declared = users.map((a) => a.label).join('; ');
      const bare = users.filter((a) => !a.explicit.foreignKey || !a.explicit.otherKey);
      const missing = bare.length && bare.length < users.length
        ? ` ${bare.map((a) => `${a.label} has no ${[!a.explicit.foreignKey && 'foreignKey', !a.explicit.otherKey && 'otherKey'].filter(Boolean).join(' or ')}`).join('; ')}, so Sequelize derived a name from the model (${bare.map((a) => a.fkColumn).join(', ')}) where the other side names ${col}.`
        : '';
      if (toRef.length) return `${spec.table} points at ${refTable} with ${toRef.join(' and ')}, but the lesson expects ${col}.${missing} Set foreignKey (this side's key) and otherKey (the other side's key) on both belongsToMany declarations: ${declared}.`;
      return `${spec.table} has no ${col} column referencing ${refTable}${cols.length ? ` (its columns: ${cols.join(', ')})` : ''}.${missing} Set foreignKey and otherKey on both sides: ${declared || 'no belongsToMany declared yet'}.`;
    }
    if (fk.table !== refTable) {
      const culprits = users.filter((a) => swappedIn(a, spec.keys, tableOf));
      return (
        `${spec.table}.${col} references ${fk.table}, not ${refTable}: foreignKey and otherKey are swapped${culprits.length ? ` in ${culprits.map((a) => a.label).join(' and in ')}` : ' on one side'}. ` +
        `foreignKey is the key pointing at the model you call belongsToMany on; otherKey points at the other model.`
      );
    }
    if (spec.onDelete && fk.onDelete !== spec.onDelete.toUpperCase()) {
      const want = spec.onDelete.toUpperCase();
      // Name the declarations whose own key this column is: their onDelete decided it.
      const by = inventory(sequelize).filter((a) => a.fkTable === spec.table && a.fkColumn === col).map((a) => a.label);
      const where = by.length ? `${col} comes from ${by.join(' and ')}: ` : '';
      const dflt = want === 'CASCADE' ? " (or leave onDelete out there: CASCADE is belongsToMany's default)" : '';
      return `Deleting a row of ${refTable} does ON DELETE ${fk.onDelete} to its ${spec.table} rows; the lesson wants ${want}. ${where}set onDelete: '${want}' on every declaration of that key${dflt}.`;
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
  if (missing.length) {
    // A string through names a MODEL: 'TeamMembers' next to a model named TeamMember (table TeamMembers)
    // makes Sequelize define a second, column-less model on the same table.
    const onTable = Object.values(sequelize.models).filter((m) => m.getTableName().toString() === spec.table);
    const mine = onTable.find((m) => missing.every((c) => c in m.getAttributes()));
    const generated = onTable.filter((m) => m !== mine);
    if (mine && generated.length) {
      const byString = all.filter((a) => generated.some((g) => g.name === a.through));
      return (
        `Two models use the table ${spec.table}: your ${mine.name} (with ${missing.join(', ')}) and ${generated.map((g) => g.name).join(', ')}, which Sequelize defined for ${byString.map((a) => a.label).join(' and ') || 'a belongsToMany'}: a string through names a model, not a table, and no model is called '${generated[0].name}'. ` +
        `The table was created without ${missing.join(', ')}. Pass your model itself there: through: ${mine.name}.`
      );
    }
    return `${spec.table} has no ${missing.join(', ')} column: the join rows' own data belongs in a through model (define it with those attributes and pass it as through).`;
  }
  // The table is right, but a declaration that uses it may still write its ids into the wrong column
  // (belongsToMany lets the side defined last decide the columns' REFERENCES).
  const wrongWay = users.find((a) => swappedIn(a, spec.keys, tableOf));
  if (wrongWay) {
    return (
      `${wrongWay.label} has foreignKey and otherKey swapped: it stores a ${wrongWay.source}'s id in ${wrongWay.fkColumn}, which the database says points at ${spec.keys[wrongWay.fkColumn]}. ` +
      `The other side made the table right, but this side reads and writes the wrong column. foreignKey is the key pointing at ${wrongWay.source}; otherKey points at ${wrongWay.target}.`
    );
  }
  return null;
}

/** True when the declaration's own key column is the one the lesson maps to its target's table (or its otherKey to its source's). */
function swappedIn(a: AssociationInfo, keys: Record<string, string>, tableOf: (m: string | undefined) => string): boolean {
  const src = tableOf(a.source);
  const tgt = tableOf(a.target);
  if (src === tgt) return false;
  return keys[a.fkColumn] === tgt || (a.otherKeyColumn !== undefined && keys[a.otherKeyColumn] === src);
}

/** One join table used for two relations: belongsToMany between other models, or the same pair twice without scopes. */
function reused(all: AssociationInfo[], table: string, keyTables: string[], tableOf: (m: string | undefined) => string): string | null {
  const on = all.filter((a) => tableOf(a.through) === table);
  const relation = (a: AssociationInfo) => [a.source, a.target].sort().join('↔');
  // A through scope tells the relations' rows apart (polymorphic tags, active members): a legitimate share.
  const plain = on.filter((a) => !a.options.scope && !a.options.throughScope);
  const foreign = plain.filter((a) => !keyTables.includes(tableOf(a.source)) || !keyTables.includes(tableOf(a.target)));
  if (foreign.length) {
    const relations = [...new Set(on.map(relation))];
    return (
      `The join table ${table} is reused for two relations (${relations.join(' and ')}): ${foreign.map((a) => a.label).join('; ')} also uses through: '${table}'. ` +
      `One through name is one model and one table, so the relations overwrite each other's key columns. Give each many-to-many its own through.`
    );
  }
  const bySide = new Map<string, AssociationInfo[]>();
  for (const a of plain) {
    // Same models, same key columns: the same rows. (A self-association's two directions swap the columns.)
    const k = `${a.source}→${a.target}:${a.fkColumn}/${a.otherKeyColumn}`;
    bySide.set(k, [...(bySide.get(k) ?? []), a]);
  }
  const twice = [...bySide.values()].find((xs) => xs.length > 1);
  if (twice && twice[0].source === twice[0].target) {
    // A self-reference's two directions (followers / following) must swap the keys, not use another table.
    const [a, b] = twice;
    return (
      `${a.label} and ${b.label} use the same keys (foreignKey ${a.fkColumn}, otherKey ${a.otherKeyColumn}), so they read the same column of ${table}: both are the same list. ` +
      `The two directions of a self-reference share the join table with the keys swapped: give '${b.as}' foreignKey: '${a.otherKeyColumn}' and otherKey: '${a.fkColumn}' (foreignKey is the key of the user you call it on).`
    );
  }
  if (twice) {
    return (
      `The join table ${table} is reused for two relations: ${twice.map((a) => a.label).join(' and ')} share its rows, so adding to one adds to the other and both return the same list. ` +
      // Both fixes are common: a filtered view (members / activeMembers) keeps the table, a different relation does not.
      `If '${twice[1].as}' is meant as a filtered view of the same links, filter its join rows: through: { model, scope: { ... } }. If it is a different relation, give it its own through.`
    );
  }
  return null;
}
