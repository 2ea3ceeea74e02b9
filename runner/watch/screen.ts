/** What watch mode shows: on a TTY it redraws the screen; piped, it prints plain blocks. */
import { lessons, type LessonEntry } from '../../lessons/manifest.ts';
import type { Verdict } from '../engine/verdict.ts';
import type { palette } from '../ui/colors.ts';
import { progressBar, renderVerdict } from '../ui/verdict-view.ts';

type Palette = ReturnType<typeof palette>;

export const CLEAR = '\x1b[2J\x1b[3J\x1b[H';
export const SHOW_CURSOR = '\x1b[?25h';

/** A path the terminal can open on click (OSC 8 hyperlink) when colour is on. */
export function fileLink(path: string, shown: string, c: Palette, color: boolean): string {
  return color ? `\x1b]8;;file://${path}\x1b\\${c.cyan(c.underline(shown))}\x1b]8;;\x1b\\` : shown;
}

export interface ScreenState {
  lesson: LessonEntry;
  done: number;
  editPaths: Array<{ abs: string; rel: string }>;
  verdict?: Verdict & { output?: string };
  running: boolean;
  notice?: string;
  interactive: boolean;
  color: boolean;
}

export function renderScreen(s: ScreenState, c: Palette): string {
  const lines: string[] = [];
  lines.push(`${c.bold('Sequelize Associations Workbook')}   ${progressBar(s.done, lessons.length, c, 20)}`);
  lines.push('');
  lines.push(c.bold(`${s.lesson.id} · ${s.lesson.title}`));
  lines.push(`Edit: ${s.editPaths.map((p) => fileLink(p.abs, p.rel, c, s.color)).join(', ')}`);
  lines.push(c.dim(`Read the lesson: npm run workbook -- read ${s.lesson.id}`));
  lines.push('');
  if (s.verdict) lines.push(renderVerdict(s.verdict, c, { output: s.verdict.output }));
  if (s.running) lines.push(c.dim(s.verdict ? '  re-running…' : '  running the checks…'));
  if (s.verdict?.passed) {
    lines.push('');
    lines.push(c.green(`  Lesson ${s.lesson.id} passed! Compare with the solution: npm run workbook -- solution ${s.lesson.id}`));
    if (s.interactive) lines.push(c.green('  Press n for the next lesson.'));
  }
  if (s.notice) lines.push('', s.notice);
  if (s.interactive) lines.push('', c.dim(`  ${s.verdict?.passed ? 'n next · ' : ''}h hint · l list · r re-run · x reset · q quit`));
  return lines.join('\n');
}
