/** read <lesson>: the lesson's explanation rendered for the terminal. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findLesson, lessonDir } from '../course/lessons.ts';
import { useColor } from '../ui/colors.ts';
import { renderMarkdown } from '../ui/markdown.ts';
import { UsageError } from './args.ts';

export const usage = 'read <lesson>';

export async function read(argv: string[]): Promise<number> {
  if (argv.length !== 1) throw new UsageError('read needs one lesson, e.g. `read 01`');
  const lesson = findLesson(argv[0]);
  const file = join(lessonDir(lesson), 'README.md');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`${file} is missing. Restore it from git: \`git checkout -- ${file}\`.`);
  }
  process.stdout.write(renderMarkdown(text, { color: useColor(), width: process.stdout.isTTY && process.stdout.columns ? Math.min(process.stdout.columns - 1, 100) : 80 }) + '\n');
  return 0;
}
