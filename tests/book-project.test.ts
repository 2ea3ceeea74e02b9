/**
 * `book --project <path>`: the book's page for a project of the user's, with doctor's findings on the
 * arrows of its ER diagram, read again on every save. On a copy of tests/fixtures/projects/cli-js (its
 * planted mistakes): each finding on the arrows of its keys; a model file fixed, and the finding is
 * gone (waited for on the Server-Sent Event, never the clock); a syntax error named, and the page
 * recovers; a bad path one line and exit 2 before any server; Ctrl-C during a doctor run leaves no
 * process; and in Chromium, the page draws the diagram with the marked arrow.
 * Runs on SQLite and again on PostgreSQL (doctor's scratch database is the run's).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../runner/course/lessons.ts';
import { usesPostgres } from '../runner/kit/db/choice.ts';
import { locate } from '../runner/doctor/locate.ts';
import { startBook, type Book } from '../runner/book/server.ts';
import type { ProjectView } from '../runner/book/project-view.ts';
import { followed, isFollowed } from '../runner/book/project-watch.ts';
import { findingsDiagram } from '../runner/doctor/report.ts';
import type { DoctorResult, Finding, TableSchema } from '../runner/doctor/result.ts';
import { toSvg } from '../runner/book/diagram/svg.ts';
import { CLI_ARGS } from './helpers/workbook-cli.ts';

const root = projectRoot();
const fixture = join(root, 'tests/fixtures/projects/cli-js');
const database = usesPostgres() ? 'postgres' : 'sqlite';
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

function copyOfFixture(): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'book-project-')));
  temps.push(dir);
  cpSync(fixture, dir, { recursive: true });
  // PostgreSQL's note on every unindexed key would be on every arrow: silenced, as a project would.
  writeFileSync(join(dir, '.workbook-doctor.json'), JSON.stringify({ ignore: ['unindexed-foreign-key'] }));
  return dir;
}

function get(port: number, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

type Ok = Extract<ProjectView, { ok: true }>;

/** The project's live feed, as the page reads it: each event waited for by what it says. */
class Events {
  private buffer = '';
  private readonly seen: { event: string; data: unknown }[] = [];
  private readonly waiting: { match: (e: { event: string; data: unknown }) => boolean; resolve: (e: { event: string; data: unknown }) => void }[] = [];
  private res: IncomingMessage | undefined;

  constructor(port: number) {
    const req = request({ host: '127.0.0.1', port, path: '/api/project/events', headers: { host: `127.0.0.1:${port}` } }, (res) => {
      this.res = res;
      res.setEncoding('utf8').on('data', (d: string) => this.take(d));
    });
    req.end();
  }

  /** The next event (from now on, or already seen after `after`) that `match` accepts. */
  next<T>(event: string, match: (data: T) => boolean, after = 0): Promise<T> {
    const m = (e: { event: string; data: unknown }) => e.event === event && match(e.data as T);
    const had = this.seen.slice(after).find(m);
    if (had) return Promise.resolve(had.data as T);
    return new Promise((resolve) => this.waiting.push({ match: m, resolve: (e) => resolve(e.data as T) }));
  }

  get count(): number {
    return this.seen.length;
  }

  close(): void {
    this.res?.destroy();
  }

  private take(text: string): void {
    this.buffer += text;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const frame = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(frame)?.[1];
      const data = /^data: (.*)$/m.exec(frame)?.[1];
      if (!event || data === undefined) continue;
      const e = { event, data: JSON.parse(data) as unknown };
      this.seen.push(e);
      for (const w of [...this.waiting]) {
        if (w.match(e)) {
          this.waiting.splice(this.waiting.indexOf(w), 1);
          w.resolve(e);
        }
      }
    }
  }
}

const okView = (v: ProjectView): Ok => {
  if (!v.ok) throw new Error(`doctor failed on the project: ${v.message}`);
  return v;
};
const ids = (v: Ok) => v.findings.map((f) => f.id);
/** The arrow of a key in the SVG: its <g> start tag. */
const arrow = (svg: string, key: string) => new RegExp(`<g class="rel[^"]*" data-from="${key.replace('.', '\\.')}"[^>]*>`).exec(svg)?.[0];

