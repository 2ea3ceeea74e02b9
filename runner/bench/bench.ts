/**
 * npm run bench: measures, in one run on this machine,
 *  (1) save-to-verdict median of our watch mode and of Vitest's own watch mode on the same lesson,
 *  (2) whole-course verification (solutions): ours vs `vitest run` with Vitest's defaults, each the
 *      median of three runs; ours also once from empty caches (compiled package code and lesson
 *      times in node_modules/.cache), as on the first run after `npm install`,
 *  (3) the runner's peak memory (watch process plus its children),
 *  (4) the same save-to-verdict and whole-course run on PostgreSQL (the embedded server), beside SQLite's,
 *  (5) grade throughput: ten copies of the solutions graded, in copies per minute, in the sandbox
 *      (where the platform has one) and without it (WORKBOOK_SANDBOX=0), for the sandbox's cost,
 *  (6) save-to-verdict as seen in the book's page (`book`, in Debian's Chromium through playwright-core,
 *      when /usr/bin/chromium is there): from the write to the page showing the verdict for it.
 *  (7) doctor on a generated project of 50 models and 180 associations (doctor-project.ts), the whole
 *      command (node, the child process, loading, sync, checks), on SQLite and on the embedded PostgreSQL.
 * BENCH_ONLY=page measures (1)'s our watch and (6) only, back to back (the book's figure and the
 * figure it is held to); BENCH_ONLY=postgres, (1)'s our watch (with (3), its peak memory) and (4)'s save-to-verdict, likewise;
 * BENCH_ONLY=doctor, (7) only.
 * Works on a temporary copy of the project, so the learner's files are never touched.
 * Prints a table, then one JSON object as its last line.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lessons, projectRoot } from '../course/lessons.ts';
import { writeDoctorProject } from './doctor-project.ts';

const SAVES = Number(process.env.BENCH_SAVES ?? 10);
const root = projectRoot();
const copy = mkdtempSync(join(tmpdir(), 'workbook-bench-'));
// Others may enter it: as root, grading's sandbox runs students' code as nobody.
chmodSync(copy, 0o755);
for (const entry of ['lessons', 'solutions', 'runner', 'package.json', 'tsconfig.json', 'vitest.config.ts']) cpSync(join(root, entry), join(copy, entry), { recursive: true });
symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
const lessonFile = join(copy, 'lessons/01-one-to-one/models.ts');
const versions = [readFileSync(join(root, 'solutions/01-one-to-one/models.ts'), 'utf8'), readFileSync(join(root, 'lessons/01-one-to-one/.starter/models.ts'), 'utf8')];
const bin = (name: string) => join(copy, 'node_modules/.bin', name);
// What `npm start` and `npm run workbook` run (package.json), without npm's own start-up; always in the copy.
const workbook = (...args: string[]) => [process.execPath, ['--import', './runner/loader/register.mjs', 'runner/cli.ts', ...args]] as const;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Resident memory of a process and all its descendants, in MB (Linux /proc; 0 elsewhere). */
function treeRssMb(pid: number): number {
  try {
    const parents = new Map<number, number>();
    for (const p of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
        parents.set(Number(p), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      } catch {
        // the process ended while we looked
      }
    }
    const tree = new Set([pid]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const [p, pp] of parents) if (tree.has(pp) && !tree.has(p)) (tree.add(p), (grew = true));
    }
    let kb = 0;
    for (const p of tree) {
      try {
        kb += Number(readFileSync(`/proc/${p}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
      } catch {
        // ended
      }
    }
    return kb / 1024;
  } catch {
    return 0;
  }
}

/** Starts a watcher, then saves alternating versions and times each save until `done(output)` is seen. */
async function saveToVerdict(child: ChildProcess, isVerdict: (chunk: string) => boolean, trackMemory: boolean): Promise<{ ms: number[]; peakMb: number }> {
  let waiting: (() => void) | undefined;
  let peakMb = 0;
  const sampler = trackMemory ? setInterval(() => (peakMb = Math.max(peakMb, treeRssMb(child.pid!))), 50) : undefined;
  child.stdout!.on('data', (d: Buffer) => {
    if (isVerdict(d.toString())) waiting?.();
  });
  const next = () => new Promise<void>((r) => (waiting = r));
  await next(); // the first verdict
  const ms: number[] = [];
  for (let i = 0; i < SAVES; i++) {
    await sleep(Number(process.env.BENCH_GAP_MS ?? 1200)); // a learner does not save every few milliseconds; lets a spare process warm
    const verdict = next();
    const t = performance.now();
    writeFileSync(lessonFile, versions[i % 2]);
    await verdict;
    ms.push(performance.now() - t);
  }
  clearInterval(sampler);
  child.kill('SIGTERM');
  await sleep(300);
  writeFileSync(lessonFile, versions[1]);
  return { ms, peakMb };
}

const CHROMIUM = '/usr/bin/chromium';

/** Save-to-verdict in the book's page: each save, until the page shows a verdict for new content. */
async function pageSaveToVerdict(): Promise<number[] | undefined> {
  if (!existsSync(CHROMIUM)) return undefined;
  const server = spawn(...workbook('book', '--no-open'), { cwd: copy, stdio: ['ignore', 'pipe', 'ignore'] });
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const url = await new Promise<string>((resolve) => {
      let out = '';
      server.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
        if (m) resolve(m[0]);
      });
    });
    const page = await browser.newPage();
    await page.goto(`${url}#/lesson/01`);
    // The page notes when it shows each verdict (a MutationObserver, on the machine's wall clock), so
    // polling it costs nothing that counts. Functions, not strings: the page's CSP forbids eval, and
    // this project has no DOM types, hence the casts.
    type El = { dataset: Record<string, string | undefined> };
    type Win = { document: { getElementById(id: string): El | null }; MutationObserver: new (f: () => void) => { observe(n: El, o: object): void }; shown: Array<{ at: number; content?: string }> };
    await page.evaluate(() => {
      const w = globalThis as unknown as Win;
      w.shown = [];
      const v = w.document.getElementById('verdict')!;
      // No named functions in here: tsx's keepNames would wrap them in a helper the page lacks.
      if (v.dataset.state === 'pass' || v.dataset.state === 'fail') w.shown.push({ at: 0, content: v.dataset.content }); // already on the page
      new w.MutationObserver(() => {
        if (v.dataset.state === 'pass' || v.dataset.state === 'fail') w.shown.push({ at: performance.timeOrigin + performance.now(), content: v.dataset.content });
      }).observe(v, { attributes: true, attributeFilter: ['data-state', 'data-content'] });
    });
    /** When the page first showed a verdict for content other than `before`, after `since`. */
    const shownAfter = async (before: string | null, since: number): Promise<number> => {
      for (const end = Date.now() + 60_000; Date.now() < end; await sleep(50)) {
        const found = await page.evaluate(([b, t]) => {
          const w = globalThis as unknown as Win;
          return w.shown.find((x) => x.content !== b && x.at >= (t as number))?.at;
        }, [before, since] as const);
        if (found !== undefined) return found;
      }
      throw new Error('no verdict in the page within 60 s');
    };
    const now = () => performance.timeOrigin + performance.now();
    await shownAfter(null, 0); // the first verdict
    const ms: number[] = [];
    for (let i = 0; i < SAVES; i++) {
      await sleep(1200); // as for watch mode: the diagram of the last save may still be on its way
      const before = await page.locator('#verdict').getAttribute('data-content');
      const t = now();
      writeFileSync(lessonFile, versions[i % 2]);
      ms.push((await shownAfter(before, t)) - t);
    }
    return ms;
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    await sleep(300);
    writeFileSync(lessonFile, versions[1]);
  }
}

function timed(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): number {
  const t = performance.now();
  spawnSync(cmd, args, { cwd: copy, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: 'ignore' });
  return performance.now() - t;
}

/** doctor on the generated project, the median of three runs per database (targets: 5 s on SQLite, 10 s on PostgreSQL). */
function doctorBench(): { doctorSqliteMs: number; doctorPostgresMs: number; rows: Array<[string, string]> } {
  const ms: Record<string, number> = {};
  let size = { models: 0, associations: 0 };
  for (const db of ['sqlite', 'postgres'] as const) {
    const dir = join(copy, `doctor-${db}`);
    size = writeDoctorProject(dir, db);
    ms[db] = Math.round(median([0, 1, 2].map(() => timed(...workbook('doctor', dir, '--json')))));
  }
  return {
    doctorSqliteMs: ms.sqlite,
    doctorPostgresMs: ms.postgres,
    rows: [
      [`doctor, ${size.models} models / ${size.associations} associations, SQLite (target 5 s)`, `${ms.sqlite} ms`],
      ['doctor, the same on PostgreSQL (target 10 s)', `${ms.postgres} ms`],
    ],
  };
}

try {
  if (process.env.BENCH_ONLY === 'doctor') {
    const { rows, ...result } = doctorBench();
    for (const [k, v] of rows) process.stdout.write(`${k.padEnd(44)} ${v}\n`);
    process.stdout.write(JSON.stringify(result) + '\n');
    rmSync(copy, { recursive: true, force: true });
    process.exit(0);
  }
  writeFileSync(lessonFile, versions[1]);
  const ours = await saveToVerdict(
    spawn(...workbook('watch', '01', '--json'), { cwd: copy, stdio: ['ignore', 'pipe', 'ignore'] }),
    (s) => s.includes('"event":"verdict"'),
    true,
  );
  // PostgreSQL, the embedded server: the same lesson and saves (target: within 2x of SQLite's figure above).
  const postgres = { WORKBOOK_DB: 'postgres' };
  const postgresSaveToVerdict = () =>
    saveToVerdict(
      spawn(...workbook('watch', '01', '--json'), { cwd: copy, stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, ...postgres } }),
      (s) => s.includes('"event":"verdict"'),
      false,
    );
  if (process.env.BENCH_ONLY === 'postgres') {
    const pg = await postgresSaveToVerdict();
    const result = { saveToVerdictMs: Math.round(median(ours.ms)), peakRssMb: Math.round(ours.peakMb), postgresSaveToVerdictMs: Math.round(median(pg.ms)) };
    if (process.env.BENCH_VERBOSE) process.stderr.write(`sqlite ${ours.ms.map(Math.round).join(" ")}\npostgres ${pg.ms.map(Math.round).join(" ")}\n`);
    for (const [k, v] of [
      ['save-to-verdict, our watch (median)', `${result.saveToVerdictMs} ms`],
      ['peak memory, watch + children', `${result.peakRssMb} MB`],
      ['PostgreSQL (embedded): save-to-verdict', `${result.postgresSaveToVerdictMs} ms`],
      ['ratio PostgreSQL / SQLite save-to-verdict', (result.postgresSaveToVerdictMs / result.saveToVerdictMs).toFixed(2)],
    ]) process.stdout.write(`${k.padEnd(44)} ${v}\n`);
    process.stdout.write(JSON.stringify(result) + '\n');
    rmSync(copy, { recursive: true, force: true });
    process.exit(0);
  }
  // Right after the watch figure it is compared with. A failure here (a browser that will not start)
  // costs this row only.
  const inPage = await pageSaveToVerdict().catch((e: unknown) => {
    process.stderr.write(`save-to-verdict in the page was not measured: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
    return undefined;
  });
  const pageRows = (watchMs: number, pageMs: number | null): Array<[string, string]> => [
    ["save-to-verdict in the book's page (median)", pageMs === null ? `not measured (${existsSync(CHROMIUM) ? 'see above' : `no ${CHROMIUM}`})` : `${pageMs} ms`],
    ['page minus watch (target: at most 100 ms)', pageMs === null ? '-' : `${pageMs - watchMs} ms`],
  ];
  const print = (rows: Array<[string, string]>, result: object) => {
    for (const [k, v] of rows) process.stdout.write(`${k.padEnd(44)} ${v}\n`);
    process.stdout.write(JSON.stringify(result) + '\n');
  };
  if (process.env.BENCH_ONLY === 'page') {
    const result = { saveToVerdictMs: Math.round(median(ours.ms)), pageSaveToVerdictMs: inPage ? Math.round(median(inPage)) : null };
    if (process.env.BENCH_VERBOSE) process.stderr.write(`watch ${ours.ms.map(Math.round).join(" ")}\npage ${(inPage ?? []).map(Math.round).join(" ")}\n`);
    print([['save-to-verdict, our watch (median)', `${result.saveToVerdictMs} ms`], ...pageRows(result.saveToVerdictMs, result.pageSaveToVerdictMs)], result);
    rmSync(copy, { recursive: true, force: true }); // process.exit skips the finally below
    process.exit(0);
  }
  const theirs = await saveToVerdict(
    spawn(bin('vitest'), ['watch', '--config', 'vitest.config.ts', 'lessons/01-one-to-one'], { cwd: copy, stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, NO_COLOR: '1' } }),
    (s) => /Duration/.test(s),
    false,
  );
  const oursPg = await postgresSaveToVerdict();
  const verifyAll = workbook('verify', '--all', '--from', 'solutions', '--json');
  const oursFirst = timed(...verifyAll, { WORKBOOK_CACHE_DIR: join(copy, '.empty-cache') });
  const oursAll = median([0, 1, 2].map(() => timed(...verifyAll)));
  const oursAllPg = median([0, 1, 2].map(() => timed(...verifyAll, postgres)));
  // Vitest with its defaults: no config beyond which files to run.
  writeFileSync(join(copy, 'vitest.defaults.config.ts'), "export default { test: { include: ['lessons/*/checks.test.ts'] } };\n");
  const vitestAll = median([0, 1, 2].map(() => timed(bin('vitest'), ['run', '--config', 'vitest.defaults.config.ts'], { WORKBOOK_FROM: join(copy, 'solutions') })));
  // Ten students who all solved everything (repository copies, as students hand them in).
  const copies = 10;
  for (let i = 0; i < copies; i++) {
    cpSync(join(copy, 'solutions'), join(copy, 'class', `student-${i}`, 'lessons'), { recursive: true });
    cpSync(join(copy, 'package.json'), join(copy, 'class', `student-${i}`, 'package.json'));
  }
  const gradeClass = workbook('grade', join(copy, 'class', '*'), '--format', 'json', '--out', join(copy, 'grades.json'));
  const perMinute = (ms: number) => Math.round((copies * 60_000) / ms * 10) / 10;
  /** A grading run's time, only if it graded every copy as passing (a grader that fails fast is not fast). */
  const timedGrade = (env: NodeJS.ProcessEnv = {}) => {
    const ms = timed(...gradeClass, env);
    const book = JSON.parse(readFileSync(join(copy, 'grades.json'), 'utf8')) as { students: Array<{ cells: Array<{ status: string }> }> };
    const passed = book.students.flatMap((s) => s.cells).filter((c) => c.status === 'passed').length;
    if (passed !== copies * lessons.length) throw new Error(`grade passed ${passed} of ${copies * lessons.length} lessons of the solutions${env.WORKBOOK_SANDBOX === '0' ? ' (without the sandbox)' : ''}: its time means nothing`);
    return ms;
  };
  const doctor = doctorBench();
  const gradeMs = timedGrade();
  const gradeUnsandboxedMs = timedGrade({ WORKBOOK_SANDBOX: '0' });
  const result = {
    gradeCopiesPerMinute: perMinute(gradeMs),
    gradeUnsandboxedCopiesPerMinute: perMinute(gradeUnsandboxedMs),
    saveToVerdictMs: Math.round(median(ours.ms)),
    vitestWatchMs: Math.round(median(theirs.ms)),
    verifyAllMs: Math.round(oursAll),
    vitestRunAllMs: Math.round(vitestAll),
    peakRssMb: Math.round(ours.peakMb),
    postgresSaveToVerdictMs: Math.round(median(oursPg.ms)),
    postgresVerifyAllMs: Math.round(oursAllPg),
    lessons: lessons.length,
    pageSaveToVerdictMs: inPage ? Math.round(median(inPage)) : null,
    doctorSqliteMs: doctor.doctorSqliteMs,
    doctorPostgresMs: doctor.doctorPostgresMs,
  };
  const rows: Array<[string, string]> = [
    ['save-to-verdict, our watch (median)', `${result.saveToVerdictMs} ms`],
    ["save-to-verdict, Vitest's watch (median)", `${result.vitestWatchMs} ms`],
    ['ratio ours / Vitest', (result.saveToVerdictMs / result.vitestWatchMs).toFixed(2)],
    ...pageRows(result.saveToVerdictMs, result.pageSaveToVerdictMs),
    [`verify --all (${result.lessons} lessons)`, `${result.verifyAllMs} ms`],
    ['verify --all, first run (empty caches)', `${Math.round(oursFirst)} ms`],
    ['vitest run, defaults', `${result.vitestRunAllMs} ms`],
    ['speed-up', `${(result.vitestRunAllMs / result.verifyAllMs).toFixed(1)}x`],
    ['peak memory, watch + children', `${result.peakRssMb} MB`],
    ['PostgreSQL (embedded): save-to-verdict', `${result.postgresSaveToVerdictMs} ms`],
    ['ratio PostgreSQL / SQLite save-to-verdict', (result.postgresSaveToVerdictMs / result.saveToVerdictMs).toFixed(2)],
    ['PostgreSQL (embedded): verify --all', `${result.postgresVerifyAllMs} ms`],
    [`grade, ${copies} copies of the solutions`, `${(gradeMs / 1000).toFixed(1)} s: ${result.gradeCopiesPerMinute} copies/min`],
    ['the same without the sandbox', `${(gradeUnsandboxedMs / 1000).toFixed(1)} s: ${result.gradeUnsandboxedCopiesPerMinute} copies/min`],
    ['sandbox cost', `${(gradeMs / gradeUnsandboxedMs).toFixed(2)}x`],
    ...doctor.rows,
  ];
  print(rows, result);
} finally {
  rmSync(copy, { recursive: true, force: true });
}
