/**
 * What the book serves: its own page and assets (a fixed list, nothing else from disk), the course's
 * lessons as JSON, hints (advanced exactly as `hint` does), and each lesson's live feed as
 * Server-Sent Events. Nothing here writes a file a CLI command would not: progress, hint levels, and
 * `reset` (the page asks first; the learner's files are backed up first).
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lessons, lessonFolder, type LessonEntry, lessonDir } from '../course/lessons.ts';
import { firstPendingLesson, ProgressStore } from '../course/progress.ts';
import { advanceHint } from '../commands/hint.ts';
import { resetLesson } from '../commands/reset.ts';
import { CommandError, UsageError } from '../commands/args.ts';
import { lessonDiagram, type FeedDeps, type LessonFeed } from './lesson-feed.ts';
import { markdownHtml } from './lesson-html.ts';
import type { ProjectFeed } from './project-feed.ts';

export interface BookContext {
  root: string;
  deps: FeedDeps;
  /** `book --project`: the user's project, followed by doctor (its page is /project). */
  project?: ProjectFeed;
  /** The lesson's live feed (started on first use); call `gone` when the page leaves. */
  feed(lesson: LessonEntry): { feed: LessonFeed; gone: () => void };
}

const assetsDir = fileURLToPath(new URL('./assets/', import.meta.url));
const ASSETS: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/assets/book.css': { file: 'book.css', type: 'text/css; charset=utf-8' },
  '/assets/dom.js': { file: 'dom.js', type: 'text/javascript; charset=utf-8' },
  '/assets/book.js': { file: 'book.js', type: 'text/javascript; charset=utf-8' },
  '/project': { file: 'project.html', type: 'text/html; charset=utf-8' },
  '/assets/project.js': { file: 'project.js', type: 'text/javascript; charset=utf-8' },
};

const SECURITY_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'Content-Type': type, ...SECURITY_HEADERS });
  res.end(body);
}
const json = (res: ServerResponse, body: unknown, status = 200) => send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
const notFound = (res: ServerResponse, what = 'Not found.') => json(res, { error: what }, 404);

function courseState(root: string) {
  const { state, recovered } = new ProgressStore(root).load();
  const current = lessons.find((l) => l.id === state.current) ?? firstPendingLesson(state) ?? lessons[0];
  return {
    current: current.id,
    recovered,
    done: lessons.filter((l) => state.lessons[l.id]?.passed).length,
    lessons: lessons.map((l) => {
      const p = state.lessons[l.id];
      return {
        id: l.id,
        title: l.title,
        state: p?.passed ? 'done' : l.id === current.id ? 'current' : 'pending',
        checksPassing: p?.checksPassing ?? 0,
        checksTotal: p?.checksTotal ?? 0,
        hintsShown: Math.min(p?.hintsShown ?? 0, l.hints.length),
        hintsTotal: l.hints.length,
      };
    }),
  };
}

function lessonPage(root: string, lesson: LessonEntry) {
  let readme: string;
  try {
    readme = readFileSync(join(lessonDir(lesson, root), 'README.md'), 'utf8');
  } catch {
    readme = `# ${lesson.id} · ${lesson.title}\n\nThis lesson's README.md is missing. Restore it from git: \`git checkout -- lessons/${lessonFolder(lesson)}/README.md\`.`;
  }
  const shown = Math.min(new ProgressStore(root).load().state.lessons[lesson.id]?.hintsShown ?? 0, lesson.hints.length);
  return {
    id: lesson.id,
    title: lesson.title,
    html: markdownHtml(readme),
    files: lesson.files.map((f) => `lessons/${lessonFolder(lesson)}/${f}`),
    hintsTotal: lesson.hints.length,
    hints: lesson.hints.slice(0, shown).map((h) => markdownHtml(h)),
    next: lessons[lessons.indexOf(lesson) + 1]?.id,
    previous: lessons[lessons.indexOf(lesson) - 1]?.id,
  };
}

/** The project page's data: the latest doctor run (JSON, or the Mermaid text), and its live feed. */
function projectRoute(path: string, method: string, res: ServerResponse, project: ProjectFeed | undefined): void {
  if (!project) return notFound(res, 'The book was not started on a project: npm run book -- --project <path>.');
  if (method !== 'GET') return json(res, { error: `${method} is not allowed here.` }, 405);
  const view = project.view;
  if (path === '/api/project') return json(res, view ?? { running: true });
  if (path === '/api/project/events') return project.add(res);
  if (path === '/api/project/diagram.mmd') {
    if (!view) return send(res, 503, 'text/plain; charset=utf-8', 'doctor is still checking the project: try again in a moment.\n');
    return send(res, view.ok ? 200 : 422, 'text/plain; charset=utf-8', `${view.ok ? view.mermaid : view.message}\n`);
  }
  return notFound(res);
}

export async function handle(req: IncomingMessage, res: ServerResponse, ctx: BookContext): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://book.invalid');
  const method = req.method ?? 'GET';
  const asset = ASSETS[url.pathname];
  if (asset && (method === 'GET' || method === 'HEAD')) return send(res, 200, asset.type, readFileSync(join(assetsDir, asset.file), 'utf8'));
  if (url.pathname === '/api/course' && method === 'GET') return json(res, courseState(ctx.root));
  if (url.pathname.startsWith('/api/project')) return projectRoute(url.pathname, method, res, ctx.project);

  const m = /^\/api\/lessons\/(\d+)(?:\/(events|hint|rerun|reset|diagram\.mmd))?$/.exec(url.pathname);
  const lesson = m ? lessons.find((l) => l.id === m[1]) : undefined;
  if (!m || !lesson) return notFound(res, m ? `No lesson ${m[1]}.` : undefined);
  const action = m[2];
  if (!action && method === 'GET') return json(res, lessonPage(ctx.root, lesson));
  if (action === 'events' && method === 'GET') {
    const { feed, gone } = ctx.feed(lesson);
    feed.follow(res, gone);
    return;
  }
  if (action === 'diagram.mmd' && method === 'GET') {
    const d = await lessonDiagram(lesson, ctx.deps);
    return send(res, d.ok ? 200 : 422, 'text/plain; charset=utf-8', d.ok ? `${d.mermaid}\n` : `${d.message}\n`);
  }
  // POSTs come from the page only: host-guard.ts has already refused other sites' Origin.
  if (action === 'hint' && method === 'POST') {
    const h = advanceHint(lesson);
    return json(res, { shown: h.shown, total: h.total, html: markdownHtml(h.text), unsaved: h.unsaved });
  }
  // The page asks first (a confirm dialog), as watch mode's x does; the files are backed up first, as `reset` does.
  if (action === 'reset' && method === 'POST') {
    try {
      const { backup } = resetLesson(lesson, ctx.root);
      return json(res, { backup: backup ? relative(ctx.root, backup) : undefined });
    } catch (e) {
      if (e instanceof UsageError || e instanceof CommandError) return json(res, { error: e.message }, 409);
      throw e;
    }
  }
  if (action === 'rerun' && method === 'POST') {
    const f = ctx.feed(lesson);
    f.feed.rerun();
    f.gone(); // no page follows it through this request
    return json(res, { ok: true });
  }
  return json(res, { error: `${method} is not allowed here.` }, 405);
}
