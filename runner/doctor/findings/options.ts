/**
 * Options Sequelize never reads for that kind of association (a foreignKey inside `through`, a
 * targetKey on hasMany, a misspelt onDelete): silently ignored, so the database does not have them.
 * The lists are what Sequelize 6's association classes read (lib/associations/*.js).
 */
import { closest } from '../../kit/diagnose/similar.ts';
import type { AssociationType } from '../../kit/associations.ts';
import type { Declaration } from '../declarations.ts';
import { code, writtenLabel } from '../code.ts';
import type { Finding } from '../result.ts';
import { finding, unique, type CheckContext, type CheckSpec } from './context.ts';

export const IGNORED_OPTION: CheckSpec = { id: 'ignored-option', severity: 'error', lesson: '03', title: 'an option Sequelize does not read for that association type' };

const COMMON = ['as', 'foreignKey', 'onDelete', 'onUpdate', 'constraints', 'hooks', 'keyType', 'foreignKeyConstraint'];
const READ: Record<AssociationType, string[]> = {
  HasOne: [...COMMON, 'sourceKey', 'scope'],
  HasMany: [...COMMON, 'sourceKey', 'scope'],
  BelongsTo: [...COMMON, 'targetKey'],
  BelongsToMany: [...COMMON, 'through', 'otherKey', 'sourceKey', 'targetKey', 'scope', 'timestamps', 'uniqueKey', 'paranoid'],
};
const THROUGH = ['model', 'scope', 'unique', 'paranoid'];
/** Where an option that is misplaced belongs. */
const BELONGS: Record<string, string> = {
  targetKey: 'belongsTo or belongsToMany',
  sourceKey: 'hasOne, hasMany or belongsToMany',
  otherKey: 'belongsToMany',
  through: 'belongsToMany',
  scope: 'hasOne, hasMany or belongsToMany',
};
const METHOD: Record<AssociationType, string> = { HasOne: 'hasOne', HasMany: 'hasMany', BelongsTo: 'belongsTo', BelongsToMany: 'belongsToMany' };
const ALL_KNOWN = unique(Object.values(READ).flat());

const short = (d: Declaration) => writtenLabel(d);

export function ignoredOption(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const d of ctx.declarations) {
    // Keys Sequelize wrote itself into an options object the project passed twice (the model's own options, useHooks).
    const internal = new Set(['useHooks', 'name', ...Object.keys(d.source.options)]);
    const report = (key: string, why: string, fix: string) =>
      out.push(
        finding(IGNORED_OPTION, {
          models: unique([d.source.name, d.target.name]),
          columns: [],
          declarations: [{ label: short(d), ...(d.at ? { at: d.at } : {}) }],
          message: `${short(d)} has ${key}, which Sequelize does not read there: ${why}`,
          fix,
        }),
      );
    for (const key of Object.keys(d.written)) {
      if (READ[d.type].includes(key) || (internal.has(key) && !ALL_KNOWN.includes(key))) continue;
      if (BELONGS[key]) {
        report(key, `it only means something on ${BELONGS[key]}, so it is silently ignored.`, `// remove ${key} here${key === 'targetKey' && d.type !== 'BelongsTo' ? `; on ${d.type === 'BelongsToMany' ? 'belongsToMany' : METHOD[d.type]} the key the association points at is sourceKey` : ''}`);
        continue;
      }
      const near = closest(key, ALL_KNOWN);
      report(key, `it is not an association option${near ? ` (did you mean ${near}? option names are case-sensitive)` : ''}, so it is silently ignored.`, near ? `${near}: ${code(d.written[key])}` : `// remove ${key}`);
    }
    // hooks: true is read only next to onDelete: 'CASCADE' (a belongsTo's is the probe's finding).
    // What Sequelize's delete reads: the association's onDelete after Sequelize filled in its default (hasOne's may be CASCADE).
    const read = (d.association as unknown as { options?: { onDelete?: string } } | undefined)?.options?.onDelete;
    if (d.written.hooks === true && String(read ?? '').toUpperCase() !== 'CASCADE') {
      const parent = d.type === 'BelongsTo' ? `${d.target.name}.hasMany(${d.source.name}` : `${d.source.name}.${METHOD[d.type]}(${d.target.name}`;
      report(
        'hooks: true',
        `Sequelize only uses it to destroy the associated rows one by one (running their hooks) with onDelete: 'CASCADE' on a hasOne or hasMany, so here it does nothing.`,
        d.type === 'BelongsToMany' ? '// remove hooks: true; to run hooks on the links, make the join table a model with its own hasMany/belongsTo' : `${parent}, { onDelete: 'CASCADE', hooks: true });`,
      );
    }
    const through = d.written.through;
    if (d.type === 'BelongsToMany' && through && typeof through === 'object' && !('prototype' in through)) {
      for (const key of Object.keys(through)) {
        if (THROUGH.includes(key)) continue;
        const outside = READ.BelongsToMany.includes(key);
        report(
          `through: { ${key} }`,
          outside ? `inside through it is never read; the association's own ${key} is.` : `through takes model, scope, unique and paranoid only.`,
          outside ? `${d.source.name}.belongsToMany(${d.target.name}, { through: ${code((through as Record<string, unknown>).model)}, ${key}: ${code((through as Record<string, unknown>)[key])} });` : `// remove ${key} from through`,
        );
      }
    }
  }
  return out;
}