describe('book --project: the page, its data, live', () => {
  let dir: string;
  let book: Book;
  let events: Events;
  let first: Ok;

  beforeAll(async () => {
    dir = copyOfFixture();
    book = await startBook({ root, project: { target: { path: dir, database, timeoutMs: 120_000 }, layout: locate(dir) } });
    events = new Events(book.port);
    first = okView(await events.next<ProjectView>('project', () => true));
  });
  afterAll(async () => {
    events?.close();
    await book?.close();
  });

  it('serves the project page, its data as JSON and its diagram as Mermaid', async () => {
    const page = await get(book.port, '/project');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script src="/assets/project.js" defer></script>');
    expect((await get(book.port, '/assets/project.js')).body).toContain("new EventSource('/api/project/events')");
    const data = okView(JSON.parse((await get(book.port, '/api/project')).body) as ProjectView);
    expect(data.run).toBe(first.run);
    const mmd = await get(book.port, '/api/project/diagram.mmd');
    expect(mmd.body).toMatch(/^%% doctor findings:/);
    expect(mmd.body).toContain('Users |o--o{ Posts : "authorId ON DELETE SET NULL; DIFFERS: double-foreign-key"');
    expect((await get(book.port, '/api/project', { host: `attacker.example:${book.port}` })).status).toBe(403);
  });

  it("marks each planted finding on the arrow of its key, with its severity, and links it to the lesson that teaches it", () => {
    expect(first.problems).toEqual([]);
    expect(first.exitCode).toBe(1);
    expect(first.silenced > 0).toBe(database === 'postgres');
    const onArrows = new Map(first.onArrows.map((a) => [`${a.id} ${a.keys.join(',')}`, a.severity]));
    expect(onArrows.get('double-foreign-key Posts.UserId,Posts.authorId')).toBe('error');
    expect(onArrows.get('order-dependent-option Articles.UserId')).toBe('error');
    expect(onArrows.get('shared-foreign-key-column Images.ownerId')).toBe('error');
    expect(onArrows.get('has-one-not-unique Profiles.UserId')).toBe('warning');
    // The arrows themselves: the findings' ids and the worst severity on the key's arrow, and its label.
    expect(arrow(first.svg, 'Posts.authorId')).toMatch(/class="rel mark-differs severity-error".*data-findings="double-foreign-key" data-severity="error"/);
    expect(arrow(first.svg, 'Profiles.UserId')).toMatch(/data-findings="set-null-not-null has-one-not-unique" data-severity="error"/);
    expect(first.svg).toMatch(/>✗ error authorId ON DELETE SET NULL<\/text>/);
    // Its tooltip says what is wrong and where to learn it.
    expect(first.svg).toMatch(/<title>Posts\.authorId → Users\.id: [^<]*✗ error double-foreign-key: [^<]*\(lesson 11\)<\/title>/);
    // A key no finding concerns is drawn plain.
    const plain = first.svg.match(/<g class="rel" data-from="[^"]+"/g) ?? [];
    expect(plain.length).toBe(first.keys - new Set(first.onArrows.flatMap((a) => a.keys)).size);
    // Findings with no key of their own are listed only.
    expect(ids(first)).toContain('ignored-option');
    const double = first.findings.find((f) => f.id === 'double-foreign-key')!;
    expect(double.teaches?.href).toBe('/#/lesson/11');
    expect(double.declarations.map((d) => d.at)).toEqual(['models/user.js:8', 'models/post.js:5']);
  });

  it('a model file fixed: doctor runs again, and the finding is gone from the page without a reload', async () => {
    const from = events.count;
    const edit = (file: string, before: string, after: string) => {
      const path = join(dir, 'models', file);
      const text = readFileSync(path, 'utf8');
      expect(text).toContain(before);
      writeFileSync(path, text.replace(before, after));
    };
    edit('user.js', "User.hasMany(models.Post, { as: 'posts' });", "User.hasMany(models.Post, { as: 'posts', foreignKey: 'authorId' });");
    edit('post.js', "Post.belongsTo(models.User, { as: 'author' });", "Post.belongsTo(models.User, { as: 'author', foreignKey: 'authorId' });");
    await events.next('running', () => true, from);
    const fixed = okView(await events.next<ProjectView>('project', (v) => v.ok && !ids(v).includes('double-foreign-key'), from));
    expect(fixed.run).toBeGreaterThan(first.run);
    expect(arrow(fixed.svg, 'Posts.UserId')).toBeUndefined();
    expect(arrow(fixed.svg, 'Posts.authorId')).toMatch(/^<g class="rel" /);
    // The other findings are still there.
    expect(ids(fixed)).toEqual(ids(first).filter((id) => id !== 'double-foreign-key'));
  });

  it('a syntax error is named on the page, and the page recovers when the file is fixed', async () => {
    const tag = join(dir, 'models', 'tag.js');
    const good = readFileSync(tag, 'utf8');
    let from = events.count;
    writeFileSync(tag, good.replace('sequelize.define(', 'sequelize.define(('));
    const broken = okView(await events.next<ProjectView>('project', (v) => v.ok && v.problems.length > 0, from));
    expect(broken.problems.map((p) => `${p.file ?? ''}: ${p.message}`).join('\n')).toMatch(/SyntaxError.*models\/tag\.js:\d+/);
    from = events.count;
    writeFileSync(tag, good);
    const recovered = okView(await events.next<ProjectView>('project', (v) => v.ok && v.problems.length === 0, from));
    expect(recovered.findings.length).toBeGreaterThan(0);
    expect(ids(recovered)).not.toContain('double-foreign-key');
  });

  it('the models folder gone: its one line on the page, instead of a crash', async () => {
    const from = events.count;
    rmSync(join(dir, 'models'), { recursive: true });
    const gone = await events.next<ProjectView>('project', (v) => !v.ok, from);
    expect(gone).toMatchObject({ ok: false, message: expect.stringMatching(/^No models folder in /) });
  });
});

