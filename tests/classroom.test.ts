/**
 * Classroom features: `grade` on a fake class (tests/fixtures/classroom/ plus healthy copies built
 * from solutions/ and the starters), the output formats, the autograding config, the progress report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lessons, lessonFolder, type LessonEntry, findLesson, lessonDir, projectRoot, solutionDir } from '../runner/course/lessons.ts';
import { UsageError } from '../runner/commands/args.ts';
import { grade } from '../runner/commands/grade.ts';
import { expandCopies, holdsCopies } from '../runner/classroom/expand-copies.ts';
import { buildGradeBook, type Cell, type GradeBook } from '../runner/classroom/grades.ts';
import { csvField, renderCsv } from '../runner/classroom/formats/csv.ts';
import { renderJunit, xmlEscape } from '../runner/classroom/formats/junit.ts';
import { renderMarkdown } from '../runner/classroom/formats/markdown.ts';
import { renderTable } from '../runner/classroom/formats/table.ts';
import { AUTOGRADING_PATH, autogradingJson } from '../runner/classroom/autograding.ts';
import { buildProgressReport, progressJson, progressMarkdown } from '../runner/classroom/progress-report.ts';
import { expectWellFormed } from './helpers/well-formed-xml.ts';
import { CLI_ARGS } from './helpers/workbook-cli.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/classroom/', import.meta.url));
const graded = [findLesson('00'), findLesson('01')];
const tmp = mkdtempSync(join(tmpdir(), 'workbook-class-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A student's copy under <tmp>/class/<name>: `solved` lessons from solutions/, the others' starters, `absent` left out. */
function makeCopy(name: string, opts: { solved: string[]; absent?: string[]; bare?: boolean }): void {
  const root = join(tmp, 'class', name, opts.bare ? '' : 'lessons');
  // A repository copy has the project's package.json ("type": "module"); a bare lessons/ folder has none.
  if (!opts.bare) cpSync(join(projectRoot(), 'package.json'), join(tmp, 'class', name, 'package.json'));
  for (const l of graded) {
    if (opts.absent?.includes(l.id)) continue;
    const from = opts.solved.includes(l.id) ? solutionDir(l) : join(lessonDir(l), '.starter');
    for (const f of l.files) cpSync(join(from, f), join(root, lessonFolder(l), f));
  }
}

const status = (book: GradeBook, student: string) => book.students.find((s) => s.name === student)?.cells.map((c) => c.status);
const cell = (book: GradeBook, student: string, lesson: number) => book.students.find((s) => s.name === student)!.cells[lesson];

describe('grade: a lesson whose checks load a package on first use (14: umzug)', () => {
  it("its solution passes: what the package changes as it loads is not taken for the student's tampering", async () => {
    const lesson = findLesson('14');
    const copy = join(tmp, 'migrations', 'solved');
    cpSync(join(projectRoot(), 'package.json'), join(copy, 'package.json'));
    for (const f of lesson.files) cpSync(join(solutionDir(lesson), f), join(copy, 'lessons', lessonFolder(lesson), f));
    const out = join(tmp, 'migrations', 'grades.json');
    await grade([copy, '--lessons', '14', '--timeout', '60', '--out', out]);
    const solved = (JSON.parse(readFileSync(out, 'utf8')) as GradeBook).students[0].cells[0];
    expect(solved.failures.map((f) => f.message)).toEqual([]);
    expect(solved.status).toBe('passed');
  }, 120_000);
});

