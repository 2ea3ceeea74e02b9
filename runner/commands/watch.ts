/**
 * watch [<lesson>] [--json]: the course. Shows the current lesson, re-runs its checks on every save
 * of its files, and takes one-key commands on a terminal. `--json` prints one JSON line per verdict
 * on stdout and nothing else (for editors and the benchmark); its `content` names the content of the
 * edited files the verdict is for (snapshotId in watch/files-snapshot.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { lessons, type LessonEntry, findLesson, lessonDir, projectRoot } from '../course/lessons.ts';
import { firstPendingLesson, markResult, ProgressStore } from '../course/progress.ts';
import { ChildPool } from '../engine/pool.ts';
import { settleScratch } from '../kit/db/prepare.ts';
import { DEFAULTS } from '../engine/run-lesson.ts';
import { summarize } from '../engine/verdict.ts';
import { palette, useColor } from '../ui/colors.ts';
import { visibleInJson } from '../ui/visible-text.ts';
import { LessonLoop, type Shown } from '../watch/lesson-loop.ts';
import { listenForKeys, type KeyInput } from '../watch/keys.ts';
import { CLEAR, renderScreen, SHOW_CURSOR } from '../watch/screen.ts';
import { CommandError, parseArgs, UsageError } from './args.ts';
import { listing } from './list.ts';
import { nextHint } from './hint.ts';
import { resetLesson } from './reset.ts';
import { toJson } from './verify.ts';

export const usage = 'watch [<lesson>] [--json]';

export async function watch(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { flags: ['json'] });
  if (args.positional.length > 1) throw new UsageError('watch takes at most one lesson');
  const json = args.flags.has('json');
  const root = projectRoot();
  const store = new ProgressStore(root);
  const loaded = store.load();
  let lesson: LessonEntry = args.positional.length
    ? findLesson(args.positional[0])
    : (lessons.find((l) => l.id === loaded.state.current) ?? firstPendingLesson(loaded.state) ?? lessons[0]);
  const interactive = !json && Boolean(process.stdout.isTTY) && Boolean(process.stdin.isTTY);
  const color = !json && useColor();
  const c = palette(color);

  let verdict: Shown | undefined;
  let running = false;
  let notice: string | undefined = loaded.recovered ? c.yellow(loaded.recovered) : undefined;
  let confirmingReset = false;
  // The hint or the list, when asked for; the list is drawn from the progress file each time (never stale).
  let panel: { kind: 'hint'; text: string } | { kind: 'list' } | undefined;

  // One child alive at a time (memory): the spare for the next save starts when the last run's child has gone.
  const pool = new ChildPool({ ...DEFAULTS, warm: 1, spareAfterRun: true, scratchAhead: true, preload: () => lesson.preload ?? [] });
  // Progress is a convenience: a full disk or a read-only folder must not stop the course.
  const saveProgress = (change: Parameters<ProgressStore['update']>[0]) => {
    try {
      store.update(change);
    } catch (e) {
      notice = c.yellow(`Could not save your progress (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); your lesson files are safe, and the checks keep running.`);
    }
  };
  const doneCount = () => Object.values(store.load().state.lessons).filter((p) => p.passed).length;
  // Worked out at each draw from the verdict on screen and the progress file: the course is complete
  // only while every lesson (this one included) passes, so breaking one takes the message away.
  const courseEnd = (): string | undefined => {
    if (!verdict?.passed || running) return undefined;
    const pending = lessons.filter((l) => !store.load().state.lessons[l.id]?.passed);
    if (pending.length === 0) return completion(c, lessons.length);
    if (lesson !== lessons[lessons.length - 1]) return undefined;
    return c.yellow(`That was the last lesson. Still to do: ${pending.map((l) => l.id).join(', ')}. Start one with \`npm start -- ${pending[0].id}\` (l lists them).`);
  };
  const editPaths = () => lesson.files.map((f) => ({ abs: join(lessonDir(lesson, root), f), rel: relative(process.cwd(), join(lessonDir(lesson, root), f)) }));

  const draw = () => {
    if (json) return;
    const size = interactive ? { rows: process.stdout.rows || 40, columns: process.stdout.columns || 100 } : undefined;
    const shown = panel?.kind === 'list' ? listing() : panel?.text;
    const screen = renderScreen({ lesson, done: doneCount(), editPaths: editPaths(), verdict, running, notice, panel: shown, ending: courseEnd(), interactive, color, size }, c);
    process.stdout.write(interactive ? CLEAR + screen + '\n' : screen + '\n\n');
  };

  const loop = new LessonLoop(pool, root, lesson, {
    onStart: () => {
      running = true;
      if (interactive) draw();
    },
    onVerdict: (v, { ms, content }) => {
      running = false;
      verdict = v;
      const { passing, total } = summarize(v.checks);
      saveProgress((s) => {
        markResult(s, lesson.id, { passing, total, passed: v.passed });
        s.current = lesson.id;
      });
      // A consumer may print what it reads: the learner's messages come with their control characters visible.
      if (json) process.stdout.write(JSON.stringify({ event: 'verdict', ...toJson(v), ms, content }, visibleInJson) + '\n');
      else {
        // The list was for the moment it was asked; a pass makes the hint old news.
        if (panel?.kind === 'list' || (v.passed && panel)) panel = undefined;
        draw();
      }
    },
  });
  const rerun = () => loop.rerun();

  let keys: KeyInput | undefined;
  let finished: (code: number) => void = () => undefined;
  const stop = async () => {
    keys?.stop();
    process.stdout.off('resize', draw);
    pool.close();
    await Promise.all([loop.close(), settleScratch()]);
    if (interactive) process.stdout.write(SHOW_CURSOR + '\n');
    finished(0);
  };

  const goTo = (next: LessonEntry) => {
    lesson = next;
    verdict = undefined;
    notice = undefined;
    panel = undefined;
    saveProgress((s) => {
      s.current = next.id;
    });
    loop.setLesson(next);
  };

  const onKey = (key: string) => {
    // Ctrl-C always quits, even while a y/n question is open (raw mode: there is no SIGINT).
    if (confirmingReset && key !== 'ctrl-c') {
      confirmingReset = false;
      if (key === 'y') {
        const { backup } = resetLesson(lesson, root);
        notice = c.yellow(`Restored the starter of ${lesson.id}.${backup ? ` Your files are kept in ${relative(process.cwd(), backup)}/` : ''}`);
      } else notice = c.dim('Reset cancelled.');
      draw();
      return;
    }
    // Any key closes the list (l toggles it).
    const listOpen = panel?.kind === 'list';
    if (listOpen) panel = undefined;
    switch (key) {
      case 'q':
      case 'ctrl-c':
        void stop();
        return;
      case 'n': {
        const i = lessons.indexOf(lesson);
        if (running) notice = c.dim('The checks are running on your last save; press n again when they pass.');
        else if (!verdict?.passed) notice = c.yellow('Pass this lesson first (or press l to see the list, and start another with `npm start -- <lesson>`).');
        else if (i === lessons.length - 1) notice = undefined; // the end of the course is on screen already
        else return goTo(lessons[i + 1]);
        break;
      }
      case 'h':
        panel = { kind: 'hint', text: nextHint(lesson, color, { watch: true, width: interactive ? Math.max(20, (process.stdout.columns || 80) - 1) : 80 }) };
        break;
      case 'l':
        if (!listOpen) panel = { kind: 'list' };
        break;
      case 'r':
        notice = undefined;
        panel = undefined;
        rerun();
        return;
      case 'x':
        confirmingReset = true;
        notice = c.yellow(`Reset ${lesson.id} to its starter? Your current files will be backed up first. (y/n)`);
        break;
      default:
        if (listOpen) break;
        return;
    }
    draw();
  };

  // A key's action can fail (a reset that cannot back up, a progress file that cannot be written):
  // say so on the screen; never let it end the course.
  const safeOnKey = (key: string) => {
    try {
      onKey(key);
    } catch (e) {
      notice = c.yellow(e instanceof UsageError || e instanceof CommandError ? e.message : `That did not work: ${(e as Error).message ?? String(e)}`);
      draw();
    }
  };
  keys = interactive ? listenForKeys(safeOnKey) : undefined;
  if (interactive) process.stdout.on('resize', draw);
  const onSignal = () => void stop();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);

  draw();
  loop.start();
  return new Promise<number>((resolveExit) => {
    finished = (code) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      process.off('SIGHUP', onSignal);
      resolveExit(code);
    };
  });
}

/** The course-complete message, short enough for the screen: its title, and where the rest is. */
function completion(c: ReturnType<typeof palette>, count: number): string {
  const file = join(projectRoot(), 'lessons', 'COMPLETE.md');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const title = /^#\s+(.+)$/m.exec(text)?.[1]?.trim() ?? 'You finished the course!';
  const more = text ? ` What you learned, and where to go next: ${relative(process.cwd(), file)}` : '';
  return c.green(`${c.bold(title)}: all ${count} lessons pass.${more}`);
}
