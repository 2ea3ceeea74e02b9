/** What watch mode shows: on a TTY it redraws the screen; piped, it prints plain blocks. */
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { lessons, type LessonEntry, nextLesson, solutionDir } from '../course/lessons.ts';
import type { Verdict } from '../engine/verdict.ts';
import type { palette } from '../ui/colors.ts';
import { clipRows, progressBar, renderVerdict, screenRows } from '../ui/verdict-view.ts';
import { wrapIndented } from '../ui/wrap.ts';

type Palette = ReturnType<typeof palette>;

export const CLEAR = '\x1b[2J\x1b[3J\x1b[H';
export const SHOW_CURSOR = '\x1b[?25h';

/** A path the terminal can open on click (OSC 8 hyperlink) when colour is on. */
export function fileLink(path: string, shown: string, c: Palette, color: boolean): string {
  // A file URL, not file:// + the path: a space or a # in a folder name would cut the link short.
  return color ? `\x1b]8;;${pathToFileURL(path).href}\x1b\\${c.cyan(c.underline(shown))}\x1b]8;;\x1b\\` : shown;
}

export interface ScreenState {
  lesson: LessonEntry;
  done: number;
  editPaths: Array<{ abs: string; rel: string }>;
  verdict?: Verdict & { output?: string };
  running: boolean;
  notice?: string;
  /** A long block the learner asked for (a hint, the list): cut to fit, never pushing the header away. */
  panel?: string;
  /** What the end of the course says (the course complete, or the lessons still to do). */
  ending?: string;
  interactive: boolean;
  color: boolean;
  /** The terminal's size on a TTY: the screen is fitted to it so nothing important scrolls away. */
  size?: { rows: number; columns: number };
}

export function renderScreen(s: ScreenState, c: Palette): string {
  const columns = s.size?.columns;
  const head: string[] = [];
  head.push(`${c.bold('Sequelize Associations Workbook')}   ${progressBar(s.done, lessons.length, c, 20)}`);
  head.push('');
  head.push(c.bold(`${s.lesson.id} · ${s.lesson.title}`));
  head.push(wrapIndented(`Edit: ${s.editPaths.map((p) => fileLink(p.abs, p.rel, c, s.color)).join(', ')}`, '      ', columns, ''));
  head.push(c.dim(`Read the lesson: npm run workbook -- read ${s.lesson.id}`));
  head.push('');
  const foot: string[] = [];
  if (s.running) foot.push(c.dim(s.verdict ? '  re-running…' : '  running the checks…'));
  // While a save is being checked, the old pass is not a reason to move on.
  const passed = s.verdict?.passed === true && !s.running;
  const next = nextLesson(s.lesson);
  if (passed) {
    // Where the solution is (a path to open) and what comes next, by name.
    const solved = s.lesson.files.map((f) => relative(process.cwd(), join(solutionDir(s.lesson), f)));
    foot.push('');
    foot.push(c.green(wrapIndented(`Lesson ${s.lesson.id} passed! Compare with the solution: ${solved.join(', ')} (or npm run workbook -- solution ${s.lesson.id} --diff)`, '  ', columns)));
    if (next) foot.push(c.green(wrapIndented(s.interactive ? `Press n for the next lesson: ${next.id} · ${next.title}` : `Next lesson: ${next.id} · ${next.title} (npm start -- ${next.id})`, '  ', columns)));
  }
  if (s.ending) foot.push('', wrapIndented(s.ending, '', columns));
  if (s.notice) foot.push('', wrapIndented(s.notice, '', columns));
  const keys = s.interactive ? ['', c.dim(`  ${passed && next ? 'n next · ' : ''}h hint · l list · r re-run · x reset · q quit`)] : [];
  if (!s.size) return [...head, ...(s.verdict ? [renderVerdict(s.verdict, c, { output: s.verdict.output })] : []), ...foot, ...(s.panel ? ['', s.panel] : []), ...keys].join('\n');

  // Fitted: the header, the footer and the keys always show; the verdict and the panel share the rest.
  const size = s.size;
  const rowsOf = (lines: string[]) => screenRows(lines.join('\n'), size.columns);
  const room = size.rows - 1 - rowsOf([...head, ...foot, ...keys]);
  const verdictFull = s.verdict ? rowsOf([renderVerdict(s.verdict, c, { output: s.verdict.output, fit: { columns: size.columns, rows: Number.MAX_SAFE_INTEGER } })]) : 0;
  let panel: string[] = [];
  if (s.panel) {
    // The verdict keeps a few rows (its first failure); the panel gets the rest.
    const budget = Math.max(3, room - Math.min(verdictFull, 8) - 1);
    panel = ['', clipRows(s.panel, budget, size.columns, c, '… (cut to fit the screen: make the terminal taller, or use the command line)')];
  }
  const lines = [...head];
  if (s.verdict) {
    const fit = { columns: size.columns, rows: Math.max(4, room - rowsOf(panel)) };
    lines.push(renderVerdict(s.verdict, c, { output: s.verdict.output, fit }));
  }
  return [...lines, ...foot, ...panel, ...keys].join('\n');
}