describe("the marks on the diagram's rows and arrows", () => {
  it('the worst severity drawn, each id once, a column that is no key marked on its row', () => {
    const table = (name: string, columns: string[], foreignKeys: TableSchema['foreignKeys'] = []): TableSchema => ({
      name,
      columns: columns.map((c, i) => ({ name: c, type: 'INTEGER', notNull: false, pk: i === 0 ? 1 : 0 })),
      foreignKeys,
      uniqueSets: [['id']],
      indexes: [],
    });
    const result = { schema: [table('Users', ['id', 'email']), table('Posts', ['id', 'userId'], [{ from: 'userId', table: 'Users', to: 'id', onDelete: 'SET NULL', onUpdate: 'CASCADE' }])] } as DoctorResult;
    const finding = (id: string, severity: Finding['severity'], column: string): Finding => ({ id, severity, columns: [column], models: [], declarations: [], message: 'M.', fix: '', lesson: '14' });
    const svg = toSvg(findingsDiagram({ result, findings: [finding('migration-foreign-key', 'error', 'Posts.userId'), finding('migration-foreign-key', 'error', 'Posts.userId'), finding('migration-index', 'warning', 'Posts.userId'), finding('migration-unique', 'error', 'Users.email')] }), 'test');
    expect(arrow(svg, 'Posts.userId')).toContain('data-findings="migration-foreign-key migration-index" data-severity="error"');
    expect(svg).toMatch(/<g class="row severity-error" data-findings="migration-unique" data-severity="error">/);
    expect(svg).toContain('<title>Users.email: ✗ error migration-unique</title>');
  });
});

describe('which files the page follows', () => {
  it('the models and migrations folders at every depth, the config and the root files doctor reads; never node_modules', () => {
    const dir = join(root, 'tests/fixtures/projects/migrations');
    const f = followed(locate(dir));
    expect(f.trees).toEqual([join(dir, 'models'), join(dir, 'migrations')]);
    expect(f.files).toContain(join(dir, '.workbook-doctor.json'));
    expect(isFollowed(f, join(dir, 'migrations', '20240101000000-create-user.js'))).toBe(true);
    expect(isFollowed(f, join(dir, 'models', 'sub', 'helper.js'))).toBe(true);
    expect(isFollowed(f, join(dir, 'models', 'node_modules', 'x.js'))).toBe(false);
    expect(isFollowed(f, join(dir, 'README.md'))).toBe(false);
    expect(isFollowed(f, join(dir, 'package.json'))).toBe(true);
  });
});

