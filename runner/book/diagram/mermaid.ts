/**
 * The diagram as Mermaid erDiagram text (GitHub renders it in Markdown). Mermaid has no colour or
 * flag per line, so what differs from the solution is said in the attribute's comment, in the
 * relation's label, and in %% comment lines above the diagram.
 */
import type { Diagram, DiagramRelation } from './model.ts';

/** Mermaid names are words: anything else becomes _ (this course's tables never need it). */
const name = (s: string) => s.replace(/[^A-Za-z0-9_]/g, '_');
/** Types may hold parentheses but no spaces (PostgreSQL's "TIMESTAMP WITH TIME ZONE"). */
const type = (s: string) => s.trim().replace(/[^A-Za-z0-9_()[\]-]+/g, '_') || 'UNKNOWN';
const quoted = (s: string) => `"${s.replace(/"/g, "'")}"`;

function cardinality(r: DiagramRelation): string {
  // Left: the referenced row, per row of the keyed table (exactly one when NOT NULL).
  // Right: keyed rows per referenced row (at most one when the key is unique).
  return `${r.notNull ? '||' : '|o'}--${r.unique ? 'o|' : 'o{'}`;
}

export function toMermaid(d: Diagram): string {
  const lines: string[] = [];
  if (d.differences.length) {
    lines.push(`%% ${d.differencesHeading ?? "Differences from the solution's schema:"}`);
    for (const diff of d.differences) lines.push(`%% - ${diff}`);
  }
  lines.push('erDiagram');
  for (const t of d.tables) {
    const flags = [t.junction ? 'junction table' : '', t.mark ? `${t.mark.toUpperCase()}: ${t.note}` : ''].filter(Boolean).join('; ');
    if (flags) lines.push(`  %% ${name(t.name)}: ${flags}`);
    lines.push(`  ${name(t.name)} {`);
    for (const c of t.columns) {
      const keys = [c.pk ? 'PK' : '', c.references ? 'FK' : '', c.unique && !c.pk ? 'UK' : ''].filter(Boolean).join(', ');
      const comment = [c.notNull && !c.pk ? 'NOT NULL' : '', c.mark ? `${c.mark.toUpperCase()}: ${c.note}` : ''].filter(Boolean).join('; ');
      lines.push(`    ${type(c.type)} ${name(c.name)}${keys ? ` ${keys}` : ''}${comment ? ` ${quoted(comment)}` : ''}`);
    }
    lines.push('  }');
  }
  for (const r of d.relations) {
    const label = [`${r.column} ON DELETE ${r.onDelete}`, r.mark ? `${r.mark.toUpperCase()}: ${r.note}` : ''].filter(Boolean).join('; ');
    lines.push(`  ${name(r.references)} ${cardinality(r)} ${name(r.table)} : ${quoted(label)}`);
  }
  return lines.join('\n');
}
