/**
 * A small SVG renderer for the diagram (no library to serve: under 200 lines, drawn on the server, and
 * it draws what Mermaid's erDiagram cannot: a flagged key as its own dashed arrow, marks on the exact row).
 * Layout: referenced tables left of the tables that point at them (by depth of foreign keys), each
 * foreign key an arrow from its column's row to the referenced column's row. Flags are words and
 * symbols (⚠ extra, ≠ differs), never colour alone.
 */
import type { Diagram, DiagramRelation, DiagramTable, Flag } from './model.ts';

const ROW = 22;
const HEAD = 28;
const CHAR = 7.3; // 12px monospace, measured in Chromium and Firefox
const GAP_X = 230; // room for the ON DELETE labels between columns of tables
const SUB_GAP_X = 40; // between the columns one rank is wrapped into
const SELF_LOOP_ROOM = 230;
const MAX_COLUMN_H = 560; // a rank taller than this wraps into another column
const GAP_Y = 34;
const PAD = 16;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface Box {
  t: DiagramTable;
  x: number;
  y: number;
  w: number;
  h: number;
  rank: number;
}

/** doctor's findings as symbols and words: ✗ error, ⚠ warning, ℹ note (never colour alone). */
const SEVERITY = { error: '✗', warning: '⚠', note: 'ℹ' } as const;
const ORDER = ['error', 'warning', 'note'] as const;
const worst = (flags: Flag[]) => ORDER.find((s) => flags.some((f) => f.severity === s))!;
const flagWord = (flags: Flag[]) => `${SEVERITY[worst(flags)]} ${worst(flags)}`;

function rowText(c: DiagramTable['columns'][number]): { key: string; name: string; tail: string } {
  const key = c.pk && c.references ? 'PK FK' : c.pk ? 'PK' : c.references ? 'FK' : '';
  const mark = c.flags?.length ? flagWord(c.flags) : c.mark === 'extra' ? '⚠ extra' : c.mark === 'differs' ? '≠ differs' : '';
  const marks = [c.notNull && !c.pk ? 'NN' : '', c.unique && !c.pk ? 'UQ' : '', mark].filter(Boolean).join(' ');
  return { key, name: c.name, tail: `${c.type}${marks ? `  ${marks}` : ''}` };
}

function ranks(d: Diagram): Map<string, number> {
  const out = new Map<string, number>();
  const refs = (name: string) => d.relations.filter((r) => r.table === name && r.references !== name).map((r) => r.references);
  const visit = (name: string, seen: Set<string>): number => {
    if (out.has(name)) return out.get(name)!;
    if (seen.has(name)) return 0; // a cycle: break it here
    seen.add(name);
    const r = Math.max(-1, ...refs(name).filter((n) => d.tables.some((t) => t.name === n)).map((n) => visit(n, seen))) + 1;
    out.set(name, r);
    return r;
  };
  for (const t of d.tables) visit(t.name, new Set());
  return out;
}

function layout(d: Diagram): Box[] {
  const rank = ranks(d);
  const byRank: DiagramTable[][] = [];
  for (const t of d.tables) (byRank[rank.get(t.name)!] ??= []).push(t);
  const boxes: Box[] = [];
  // Room on the left for self-references' loops and labels.
  let x = d.relations.some((r) => r.table === r.references) ? SELF_LOOP_ROOM : PAD;
  for (const [r, tables] of byRank.entries()) {
    if (!tables) continue;
    const widths = tables.map((t) => {
      const longest = Math.max(t.name.length + (t.junction ? 11 : 0) + (t.mark ? 9 : 0), ...t.columns.map((c) => {
        const row = rowText(c);
        return 6 + row.name.length + 2 + row.tail.length;
      }));
      return Math.ceil(longest * CHAR + 24);
    });
    // One column per rank, wrapped into more when it grows too tall (many tables with no keys).
    let y = PAD;
    let colW = 0;
    for (const [i, t] of tables.entries()) {
      const h = HEAD + t.columns.length * ROW + 6;
      if (y > PAD && y + h > MAX_COLUMN_H) {
        x += colW + SUB_GAP_X;
        (y = PAD), (colW = 0);
      }
      boxes.push({ t, x, y, w: widths[i], h, rank: r });
      colW = Math.max(colW, widths[i]);
      y += h + GAP_Y;
    }
    x += colW + GAP_X;
  }
  return boxes;
}

function rowY(b: Box, column: string): number {
  const i = Math.max(0, b.t.columns.findIndex((c) => c.name === column));
  return b.y + HEAD + i * ROW + ROW / 2 + 2;
}

function drawTable(b: Box): string {
  const { t } = b;
  const cls = ['table', t.junction ? 'junction' : '', t.mark ? `mark-${t.mark}` : ''].filter(Boolean).join(' ');
  const title = `${t.name}${t.junction ? ' (junction)' : ''}${t.mark === 'extra' ? ' ⚠ extra' : ''}`;
  const rows = t.columns.map((c, i) => {
    const y = b.y + HEAD + i * ROW;
    const row = rowText(c);
    const rc = ['row', c.mark ? `mark-${c.mark}` : '', c.flags?.length ? `severity-${worst(c.flags)}` : '', c.references ? 'fk' : '', c.pk ? 'pk' : ''].filter(Boolean).join(' ');
    return `<g class="${rc}"${c.note ? ` data-note="${esc(c.note)}"` : ''}${flagData(c.flags)}><rect x="${b.x}" y="${y}" width="${b.w}" height="${ROW}" class="row-bg"/>`
      + `<text x="${b.x + 8}" y="${y + 15}" class="key">${esc(row.key)}</text>`
      + `<text x="${b.x + 8 + 6 * CHAR}" y="${y + 15}" class="col">${esc(row.name)}</text>`
      + `<text x="${b.x + b.w - 8}" y="${y + 15}" class="type" text-anchor="end">${esc(row.tail)}</text>`
      + (c.note || c.flags?.length ? `<title>${esc(`${t.name}.${c.name}: ${c.note ?? flagTitle(c.flags!)}`)}</title>` : '')
      + '</g>';
  });
  return `<g class="${cls}" data-table="${esc(t.name)}"><rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" rx="6" class="box"/>`
    + `<rect x="${b.x}" y="${b.y}" width="${b.w}" height="${HEAD}" rx="6" class="head"/>`
    + `<text x="${b.x + 10}" y="${b.y + 19}" class="name">${esc(title)}</text>${rows.join('')}</g>`;
}

