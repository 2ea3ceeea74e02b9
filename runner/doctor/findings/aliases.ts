/**
 * Two associations of one model under one name: without `as` Sequelize does not refuse the second (it
 * only refuses a repeated explicit alias), it replaces the first in Model.associations, so include,
 * the mixins and the first one's options are the second's.
 */
import { describe } from '../../kit/associations.ts';
import type { Finding } from '../result.ts';
import { writtenLabel } from '../code.ts';
import { finding, withOption, type CheckContext, type CheckSpec } from './context.ts';

export const ALIAS_REPLACED: CheckSpec = { id: 'alias-replaced', severity: 'error', lesson: '09', title: 'two associations of one model under one alias: the later replaces the earlier' };

const lowerFirst = (s: string) => s.replace(/^./, (c) => c.toLowerCase());
const comparable = (o: Record<string, unknown>) => JSON.stringify(o, (k, v: unknown) => (typeof v === 'function' ? `[${(v as { name?: string }).name}]` : v));

export function aliasReplaced(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const d of ctx.declarations) {
    const a = d.association as unknown as { as: string; associationAccessor: string } | undefined;
    if (!a || (d.source.associations as Record<string, unknown>)[a.associationAccessor] === d.association) continue;
    const later = ctx.declarations.find((x) => x.order > d.order && x.source === d.source && (x.association as unknown as { as?: string } | undefined)?.as === a.as);
    if (!later?.association) continue;
    const first = describe(d.association!);
    const second = describe(later.association);
    const same = first.type === second.type && first.target === second.target && comparable(d.written) === comparable(later.written);
    out.push(
      finding(ALIAS_REPLACED, {
        severity: same ? 'warning' : 'error',
        models: [first.source, first.target, second.target].filter((m, i, all) => all.indexOf(m) === i),
        columns: [`${first.fkTable}.${first.fkColumn}`],
        declarations: [
          { label: writtenLabel(d), ...(d.at ? { at: d.at } : {}) },
          { label: writtenLabel(later), ...(later.at ? { at: later.at } : {}) },
        ],
        message: same
          ? `${writtenLabel(d)} is declared twice under the name '${a.as}': the second replaces the first (harmless only while both stay identical).`
          : `${writtenLabel(d)} and ${writtenLabel(later)} share the name '${a.as}' on ${first.source}: the second replaces the first, so include: '${a.as}', get${a.as.replace(/^./, (c) => c.toUpperCase())}() and the first one's options are the second's.`,
        fix: same
          ? `// keep one of the two declarations of ${first.label}`
          : `// give each its own alias, and use that alias in include and the mixins:\n${withOption(first.label, `as: '${lowerFirst(a.as)}'`)}\n${withOption(second.label, `as: '${lowerFirst(a.as)}2'`)}`,
      }),
    );
  }
  return out;
}
