/**
 * A project of the user's followed live by the book (`book --project`): doctor runs on it at start
 * and again on every change to its model files, migrations or config, always in doctor's child
 * process on a scratch database (the project is untrusted: none of its code runs in the server), one
 * run at a time, the latest save only. Each result goes to every page open on it over Server-Sent
 * Events; a page that connects late gets the latest at once.
 */
import type { ServerResponse } from 'node:http';
import type { FSWatcher } from 'chokidar';
import { locateTarget, type DoctorTarget } from '../commands/doctor.ts';
import { UsageError } from '../errors/usage-error.ts';
import { judge } from '../doctor/judge.ts';
import type { ProjectLayout } from '../doctor/locate.ts';
import { DoctorFailure, runDoctor } from '../doctor/run.ts';
import { readSilences } from '../doctor/silence.ts';
import { filesStamp } from '../watch/files-snapshot.ts';
import { LatestOnly } from '../watch/latest-only.ts';
import { followed, judgedFiles, watchProject, type Followed } from './project-watch.ts';
import { projectName, projectView, type ProjectView } from './project-view.ts';
import { SseChannel } from './sse.ts';

export class ProjectFeed {
  readonly channel = new SseChannel();
  private readonly runner: LatestOnly<ProjectView>;
  private readonly name: string;
  private watcher: FSWatcher | undefined;
  private watching = '';
  private runs = 0;
  private running = false;
  private ranStamp = '';
  private latest: ProjectView | undefined;
  private closed = false;

  /** `layout`: the target located once already (a bad path was refused before the server started). */
  constructor(
    private readonly target: DoctorTarget,
    private layout: ProjectLayout,
  ) {
    this.name = projectName(layout.root);
    this.runner = new LatestOnly((signal) => this.check(signal), (view) => this.deliver(view));
    // The first run once the watcher is ready: from the first result on, no save goes unseen.
    this.follow(followed(layout)).once('ready', () => this.rerun());
  }

  /** The latest result (undefined before the first run ends). */
  get view(): ProjectView | undefined {
    return this.latest;
  }

  rerun(): void {
    if (!this.closed) this.runner.trigger();
  }

  /** Adds a page, with what is known so far. */
  add(res: ServerResponse, onGone: () => void = () => undefined): void {
    this.channel.add(res, onGone);
    if (this.running || !this.latest) this.channel.sendTo(res, 'running', { project: this.name });
    if (this.latest) this.channel.sendTo(res, 'project', this.latest);
  }

  /** Resolves when no run is in progress. */
  idle(): Promise<void> {
    return this.runner.idle();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.runner.cancel(); // kills a doctor child that is running
    this.channel.close();
    await this.watcher?.close();
    await this.runner.idle();
  }

  private async check(signal: AbortSignal): Promise<ProjectView> {
    this.running = true;
    this.channel.send('running', { project: this.name });
    const run = ++this.runs;
    const failed = (message: string): ProjectView => ({ run, project: this.name, ok: false, message });
    // Taken before anything is read; again below when the layout changed (deliver compares the same files).
    this.ranStamp = filesStamp(judgedFiles(this.layout));
    try {
      // Located again: a model file added, or .sequelizerc edited, is seen.
      this.layout = locateTarget(this.target);
      this.follow(followed(this.layout));
      this.ranStamp = filesStamp(judgedFiles(this.layout));
      const silences = readSilences(this.layout.root);
      const result = await runDoctor(this.layout, { database: this.target.database, timeoutMs: this.target.timeoutMs, signal });
      return projectView(judge(result, silences), run, this.name);
    } catch (e) {
      if (e instanceof UsageError || e instanceof DoctorFailure) return failed(e.message);
      // Whatever else goes wrong is said on the page: the feed must stay alive for the next save.
      return failed(`The book could not run doctor: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private deliver(view: ProjectView): void {
    // Saved again during the run, unreported by the watcher: this result is for older files.
    if (filesStamp(judgedFiles(this.layout)) !== this.ranStamp) return this.rerun();
    this.running = false;
    this.latest = view;
    this.channel.send('project', view);
  }

  /** (Re)starts the watcher when the files to follow have changed (a new models folder). */
  private follow(f: Followed): FSWatcher {
    const key = JSON.stringify(f);
    if (this.watcher && (key === this.watching || this.closed)) return this.watcher;
    this.watching = key;
    void this.watcher?.close();
    this.watcher = watchProject(f, () => this.rerun());
    return this.watcher;
  }
}
