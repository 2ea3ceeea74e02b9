/**
 * What a delete really does, found by doing it on the scratch database: belongsTo with onDelete
 * CASCADE and hooks: true (one parent, one child, destroy the child, count parents), and a cascade
 * into a paranoid model (destroy the parent, look for the child row).
 */
import type { Model, ModelStatic } from 'sequelize';
import type { AssociationInfo } from '../../kit/associations.ts';
import { firstLine } from '../load-error.ts';
import { probeRow } from '../probe-rows.ts';
import type { Finding } from '../result.ts';
import { declared, finding, foreignKey, type CheckContext, type CheckSpec } from './context.ts';

export const HOOKED_BELONGS_TO: CheckSpec = { id: 'belongs-to-hooked-cascade', severity: 'error', lesson: '08', title: "belongsTo with onDelete: 'CASCADE' and hooks: true: destroying a child deletes its parent" };
export const PARANOID_CASCADE: CheckSpec = { id: 'paranoid-cascade', severity: 'warning', lesson: '08', title: 'ON DELETE CASCADE into a paranoid model: its rows are deleted for good' };

async function stillThere(model: ModelStatic<Model>, row: Model): Promise<'gone' | 'soft-deleted' | 'there'> {
  const pk = model.primaryKeyAttribute;
  const found = await model.findOne({ where: { [pk]: row.get(pk) as string }, paranoid: false });
  if (!found) return 'gone';
  return model.options.paranoid && found.isSoftDeleted() ? 'soft-deleted' : 'there';
}

const raw = (ctx: CheckContext, a: AssociationInfo) => Object.values(ctx.sequelize.models[a.source]?.associations ?? {}).find((x) => (x as unknown as { as: string }).as === a.as) as unknown as
  | { source: ModelStatic<Model>; target: ModelStatic<Model>; foreignKey: string; targetKey?: string; sourceKey?: string; options: { useHooks?: boolean; onDelete?: string } }
  | undefined;

export async function hookedBelongsTo(ctx: CheckContext): Promise<Finding[]> {
  const out: Finding[] = [];
  for (const a of ctx.associations) {
    const r = raw(ctx, a);
    if (a.type !== 'BelongsTo' || !r?.options.useHooks || r.options.onDelete?.toUpperCase() !== 'CASCADE') continue;
    let outcome: string;
    try {
      const parent = await probeRow(r.target);
      const child = await probeRow(r.source, { [r.foreignKey]: parent.get(r.targetKey ?? r.target.primaryKeyAttribute) });
      await child.destroy();
      outcome = await stillThere(r.target, parent);
    } catch (e) {
      ctx.problems.push({ kind: 'probe', message: `The probe of ${a.label} (hooks: true, onDelete: 'CASCADE') could not run: ${firstLine(e)}` });
      continue;
    }
    if (outcome === 'there') continue;
    out.push(
      finding(HOOKED_BELONGS_TO, {
        models: [a.source, a.target],
        columns: [`${a.fkTable}.${a.fkColumn}`],
        declarations: [declared(ctx, a)],
        message: `Destroying one ${a.source} ${outcome === 'gone' ? 'deleted' : 'soft-deleted'} its ${a.target} too (tried on the scratch database: one ${a.target}, one ${a.source}, ${a.source}.destroy(), the ${a.target} was ${outcome}). hooks: true on a belongsTo makes Sequelize load the parent and destroy it, with everything that cascades from it.`,
        fix: `${a.source}.belongsTo(${a.target}, { ${a.aliased ? `as: '${a.as}', ` : ''}foreignKey: '${a.foreignKey}', onDelete: 'CASCADE' });   // no hooks here\n${a.target}.hasMany(${a.source}, { foreignKey: '${a.foreignKey}', onDelete: 'CASCADE', hooks: true }); // hooks on the parent side`,
      }),
    );
  }
  return out;
}

/**
 * ON DELETE CASCADE into a paranoid child, with no hooks: true on the parent's side: deleting the parent
 * removes the child rows for good, where the child's own destroy() would only have set deletedAt.
 */
export async function paranoidCascade(ctx: CheckContext): Promise<Finding[]> {
  const out: Finding[] = [];
  const done = new Set<string>();
  for (const a of ctx.associations) {
    if (a.type === 'BelongsToMany') continue;
    const childModel = Object.values(ctx.sequelize.models).find((m) => m.getTableName().toString() === a.fkTable);
    const parentModel = Object.values(ctx.sequelize.models).find((m) => m.getTableName().toString() === a.referencedTable);
    const fk = foreignKey(ctx, a.fkTable, a.fkColumn);
    const key = `${a.fkTable}.${a.fkColumn}`;
    if (!childModel?.options.paranoid || !parentModel || parentModel.options.paranoid || fk?.onDelete !== 'CASCADE' || done.has(key)) continue;
    done.add(key);
    const sides = ctx.associations.filter((x) => x.fkTable === a.fkTable && x.fkColumn === a.fkColumn && x.type !== 'BelongsToMany');
    const hooked = sides.some((x) => x.type !== 'BelongsTo' && x.source === parentModel.name && raw(ctx, x)?.options.useHooks);
    let outcome: string;
    try {
      const parent = await probeRow(parentModel);
      const attribute = Object.entries(childModel.getAttributes() as Record<string, { field?: string }>).find(([n, x]) => (x.field ?? n) === a.fkColumn)?.[0] ?? a.fkColumn;
      const child = await probeRow(childModel, { [attribute]: parent.get(fk.to === parentModel.primaryKeyAttribute ? parentModel.primaryKeyAttribute : fk.to) });
      await parent.destroy();
      outcome = await stillThere(childModel, child);
    } catch (e) {
      ctx.problems.push({ kind: 'probe', message: `The probe of ${key} (ON DELETE CASCADE into paranoid ${childModel.name}) could not run: ${firstLine(e)}` });
      continue;
    }
    if (outcome !== 'gone') continue;
    out.push(
      finding(PARANOID_CASCADE, {
        models: [parentModel.name, childModel.name],
        columns: [key],
        declarations: sides.map((x) => declared(ctx, x)),
        message: hooked
          ? `${childModel.name} is paranoid, but deleting a ${parentModel.name} removed its ${childModel.name} row for good (tried on the scratch database): hooks: true makes Sequelize soft-delete each ${childModel.name} first, and then the database's ON DELETE CASCADE deletes the row anyway.`
          : `${childModel.name} is paranoid, but deleting a ${parentModel.name} removed its ${childModel.name} row for good (tried on the scratch database): the database's ON DELETE CASCADE deletes it, without deletedAt and without ${childModel.name}'s hooks.`,
        fix: `// keep the rows: make ${parentModel.name} paranoid too, and soft-delete its ${childModel.name} rows when it is destroyed\n${parentModel.name}.init({ ... }, { sequelize, paranoid: true });\n${parentModel.name}.addHook('afterDestroy', (row, options) => ${childModel.name}.destroy({ where: { ${a.foreignKey}: row.id }, transaction: options.transaction }));\n// or, if deleting a ${parentModel.name} should delete them for good, ${childModel.name} need not be paranoid`,
      }),
    );
  }
  return out;
}

