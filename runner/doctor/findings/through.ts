/**
 * belongsToMany pairs that disagree: the two sides of one many-to-many through two different join
 * tables, or keys that the database points at the wrong table (foreignKey and otherKey swapped on one
 * side, or the same name for both).
 */
import type { AssociationInfo } from '../../kit/associations.ts';
import type { Finding } from '../result.ts';
import { declared, finding, foreignKey, unique, type CheckContext, type CheckSpec } from './context.ts';

export const THROUGH_PAIR: CheckSpec = { id: 'through-pair-mismatch', severity: 'error', lesson: '03', title: 'belongsToMany pairs that disagree (join table, foreignKey/otherKey)' };

export function throughPairMismatch(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const many = ctx.associations.filter((a) => a.type === 'BelongsToMany');
  const tableOf = (model: string) => ctx.sequelize.models[model]?.getTableName().toString() ?? model;
  for (const a of many) {
    const keys = { source: foreignKey(ctx, a.fkTable, a.fkColumn), target: a.otherKeyColumn ? foreignKey(ctx, a.fkTable, a.otherKeyColumn) : undefined };
    if (a.otherKeyColumn === a.fkColumn) {
      out.push(
        finding(THROUGH_PAIR, {
          models: unique([a.source, a.target]),
          columns: [`${a.fkTable}.${a.fkColumn}`],
          declarations: [declared(ctx, a)],
          message: `${a.label} uses ${a.fkColumn} as both foreignKey and otherKey: one column cannot hold both ends of a link.`,
          fix: `${a.source}.belongsToMany(${a.target}, { through: '${a.through}', ${a.aliased ? `as: '${a.as}', ` : ''}foreignKey: '${a.fkColumn}', otherKey: '<the other key>' });`,
        }),
      );
      continue;
    }
    const wrongSource = keys.source && keys.source.table !== tableOf(a.source);
    const wrongTarget = keys.target && keys.target.table !== tableOf(a.target);
    if (wrongSource || wrongTarget) {
      out.push(
        finding(THROUGH_PAIR, {
          models: unique([a.source, a.target]),
          columns: unique([`${a.fkTable}.${a.fkColumn}`, ...(a.otherKeyColumn ? [`${a.fkTable}.${a.otherKeyColumn}`] : [])]),
          declarations: unique([a, ...many.filter((b) => b !== a && b.through === a.through)]).map((x) => declared(ctx, x)),
          message:
            `${a.label} stores ${a.source} ids in ${a.fkColumn} and ${a.target} ids in ${a.otherKeyColumn}, but the database's keys say ${a.fkColumn} → ${keys.source?.table ?? '(none)'} and ${a.otherKeyColumn} → ${keys.target?.table ?? '(none)'}: ` +
            `the two sides of the pair name foreignKey and otherKey the other way round, so links made from one side are refused or read wrong from the other.`,
          fix: `// on each side, foreignKey is the key to its own model:\n${a.source}.belongsToMany(${a.target}, { through: '${a.through}', foreignKey: '<${a.source} key>', otherKey: '<${a.target} key>' });\n${a.target}.belongsToMany(${a.source}, { through: '${a.through}', foreignKey: '<${a.target} key>', otherKey: '<${a.source} key>' });`,
        }),
      );
    }
  }
  // Two join tables where one many-to-many was meant: each side has its own, and neither sees the other's links.
  const seen = new Set<string>();
  for (const a of many) {
    if (a.source === a.target) continue;
    const pair = [a.source, a.target].sort().join('\u0000');
    if (seen.has(pair)) continue;
    seen.add(pair);
    const forward = many.filter((x) => x.source === a.source && x.target === a.target);
    const back = many.filter((x) => x.source === a.target && x.target === a.source);
    if (forward.length !== 1 || back.length !== 1) continue;
    const [f, b] = [forward[0], back[0]] as [AssociationInfo, AssociationInfo];
    if (f.through === b.through) continue;
    out.push(
      finding(THROUGH_PAIR, {
        severity: 'warning',
        models: [f.source, f.target],
        columns: [],
        declarations: [declared(ctx, f), declared(ctx, b)],
        message: `${f.label} and ${b.label} go through different join tables (${f.fkTable} and ${b.fkTable}): if they are one many-to-many, a link made from one side is not seen from the other.`,
        fix: `${f.source}.belongsToMany(${f.target}, { through: '${f.through}' });\n${b.source}.belongsToMany(${b.target}, { through: '${f.through}' });`,
      }),
    );
  }
  return out;
}
