/**
 * Watch mode's engine loop, shared by the terminal (commands/watch.ts) and the book (runner/book):
 * watches one lesson's editable files, runs its checks on every save in a warm child (latest save
 * only, never a stale verdict), and hands each verdict over with its save-to-verdict time and the
 * content it is for.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { watch as watchFiles, type FSWatcher } from 'chokidar';
import { type LessonEntry, lessonDir } from '../course/lessons.ts';
import type { ChildPool } from '../engine/pool.ts';
import { DEFAULTS, runLesson } from '../engine/run-lesson.ts';
import type { Verdict } from '../engine/verdict.ts';
import { filesSnapshot, filesStamp, snapshotId } from './files-snapshot.ts';
import { LatestOnly } from './latest-only.ts';

export type Shown = Verdict & { output?: string };

export interface LoopEvents {
  /** A run starts (for a "running" indicator). */
  onStart?: () => void;
  /** `ms`: from the save (or re-run) to this verdict; `content`: snapshotId of the files it judged. */
  onVerdict: (verdict: Shown, info: { ms: number; content: string }) => void;
}

export class LessonLoop {
  running = false;
  private ranOn: string | undefined;
  private ranStamp: string | undefined;
  private lastTrigger = performance.now();
  private watcher: FSWatcher | undefined;
  private lookAgain: NodeJS.Timeout | undefined;
  private readonly runner: LatestOnly<Shown & { cancelled: boolean }>;

  constructor(
    private readonly pool: ChildPool,
    private readonly root: string,
    private current: LessonEntry,
    private readonly events: LoopEvents,
  ) {
    this.runner = new LatestOnly<Shown & { cancelled: boolean }>(
      (signal) => {
        this.running = true;
        this.ranStamp = filesStamp(this.paths());
        this.ranOn = filesSnapshot(this.paths());
        this.events.onStart?.();
        return runLesson(this.pool, this.current, {}, DEFAULTS.runTimeoutMs, signal);
      },
      (v) => this.deliver(v),
    );
  }

  get lesson(): LessonEntry {
    return this.current;
  }

  /** Starts watching and runs the checks once. */
  start(): void {
    this.watch();
    this.rerun();
  }

  /** Moves to another lesson: its files are watched and its checks run. */
  setLesson(next: LessonEntry): void {
    this.current = next;
    this.start();
  }

  rerun(): void {
    this.lastTrigger = performance.now();
    this.runner.trigger();
  }

  async close(): Promise<void> {
    clearTimeout(this.lookAgain);
    this.runner.cancel();
    await this.watcher?.close();
  }

  private paths(): string[] {
    return this.current.files.map((f) => join(lessonDir(this.current, this.root), f));
  }

  /** Written since the latest run began (a save changed back to the same content counts too). */
  private changedSinceRun(): boolean {
    return filesStamp(this.paths()) !== this.ranStamp || filesSnapshot(this.paths()) !== this.ranOn;
  }

  private deliver(v: Shown & { cancelled: boolean }): void {
    // Saved again during the run, unreported: this verdict is for older content, so run again.
    if (this.changedSinceRun()) return this.runner.trigger();
    this.running = false;
    const dir = lessonDir(this.current, this.root);
    const missing = this.current.files.filter((f) => !existsSync(join(dir, f)));
    if (missing.length) {
      v = { ...v, problem: `${missing.join(', ')} is missing: it was deleted or renamed. Put it back (or run \`npm run workbook -- reset ${this.current.id}\` for a fresh starter); the checks run again as soon as it is back.`, passed: false };
    }
    this.events.onVerdict(v, { ms: Math.round(performance.now() - this.lastTrigger), content: snapshotId(this.ranOn ?? '') });
  }

  private watch(): void {
    void this.watcher?.close();
    const dir = lessonDir(this.current, this.root);
    const parent = dirname(dir);
    const editable = new Set(this.current.files.map((f) => resolve(dir, f)));
    // Watch the folder, not the files: editors that save by rename (vim, JetBrains) replace the file.
    // And from its parent: a watch on the lesson folder itself dies with it when the folder is moved
    // away and back (git stash, a restored backup), and later saves would go unseen.
    const outside = (p: string) => p !== parent && p !== dir && !p.startsWith(dir + sep);
    const watcher = watchFiles(parent, {
      ignoreInitial: true,
      ignored: (p) => outside(resolve(p)) || p.includes(`${dir}${sep}.starter`) || p.includes('node_modules'),
    });
    this.watcher = watcher;
    watcher.on('all', (_event, path) => {
      if (!editable.has(resolve(path))) return;
      this.rerun();
      // A save right after this one may never be reported (see files-snapshot.ts): look again
      // once the watcher's 50 ms window has passed, in case no run is left to notice it.
      clearTimeout(this.lookAgain);
      this.lookAgain = setTimeout(() => {
        if (!this.running && this.changedSinceRun()) this.rerun();
      }, 120);
    });
  }
}
