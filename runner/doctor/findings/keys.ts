/**
 * Checks on the foreign-key columns the schema really has: two keys where one relationship was meant,
 * one column serving two tables, a hasOne key the database does not keep unique, SET NULL on NOT NULL.
 */
import type { AssociationInfo } from '../../kit/associations.ts';
import { article } from '../../kit/diagnose/similar.ts';
import type { Finding } from '../result.ts';
import { column, declared, finding, foreignKey, table, uniqueAlone, unique, type CheckContext, type CheckSpec } from './context.ts';

export const DOUBLE_KEY: CheckSpec = { id: 'double-foreign-key', severity: 'error', lesson: '11', title: 'two foreign keys where one relationship was meant' };
export const SHARED_COLUMN: CheckSpec = { id: 'shared-foreign-key-column', severity: 'error', lesson: '10', title: 'one foreign-key column serving associations to two tables' };
export const HAS_ONE_NOT_UNIQUE: CheckSpec = { id: 'has-one-not-unique', severity: 'warning', lesson: '01', title: "a hasOne whose key the database does not keep unique" };
export const SET_NULL_NOT_NULL: CheckSpec = { id: 'set-null-not-null', severity: 'error', lesson: '08', title: "ON DELETE SET NULL on a NOT NULL key" };

const isHas = (a: AssociationInfo) => a.type === 'HasOne' || a.type === 'HasMany';
const method = (a: AssociationInfo) => a.label.replace(/^\w+\.(\w+)\(.*$/, '$1');

/**
 * hasOne/hasMany and belongsTo between the same two models, deriving different key names (an alias on
 * one side, none on the other: the tutorial's own bug): the table gets two keys, and a row linked from
 * one side is not seen from the other.
 */
export function doubleForeignKey(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const t of ctx.schema) {
    const columnsHere = new Set(t.columns.map((c) => c.name));
    const toTable = (a: AssociationInfo) => a.fkTable === t.name && a.type !== 'BelongsToMany' && columnsHere.has(a.fkColumn);
    const has = ctx.associations.filter((a) => toTable(a) && isHas(a));
    const belongs = ctx.associations.filter((a) => toTable(a) && a.type === 'BelongsTo');
    for (const h of has) {
      const sameRelationship = belongs.filter((b) => b.target === h.source && b.source === h.target);
      if (!sameRelationship.length || sameRelationship.some((b) => b.fkColumn === h.fkColumn)) continue;
      // The hasOne/hasMany's key has no belongsTo reading it, while the belongsTo(s) use other keys.
      for (const b of sameRelationship) {
        if (has.some((x) => x.source === b.target && x.fkColumn === b.fkColumn)) continue;
        out.push(
          finding(DOUBLE_KEY, {
            models: unique([h.source, h.target]),
            columns: [`${t.name}.${h.fkColumn}`, `${t.name}.${b.fkColumn}`],
            declarations: [declared(ctx, h), declared(ctx, b)],
            message:
              `${t.name} has two keys to ${b.referencedTable}: ${h.fkColumn} from ${h.label} and ${b.fkColumn} from ${b.label}. ` +
              `They derive different names (${h.derivedFrom ?? `foreignKey '${h.foreignKey}'`} against ${b.derivedFrom ?? `foreignKey '${b.foreignKey}'`}), so ${article(h.target)} linked through one side is not seen from the other.`,
            fix: `${h.source}.${method(h)}(${h.target}, { ${h.aliased ? `as: '${h.as}', ` : ''}foreignKey: '${b.foreignKey}' });\n${b.source}.belongsTo(${b.target}, { ${b.aliased ? `as: '${b.as}', ` : ''}foreignKey: '${b.foreignKey}' });`,
          }),
        );
      }
    }
  }
  return out;
}