describe('grade: a fake class', () => {
  let book: GradeBook;
  let code: number;

  beforeAll(async () => {
    makeCopy('perfect', { solved: ['00', '01'] });
    makeCopy('partial', { solved: ['00'], bare: true });
    makeCopy('dropout', { solved: ['00'], absent: ['01'] });
    const out = join(tmp, 'out', 'grades.json');
    code = await grade([
      join(tmp, 'class', '*'),
      join(FIXTURES, 'syntax-error'),
      join(FIXTURES, 'hangs'),
      join(FIXTURES, 'edited-checks'),
      '--lessons', '00,01',
      // Room for an honest lesson on a busy machine (files run side by side); the hanging copy waits it out.
      '--timeout', '8',
      '--out', out,
    ]);
    book = JSON.parse(readFileSync(out, 'utf8'));
  }, 120_000);

  it('grades every copy (a glob expanded, sorted) and exits 0 although students fail', () => {
    expect(code).toBe(0);
    expect(book.students.map((s) => s.name)).toEqual(['dropout', 'partial', 'perfect', 'syntax-error', 'hangs', 'edited-checks']);
    expect(book.lessons.map((l) => l.id)).toEqual(['00', '01']);
  });

  it('a perfect copy passes every lesson; a partial one passes the lessons it solved', () => {
    expect(status(book, 'perfect')).toEqual(['passed', 'passed']);
    expect(status(book, 'partial')).toEqual(['passed', 'failed']);
    const starter = cell(book, 'partial', 1);
    expect(starter.failures.length).toBeGreaterThan(0);
    expect(starter.passing + starter.failures.length).toBe(starter.total);
    expect(starter.failures.every((f) => f.message.length > 0)).toBe(true);
  });

  it('a lesson whose files are not in the copy is missing (and not run)', () => {
    expect(status(book, 'dropout')).toEqual(['passed', 'missing']);
    expect(cell(book, 'dropout', 1).reason).toBe('missing models.ts');
  });

  it('a syntax error is an error with a short reason naming the file and line', () => {
    expect(status(book, 'syntax-error')).toEqual(['failed', 'error']);
    expect(cell(book, 'syntax-error', 1).reason).toMatch(/^models\.ts has a syntax error at line 8, column \d+: Expected identifier but found ";"$/);
  });

  it('an infinite loop times out after --timeout, and only that lesson', () => {
    expect(status(book, 'hangs')).toEqual(['failed', 'timeout']);
    // Not stopped before its 8 s were up. (No upper bound: speed is for `npm run bench`, not tests on a noisy machine;
    // the 'timeout' status already says the watchdog stopped it.)
    expect(cell(book, 'hangs', 1).ms).toBeGreaterThanOrEqual(8_000);
    expect(book.timeoutSeconds).toBe(8);
  });

  it("a student's own checks.test.ts is never used: edited checks still fail the starters", () => {
    expect(status(book, 'edited-checks')).toEqual(['failed', 'failed']);
    const names = cell(book, 'edited-checks', 1).failures.map((f) => f.name);
    expect(names.length).toBeGreaterThan(1);
    expect(names).not.toContain('x');
  });

  it('totals: lessons passed per student, students passed per lesson', () => {
    expect(Object.fromEntries(book.students.map((s) => [s.name, s.passed]))).toEqual({ dropout: 1, partial: 1, perfect: 2, 'syntax-error': 0, hangs: 0, 'edited-checks': 0 });
    expect(book.lessonTotals).toEqual([3, 1]);
  });

  it('renders as a table with totals and the reasons below', () => {
    const text = renderTable(book);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^student\s+00\s+01\s+lessons passed$/);
    expect(lines.find((l) => l.startsWith('perfect'))).toMatch(/^perfect\s+passed\s+passed\s+2\/2$/);
    expect(lines.find((l) => l.startsWith('partial'))).toMatch(/^partial\s+passed\s+\d+ failing\s+1\/2$/);
    expect(lines.find((l) => l.startsWith('hangs'))).toMatch(/^hangs\s+\d+ failing\s+timeout\s+0\/2$/);
    expect(lines.find((l) => l.startsWith('syntax-error'))).toMatch(/error: models\.ts has a/);
    expect(lines.find((l) => l.startsWith('dropout'))).toMatch(/passed\s+missing/);
    expect(lines.find((l) => l.startsWith('students passed'))).toMatch(/^students passed\s+3\/6\s+1\/6$/);
    expect(text).toMatch(/hangs 01: timeout \(stopped after 8 s/);
    expect(text).toMatch(/syntax-error 01: models\.ts has a syntax error at line 8/);
  });

  it('renders as CSV: a header, a row per student, a totals row', () => {
    const rows = renderCsv(book).trimEnd().split('\r\n');
    expect(rows[0]).toBe('student,path,00-warm-up,01-one-to-one,lessons passed,lessons');
    expect(rows).toHaveLength(book.students.length + 2);
    expect(rows.find((r) => r.startsWith('perfect,'))).toMatch(/,passed,passed,2,2$/);
    expect(rows.find((r) => r.startsWith('hangs,'))).toMatch(/,timeout,0,2$/);
    expect(rows.at(-1)).toBe('students passed,,3,1,,');
  });

  it('renders as Markdown: a table with totals, then each student\'s failing checks', () => {
    const md = renderMarkdown(book);
    expect(md).toContain('| student | 00 | 01 | lessons passed |');
    expect(md).toContain('| perfect | passed | passed | 2/2 |');
    expect(md).toContain('| **students passed** | **3/6** | **1/6** | |');
    expect(md).toMatch(/### partial\n\n- \*\*01\*\* \d+ of \d+ checks failing:\n {2}- /);
    expect(md).not.toContain('### perfect');
  });

  it('renders as JUnit XML: a testsuite per student, a testcase per lesson, failures with messages', () => {
    const xml = renderJunit(book);
    expectWellFormed(xml);
    expect(xml.match(/<testsuite /g)).toHaveLength(book.students.length);
    expect(xml.match(/<testcase /g)).toHaveLength(book.students.length * 2);
    expect(xml).toMatch(/<testsuite name="perfect" tests="2" failures="0" errors="0"/);
    expect(xml).toMatch(/<testsuite name="hangs" tests="2" failures="1" errors="1"/);
    expect(xml).toMatch(/<error type="timeout" message="timeout">/);
    expect(xml).toMatch(/<failure type="missing" message="missing models.ts">/);
    const partial = xml.slice(xml.indexOf('<testsuite name="partial"'), xml.indexOf('</testsuite>', xml.indexOf('<testsuite name="partial"')));
    expect(partial).toMatch(/<failure type="failed" message="\d+ of \d+ checks failing">[^<]+<\/failure>/);
  });
});

/** Enough of an XML parser to catch what escaping bugs produce: bad entities, stray <, unbalanced tags. */
describe('formats: escaping', () => {
  const nasty = 'a <b> & "c" \'d\' | e\n  second line \u0007 =SUM(A1)';
  const failing: Cell = { status: 'failed', passing: 1, total: 2, ms: 12, failures: [{ name: `check ${nasty}`, state: 'fail', message: nasty }] };
  const book = buildGradeBook({
    gradedAt: '2025-01-01T00:00:00.000Z',
    timeoutSeconds: 20,
    memoryMb: 256,
    ms: 100,
    lessons: [{ id: '00', folder: '00-warm-up', title: 'A <title> & more' }],
    students: [
      { name: '=cmd|name', path: 'class/=cmd|name', empty: false, cells: [failing] },
      { name: 'ok', path: 'class/ok', empty: false, cells: [{ status: 'error', passing: 0, total: 0, failures: [], reason: nasty, detail: nasty, ms: 5 }] },
    ],
  });

  it('JUnit XML stays well-formed whatever the messages contain', () => {
    const xml = renderJunit(book);
    expectWellFormed(xml);
    expect(xml).toContain('name="=cmd|name"');
    expect(xml).toContain('a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;');
    expect(xmlEscape('\uD800x')).toBe('\uFFFDx');
  });

  it('CSV quotes commas, quotes and newlines, and defuses formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField(3)).toBe('3');
    expect(renderCsv(book).split('\r\n')[1]).toBe("'=cmd|name,class/=cmd|name,1 failing,0,1");
  });

  it('Markdown escapes table pipes and keeps one line per row', () => {
    const md = renderMarkdown(book);
    expect(md).toContain('| =cmd\\|name | 1 failing | 0/1 |');
    expect(md.split('\n').filter((l) => l.startsWith('| ok |'))).toHaveLength(1);
  });
});