function drawRelation(r: DiagramRelation, from: Box, to: Box, nth: number): string {
  const y1 = rowY(from, r.column);
  const y2 = rowY(to, r.to);
  let path: string;
  let lx: number;
  let ly: number;
  let anchor: string;
  if (from === to) {
    // Self-reference: a loop on the left side (arrows from other tables come in on the right), from
    // the key's row back to the referenced row; layout() leaves room there for its label.
    const x = from.x;
    const out = x - 36 - nth * 14;
    path = `M${x},${y1} C${out},${y1} ${out},${y2} ${x - 2},${y2}`;
    (lx = out + 8), (ly = y1 + 14), (anchor = 'end');
  } else if (to.rank < from.rank) {
    const x1 = from.x;
    const x2 = to.x + to.w + 2;
    const mid = (x1 + x2) / 2;
    path = `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`;
    (lx = x1 - 6), (ly = y1 - 4), (anchor = 'end');
  } else {
    // Same column of tables (a cycle): out of the left side and back.
    const x1 = from.x;
    const x2 = to.x - 2;
    const out = Math.min(x1, x2) - 40 - nth * 14;
    path = `M${x1},${y1} C${out},${y1} ${out},${y2} ${x2},${y2}`;
    (lx = out), (ly = (y1 + y2) / 2), (anchor = 'end');
  }
  const flag = r.flags?.length ? `${flagWord(r.flags)} ` : r.mark === 'extra' ? '⚠ extra ' : r.mark === 'differs' ? '≠ ' : '';
  // One line just above the arrow's start: keys in adjacent rows keep their labels apart.
  const label = esc(`${flag}${r.column} ON DELETE ${r.onDelete}`);
  const cls = ['rel', r.mark ? `mark-${r.mark}` : '', r.flags?.length ? `severity-${worst(r.flags)}` : ''].filter(Boolean).join(' ');
  const marker = r.mark === 'extra' || r.flags?.length ? 'arrow-extra' : 'arrow';
  return `<g class="${cls}" data-from="${esc(`${r.table}.${r.column}`)}" data-to="${esc(`${r.references}.${r.to}`)}" data-on-delete="${esc(r.onDelete)}"${flagData(r.flags)}>`
    + `<title>${esc(`${r.table}.${r.column} → ${r.references}.${r.to}: ${r.notNull ? 'NOT NULL' : 'nullable'}, ${r.unique ? 'UNIQUE' : 'not unique'}, ON DELETE ${r.onDelete}${r.note ? `. ${r.note}` : ''}`)}</title>`
    + `<path d="${path}" class="line" marker-end="url(#${marker})"/>`
    + `<text x="${lx}" y="${ly}" text-anchor="${anchor}" class="label">${label}</text></g>`;
}

/** The findings on a row or arrow, for the page (a finding in the list lights up its arrows). */
function flagData(flags: Flag[] | undefined): string {
  if (!flags?.length) return '';
  return ` data-findings="${esc([...new Set(flags.map((f) => f.id))].join(' '))}" data-severity="${worst(flags)}"`;
}

// Two findings of one id on one key (two differences the migrations have) are named once.
const flagTitle = (flags: Flag[]) => [...new Set(flags.map((f) => `${SEVERITY[f.severity]} ${f.severity} ${f.id}`))].join('; ');

/** The SVG markup; `label` names it for screen readers. */
export function toSvg(d: Diagram, label: string): string {
  const boxes = layout(d);
  const box = new Map(boxes.map((b) => [b.t.name, b]));
  const count = new Map<string, number>();
  const rels = d.relations
    .map((r) => {
      const from = box.get(r.table);
      const to = box.get(r.references);
      if (!from || !to) return '';
      const n = count.get(r.table + '>' + r.references) ?? 0;
      count.set(r.table + '>' + r.references, n + 1);
      return drawRelation(r, from, to, n);
    })
    .join('');
  const width = Math.max(200, ...boxes.map((b) => b.x + b.w)) + PAD;
  const height = Math.max(80, ...boxes.map((b) => b.y + b.h)) + PAD;
  const defs = '<defs>'
    + '<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="head-normal"/></marker>'
    + '<marker id="arrow-extra" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="head-extra"/></marker>'
    + '</defs>';
  const summary = d.relations.map((r) => `${r.table}.${r.column} → ${r.references}.${r.to}, ON DELETE ${r.onDelete}${r.mark ? ` (${r.mark})` : ''}`).join('; ');
  return `<svg xmlns="http://www.w3.org/2000/svg" class="er" role="img" aria-labelledby="er-title er-desc" viewBox="0 0 ${Math.ceil(width)} ${Math.ceil(height)}" width="${Math.ceil(width)}" height="${Math.ceil(height)}">`
    + `<title id="er-title">${esc(label)}</title><desc id="er-desc">${esc(summary || 'No foreign keys.')}</desc>${defs}`
    + boxes.map(drawTable).join('') + rels + '</svg>';
}
