/**
 * reset <lesson>: restores the starter files, after copying the learner's current files to a backup
 * folder. The pristine starters live in lessons/NN-slug/.starter/ so a reset works without git and
 * after the learner has committed their work.
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { type LessonEntry, lessonFolder, findLesson, lessonDir, projectRoot } from '../course/lessons.ts';
import { createInterface } from 'node:readline/promises';
import { markReset, ProgressStore } from '../course/progress.ts';
import { CommandError, errnoText, parseArgs, UsageError } from './args.ts';

export const usage = 'reset <lesson> [--yes]';

export const starterDir = (lesson: LessonEntry, root = projectRoot()) => join(lessonDir(lesson, root), '.starter');

export interface ResetResult {
  /** Where the learner's previous files were copied; undefined when there was nothing to keep. */
  backup?: string;
  files: string[];
}

export function resetLesson(lesson: LessonEntry, root = projectRoot(), now = new Date()): ResetResult {
  const dir = lessonDir(lesson, root);
  const starters = starterDir(lesson, root);
  const missing = lesson.files.filter((f) => !existsSync(join(starters, f)));
  if (missing.length) throw new UsageError(`The starter copy of ${missing.join(', ')} is missing from ${relative(process.cwd(), starters)}/. Nothing was changed.`);
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const backup = join(root, '.workbook', 'backups', lessonFolder(lesson), stamp);
  let kept = false;
  // Back up first, restore second: if the backup fails, the learner's files are untouched.
  try {
    for (const f of lesson.files) {
      if (!existsSync(join(dir, f))) continue;
      mkdirSync(dirname(join(backup, f)), { recursive: true });
      copyFileSync(join(dir, f), join(backup, f));
      kept = true;
    }
  } catch (e) {
    throw new CommandError(`Could not back up your files to ${relative(process.cwd(), backup)}/ (${errnoText(e)}), so nothing was reset: your files are unchanged.`);
  }
  for (const f of lesson.files) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    copyFileSync(join(starters, f), join(dir, f));
  }
  // The starter fails its checks: `list` and `report` must not go on calling the lesson done.
  try {
    new ProgressStore(root).update((s) => markReset(s, lesson.id));
  } catch {
    // Progress is a convenience; the files are what a reset is for, and they are restored.
  }
  return { backup: kept ? backup : undefined, files: lesson.files };
}

export async function reset(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { flags: ['yes'] });
  if (args.positional.length !== 1) throw new UsageError('reset needs one lesson, e.g. `reset 01`');
  const lesson = findLesson(args.positional[0]);
  // A person at a terminal is asked, as in watch mode; scripts (no TTY) and --yes are not.
  if (!args.flags.has('yes') && process.stdin.isTTY && process.stdout.isTTY) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    const answer = await rl.question(`Reset ${lesson.id} · ${lesson.title} to its starter? Your current files will be backed up first. (y/n) `);
    rl.close();
    if (!/^y(es)?$/i.test(answer.trim())) {
      process.stdout.write('Reset cancelled: nothing was changed.\n');
      return 0;
    }
  }
  const { backup } = resetLesson(lesson);
  process.stdout.write(`Restored the starter files of ${lesson.id} · ${lesson.title}.\n`);
  if (backup) process.stdout.write(`Your previous files are kept in ${relative(process.cwd(), backup)}/\n`);
  return 0;
}
