/** hint <lesson>: the next hint level (each call shows one more, the last is almost the answer). */
import { type LessonEntry, findLesson, projectRoot } from '../course/lessons.ts';
import { ProgressStore, type ProgressState } from '../course/progress.ts';
import { palette, useColor } from '../ui/colors.ts';
import { renderMarkdown } from '../ui/markdown.ts';
import { errnoText, UsageError } from './args.ts';

export const usage = 'hint <lesson>';

/** Advances the lesson's hint level (saved in the progress file): the hint now shown, its level, and a save error if any. */
export function advanceHint(lesson: LessonEntry): { shown: number; total: number; text: string; unsaved?: string } {
  let shown = 0;
  const advance = (s: ProgressState) => {
    const p = (s.lessons[lesson.id] ??= { passed: false, checksPassing: 0, checksTotal: 0, hintsShown: 0 });
    p.hintsShown = Math.min((p.hintsShown ?? 0) + 1, lesson.hints.length);
    shown = p.hintsShown;
  };
  const store = new ProgressStore(projectRoot());
  let unsaved: string | undefined;
  try {
    store.update(advance);
  } catch (e) {
    // The hint matters more than remembering it: show it anyway (the next one will be this one again).
    advance(store.load().state);
    unsaved = `could not save your progress: ${errnoText(e)}`;
  }
  return { shown, total: lesson.hints.length, text: lesson.hints[shown - 1] ?? 'This lesson has no hints.', unsaved };
}

/** Advances the lesson's hint level and returns the text to show. */
export function nextHint(lesson: LessonEntry, color: boolean, opts: { watch?: boolean; width?: number } = {}): string {
  const c = palette(color);
  const { shown, total, text, unsaved } = advanceHint(lesson);
  const more = shown < total ? c.dim(`(hint ${shown} of ${total}: ${opts.watch ? 'press h again' : `run \`hint ${lesson.id}\` again`} for a bigger one)`) : c.dim(`(hint ${shown} of ${total}: the last one)`);
  return `${c.bold(`Hint for ${lesson.id} · ${lesson.title}`)}\n${renderMarkdown(text, { color, width: opts.width }).trimEnd()}\n${more}${unsaved ? `\n${c.yellow(`(${unsaved})`)}` : ''}`;
}

export async function hint(argv: string[]): Promise<number> {
  if (argv.length !== 1) throw new UsageError('hint needs one lesson, e.g. `hint 01`');
  // The terminal's width on a TTY (a narrower one would break lines mid-word), 80 when piped.
  const width = process.stdout.isTTY && process.stdout.columns ? Math.min(process.stdout.columns - 1, 100) : 80;
  process.stdout.write(nextHint(findLesson(argv[0]), useColor(), { width }) + '\n');
  return 0;
}
