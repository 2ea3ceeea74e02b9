/**
 * A foreign key without an index, on PostgreSQL: it indexes no foreign key by itself (MySQL's InnoDB
 * does, SQLite's lookups are not the concern), so every include, every get<Children>() and every
 * ON DELETE on the parent reads the whole child table.
 */
import type { Finding } from '../result.ts';
import { finding, type CheckContext, type CheckSpec } from './context.ts';

export const UNINDEXED: CheckSpec = { id: 'unindexed-foreign-key', severity: 'note', lesson: '14', title: 'a foreign key without an index (PostgreSQL)' };

export function unindexedForeignKey(ctx: CheckContext): Finding[] {
  if (ctx.database !== 'postgres' || /^(mysql|mariadb)$/.test(ctx.projectDialect ?? '')) return [];
  const out: Finding[] = [];
  for (const t of ctx.schema) {
    const model = Object.values(ctx.sequelize.models).find((m) => m.getTableName().toString() === t.name);
    for (const fk of t.foreignKeys) {
      if (t.indexes.some((i) => i.columns[0] === fk.from)) continue;
      const declaring = ctx.associations.filter((a) => a.fkTable === t.name && (a.fkColumn === fk.from || a.otherKeyColumn === fk.from));
      out.push(
        finding(UNINDEXED, {
          models: [model?.name ?? t.name],
          columns: [`${t.name}.${fk.from}`],
          declarations: declaring.map((a) => ({ label: a.label })),
          message: `${t.name}.${fk.from} references ${fk.table} but has no index: PostgreSQL does not index foreign keys by itself, so loading a ${fk.table} row's ${t.name} and deleting a ${fk.table} row read all of ${t.name}.`,
          fix: `// in ${model?.name ?? t.name}'s options:\nindexes: [{ fields: ['${fk.from}'] }]\n// and in a migration: await queryInterface.addIndex('${t.name}', ['${fk.from}']);`,
        }),
      );
    }
  }
  return out;
}
