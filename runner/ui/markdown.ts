/**
 * Markdown for the terminal (lesson explanations, hints, the completion page). Walks markdown-it's
 * token stream rather than rewriting the text with regexes, so nesting (a list in a quote, code in a
 * list) and escaping come out right. With colour off the output holds no escape codes at all.
 */
import MarkdownIt, { type Token } from 'markdown-it';
import { palette, type Palette } from './colors.ts';

export interface MarkdownOptions {
  color: boolean;
  /** Paragraphs wrap at this many columns (default 80). Code blocks and tables never wrap. */
  width?: number;
}

interface Ctx {
  c: Palette;
  color: boolean;
}

/** A run of text that must not be broken across lines: what the reader sees, and how it is drawn. */
interface Word {
  plain: string;
  styled: string;
}
type InlineItem = Word | 'break';
interface Line extends Word {
  width: number;
}

// The default preset: tables and ~~strikethrough~~ on, raw HTML off (it is shown as text).
const md = new MarkdownIt();

const DEFAULT_WIDTH = 80;
// Deeply nested content still gets a readable column instead of one word per line.
const MIN_WIDTH = 20;
const CODE_INDENT = '    ';
const BULLETS = ['•', '◦', '▪'];

export function renderMarkdown(markdown: string, opts: MarkdownOptions): string {
  const ctx: Ctx = { c: palette(opts.color), color: opts.color };
  const tokens = md.parse(markdown, {});
  return renderBlocks(tokens, 0, tokens.length, Math.max(1, opts.width ?? DEFAULT_WIDTH), ctx, 0).join('\n');
}

/** Renders the sibling blocks in tokens[start, end), one blank line between them. */
function renderBlocks(tokens: Token[], start: number, end: number, width: number, ctx: Ctx, depth: number): string[] {
  const out: string[] = [];
  let first = true;
  let afterTight = false;
  for (let i = start; i < end; i++) {
    const close = tokens[i].nesting === 1 ? closingIndex(tokens, i) : i;
    const lines = renderBlock(tokens, i, close, width, ctx, depth);
    if (lines) {
      // A paragraph in a tight list is hidden by markdown-it: what follows it sits right under it.
      if (!first && !afterTight) out.push('');
      out.push(...lines);
      first = false;
      afterTight = tokens[i].type === 'paragraph_open' && tokens[i].hidden;
    }
    i = close;
  }
  return out;
}

/** Open and close tokens of one block share a level; the close is the first at that level after it. */
function closingIndex(tokens: Token[], open: number): number {
  const level = tokens[open].level;
  for (let j = open + 1; j < tokens.length; j++) {
    if (tokens[j].nesting === -1 && tokens[j].level === level) return j;
  }
  return tokens.length - 1;
}

function renderBlock(tokens: Token[], open: number, close: number, width: number, ctx: Ctx, depth: number): string[] | null {
  const t = tokens[open];
  const { c } = ctx;
  switch (t.type) {
    case 'heading_open':
      return heading(Number(t.tag.slice(1)), tokens[open + 1], width, ctx);
    case 'paragraph_open':
      return wrap(inlineItems(tokens[open + 1].children, ctx), width).map((l) => l.styled);
    case 'bullet_list_open':
    case 'ordered_list_open':
      return list(tokens, open, close, width, ctx, depth);
    case 'blockquote_open':
      return renderBlocks(tokens, open + 1, close, innerWidth(width, 2), ctx, depth).map((l) => c.dim('▌') + (l ? ` ${l}` : ''));
    case 'fence':
    case 'code_block':
      return codeBlock(t.content, ctx);
    case 'hr':
      return [c.dim('─'.repeat(width))];
    case 'table_open':
      return table(tokens, open, close, ctx);
    case 'html_block':
      return t.content.replace(/\n+$/, '').split('\n');
    case 'inline':
      return wrap(inlineItems(t.children, ctx), width).map((l) => l.styled);
    default:
      // Anything a future markdown-it adds: show its contents rather than drop them.
      if (t.nesting === 1) return renderBlocks(tokens, open + 1, close, width, ctx, depth);
      return t.content ? t.content.replace(/\n+$/, '').split('\n') : null;
  }
}

