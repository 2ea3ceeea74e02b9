/** Renders a verdict for the terminal: ticks and crosses, then what to fix. */
import type { Verdict } from '../engine/verdict.ts';
import { summarize } from '../engine/verdict.ts';
import type { palette } from './colors.ts';

type Palette = ReturnType<typeof palette>;

const indent = (text: string, by: string) => text.split('\n').map((l) => by + l).join('\n');

export function progressBar(done: number, total: number, c: Palette, width = 30): string {
  const filled = total ? Math.round((done / total) * width) : 0;
  return `${c.green('█'.repeat(filled))}${c.dim('░'.repeat(width - filled))} ${done}/${total} lessons`;
}

export function renderVerdict(v: Verdict, c: Palette, opts: { output?: string } = {}): string {
  const lines: string[] = [];
  const { passing, total } = summarize(v.checks);
  if (v.problem) {
    lines.push(c.red(c.bold('✗ Your code could not be checked:')));
    lines.push(indent(v.problem, '    '));
  }
  const seen = new Map<string, string>();
  for (const check of v.checks) {
    if (check.state === 'pass') lines.push(`  ${c.green('✓')} ${check.name}`);
    else if (check.state === 'skip') lines.push(`  ${c.dim('-')} ${c.dim(check.name)}`);
    else {
      lines.push(`  ${c.red('✗')} ${check.name}`);
      const message = check.message ?? '(no message)';
      const earlier = seen.get(message);
      // Many checks share one root cause: say it once.
      if (earlier) lines.push(c.dim(`      same cause as "${earlier}"`));
      else {
        seen.set(message, check.name);
        lines.push(c.yellow(indent(message, '      ')));
      }
    }
  }
  if (opts.output?.trim()) {
    lines.push('', c.dim('  Your code printed:'), c.dim(indent(opts.output.trimEnd().split('\n').slice(-15).join('\n'), '  │ ')));
  }
  lines.push('');
  lines.push(
    v.passed
      ? c.green(c.bold(`  All ${total} checks pass.`))
      : `  ${c.bold(`${passing}/${total}`)} checks passing${v.problem && total === 0 ? '' : ''}`,
  );
  return lines.join('\n');
}
