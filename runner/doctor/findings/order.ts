/**
 * An option written on one side of a relationship that the database does not have, because the other
 * side was declared first and created the column: the kit's orderDependence, for every key two sides share.
 */
import { orderDependence } from '../../kit/diagnose/definition-order.ts';
import type { Finding } from '../result.ts';
import { declarationOf, declared, finding, unique, withOption, type CheckContext, type CheckSpec } from './context.ts';

export const ORDER: CheckSpec = { id: 'order-dependent-option', severity: 'error', lesson: '01', title: 'an option on one side of a pair that the database does not have, because the other side was declared first' };

export async function orderDependentOption(ctx: CheckContext): Promise<Finding[]> {
  const out: Finding[] = [];
  const keys = unique(ctx.associations.filter((a) => a.type !== 'BelongsToMany').map((a) => `${a.fkTable}\u0000${a.fkColumn}`));
  for (const key of keys) {
    const [tableName, column] = key.split('\u0000');
    const found = await orderDependence(ctx.sequelize, { table: tableName, column }, ctx.associations);
    if (!found) continue;
    // Written by the project, not a default Sequelize filled in (belongsTo writes its onDelete into its options).
    const fk = declarationOf(ctx, found.ignored)?.written.foreignKey;
    const d = declarationOf(ctx, found.ignored);
    const written =
      found.option === 'onDelete' || found.option === 'onUpdate' ? d?.written[found.option] !== undefined : typeof fk === 'object' && fk !== null && (fk as Record<string, unknown>)[found.option] !== undefined;
    // The option the project wrote is the one to keep; a default that lost is only a warning.
    const want = written ? found.fixTheirs : found.fixNow;
    out.push(
      finding(ORDER, {
        severity: written ? 'error' : 'warning',
        models: unique(found.sides.flatMap((a) => [a.source, a.target])),
        columns: [found.where],
        declarations: found.sides.map((a) => declared(ctx, a)),
        message: `${found.message} The outcome depends on declaration order.`,
        fix: found.sides.map((a) => withOption(a.label, want)).join('\n'),
      }),
    );
  }
  return out;
}