function heading(level: number, inline: Token, width: number, ctx: Ctx): string[] {
  const { c, color } = ctx;
  const lines = wrap(inlineItems(inline.children, ctx), width);
  const style = (s: string) => (level <= 2 ? c.bold(c.underline(s)) : c.bold(s));
  const out = lines.map((l) => style(l.styled));
  const ruleWidth = Math.max(0, ...lines.map((l) => l.width));
  if (level === 1) out.push(c.bold('═'.repeat(ruleWidth)));
  // Without underline a level-2 heading would look like a paragraph.
  else if (level === 2 && !color) out.push('─'.repeat(ruleWidth));
  return out;
}

function list(tokens: Token[], open: number, close: number, width: number, ctx: Ctx, depth: number): string[] {
  const t = tokens[open];
  const ordered = t.type === 'ordered_list_open';
  const start = Number(t.attrGet('start') ?? 1);
  const items: Array<[number, number]> = [];
  for (let i = open + 1; i < close; i++) {
    if (tokens[i].type === 'list_item_open') {
      const end = closingIndex(tokens, i);
      items.push([i, end]);
      i = end;
    }
  }
  // Number from the list's start, not from what was typed: "1. 1. 1." is a common way to write 1, 2, 3.
  const markers = items.map(([i], n) => (ordered ? `${start + n}${tokens[i].markup || '.'}` : BULLETS[Math.min(depth, BULLETS.length - 1)]));
  const markerWidth = Math.max(0, ...markers.map((m) => m.length));
  const pad = ' '.repeat(markerWidth + 1);
  // markdown-it hides every paragraph of a tight list; one visible paragraph makes it loose.
  const loose = tokens.slice(open, close).some((p) => p.type === 'paragraph_open' && p.level === t.level + 2 && !p.hidden);
  const out: string[] = [];
  items.forEach(([a, b], n) => {
    if (n > 0 && loose) out.push('');
    const body = renderBlocks(tokens, a + 1, b, innerWidth(width, pad.length), ctx, depth + 1);
    const marker = markers[n].padStart(markerWidth);
    const shown = ordered ? marker : ctx.c.dim(marker);
    if (body.length === 0) body.push('');
    body.forEach((line, k) => out.push(k === 0 ? `${shown} ${line}`.trimEnd() : line ? pad + line : ''));
  });
  return out;
}

/** Code keeps every character and line as written (diagrams depend on it); only a gutter is added. */
function codeBlock(content: string, ctx: Ctx): string[] {
  const { c } = ctx;
  return content
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => CODE_INDENT + c.dim('│') + (line ? ` ${c.cyan(line)}` : ''));
}

function table(tokens: Token[], open: number, close: number, ctx: Ctx): string[] {
  const { c } = ctx;
  const rows: Array<{ header: boolean; cells: Array<Word & { align: string }> }> = [];
  let inHead = false;
  for (let i = open + 1; i < close; i++) {
    const t = tokens[i];
    if (t.type === 'thead_open') inHead = true;
    else if (t.type === 'thead_close') inHead = false;
    else if (t.type === 'tr_open') rows.push({ header: inHead, cells: [] });
    else if ((t.type === 'th_open' || t.type === 'td_open') && rows.length) {
      const align = /text-align:\s*(\w+)/.exec(attr(t, 'style'))?.[1] ?? 'left';
      const words = inlineItems(tokens[i + 1]?.type === 'inline' ? tokens[i + 1].children : null, ctx).filter((w): w is Word => w !== 'break');
      rows[rows.length - 1].cells.push({ plain: words.map((w) => w.plain).join(' '), styled: words.map((w) => w.styled).join(' '), align });
    }
  }
  const columns = Math.max(0, ...rows.map((r) => r.cells.length));
  const widths = Array.from({ length: columns }, (_, k) => Math.max(0, ...rows.map((r) => visibleWidth(r.cells[k]?.plain ?? ''))));
  const cellText = (cell: (Word & { align: string }) | undefined, w: number, header: boolean) => {
    const gap = w - visibleWidth(cell?.plain ?? '');
    const text = header ? c.bold(cell?.styled ?? '') : (cell?.styled ?? '');
    if (cell?.align === 'right') return ' '.repeat(gap) + text;
    if (cell?.align === 'center') return ' '.repeat(Math.floor(gap / 2)) + text + ' '.repeat(gap - Math.floor(gap / 2));
    return text + ' '.repeat(gap);
  };
  const out: string[] = [];
  for (const row of rows) {
    out.push(widths.map((w, k) => cellText(row.cells[k], w, row.header)).join(c.dim(' │ ')).trimEnd());
    if (row.header) out.push(c.dim(widths.map((w) => '─'.repeat(w)).join('─┼─')));
  }
  return out;
}

