/** Terminal Markdown (lesson pages, hints) and the colour decision. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderMarkdown } from '../runner/ui/markdown.ts';
import { palette, useColor } from '../runner/ui/colors.ts';

const ANSI = /\x1b\[[0-9;]*m/;
const plain = (md: string, width?: number) => renderMarkdown(md, { color: false, width });
const colored = (md: string, width?: number) => renderMarkdown(md, { color: true, width });
const strip = (s: string) => s.replace(new RegExp(ANSI.source, 'g'), '');

const DIAGRAM = [
  'Users                     LibraryCards',
  '┌────┬───────┐            ┌────┬────────────┬───────────┐',
  '│ id │ name  │◄───────────│ id │ cardNumber │ userId    │',
  '└────┴───────┘  CASCADE   └────┴────────────┴───────────┘',
  '',
  '    indented   inside',
].join('\n');

const SAMPLE = [
  '# Lesson title',
  '',
  'Some *emphasis*, **strong**, `inline code` and a [link](https://sequelize.org).',
  '',
  '## Part two',
  '',
  '- a',
  '  1. one',
  '  1. two',
  '> quoted',
  '',
  '```',
  DIAGRAM,
  '```',
  '',
  '---',
  '',
  '| column | type |',
  '|--------|------|',
  '| id | INTEGER |',
].join('\n');

describe('renderMarkdown', () => {
  it('renders headings: level 1 with a rule under it, in bold and underlined with colour', () => {
    expect(plain('# Title\n\ntext').split('\n')).toEqual(['Title', '═════', '', 'text']);
    const out = colored('# Title\n\n## Sub\n\n### Small');
    expect(out).toContain('\x1b[1m'); // bold
    expect(out).toContain('\x1b[4m'); // underline
    expect(strip(out).split('\n')).toEqual(['Title', '═════', '', 'Sub', '', 'Small']);
  });

  it('gives level-2 headings a thin rule when there is no underline', () => {
    expect(plain('## Sub').split('\n')).toEqual(['Sub', '───']);
  });

  it('numbers ordered lists from their start, whatever numbers were typed, and nests lists', () => {
    const md = ['1. one', '1. two', '   - inner', '   - inner two', '     1. deep', '     1. deeper', '1. three', '', 'para', '', '7. seven', '7. eight'].join('\n');
    expect(plain(md).split('\n')).toEqual(['1. one', '2. two', '   ◦ inner', '   ◦ inner two', '     1. deep', '     2. deeper', '3. three', '', 'para', '', '7. seven', '8. eight']);
  });

  it('aligns numbers from 10 on and indents continuation lines under the text', () => {
    const md = Array.from({ length: 10 }, (_, i) => `${i + 1}. item ${i + 1} with some more words`).join('\n');
    const out = plain(md, 22).split('\n');
    expect(out.slice(0, 2)).toEqual([' 1. item 1 with some', '    more words']);
    expect(out.at(-2)).toBe('10. item 10 with some');
  });

  it('separates the items of a loose list with blank lines', () => {
    expect(plain('- a\n\n- b').split('\n')).toEqual(['• a', '', '• b']);
  });

  it('keeps fenced and indented code exactly as written, behind a gutter, never wrapped', () => {
    const fenced = plain('```\n' + DIAGRAM + '\n```', 20);
    expect(fenced.split('\n').map((l) => l.replace(/^ {4}│ ?/, ''))).toEqual(DIAGRAM.split('\n'));
    expect(fenced.split('\n').every((l) => l.startsWith('    │'))).toBe(true);
    const indented = plain('Text:\n\n    const a = 1;\n      nested();\n');
    expect(indented.split('\n')).toEqual(['Text:', '', '    │ const a = 1;', '    │   nested();']);
  });

  it('keeps code verbatim in colour too, in cyan', () => {
    const out = colored('```ts\n' + DIAGRAM + '\n```');
    expect(out).toContain('\x1b[36m');
    expect(strip(out).split('\n').map((l) => l.replace(/^ {4}│ ?/, ''))).toEqual(DIAGRAM.split('\n'));
  });

  it('writes no escape codes at all without colour', () => {
    const out = plain(SAMPLE);
    expect(out).not.toMatch(ANSI);
    expect(out).not.toContain('\x1b');
    expect(out).toContain('`inline code`');
    expect(out).toContain('link (https://sequelize.org)');
    expect(out).toContain('▌ quoted');
    expect(out).toContain('column │ type');
    expect(out).toContain('id     │ INTEGER');
  });

  it('colours with colour on, and shows the same text', () => {
    const out = colored(SAMPLE);
    expect(out).toMatch(ANSI);
    expect(out).toContain('\x1b[36minline code\x1b[39m');
    expect(out).toContain('\x1b[3memphasis');
    const text = strip(out);
    expect(text).toContain('Some emphasis, strong, inline code and a link (https://sequelize.org).');
    expect(text).toContain('▌ quoted');
  });

  it('wraps paragraphs at the width, never inside a word or inside inline code', () => {
    const md = 'The quick brown fox jumps over the lazy dog and then `User.hasOne(LibraryCard, { as: card })` runs again and again.';
    for (const width of [20, 30, 45, 80]) {
      const lines = plain(md, width).split('\n');
      for (const l of lines) if (!l.includes('`')) expect(l.length).toBeLessThanOrEqual(width);
      expect(lines.join(' ')).toBe(md);
      expect(lines.some((l) => l.includes('`User.hasOne(LibraryCard, { as: card })`'))).toBe(true);
    }
    expect(plain('aaa bbb ccc', 7).split('\n')).toEqual(['aaa bbb', 'ccc']);
  });

  it('wraps at 80 columns by default', () => {
    const lines = plain(Array.from({ length: 40 }, () => 'word').join(' ')).split('\n');
    expect(lines[0].length).toBeLessThanOrEqual(80);
    expect(lines[0].length).toBeGreaterThan(70);
  });

  it('does not repeat a link whose text is its address', () => {
    expect(plain('See <https://sequelize.org>.')).toBe('See https://sequelize.org.');
  });
});

describe('useColor', () => {
  afterEach(() => vi.unstubAllEnvs());
  const tty = { isTTY: true } as NodeJS.WriteStream;
  const pipe = { isTTY: false } as NodeJS.WriteStream;

  it('follows the stream by default', () => {
    vi.stubEnv('NO_COLOR', undefined);
    vi.stubEnv('FORCE_COLOR', undefined);
    expect(useColor(tty)).toBe(true);
    expect(useColor(pipe)).toBe(false);
  });

  it('NO_COLOR turns colour off, even when forced', () => {
    vi.stubEnv('NO_COLOR', '1');
    vi.stubEnv('FORCE_COLOR', '1');
    expect(useColor(tty)).toBe(false);
  });

  it('an empty NO_COLOR is ignored; FORCE_COLOR turns it on unless it is 0', () => {
    vi.stubEnv('NO_COLOR', '');
    vi.stubEnv('FORCE_COLOR', '1');
    expect(useColor(pipe)).toBe(true);
    vi.stubEnv('FORCE_COLOR', '0');
    expect(useColor(tty)).toBe(false);
  });

  it('palette(false) leaves text alone', () => {
    expect(palette(false).red('x')).toBe('x');
    expect(palette(true).red('x')).toMatch(ANSI);
  });
});