describe('book --project on the command line', () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, [...CLI_ARGS, 'book', '--no-open', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  it('a bad path, or options without --project: one line, exit 2, no server', () => {
    const missing = cli('--project', join(tmpdir(), 'no-such-project-here'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(`${join(tmpdir(), 'no-such-project-here')} does not exist.\n`);
    expect(missing.stdout).toBe('');
    const empty = copyOfFixture();
    rmSync(join(empty, 'models'), { recursive: true });
    const noModels = cli('--project', empty);
    expect(noModels.status).toBe(2);
    expect(noModels.stderr).toMatch(/^No models folder in .*--models <dir>.*\n$/);
    const silences = copyOfFixture();
    writeFileSync(join(silences, '.workbook-doctor.json'), '{ "ignore": [');
    const badSilences = cli('--project', silences);
    expect(badSilences.status).toBe(2);
    expect(badSilences.stderr).toMatch(/^.*\.workbook-doctor\.json is not valid JSON: .*\n$/);
    expect(badSilences.stdout).toBe('');
    const stray = cli('--models', 'models');
    expect(stray.status).toBe(2);
    expect(stray.stderr).toBe('--models goes with --project <path>\n');
  });
});

// WORKBOOK_CHROMIUM: another path (as in book-browser.test.ts).
const CHROMIUM = process.env.WORKBOOK_CHROMIUM ?? '/usr/bin/chromium';
const inCi = process.env.CI === 'true' || process.env.CI === '1';

/** The processes whose working folder is inside `dir` (doctor's children run in the project's root). */
function processesIn(dir: string): string[] {
  if (!existsSync('/proc')) return []; // Linux's view of processes; elsewhere the exit code is what is checked
  return readdirSync('/proc').filter((pid) => {
    if (!/^\d+$/.test(pid)) return false;
    try {
      const cwd = readlinkSync(`/proc/${pid}/cwd`);
      return cwd === dir || cwd.startsWith(`${dir}/`);
    } catch {
      return false; // gone, or not ours to read
    }
  });
}

describe('book --project, started as a user starts it', () => {
  let dir: string;
  let server: ChildProcessWithoutNullStreams;
  let port: number;
  let out = '';

  beforeAll(async () => {
    dir = copyOfFixture();
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    server = spawn(process.execPath, [...CLI_ARGS, 'book', '--no-open', '--project', dir, '--db', database], { cwd: root, env });
    server.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    port = await new Promise<number>((resolve, reject) => {
      server.stdout.setEncoding('utf8').on('data', (d: string) => {
        out += d;
        const m = /http:\/\/127\.0\.0\.1:(\d+)\/project/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      server.once('exit', (code) => reject(new Error(`book exited (${code}): ${out}`)));
    });
  });
  afterAll(() => {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
  });

  it.runIf(existsSync(CHROMIUM) || inCi)('in Chromium: the page draws the diagram with the finding on its arrow, and lists it with its lesson', async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`CI=true and no Chromium at ${CHROMIUM}`);
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1440, height: 960 } });
      await page.goto(`http://127.0.0.1:${port}/project`);
      const marked = page.locator('#diagram svg g.rel.severity-error[data-from="Posts.authorId"]');
      await marked.waitFor({ timeout: 90_000 });
      expect(await marked.getAttribute('data-findings')).toBe('double-foreign-key');
      expect(await marked.locator('text.label').textContent()).toBe('✗ error authorId ON DELETE SET NULL');
      const item = page.locator('#findings > li[data-finding="double-foreign-key"]');
      expect(await item.locator('.severity').textContent()).toBe('✗ error');
      expect(await item.locator('a').getAttribute('href')).toBe('/#/lesson/11');
      // Pointing at the finding lights up its arrows.
      await item.hover();
      expect(await marked.getAttribute('class')).toContain('lit');
      expect(await page.locator('#status .verdict-line').textContent()).toMatch(/^✗ \d+ errors, \d+ warnings, 0 notes$/);
    } finally {
      await browser.close();
    }
  });

  it('Ctrl-C during a doctor run: the book exits 0 and leaves no process behind', async () => {
    const events = new Events(port);
    await events.next('project', () => true);
    const from = events.count;
    writeFileSync(join(dir, 'models', 'note.js'), `${readFileSync(join(dir, 'models', 'note.js'), 'utf8')}\n// saved again\n`);
    await events.next('running', () => true, from);
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    server.kill('SIGINT');
    expect(await exited).toBe(0);
    events.close();
    expect(processesIn(dir)).toEqual([]);
  });
});
