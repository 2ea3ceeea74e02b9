/**
 * One lesson followed live by the pages open on it: watch mode's loop (same engine, same verdicts)
 * and, on every save, the ER diagram of the learner's models next to the solution's. Each event goes
 * to every page on the lesson; a page that connects late gets the latest of each at once.
 */
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { type LessonEntry, lessonDir } from '../course/lessons.ts';
import type { ChildPool } from '../engine/pool.ts';
import { toJson } from '../commands/verify.ts';
import { filesSnapshot, snapshotId } from '../watch/files-snapshot.ts';
import { LatestOnly } from '../watch/latest-only.ts';
import { LessonLoop, type Shown } from '../watch/lesson-loop.ts';
import { diagramModel } from './diagram/model.ts';
import { toMermaid } from './diagram/mermaid.ts';
import type { SchemaSnapshot } from './diagram/snapshot.ts';
import { toSvg } from './diagram/svg.ts';
import type { SchemaReader } from './schema-reader.ts';
import { SseChannel } from './sse.ts';

export interface FeedDeps {
  pool: ChildPool;
  schemas: SchemaReader;
  root: string;
  /** The solution's schema for the lesson (undefined when it cannot be read). */
  solution: (lesson: LessonEntry) => Promise<SchemaSnapshot | undefined>;
  /** Records the verdict in the progress file; returns a line to show when that failed. */
  record: (lesson: LessonEntry, verdict: Shown) => string | undefined;
}

export type DiagramEvent =
  | { lesson: string; content: string; ok: true; svg: string; mermaid: string; differences: string[]; compared: boolean; keys: number }
  | { lesson: string; content: string; ok: false; message: string };

/** The diagram of the lesson's files as they are now. */
export async function lessonDiagram(lesson: LessonEntry, deps: Pick<FeedDeps, 'schemas' | 'solution' | 'root'>): Promise<DiagramEvent> {
  const content = snapshotId(filesSnapshot(lesson.files.map((f) => join(lessonDir(lesson, deps.root), f))));
  const [mine, theirs] = await Promise.all([deps.schemas.read({ lesson: lesson.id }), deps.solution(lesson)]);
  if (!mine.ok) return { lesson: lesson.id, content, ok: false, message: mine.message };
  const d = diagramModel(mine.snapshot, theirs);
  const svg = toSvg(d, `ER diagram of lesson ${lesson.id}'s models: ${d.tables.length} tables, ${d.relations.length} foreign keys`);
  return { lesson: lesson.id, content, ok: true, svg, mermaid: toMermaid(d), differences: d.differences, compared: d.compared, keys: d.relations.length };
}

export class LessonFeed {
  readonly channel = new SseChannel();
  private readonly loop: LessonLoop;
  private readonly diagrams: LatestOnly<DiagramEvent>;
  private running = false;
  private verdict: unknown;
  private diagram: DiagramEvent | undefined;

  constructor(
    readonly lesson: LessonEntry,
    deps: FeedDeps,
  ) {
    this.diagrams = new LatestOnly(() => lessonDiagram(lesson, deps), (d) => {
      this.diagram = d;
      this.channel.send('diagram', d);
    });
    this.loop = new LessonLoop(deps.pool, deps.root, lesson, {
      onStart: () => {
        this.running = true;
        this.channel.send('running', { lesson: lesson.id });
      },
      onVerdict: (v, { ms, content }) => {
        this.running = false;
        const notice = deps.record(lesson, v);
        this.verdict = { ...toJson(v), id: lesson.id, ms, content, notice };
        this.channel.send('verdict', this.verdict);
        // After the verdict, not alongside it: on two cores a schema read next to the checks would
        // slow the verdict the learner waits for.
        this.diagrams.trigger();
      },
    });
    this.loop.start();
  }

  /** Adds a page to the feed, with what is known so far. */
  follow(res: ServerResponse, onGone: () => void): void {
    this.channel.add(res, onGone);
    if (this.running || !this.verdict) this.channel.sendTo(res, 'running', { lesson: this.lesson.id });
    if (this.verdict) this.channel.sendTo(res, 'verdict', this.verdict);
    if (this.diagram) this.channel.sendTo(res, 'diagram', this.diagram);
  }

  rerun(): void {
    this.loop.rerun();
  }

  async close(): Promise<void> {
    this.channel.close();
    this.diagrams.cancel();
    await this.loop.close();
  }
}
