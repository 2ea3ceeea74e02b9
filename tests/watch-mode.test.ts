/**
 * Watch mode as editors and terminals really drive it, on a throwaway copy of the project: saves by
 * rename, truncate-then-write, bursts of saves, a deleted file, piped output, Ctrl-C.
 * "Settled" below means: a verdict arrived after the last write and none followed for a while; the
 * last verdict must then be for the file's final content, never for something saved before it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findLesson, lessonDir, projectRoot, solutionDir, lessons } from '../runner/course/lessons.ts';
import { defaultState, markResult, ProgressStore } from '../runner/course/progress.ts';
import { filesSnapshot, snapshotId } from '../runner/watch/files-snapshot.ts';
import { CLI_SHELL, startCli } from './helpers/workbook-cli.ts';

const root = projectRoot();
const lesson = findLesson('01');
const solved = readFileSync(join(solutionDir(lesson), 'models.ts'), 'utf8');
const starter = readFileSync(join(lessonDir(lesson), '.starter', 'models.ts'), 'utf8');

/** A copy of the project (node_modules linked), so watch mode can own its lessons and progress. */
function projectCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'workbook-watch-'));
  for (const part of ['package.json', 'tsconfig.json', 'runner', 'lessons']) cpSync(join(root, part), join(dir, part), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

interface JsonVerdict {
  event: string;
  passed: boolean;
  problem?: string | null;
  checks: Array<{ name: string; state: string; message: string | null }>;
  ms: number;
  content: string;
}

/** Resolves when `ready()` holds, re-checking on every event `on` registers; rejects after `timeoutMs`. */
function whenReady<T>(on: (listener: () => void) => () => void, ready: () => T | undefined, timeoutMs: number, why: () => string): Promise<T> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const value = ready();
      if (value === undefined) return;
      done();
      resolve(value);
    };
    const off = on(check);
    const timer = setTimeout(() => (done(), reject(new Error(why()))), timeoutMs);
    const done = () => (off(), clearTimeout(timer));
    check();
  });
}

class WatchProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly verdicts: Array<JsonVerdict & { at: number }> = [];
  stdout = '';
  stderr = '';
  private readonly output = new EventEmitter();
  /** The verdict the last settled() returned, and how many verdicts had arrived then. */
  private lastSettled: { verdict: JsonVerdict; count: number } | undefined;

  constructor(dir: string, args: string[], env: NodeJS.ProcessEnv = {}) {
    const base = { ...process.env };
    delete base.FORCE_COLOR; // the test runner sets it; the watch process must decide for itself
    for (const [k, v] of Object.entries(env)) {
      if (v === undefined) delete base[k];
      else base[k] = v;
    }
    this.child = startCli(dir, ['watch', ...args], { env: base });
    this.child.stdout.setEncoding('utf8').on('data', (d: string) => {
      this.stdout += d;
      if (args.includes('--json')) {
        const lines = this.stdout.split('\n');
        const parsed = lines.slice(0, -1).filter((l) => l.trim()).map((l) => JSON.parse(l) as JsonVerdict);
        this.verdicts.splice(0, this.verdicts.length, ...parsed.map((v, i) => ({ ...v, at: this.verdicts[i]?.at ?? Date.now() })));
      }
      this.output.emit('data');
    });
    this.child.stderr.setEncoding('utf8').on('data', (d: string) => (this.stderr += d));
    this.child.once('exit', () => this.output.emit('data'));
  }

  private onOutput = (listener: () => void) => {
    this.output.on('data', listener);
    return () => void this.output.off('data', listener);
  };

  /**
   * Waits for a verdict that arrived after `since` and is for what `files` hold now (its `content`),
   * and returns it: no waiting on the clock. Nothing later may contradict it: the next call first
   * checks that every verdict which came after the last one returned, before its own `since`, was for
   * the same content with the same outcome (a stale run delivered late would show there).
   */
  async settled(since: number, { files, timeoutMs = 30_000 }: { files?: string[]; timeoutMs?: number } = {}): Promise<JsonVerdict & { at: number }> {
    if (this.lastSettled) {
      const { verdict, count } = this.lastSettled;
      const late = this.verdicts.slice(count).filter((v) => v.at < since);
      for (const v of late) expect({ content: v.content, passed: v.passed }, 'a verdict that came after the settled one, for other content').toEqual({ content: verdict.content, passed: verdict.passed });
    }
    const found = await whenReady(
      this.onOutput,
      () => {
        const now = files ? snapshotId(filesSnapshot(files)) : undefined;
        return this.verdicts.findLast((v) => v.at >= since && (now === undefined || v.content === now));
      },
      timeoutMs,
      () => {
        const last = this.verdicts.at(-1);
        const why = last && last.at >= since ? 'the last verdict is for other content than the file holds now' : 'no verdict';
        return `${why} after ${timeoutMs} ms; stderr: ${this.stderr}\nverdicts: ${this.verdicts.length}`;
      },
    );
    this.lastSettled = { verdict: found, count: this.verdicts.length };
    return found;
  }

  /** Waits until stdout from `mark` on matches. */
  async until(pattern: RegExp, { mark = 0, timeoutMs = 30_000 }: { mark?: number; timeoutMs?: number } = {}): Promise<void> {
    await whenReady(this.onOutput, () => (pattern.test(this.stdout.slice(mark)) ? true : undefined), timeoutMs, () => `timed out waiting for ${pattern}; stdout: ${this.stdout.slice(-500)} stderr: ${this.stderr}`);
  }

  stop(): Promise<number | null> {
    if (this.child.exitCode !== null) return Promise.resolve(this.child.exitCode);
    return new Promise((resolveExit) => {
      this.child.once('exit', (code) => resolveExit(code));
      this.child.kill('SIGINT');
    });
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every process below `pid` (the workbook's warm check children, and what they start). */
function descendants(pid: number): number[] {
  const table = spawnSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' }).stdout.trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number));
  const found: number[] = [];
  const walk = (p: number) => table.filter(([, parent]) => parent === p).forEach(([child]) => (found.push(child), walk(child)));
  walk(pid);
  return found;
}

/** Running (a zombie waiting to be reaped by init is not running). */
const alive = (pid: number) => {
  const stat = spawnSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim();
  return stat !== '' && !stat.startsWith('Z');
};

describe('watch mode and editor saves (--json)', () => {
  let dir: string;
  let models: string;
  let w: WatchProcess;

  beforeAll(async () => {
    dir = projectCopy();
    models = join(dir, 'lessons', '01-one-to-one', 'models.ts');
    w = new WatchProcess(dir, ['01', '--json']);
    await w.settled(0);
  });
  afterAll(async () => {
    await w?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the first verdict is the starter, failing, and stdout holds nothing but JSON lines', () => {
    expect(w.verdicts[0]?.event).toBe('verdict');
    expect(w.verdicts.at(-1)?.passed).toBe(false);
    expect(w.stdout.trim().split('\n').every((l) => l.startsWith('{'))).toBe(true);
  });

  it('a save by rename (vim, JetBrains: write a temporary file, rename it over) is seen', async () => {
    const since = Date.now();
    writeFileSync(`${models}.swp-tmp`, solved);
    renameSync(`${models}.swp-tmp`, models);
    expect((await w.settled(since, { files: [models] })).passed).toBe(true);
  });

  it('truncate-then-write: the half-written moment may show, but the final verdict is for the full file', async () => {
    const since = Date.now();
    const fd = openSync(models, 'w'); // truncates: the file is empty for a moment
    await sleep(120);
    writeSync(fd, starter.slice(0, 200));
    await sleep(120);
    writeSync(fd, starter.slice(200));
    closeSync(fd);
    const last = await w.settled(since, { files: [models] });
    expect(last.passed).toBe(false);
    expect(last.problem ?? null, 'the starter is a complete file: its verdict is check failures, not a load error').toBeNull();
    expect(last.checks.some((c) => c.state === 'fail')).toBe(true);
  });

  it('50 saves in a second: the verdict shown at the end is for the last content (both ways round)', async () => {
    for (const [finalText, passes] of [[solved, true], [starter, false]] as const) {
      const since = Date.now();
      const before = w.verdicts.length;
      for (let i = 0; i < 50; i++) {
        writeFileSync(models, i === 49 ? finalText : i % 2 ? solved : starter);
        await sleep(20);
      }
      const last = await w.settled(since, { files: [models] });
      expect(last.passed, `after a burst ending in the ${passes ? 'solution' : 'starter'}`).toBe(passes);
      // Bursts collapse: a save cancels the run of the one before, so far fewer verdicts than saves
      // (a runner that queued every save would deliver about 50 here).
      expect(w.verdicts.length - before).toBeLessThan(10);
    }
  });

  it('a second save 5-35 ms after the first is not lost (the file watcher drops change events closer than 50 ms)', async () => {
    // The run for the first save has read the file or not yet, depending on the gap: try a few.
    for (const gap of [5, 20, 35]) {
      for (const [first, second, passes] of [[starter, solved, true], [solved, starter, false]] as const) {
        const since = Date.now();
        writeFileSync(models, first);
        await sleep(gap);
        writeFileSync(models, second);
        const last = await w.settled(since, { files: [models] });
        expect(last.passed, `after saving the ${passes ? 'solution' : 'starter'} ${gap} ms after the ${passes ? 'starter' : 'solution'}`).toBe(passes);
      }
    }
  });

  it('saved, changed and changed back within 50 ms: the verdict is for what the file holds, not for the content in between', async () => {
    // A (a save the watcher reports), then B a few ms later, then A again before the watcher's 50 ms
    // window closes: neither later save is reported. The run started on A may have read B; the file
    // holds A again when it ends, so comparing content alone would pass off B's verdict as A's.
    for (const between of [2, 8, 14, 2, 8, 14]) {
      const since = Date.now();
      const start = performance.now();
      writeFileSync(models, starter);
      await sleep(between);
      writeFileSync(models, solved);
      await sleep(Math.max(0, 45 - (performance.now() - start)));
      writeFileSync(models, starter);
      const last = await w.settled(since, { files: [models] });
      expect(last.passed, `the solution was in the file ${between} ms to ~45 ms, then the starter again`).toBe(false);
    }
  });

  it('a deleted (or renamed away) file is named, and the checks come back when it does', async () => {
    let since = Date.now();
    unlinkSync(models);
    const gone = await w.settled(since, { files: [models] });
    expect(gone.passed).toBe(false);
    expect(gone.problem).toMatch(/models\.ts is missing: it was deleted or renamed/);
    since = Date.now();
    writeFileSync(models, solved);
    expect((await w.settled(since, { files: [models] })).passed).toBe(true);
  });

  it('the lesson folder moved away and back: it is named as missing, then saves are seen again', async () => {
    const folder = join(dir, 'lessons', '01-one-to-one');
    const away = join(dir, 'moved-away');
    let since = Date.now();
    writeFileSync(models, solved);
    expect((await w.settled(since, { files: [models] })).passed).toBe(true);
    since = Date.now();
    renameSync(folder, away);
    expect((await w.settled(since, { files: [models] })).problem).toMatch(/models\.ts is missing/);
    since = Date.now();
    renameSync(away, folder);
    expect((await w.settled(since, { files: [models] })).passed, 'the solved file is back').toBe(true);
    // The watch must not have died with the folder: a later save still gets its own verdict.
    since = Date.now();
    writeFileSync(models, starter);
    expect((await w.settled(since, { files: [models] })).passed, 'the starter saved after the folder came back').toBe(false);
  });
});

describe('watch mode on a pipe (CI, editors), and stopping it', () => {
  it('prints plain text (no screen clearing, no colour, no key prompts), and SIGINT ends it with every child process', async () => {
    const dir = projectCopy();
    try {
      const w = new WatchProcess(dir, ['01'], { NO_COLOR: undefined });
      // The verdict block ends with its count line: everything of that screen has been printed.
      await w.until(/\d+\/\d+ checks passing\n|checks pass\n/);
      expect(w.stdout).toMatch(/01 · One-to-one/);
      expect(w.stdout, 'no ANSI escape sequences when stdout is not a terminal').not.toMatch(/\x1b\[/);
      expect(w.stdout, 'no one-key commands offered without a terminal').not.toMatch(/q quit/);
      const family = descendants(w.child.pid!);
      expect(family.length, 'tsx, node and at least one warm check child').toBeGreaterThanOrEqual(2);
      const code = await w.stop();
      expect(code).toBe(0);
      // SIGKILLed children take a moment to disappear; a stray one would still be there seconds later.
      for (let i = 0; i < 30 && family.some(alive); i++) await sleep(100);
      const left = family.filter(alive).map((pid) => spawnSync('ps', ['-o', 'pid=,stat=,args=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim());
      expect(left, 'processes left running after Ctrl-C').toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a progress folder that cannot be written is reported, and the checks still run', async () => {
    const dir = projectCopy();
    try {
      writeFileSync(join(dir, '.workbook'), 'a file where the progress folder should be');
      const w = new WatchProcess(dir, ['01'], { NO_COLOR: '1' });
      await w.until(/Could not save your progress/);
      // The notice can come before the first verdict (the progress is written at start): wait for the verdict too.
      await w.until(/\d+\/\d+ checks passing\n/);
      expect(w.stdout).toMatch(/01 · One-to-one/);
      expect(w.stdout).toMatch(/✗|fail/i);
      expect(await w.stop()).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('passing the last lesson', () => {
  /** A copy where the last lesson holds its solution, and the lessons in `passed` are marked passed. */
  async function lastLessonPassed(passed: string[], breakAfter = false): Promise<string> {
    const dir = projectCopy();
    const last = lessons[lessons.length - 1];
    cpSync(solutionDir(last), lessonDir(last, dir), { recursive: true });
    const state = defaultState();
    for (const id of passed) markResult(state, id, { passing: 1, total: 1, passed: true });
    new ProgressStore(dir).save(state);
    const w = new WatchProcess(dir, [last.id], { NO_COLOR: '1' });
    try {
      // The ending is the last part of the screen that says the lesson passed.
      await w.until(/(Still to do|You finished)[^\n]*\n/);
      if (!breakAfter) return w.stdout;
      // Then the learner breaks the lesson again: its starter files back over the ones they edit.
      const mark = w.stdout.length;
      cpSync(join(lessonDir(last, dir), '.starter'), lessonDir(last, dir), { recursive: true });
      await w.until(/checks passing\n/, { mark });
      return w.stdout.slice(mark);
    } finally {
      await w.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('with lessons still pending: names them, and does not say the course is finished', async () => {
    const out = await lastLessonPassed(['00', '01']);
    const pending = lessons.slice(2, -1).map((l) => l.id).join(', ');
    expect(out).toContain(`That was the last lesson. Still to do: ${pending}.`);
    expect(out).not.toMatch(/You finished/);
  });

  it('with every other lesson passed: the course is complete', async () => {
    const out = await lastLessonPassed(lessons.slice(0, -1).map((l) => l.id));
    expect(out).toMatch(/You finished the Sequelize Associations Workbook/);
    // Short: it points to the closing notes instead of filling the screen with them.
    expect(out).toContain('lessons/COMPLETE.md');
    expect(out).not.toMatch(/Every check is green/);
  });

  it('the course is complete only while every lesson passes: breaking one takes it away', async () => {
    const out = await lastLessonPassed(lessons.slice(0, -1).map((l) => l.id), true);
    expect(out).toMatch(/checks passing/);
    expect(out).not.toMatch(/You finished/);
  });
});

/** `script` (util-linux) gives the watch a real terminal, so its one-key commands can be driven. */
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

describe.skipIf(!hasScript)('watch mode on a terminal: keys', () => {
  /** Runs watch in a pseudo-terminal, then `stty -a` in the same terminal once watch has exited. */
  class TerminalWatch {
    readonly child: ChildProcessWithoutNullStreams;
    raw = '';
    constructor(dir: string, lessonId: string) {
      const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', TERM: 'xterm' };
      delete env.FORCE_COLOR;
      const cmd = `${CLI_SHELL} watch ${lessonId}; echo "WATCH-EXIT=$?"; stty -a`;
      this.child = spawn('script', ['-qfec', cmd, '/dev/null'], { cwd: dir, env });
      this.child.stdout.setEncoding('utf8').on('data', (d: string) => (this.raw += d));
    }
    /** The output without escape sequences. */
    get text(): string {
      return this.raw.replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x1b]*\x1b\\/g, '');
    }
    async after(mark: number, pattern: RegExp, timeoutMs = 30_000): Promise<void> {
      const on = (listener: () => void) => {
        this.child.stdout.on('data', listener);
        return () => void this.child.stdout.off('data', listener);
      };
      await whenReady(on, () => (pattern.test(this.text.slice(mark)) ? true : undefined), timeoutMs, () => `timed out waiting for ${pattern}; output: ${this.text.slice(-800)}`);
    }
    /** Presses a key and waits for what it should show. */
    async press(key: string, expected: RegExp): Promise<void> {
      const mark = this.text.length;
      this.child.stdin.write(key);
      await this.after(mark, expected);
    }
  }

  it('a key whose action fails (progress or backup not writable) says so and the watch goes on; Ctrl-C quits even at the y/n question, with the terminal restored', async () => {
    const dir = projectCopy();
    // A file where the progress folder should be: nothing under .workbook/ can be written.
    writeFileSync(join(dir, '.workbook'), 'not a folder');
    const t = new TerminalWatch(dir, '01');
    try {
      await t.after(0, /checks passing/);
      await t.press('n', /Pass this lesson first/);
      await t.press('h', /Hint for 01[\s\S]*hint 1 of \d[\s\S]*could not save your progress/);
      await t.press('x', /Reset 01 to its starter\?.*\(y\/n\)/);
      await t.press('y', /Could not back up your files[\s\S]*nothing was reset/);
      expect(readFileSync(join(dir, 'lessons', '01-one-to-one', 'models.ts'), 'utf8')).toBe(starter);
      await t.press('x', /\(y\/n\)/);
      // Until stty has printed the local modes (icanon and echo, each maybe negated), whatever chunks they come in.
      await t.press('\x03', /WATCH-EXIT=0[\s\S]*speed[\s\S]*-?icanon\b[\s\S]*-?echo\b/);
      const stty = t.text.slice(t.text.indexOf('WATCH-EXIT='));
      expect(stty, 'raw mode is off again').toMatch(/(^|\s)icanon(\s|$)/m);
      expect(stty, 'echo is on again').toMatch(/(^|\s)echo(\s|$)/m);
      expect(t.raw, 'the cursor is shown on the way out').toContain('\x1b[?25h');
    } finally {
      t.child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('h shows the next hint level on each press; l lists; r re-runs; x then n keeps the files; n moves on only after a pass', async () => {
    const dir = projectCopy();
    const t = new TerminalWatch(dir, '01');
    try {
      const models = join(dir, 'lessons', '01-one-to-one', 'models.ts');
      writeFileSync(models, starter + '\n// mine\n');
      await t.after(0, /checks passing/);
      await t.press('h', /hint 1 of 3: press h again for a bigger one/);
      await t.press('h', /hint 2 of 3/);
      await t.press('x', /\(y\/n\)/);
      await t.press('n', /Reset cancelled/);
      expect(readFileSync(models, 'utf8')).toContain('// mine');
      await t.press('l', /current\s+01\s+One-to-one[\s\S]*pending\s+02/);
      // l again closes the list (it never stays on screen, going stale, after later runs).
      const listed = t.text.length;
      await t.press('l', /q quit/);
      expect(t.text.slice(listed)).not.toMatch(/pending\s+02/);
      await t.press('r', /re-running…[\s\S]*checks passing/);
      await t.press('n', /Pass this lesson first/);
      const mark = t.text.length;
      writeFileSync(models, solved);
      await t.after(mark, /Lesson 01 passed![\s\S]*Press n for the next lesson: 02/);
      await t.press('n', /02 · One-to-many/);
      await t.press('q', /WATCH-EXIT=0/);
    } finally {
      t.child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
