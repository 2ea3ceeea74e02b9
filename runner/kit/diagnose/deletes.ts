/** Deletes a real parent row and reports what really happened to a dependent row. */
import { ForeignKeyConstraintError, type Model, type ModelStatic } from 'sequelize';
import { Schema } from '../schema.ts';
import { checkForeignKey } from './foreign-key.ts';
import { article } from './similar.ts';

export type DeleteEffect = 'cascade' | 'set null' | 'restrict' | 'keep';

const action: Record<DeleteEffect, string | undefined> = { cascade: 'CASCADE', 'set null': 'SET NULL', restrict: 'RESTRICT', keep: undefined };

/**
 * A delete the database refused because rows still point at the parent. NO ACTION is SQLSTATE 23503,
 * which Sequelize turns into a ForeignKeyConstraintError; PostgreSQL reports RESTRICT as 23001
 * (restrict_violation), which Sequelize 6 leaves a plain DatabaseError. Both are a refusal.
 */
export function refusedByForeignKey(e: unknown): boolean {
  return e instanceof ForeignKeyConstraintError || (e as { parent?: { code?: string } } | null)?.parent?.code === '23001';
}

export async function observeDelete(parent: Model, child: Model, opts: { force?: boolean } = {}): Promise<DeleteEffect> {
  const parentModel = parent.constructor as ModelStatic<Model>;
  const childModel = child.constructor as ModelStatic<Model>;
  const sequelize = childModel.sequelize!;
  try {
    // Not { force: opts.force }: Sequelize soft-deletes only when force === false, so force: undefined deletes for good.
    await parent.destroy(opts.force ? { force: true } : {});
  } catch (e) {
    if (refusedByForeignKey(e)) return 'restrict';
    throw e;
  }
  const found = await childModel.unscoped().findByPk(child.get(childModel.primaryKeyAttribute) as string | number, { paranoid: false });
  const row = found?.get({ plain: true }) as Record<string, unknown> | undefined;
  if (!row) return 'cascade';
  const deletedAt = childModel.options.paranoid ? row[(childModel.options.deletedAt as string | undefined) ?? 'deletedAt'] : null;
  if (deletedAt) return 'cascade';
  const keys = (await new Schema(sequelize).foreignKeys(childModel.getTableName().toString())).filter((k) => k.table === parentModel.getTableName().toString());
  const columns = keys.map((k) => childModel.getAttributes()[k.from] ? k.from : (Object.entries(childModel.getAttributes()).find(([, a]) => a.field === k.from)?.[0] ?? k.from));
  return columns.length && columns.every((c) => row[c] === null) ? 'set null' : 'keep';
}

const told: Record<DeleteEffect, string> = {
  cascade: 'deleted',
  'set null': 'kept with its foreign key set to NULL',
  restrict: 'kept, and the delete was refused',
  keep: 'kept, still pointing at the deleted row',
};

/** null when deleting `parent` does `want` to `child`; otherwise what happened and why. */
export async function checkDeleteEffect(parent: Model, child: Model, want: DeleteEffect, opts: { force?: boolean } = {}): Promise<string | null> {
  const parentModel = parent.constructor as ModelStatic<Model>;
  const childModel = child.constructor as ModelStatic<Model>;
  const got = await observeDelete(parent, child, opts);
  if (got === want || (want === 'restrict' && got === 'restrict')) return null;
  let why = '';
  if (parentModel.options.paranoid && !opts.force && got === 'keep') {
    // Not hooks: true: Sequelize's hooked cascade runs only inside a real DELETE, which a soft delete never issues.
    why = ` ${parentModel.name} is paranoid: destroy() only set its deletedAt, the row is still there, so the database had nothing to cascade (and hooks: true does not help: Sequelize cascades through hooks only on a real delete). Delete for good with destroy({ force: true }), or soft-delete the ${childModel.name} rows yourself in an afterDestroy hook on ${parentModel.name}.`;
  } else if (action[want]) {
    const diag = await checkForeignKey(childModel.sequelize!, {
      table: childModel.getTableName().toString(),
      references: parentModel.getTableName().toString(),
      onDelete: action[want],
    });
    if (diag) why = ` ${diag}`;
  }
  // A refused delete already says the row was kept: "was refused, and its X was kept, and the delete was refused" reads twice.
  const happened = got === 'restrict'
    ? `was refused by the database, so its ${childModel.name} was kept`
    : `went through, and its ${childModel.name} was ${told[got]}`;
  return `Deleting ${article(parentModel.name)} ${happened}; the lesson wants it ${told[want]}.${why}`;
}