/** One key column declared by associations to different tables, with a real REFERENCES to only one of them. */
export function sharedColumn(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const byColumn = new Map<string, AssociationInfo[]>();
  for (const a of ctx.associations) {
    if (a.type === 'BelongsToMany') continue;
    const key = `${a.fkTable}\u0000${a.fkColumn}`;
    byColumn.set(key, [...(byColumn.get(key) ?? []), a]);
  }
  for (const [key, all] of byColumn) {
    const [tableName, col] = key.split('\u0000');
    const targets = unique(all.map((a) => a.referencedTable));
    const fk = foreignKey(ctx, tableName, col);
    // No REFERENCES at all (constraints: false everywhere): the polymorphic pattern, told apart by a type column.
    if (targets.length < 2 || !fk) continue;
    const wrong = all.filter((a) => a.referencedTable !== fk.table);
    out.push(
      finding(SHARED_COLUMN, {
        models: unique(all.flatMap((a) => [a.source, a.target])),
        columns: [`${tableName}.${col}`],
        declarations: all.map((a) => declared(ctx, a)),
        message:
          `${tableName}.${col} is the key of associations to ${targets.join(' and ')}, but the database's foreign key references ${fk.table} only: ` +
          `${wrong.map((a) => a.label).join(', ')} store ids of ${unique(wrong.map((a) => a.referencedTable)).join(', ')} that the database checks against ${fk.table} (refused, or pointing at the wrong row).`,
        fix: `// one key per parent table:\n${wrong.map((a) => `${a.label.replace(/\)$/, '').replace(/, \{.*$/, '')}, { foreignKey: '${a.referencedTable.replace(/s$/, '').replace(/^./, (c) => c.toLowerCase())}Id' })`).join('\n')}\n// or a polymorphic pair: constraints: false and a type column with a scope (lesson 10)`,
      }),
    );
  }
  return out;
}

export function hasOneNotUnique(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const a of ctx.associations) {
    if (a.type !== 'HasOne' || a.options.scope || !column(ctx, a.fkTable, a.fkColumn)) continue;
    if (uniqueAlone(ctx, a.fkTable, a.fkColumn)) continue;
    out.push(
      finding(HAS_ONE_NOT_UNIQUE, {
        models: [a.source, a.target],
        columns: [`${a.fkTable}.${a.fkColumn}`],
        declarations: [declared(ctx, a)],
        message: `${a.label} says one ${a.target} per ${a.source}, but ${a.fkTable}.${a.fkColumn} is not unique: the database takes a second ${a.target} for the same ${a.source}, and get${a.as.replace(/^./, (c) => c.toUpperCase())}() then returns one of them.`,
        fix: `${a.source}.hasOne(${a.target}, { ${a.aliased ? `as: '${a.as}', ` : ''}foreignKey: { name: '${a.foreignKey}', unique: true } });\n// and the same foreignKey on ${a.target}.belongsTo(${a.source})`,
      }),
    );
  }
  return out;
}

export function setNullOnNotNull(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const t of ctx.schema) {
    for (const fk of t.foreignKeys) {
      if (fk.onDelete !== 'SET NULL' || !t.columns.find((c) => c.name === fk.from)?.notNull) continue;
      const sides = ctx.associations.filter((a) => a.fkTable === t.name && (a.fkColumn === fk.from || a.otherKeyColumn === fk.from));
      const model = Object.values(ctx.sequelize.models).find((m) => m.getTableName().toString() === t.name)?.name ?? t.name;
      out.push(
        finding(SET_NULL_NOT_NULL, {
          models: unique([model, ...sides.flatMap((a) => [a.source, a.target])]),
          columns: [`${t.name}.${fk.from}`],
          declarations: sides.map((a) => declared(ctx, a)),
          message: `${t.name}.${fk.from} is NOT NULL with ON DELETE SET NULL: deleting a row of ${fk.table} that ${article(model)} points at fails (the database cannot set a NOT NULL column to NULL).`,
          fix: `// say what a delete should do, on both sides of the relationship:\nonDelete: 'CASCADE'   // or 'RESTRICT', keeping allowNull: false\n// or let the key be NULL: foreignKey: { name: '${fk.from}', allowNull: true }`,
        }),
      );
    }
  }
  return out;
}

