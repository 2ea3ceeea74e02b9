/**
 * The book's HTTP server: 127.0.0.1 only, a free port unless one is asked for, every request checked
 * against DNS rebinding and other sites (host-guard.ts) before routes.ts sees it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { lessons, type LessonEntry } from '../course/lessons.ts';
import { markResult, ProgressStore } from '../course/progress.ts';
import { ChildPool } from '../engine/pool.ts';
import { DEFAULTS } from '../engine/run-lesson.ts';
import { summarize } from '../engine/verdict.ts';
import { errnoText } from '../commands/args.ts';
import type { SchemaSnapshot } from './diagram/snapshot.ts';
import { refusal } from './host-guard.ts';
import { LessonFeed, type FeedDeps } from './lesson-feed.ts';
import { handle, type BookContext } from './routes.ts';
import { SchemaReader } from './schema-reader.ts';
import { ProjectFeed } from './project-feed.ts';
import type { DoctorTarget } from '../commands/doctor.ts';
import type { ProjectLayout } from '../doctor/locate.ts';

export const HOST = '127.0.0.1';
/** A feed with no page left is kept this long: a reload reconnects to it instead of starting over. */
const IDLE_MS = 10_000;

export interface Book {
  url: string;
  port: number;
  server: Server;
  /** Set when started on a project (`book --project`). */
  project?: ProjectFeed;
  close(): Promise<void>;
}

export interface BookOptions {
  root: string;
  port?: number;
  /** `book --project`: a project of the user's, followed by doctor (the located layout refused bad paths already). */
  project?: { target: DoctorTarget; layout: ProjectLayout };
}

export async function startBook(opts: BookOptions): Promise<Book> {
  let current: LessonEntry = lessons[0];
  let lessonDeps: { pool: ChildPool; schemas: SchemaReader; deps: FeedDeps } | undefined;
  // The engine's warm children start with the book, or, when it is opened on a project, with its
  // first lesson page (a finding's link): the project page alone runs no checks.
  const lessonParts = () => (lessonDeps ??= startLessonParts(opts.root, () => current));
  if (!opts.project) lessonParts();
  const feeds = new Map<string, { feed: LessonFeed; idle?: NodeJS.Timeout }>();
  const ctx: BookContext = {
    root: opts.root,
    get deps() {
      return lessonParts().deps;
    },
    feed(lesson) {
      let entry = feeds.get(lesson.id);
      if (!entry) {
        current = lesson;
        entry = { feed: new LessonFeed(lesson, lessonParts().deps) };
        feeds.set(lesson.id, entry);
      }
      clearTimeout(entry.idle);
      const e = entry;
      return {
        feed: e.feed,
        gone: () => {
          if (e.feed.channel.size > 0) return;
          clearTimeout(e.idle);
          e.idle = setTimeout(() => {
            feeds.delete(lesson.id);
            void e.feed.close();
          }, IDLE_MS).unref();
        },
      };
    },
  };

  let port = 0;
  const server = createServer((req, res) => {
    const why = refusal(req.headers, port);
    if (why) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`Refused: ${why}\n`);
      return;
    }
    handle(req, res, ctx).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`Something went wrong in the book: ${e instanceof Error ? e.message : String(e)}\n`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, HOST, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  // Once the port is ours: a book that cannot listen leaves no doctor child behind.
  const project = opts.project ? new ProjectFeed(opts.project.target, opts.project.layout) : undefined;
  ctx.project = project;
  return {
    url: `http://${HOST}:${port}/`,
    port,
    server,
    project,
    async close() {
      await Promise.all([...feeds.values()].map((e) => (clearTimeout(e.idle), e.feed.close())));
      feeds.clear();
      await project?.close();
      lessonDeps?.pool.close();
      lessonDeps?.schemas.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** What the lesson pages need: the engine's warm children, the schema reader, the solutions' schemas, progress. */
function startLessonParts(root: string, current: () => LessonEntry): { pool: ChildPool; schemas: SchemaReader; deps: FeedDeps } {
  // As in watch mode, the next save's child starts once this one's run is over, not beside it: on two
  // cores the page then shows a verdict within 20 ms of watch mode's (bench), not 40-130.
  const pool = new ChildPool({ ...DEFAULTS, warm: 1, spareAfterRun: true, scratchAhead: true, preload: () => current().preload ?? [] });
  const schemas = new SchemaReader();
  const solutions = new Map<string, Promise<SchemaSnapshot | undefined>>();
  const deps: FeedDeps = {
    pool,
    schemas,
    root,
    solution: (lesson) => {
      let s = solutions.get(lesson.id);
      if (!s) {
        s = schemas.read({ lesson: lesson.id, from: join(root, 'solutions') }).then((r) => (r.ok ? r.snapshot : undefined));
        solutions.set(lesson.id, s);
      }
      return s;
    },
    record: (lesson, v) => {
      // What `verify` records; the progress file is a convenience, so a failure is a notice, not an error.
      try {
        const { passing, total } = summarize(v.checks);
        new ProgressStore(root).update((s) => void markResult(s, lesson.id, { passing, total, passed: v.passed }));
        return undefined;
      } catch (e) {
        return `Could not save your progress (${errnoText(e)}); your lesson files are safe.`;
      }
    },
  };
  return { pool, schemas, deps };
}