/** Inline tokens as unbreakable words; spaces and soft line breaks are where wrapping may happen. */
function inlineItems(children: Token[] | null, ctx: Ctx): InlineItem[] {
  const { c, color } = ctx;
  const items: InlineItem[] = [];
  let word: Word | null = null;
  let strong = 0;
  let em = 0;
  let strike = 0;
  const links: Array<{ href: string; text: string }> = [];

  const endWord = () => {
    if (word) items.push(word);
    word = null;
  };
  const paint = (s: string) => {
    let out = s;
    if (links.length) out = c.underline(out);
    if (strike) out = c.strikethrough(out);
    if (em) out = c.italic(out);
    if (strong) out = c.bold(out);
    return out;
  };
  const add = (plain: string, styled: string, linkText = plain) => {
    if (!plain) return;
    word ??= { plain: '', styled: '' };
    word.plain += plain;
    word.styled += styled;
    for (const l of links) l.text += linkText;
  };
  const addText = (text: string) => {
    // Only real spaces break: a no-break space stays inside its word.
    for (const part of text.split(/([ \t\n]+)/)) {
      if (!part) continue;
      if (/^[ \t\n]+$/.test(part)) endWord();
      else add(part, paint(part));
    }
  };

  for (const t of children ?? []) {
    switch (t.type) {
      case 'text':
        addText(t.content);
        break;
      case 'code_inline': {
        // Inline code is one word however many spaces it holds: breaking it would change its meaning.
        const shown = color ? t.content : `\`${t.content}\``;
        add(shown, paint(color ? c.cyan(t.content) : shown), t.content);
        break;
      }
      case 'softbreak':
        endWord();
        break;
      case 'hardbreak':
        endWord();
        items.push('break');
        break;
      case 'strong_open':
        strong++;
        break;
      case 'strong_close':
        strong--;
        break;
      case 'em_open':
        em++;
        break;
      case 'em_close':
        em--;
        break;
      case 's_open':
      case 's_close':
        // Without colour the markers are the only sign that the text is struck out.
        if (!color) add('~~', '~~', '');
        strike += t.type === 's_open' ? 1 : -1;
        break;
      case 'link_open':
        links.push({ href: attr(t, 'href'), text: '' });
        break;
      case 'link_close': {
        const link = links.pop();
        if (link && link.href && !sameTarget(link.text, link.href)) {
          endWord();
          add(`(${link.href})`, c.dim(`(${link.href})`));
        }
        break;
      }
      case 'image': {
        const src = attr(t, 'src');
        addText(`[image: ${t.content || 'no description'}]`);
        if (src) {
          endWord();
          add(`(${src})`, c.dim(`(${src})`));
        }
        break;
      }
      default:
        // html_inline (raw HTML is off, so rare), text_special and anything newer: show it as text.
        if (t.content) addText(t.content);
    }
  }
  endWord();
  return items;
}

/** markdown-it types attributes as string | number; every one read here is text. */
function attr(t: Token, name: string): string {
  const v = t.attrGet(name);
  return v === null ? '' : String(v);
}

/** An autolink or `[https://x](https://x)` would otherwise print its address twice. */
function sameTarget(text: string, href: string): boolean {
  const norm = (s: string) => s.trim().replace(/^mailto:/i, '').replace(/\/$/, '').toLowerCase();
  return norm(text) === norm(href);
}

/** Greedy word wrap. A word longer than the width gets a line of its own rather than being cut. */
function wrap(items: InlineItem[], width: number): Line[] {
  const lines: Line[] = [];
  let line: Line | null = null;
  for (const item of items) {
    if (item === 'break') {
      lines.push(line ?? { plain: '', styled: '', width: 0 });
      line = null;
      continue;
    }
    const w = visibleWidth(item.plain);
    if (!line) line = { ...item, width: w };
    else if (line.width + 1 + w <= width) line = { plain: `${line.plain} ${item.plain}`, styled: `${line.styled} ${item.styled}`, width: line.width + 1 + w };
    else {
      lines.push(line);
      line = { ...item, width: w };
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** The width left inside a list item or quote, but never squeezed below MIN_WIDTH (unless the whole page is narrower). */
function innerWidth(width: number, used: number): number {
  return Math.max(width - used, Math.min(width, MIN_WIDTH));
}

/** Columns a string takes, counted in code points (box-drawing characters are one column each). */
function visibleWidth(s: string): number {
  return [...s].length;
}
