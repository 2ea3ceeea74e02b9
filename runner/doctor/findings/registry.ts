/**
 * Every check doctor runs, in the order it reports them (as Django's system checks: each an id, a
 * severity, the lesson that teaches it). The migration checks are in ../migrations.ts.
 */
import type { Finding } from '../result.ts';
import type { CheckContext, CheckSpec } from './context.ts';
import { aliasReplaced, ALIAS_REPLACED } from './aliases.ts';
import { doubleForeignKey, DOUBLE_KEY, hasOneNotUnique, HAS_ONE_NOT_UNIQUE, setNullOnNotNull, SET_NULL_NOT_NULL, sharedColumn, SHARED_COLUMN } from './keys.ts';
import { ignoredOption, IGNORED_OPTION } from './options.ts';
import { ORDER, orderDependentOption } from './order.ts';
import { hookedBelongsTo, HOOKED_BELONGS_TO, paranoidCascade, PARANOID_CASCADE } from './probes.ts';
import { throughPairMismatch, THROUGH_PAIR } from './through.ts';
import { unindexedForeignKey, UNINDEXED } from './indexes.ts';

export interface Check {
  spec: CheckSpec;
  run: (ctx: CheckContext) => Finding[] | Promise<Finding[]>;
  /** Judges Sequelize's own state only (Model.associations, the options it reads): runs even when the tables could not be created. */
  declarationsOnly?: boolean;
}

export const CHECKS: Check[] = [
  { spec: DOUBLE_KEY, run: doubleForeignKey },
  { spec: ORDER, run: orderDependentOption },
  { spec: ALIAS_REPLACED, run: aliasReplaced, declarationsOnly: true },
  { spec: SHARED_COLUMN, run: sharedColumn },
  { spec: IGNORED_OPTION, run: ignoredOption, declarationsOnly: true },
  { spec: THROUGH_PAIR, run: throughPairMismatch },
  { spec: SET_NULL_NOT_NULL, run: setNullOnNotNull },
  { spec: HAS_ONE_NOT_UNIQUE, run: hasOneNotUnique },
  { spec: UNINDEXED, run: unindexedForeignKey },
  // Last: the probes write rows.
  { spec: HOOKED_BELONGS_TO, run: hookedBelongsTo },
  { spec: PARANOID_CASCADE, run: paranoidCascade },
];

export async function runChecks(ctx: CheckContext, opts: { declarationsOnly?: boolean } = {}): Promise<Finding[]> {
  const out: Finding[] = [];
  for (const check of CHECKS) {
    if (opts.declarationsOnly && !check.declarationsOnly) continue;
    try {
      out.push(...(await check.run(ctx)));
    } catch (e) {
      ctx.problems.push({ kind: 'probe', message: `The ${check.spec.id} check could not finish: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` });
    }
  }
  return out;
}
