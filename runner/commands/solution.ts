/** solution <lesson>: prints the solved files, or a diff against the learner's (warns if not yet passed). */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findLesson, lessonDir, projectRoot, solutionDir } from '../course/lessons.ts';
import { ProgressStore } from '../course/progress.ts';
import { palette, useColor } from '../ui/colors.ts';
import { lineDiff } from '../ui/line-diff.ts';
import { parseArgs, UsageError } from './args.ts';

export const usage = 'solution <lesson> [--diff]';

export async function solution(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { flags: ['diff'] });
  if (args.positional.length !== 1) throw new UsageError('solution needs one lesson, e.g. `solution 01`');
  const lesson = findLesson(args.positional[0]);
  const c = palette(useColor());
  const { state } = new ProgressStore(projectRoot()).load();
  if (!state.lessons[lesson.id]?.passed) {
    process.stdout.write(c.yellow(`You have not passed ${lesson.id} yet. Reading the answer now skips the part where you learn it; a hint (\`hint ${lesson.id}\`) may be enough.\n\n`));
  }
  for (const f of lesson.files) {
    const solved = join(solutionDir(lesson), f);
    if (!existsSync(solved)) throw new UsageError(`The solution file ${relative(process.cwd(), solved)} is missing.`);
    const text = readFileSync(solved, 'utf8');
    const mine = join(lessonDir(lesson), f);
    if (args.flags.has('diff') && existsSync(mine)) {
      // Say which side is which: a learner should not have to guess what + and - mean.
      process.stdout.write(c.bold(`── ${relative(process.cwd(), mine)} (- yours) → ${relative(process.cwd(), solved)} (+ the solution)`) + '\n');
      process.stdout.write(lineDiff(readFileSync(mine, 'utf8'), text, c) + '\n');
    } else {
      process.stdout.write(c.bold(`── ${relative(process.cwd(), solved)}`) + '\n');
      process.stdout.write(text + '\n');
    }
  }
  return 0;
}
