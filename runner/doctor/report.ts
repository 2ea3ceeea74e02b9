/**
 * doctor's output: the text report (how the models were loaded, what did not load, the schema read
 * back from the database, each finding with its declarations, fix and lesson, the totals), the JSON
 * for CI, and the Mermaid diagram with the findings marked on the keys they concern.
 */
import { relative } from 'node:path';
import type { Palette } from '../ui/colors.ts';
import { wrapIndented } from '../ui/wrap.ts';
import { diagramModel, type Diagram } from '../book/diagram/model.ts';
import { toMermaid } from '../book/diagram/mermaid.ts';
import type { SchemaSnapshot } from '../book/diagram/snapshot.ts';
import type { DoctorResult, Finding, Severity, TableSchema } from './result.ts';

export interface Report {
  result: DoctorResult;
  findings: Finding[];
  silenced: number;
  exitCode: number;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const dbName = (d: string) => (d === 'postgres' ? 'PostgreSQL' : 'SQLite');

export function counts(findings: Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, note: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

function schemaLines(schema: TableSchema[]): string[] {
  const out: string[] = [];
  for (const t of schema) {
    const pk = t.columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    out.push(`  ${t.name} (primary key ${pk.join(', ') || 'none'})`);
    for (const fk of t.foreignKeys) {
      const col = t.columns.find((c) => c.name === fk.from);
      const unique = t.uniqueSets.some((s) => s.length === 1 && s[0] === fk.from);
      const indexed = t.indexes.some((i) => i.columns[0] === fk.from) || pk[0] === fk.from;
      out.push(`    ${fk.from} → ${fk.table}.${fk.to}  ON DELETE ${fk.onDelete}, ${col?.notNull ? 'NOT NULL' : 'nullable'}${unique ? ', UNIQUE' : ''}${indexed ? ', indexed' : ''}`);
    }
  }
  return out;
}

/** How the models were loaded, and the migrations run: the report's first lines. */
export function loadedLines(result: DoctorResult): string[] {
  const dialect = result.projectDialect ? ` (the project's dialect: ${result.projectDialect})` : '';
  const out = [`Loaded ${result.loadedFrom}: ${plural(result.models.length, 'model')}, ${plural(result.associations, 'association')}, on a scratch ${dbName(result.database)} database${dialect}.`];
  const m = result.migrations;
  if (m) out.push(m.ran === m.files ? `Migrations: all ${m.files} ran on an empty scratch database, and what they built was compared with the models.` : `Migrations: ${m.ran} of ${m.files} ran on an empty scratch database before one failed (below).`);
  return out;
}

export function textReport(r: Report, c: Palette, columns?: number): string {
  const { result } = r;
  const out: string[] = [];
  const where = relative(process.cwd(), result.root) || '.';
  out.push(c.bold(`doctor: ${where}`));
  out.push(...loadedLines(result));
  for (const n of result.notes) out.push(wrapIndented(n, '  ', columns, ''));
  if (result.problems.length) {
    out.push('', c.bold('Not checked:'));
    for (const p of result.problems) out.push(wrapIndented(`${p.file ? `${p.file}: ` : ''}${p.message}`, '    ', columns, '  '));
  }
  if (result.schema.length) {
    out.push('', c.bold('Schema (read back from the database after sync()):'), ...schemaLines(result.schema));
  }
  out.push('');
  if (!r.findings.length) out.push(c.green('No findings.'));
  const colour: Record<Severity, (s: string) => string> = { error: c.red, warning: c.yellow, note: c.cyan };
  for (const f of r.findings) {
    out.push(`${colour[f.severity](f.severity.toUpperCase())} ${c.bold(f.id)}${f.columns.length ? `  ${f.columns.join(', ')}` : ''}`);
    out.push(wrapIndented(f.message, '  ', columns));
    for (const d of f.declarations) out.push(`  - ${d.label}${d.at ? c.dim(`  ${d.at}`) : ''}`);
    out.push('  Fix:', ...f.fix.split('\n').map((l) => `    ${l}`));
    out.push(c.dim(`  Learn: npm run workbook -- read ${f.lesson}`), '');
  }
  const n = counts(r.findings);
  out.push(`${plural(n.error, 'error')}, ${plural(n.warning, 'warning')}, ${plural(n.note, 'note')}${r.silenced ? ` (${r.silenced} silenced in .workbook-doctor.json)` : ''}.`);
  return out.join('\n');
}

export function jsonReport(r: Report): string {
  return JSON.stringify(
    {
      root: r.result.root,
      database: r.result.database,
      projectDialect: r.result.projectDialect ?? null,
      loadedFrom: r.result.loadedFrom,
      models: r.result.models,
      notes: r.result.notes,
      problems: r.result.problems,
      findings: r.findings,
      silenced: r.silenced,
      counts: counts(r.findings),
      migrations: r.result.migrations ?? null,
      schema: r.result.schema,
      exitCode: r.exitCode,
    },
    null,
    2,
  );
}

/** The book's snapshot type, from doctor's schema. */
export function toSnapshot(schema: TableSchema[]): SchemaSnapshot {
  return {
    tables: schema.map((t) => ({
      name: t.name,
      columns: t.columns.map((col) => ({ ...col, defaultValue: null })),
      foreignKeys: t.foreignKeys,
      uniqueSets: t.uniqueSets,
    })),
  };
}

/**
 * The ER diagram of the schema read back, each finding marked on the keys and columns it concerns
 * (`--diagram` and the book's project page draw it), and listed above it.
 */
export function findingsDiagram(r: Pick<Report, 'result' | 'findings'>): Diagram {
  const diagram = diagramModel(toSnapshot(r.result.schema));
  for (const f of r.findings) {
    const flag = { id: f.id, severity: f.severity };
    for (const column of f.columns) {
      const [table, name] = column.split('.');
      const rel = diagram.relations.find((x) => x.table === table && x.column === name);
      if (rel) {
        rel.mark = 'differs';
        rel.note = rel.note ? `${rel.note}, ${f.id}` : f.id;
        (rel.flags ??= []).push(flag);
      }
      const col = diagram.tables.find((t) => t.name === table)?.columns.find((c) => c.name === name);
      if (col) (col.flags ??= []).push(flag);
    }
    diagram.differences.push(`${f.severity} ${f.id}${f.columns.length ? ` (${f.columns.join(', ')})` : ''}: ${f.message.split(/(?<=\.) /)[0]}`);
  }
  diagram.differencesHeading = 'doctor findings:';
  return diagram;
}

export function mermaidReport(r: Report): string {
  return toMermaid(findingsDiagram(r));
}
