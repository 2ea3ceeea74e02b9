/** list: every lesson with its state (done / current / pending). */
import { lessons, projectRoot } from '../course/lessons.ts';
import { ProgressStore } from '../course/progress.ts';
import { palette, useColor } from '../ui/colors.ts';
import { progressBar } from '../ui/verdict-view.ts';
import { UsageError } from './args.ts';

export const usage = 'list';

export function listing(): string {
  const c = palette(useColor());
  const { state, recovered } = new ProgressStore(projectRoot()).load();
  const lines = recovered ? [c.yellow(recovered), ''] : [];
  let done = 0;
  for (const l of lessons) {
    const p = state.lessons[l.id];
    const status = p?.passed ? c.green('done   ') : l.id === state.current ? c.cyan('current') : c.dim('pending');
    if (p?.passed) done++;
    const checks = p && !p.passed && p.checksTotal ? c.dim(` (${p.checksPassing}/${p.checksTotal} checks)`) : '';
    lines.push(`  ${status}  ${l.id}  ${l.title}${checks}`);
  }
  lines.push('', `  ${progressBar(done, lessons.length, c)}`);
  return lines.join('\n');
}

export async function list(argv: string[] = []): Promise<number> {
  // `list 03` or `list --all` would otherwise print the whole list as if it had been understood.
  if (argv.length) throw new UsageError(`list takes no arguments, got ${argv.join(' ')} (to read a lesson: \`read <lesson>\`)`);
  process.stdout.write(listing() + '\n');
  return 0;
}
