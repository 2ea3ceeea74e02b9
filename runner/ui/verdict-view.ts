/** Renders a verdict for the terminal: ticks and crosses, then what to fix. */
import type { Verdict } from '../engine/verdict.ts';
import { summarize } from '../engine/verdict.ts';
import type { palette } from './colors.ts';
import { wrapIndented } from './wrap.ts';
import { visibleLine, visibleLines } from './visible-text.ts';

type Palette = ReturnType<typeof palette>;

const indent = (text: string, by: string) => text.split('\n').map((l) => by + l).join('\n');

export function progressBar(done: number, total: number, c: Palette, width = 30): string {
  const filled = total ? Math.round((done / total) * width) : 0;
  return `${c.green('█'.repeat(filled))}${c.dim('░'.repeat(width - filled))} ${done}/${total} lessons`;
}

export interface VerdictViewOptions {
  output?: string;
  /** The terminal's size, when the verdict must fit on one screen (watch mode on a TTY). */
  fit?: { rows: number; columns: number };
  /** The terminal's width, to wrap messages under their indent (a TTY that is not fitted, e.g. verify). */
  columns?: number;
}

/** Screen rows a block takes once the terminal wraps its long lines. */
export function screenRows(text: string, columns: number): number {
  // eslint-disable-next-line no-control-regex
  const plain = text.replace(/\x1b\[[0-9;]*m|\x1b\]8;;[^\x1b]*\x1b\\/g, '');
  return plain.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil([...line].length / Math.max(1, columns))), 0);
}

export function renderVerdict(v: Verdict, c: Palette, opts: VerdictViewOptions = {}): string {
  const shown = visibleVerdict(v);
  const options = opts.output === undefined ? opts : { ...opts, output: visibleLines(opts.output) };
  const full = renderFull(shown, c, options);
  if (!opts.fit || screenRows(full, opts.fit.columns) <= opts.fit.rows) return full;
  return renderFitted(shown, c, opts.fit);
}

/**
 * The learner's code wrote the messages, the problem and what it printed (and a check file from a
 * copy, the names): their control characters are shown, never sent to the terminal, whose screen
 * the view draws itself.
 */
function visibleVerdict(v: Verdict): Verdict {
  return {
    ...v,
    ...(v.problem === undefined ? {} : { problem: visibleLines(v.problem) }),
    checks: v.checks.map((check) => ({ ...check, name: visibleLine(check.name), ...(check.message === undefined ? {} : { message: visibleLines(check.message) }) })),
  };
}

/** A check's name after its mark, wrapped under the name (not under the mark). */
const named = (mark: string, name: string, columns?: number) => wrapIndented(name, '    ', columns, `  ${mark} `);

function renderFull(v: Verdict, c: Palette, opts: VerdictViewOptions): string {
  const lines: string[] = [];
  const columns = opts.fit?.columns ?? opts.columns;
  if (v.problem) lines.push(problemBlock(v.problem, c, columns));
  const seen = new Map<string, string>();
  for (const check of v.checks) {
    if (check.state === 'pass') lines.push(named(c.green('✓'), check.name, columns));
    else if (check.state === 'skip') lines.push(c.dim(named('-', check.name, columns)));
    else {
      lines.push(named(c.red('✗'), check.name, columns));
      const message = check.message ?? '(no message)';
      const earlier = seen.get(message);
      // Many checks share one root cause: say it once.
      if (earlier) lines.push(c.dim(wrapIndented(`same cause as "${earlier}"`, '      ', opts.fit?.columns ?? opts.columns)));
      else {
        seen.set(message, check.name);
        lines.push(c.yellow(wrapIndented(message, '      ', opts.fit?.columns ?? opts.columns)));
      }
    }
  }
  if (opts.output?.trim()) {
    lines.push('', c.dim('  Your code printed:'), c.dim(indent(printed(opts.output), '  │ ')));
  }
  lines.push('', summaryLine(v, c));
  return lines.join('\n');
}

/**
 * Too long for the screen: the terminal would scroll the first failure (usually the one to fix) out
 * of sight. Passing checks become one line, checks sharing a cause are counted under it, and causes
 * that do not fit are counted at the end.
 */
function renderFitted(v: Verdict, c: Palette, fit: { rows: number; columns: number }): string {
  const head: string[] = [];
  if (v.problem) head.push(problemBlock(v.problem, c, fit.columns));
  const passing = v.checks.filter((x) => x.state === 'pass').length;
  // When every check passes, the summary line says so: once is enough.
  if (passing && !v.passed) head.push(`  ${c.green('✓')} ${passing === 1 ? '1 check passes' : `${passing} checks pass`}`);
  const causes = new Map<string, string[]>();
  for (const check of v.checks) {
    if (check.state === 'pass' || check.state === 'skip') continue;
    const message = check.message ?? '(no message)';
    causes.set(message, [...(causes.get(message) ?? []), check.name]);
  }
  const blocks = [...causes.entries()].map(([message, names]) => {
    const lines = [named(c.red('✗'), names[0], fit.columns), c.yellow(wrapIndented(message, '      ', fit.columns))];
    if (names.length > 1) lines.push(c.dim(`      ...and ${names.length - 1} more check${names.length === 2 ? '' : 's'} failing for the same reason`));
    return lines.join('\n');
  });
  const tail = ['', summaryLine(v, c)];
  const shown: string[] = [];
  let used = screenRows([...head, ...tail].join('\n'), fit.columns) + 1;
  for (const [i, block] of blocks.entries()) {
    const rows = screenRows(block, fit.columns);
    // The first cause is always shown, even cut short by the terminal: it is the one to fix.
    if (i > 0 && used + rows > fit.rows) {
      const hidden = [...causes.values()].slice(i).reduce((n, names) => n + names.length, 0);
      shown.push(c.dim(wrapIndented(`…${hidden} more failing check${hidden === 1 ? '' : 's'} below the fold (all: npm run workbook -- verify ${v.lesson.slice(0, 2)})`, '  ', fit.columns)));
      break;
    }
    shown.push(block);
    used += rows;
  }
  return clipRows([...head, ...shown].join('\n'), fit.rows - screenRows(tail.join('\n'), fit.columns), fit.columns, c) + '\n' + tail.join('\n');
}

/** At most `rows` screen rows of a block, the cut said in its last row (a long problem must not push the header away). */
export function clipRows(text: string, rows: number, columns: number, c: Palette, more = '…'): string {
  if (screenRows(text, columns) <= rows) return text;
  const kept: string[] = [];
  let used = 1;
  for (const line of text.split('\n')) {
    const r = screenRows(line, columns);
    if (used + r > rows) break;
    kept.push(line);
    used += r;
  }
  return [...kept, c.dim(`  ${more}`)].join('\n');
}

function problemBlock(problem: string, c: Palette, columns?: number): string {
  // Indented like the checks below it.
  return [c.red(c.bold('  ✗ Your code could not be checked:')), wrapIndented(problem, '    ', columns)].join('\n');
}

function summaryLine(v: Verdict, c: Palette): string {
  const { passing, total } = summarize(v.checks);
  return v.passed ? c.green(c.bold(`  All ${total} checks pass.`)) : `  ${c.bold(`${passing}/${total}`)} checks passing`;
}

/** What the learner's code printed, at most 15 lines: the first ones (usually what they logged) and the last, with a marker between. */
function printed(output: string): string {
  const all = output.trimEnd().split('\n');
  if (all.length <= 15) return all.join('\n');
  return [...all.slice(0, 8), `… ${all.length - 14} more lines …`, ...all.slice(-6)].join('\n');
}