describe('grade: usage', () => {
  it('needs at least one copy', async () => {
    await expect(grade([])).rejects.toThrow(UsageError);
    await expect(grade(['--lessons', '00'])).rejects.toThrow(/at least one student copy/);
  });

  it('names a path that does not exist, and a glob that matches nothing', () => {
    expect(() => expandCopies([join(FIXTURES, 'hangs'), join(FIXTURES, 'nobody')])).toThrow(/classroom\/nobody: no such folder/);
    expect(() => expandCopies([join(FIXTURES, 'zz*')])).toThrow(/zz\*: matches no folder/);
  });

  it('rejects an unknown format and a bad timeout', async () => {
    await expect(grade([FIXTURES, '--format', 'pdf'])).rejects.toThrow(/--format must be one of table, json, csv, markdown, junit/);
    await expect(grade([FIXTURES, '--timeout', '0'])).rejects.toThrow(/--timeout/);
  });

  it('recognises a class folder given as one copy (to suggest <folder>/*)', () => {
    expect(holdsCopies(FIXTURES, ['01-one-to-one'])).toBe(true);
    expect(holdsCopies(join(FIXTURES, 'hangs'), ['01-one-to-one'])).toBe(false);
  });

  it('names students by folder, a bare lessons/ folder by its parent, and tells namesakes apart', () => {
    mkdirSync(join(tmp, 'a', 'sam', 'lessons'), { recursive: true });
    mkdirSync(join(tmp, 'b', 'sam'), { recursive: true });
    const copies = expandCopies([join(tmp, 'a', 'sam', 'lessons'), join(tmp, 'b', 'sam'), join(tmp, 'b', 'sam')]);
    expect(copies.map((c) => c.name)).toEqual(['a/sam', 'b/sam']);
    expect(copies[0].lessonsDir).toBe(join(tmp, 'a', 'sam', 'lessons'));
  });

  it('an --out that cannot be written: the report is printed instead, exit 1, no stack trace', () => {
    const blocker = join(tmp, 'not-a-folder');
    writeFileSync(blocker, 'a file where the output folder should be');
    const r = spawnSync(process.execPath, [...CLI_ARGS, 'grade', join(FIXTURES, 'syntax-error'), '--lessons', '00', '--out', join(blocker, 'grades.csv')], {
      cwd: projectRoot(),
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^student,path,00-warm-up/);
    expect(r.stderr).toMatch(/Could not write .*grades\.csv \(\w+\): the csv report is printed above instead/);
    expect(r.stderr).not.toMatch(/\bat \w+ \(/);
  });

  it('from the shell: exit 2 and the missing path on stderr', () => {
    const r = spawnSync(process.execPath, [...CLI_ARGS, 'grade', 'no/such/student'], { cwd: projectRoot(), encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no/such/student: no such folder');
  });
});

describe('autograding', () => {
  it(`${AUTOGRADING_PATH} is what the generator writes for the current manifest`, () => {
    const committed = readFileSync(join(projectRoot(), AUTOGRADING_PATH), 'utf8');
    expect(committed).toBe(autogradingJson(lessons));
  });

  it('has one test per lesson, each running verify for that lesson', () => {
    const { tests } = JSON.parse(autogradingJson(lessons)) as { tests: Array<{ name: string; run: string; setup: string; points: number; timeout: number }> };
    expect(tests.map((t) => t.run)).toEqual(lessons.map((l: LessonEntry) => `npm run workbook -- verify ${l.id}`));
    expect(tests.every((t) => t.setup === 'npm ci' && t.points > 0 && t.timeout > 0)).toBe(true);
    expect(JSON.parse(autogradingJson(lessons, { points: 5 })).tests[0].points).toBe(5);
  });
});

describe('report: the learner\'s own progress', () => {
  const state = {
    version: 1 as const,
    current: '01',
    lessons: {
      '00': { passed: true, passedAt: '2025-03-01T14:05:09.000Z', checksPassing: 5, checksTotal: 5, lastRunAt: '2025-03-01T14:05:09.000Z', hintsShown: 1 },
      '01': { passed: false, checksPassing: 2, checksTotal: 6, lastRunAt: '2025-03-02T09:00:00.000Z', hintsShown: 0 },
    },
  };
  const r = buildProgressReport(state, lessons, { learner: 'Ada | L.', generatedAt: '2025-03-03T10:00:00.000Z' });

  it('lists every lesson in the manifest, done or not', () => {
    expect(r.lessonsDone).toBe(1);
    expect(r.lessonsTotal).toBe(lessons.length);
    expect(r.lessons.map((l) => l.status)).toEqual(lessons.map((l) => (l.id === '00' ? 'done' : l.id === '01' ? 'in progress' : 'not started')));
  });

  it('as Markdown: lessons done, checks passing, time of last pass', () => {
    const md = progressMarkdown(r);
    expect(md).toContain('Learner: Ada \\| L.');
    expect(md).toContain('Lessons done: **1 of');
    expect(md).toContain('| 00 | Warm-up: one model, a few rules | done | 5/5 | 2025-03-01 14:05 UTC | 1 |');
    expect(md).toMatch(/\| 01 \| .* \| in progress \| 2\/6 \| — \| 0 \|/);
  });

  it('as JSON', () => {
    const parsed = JSON.parse(progressJson(r));
    expect(parsed.lessons[0]).toMatchObject({ id: '00', status: 'done', checksPassing: 5, checksTotal: 5, passedAt: '2025-03-01T14:05:09.000Z' });
    expect(parsed.learner).toBe('Ada | L.');
  });
});
