/**
 * `grade` against students who attack it (issue 15). Each copy in tests/fixtures/attacks/ holds one
 * attack in lesson 00's models.ts; they are graded in one run together with two honest copies (the
 * solution), whose grades must stay right, in a report that stays complete.
 * - Faking a pass (patching expect, the kit, Sequelize, the driver, the result channel): failed,
 *   "tampering suspected" with what was seen. These defences are in the engine and apply everywhere.
 * - Breaking and escaping (signals, detached processes, fork storms, memory, files, network): the
 *   defence is the Linux sandbox (runner/engine/sandbox.ts). Where there is none, those attacks are
 *   not run (they would really kill, write and connect) and their tests are skipped with one line on
 *   stderr; under CI=true a missing sandbox is a failure instead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findLesson, projectRoot, solutionDir } from '../runner/course/lessons.ts';
import { grade } from '../runner/commands/grade.ts';
import type { Cell, GradeBook } from '../runner/classroom/grades.ts';
import { sandboxSupport } from '../runner/engine/sandbox.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/attacks/', import.meta.url));
const support = sandboxSupport();
if (!support.ok && process.env.CI !== 'true') process.stderr.write(`grade-attacks: no sandbox here (${support.why}): the breaking and escaping attacks are skipped.\n`);
const sandboxed = support.ok;
/** Attacks whose only defence is the sandbox: never run without one. */
const NEEDS_SANDBOX = ['kill-grader', 'detaches', 'fork-storm', 'writes-outside', 'read-classmate', 'read-solutions', 'network', 'huge-buffers'];

const tmp = mkdtempSync(join(tmpdir(), 'workbook-attacks-'));
const tag = basename(tmp);
const root = projectRoot();
const lesson = findLesson('00');
let server: Server | undefined;
let connections = 0;
const planted = [root, join(root, 'solutions'), join(root, 'lessons', '00-warm-up'), join(tmp, 'class', 'honest-1', 'lessons'), homedir(), tmpdir()].map((d) => join(d, `attack-written-${tag}`));

/** Processes (on the whole machine) whose command line carries this run's tag. */
function tagged(): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, 'latin1').includes(tag);
      } catch {
        return false;
      }
    })
    .map(Number);
}

afterAll(() => {
  server?.close();
  // Whatever a failed defence let through: never leave it behind.
  for (const pid of tagged()) process.kill(pid, 'SIGKILL');
  for (const f of planted) rmSync(f, { force: true });
  rmSync(tmp, { recursive: true, force: true });
  delete process.env.ATTACK_DIR;
  delete process.env.ATTACK_TAG;
  delete process.env.ATTACK_PORT;
});

describe('grade: students who attack the grader', () => {
  let book: GradeBook;
  const cell = (name: string): Cell => {
    const s = book.students.find((x) => x.name === name);
    if (!s) throw new Error(`${name} is not in the report`);
    return s.cells[0];
  };
  const attacks = readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).filter((a) => sandboxed || !NEEDS_SANDBOX.includes(a));

  beforeAll(async () => {
    if (!sandboxed && process.env.CI === 'true') throw new Error(`CI=true but no sandbox for grading here: ${support.ok ? '' : support.why}`);
    const cls = join(tmp, 'class');
    // Repository copies, as students hand them in (package.json says the files are ES modules).
    for (const name of ['honest-1', 'honest-2']) {
      cpSync(join(solutionDir(lesson), 'models.ts'), join(cls, name, 'lessons', '00-warm-up', 'models.ts'));
      writeFileSync(join(cls, name, 'package.json'), '{ "type": "module" }\n');
    }
    for (const a of attacks) cpSync(join(FIXTURES, a), join(cls, a), { recursive: true });
    // A link to the teacher's solution instead of a file.
    mkdirSync(join(cls, 'symlink', 'lessons', '00-warm-up'), { recursive: true });
    symlinkSync(join(solutionDir(lesson), 'models.ts'), join(cls, 'symlink', 'lessons', '00-warm-up', 'models.ts'));
    writeFileSync(join(tmp, 'decoy'), 'a file of the teacher that a student tries to delete');
    server = createServer((s) => {
      connections++;
      s.destroy();
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    process.env.ATTACK_DIR = tmp;
    process.env.ATTACK_TAG = tag;
    process.env.ATTACK_PORT = String((server.address() as { port: number }).port);
    const out = join(tmp, 'grades.json');
    const code = await grade([join(cls, '*'), '--lessons', '00', '--timeout', '15', '--memory', '128', '--out', out]);
    expect(code).toBe(0);
    book = JSON.parse(readFileSync(out, 'utf8'));
  }, 300_000);

  it('the report is complete and the honest copies pass', () => {
    expect(book.students.map((s) => s.name).sort()).toEqual(['honest-1', 'honest-2', 'symlink', ...attacks].sort());
    expect(cell('honest-1').status).toBe('passed');
    expect(cell('honest-2').status).toBe('passed');
    for (const s of book.students) expect(s.cells).toHaveLength(1);
    // Only the honest copies pass.
    expect(book.lessonTotals).toEqual([2]);
  });

  // Several replacements may be seen by different looks of the integrity watch, so the patterns do not fix their order.
  const tampered = (name: string, seen: RegExp) => {
    const c = cell(name);
    expect(c.status, JSON.stringify(c)).toBe('failed');
    expect(c.reason).toMatch(/^tampering suspected: /);
    expect(c.tampering?.join('\n')).toMatch(seen);
  };

  it('patching expect and the runner: failed, tampering suspected', () => tampered('fake-expect', /^(?=[\s\S]*chai\.Assertion\.prototype\.assert was replaced)(?=[\s\S]*Promise\.race was replaced)|a check built to fail passed/));
  it("patching the kit's matchers and schema reader: failed, tampering suspected", () => tampered('fake-matchers', /^(?=[\s\S]*jest-matchers-object'\)\]\.matchers\.toHaveForeignKey was replaced)(?=[\s\S]*kit\.Schema\.prototype\.column was replaced)/));
  it('patching Sequelize: failed, tampering suspected', () => tampered('fake-sequelize', /sequelize\.Model\.create was replaced|sequelize\.Sequelize\.prototype\.query was replaced/));
  it('patching the SQLite driver: failed, tampering suspected', () => tampered('fake-driver', /sqlite3\.Database\.prototype\.all was replaced/));
  it('forging results (process.send, stdout, the IPC pipe): failed, tampering suspected', () => tampered('fake-channel', /result channel that the engine did not send|the IPC channel\.writeUtf8String was replaced/));
  it("a link to the teacher's solution: failed, tampering suspected, never followed", () => tampered('symlink', /models\.ts is a link to .*solutions.*outside the copy/));

  it('process.exit past the guard, a flood of output, a synchronous loop: that cell only', () => {
    expect(cell('exits').status).toBe('error');
    expect(cell('floods-output').status).not.toBe('passed');
    expect(cell('loops').status).toBe('timeout');
  });

  describe.skipIf(!sandboxed)('in the sandbox', () => {
    it("loading the teacher's solutions: not there, failed, tampering suspected", () => tampered('read-solutions', /tried to load .*solutions\/00-warm-up\/models\.ts/));

    it("loading a classmate's copy: not there", () => {
      expect(cell('read-classmate').status).toBe('error');
      expect(cell('read-classmate').reason).toMatch(/honest-1/);
    });

    it('signals to the grader and to other students: nobody is reached (the grader reported, the honest copies passed)', () => {
      expect(cell('kill-grader').status).not.toBe('passed');
      expect(cell('honest-1').status).toBe('passed');
    });

    it('Buffers beyond the memory limit are refused', () => {
      const c = cell('huge-buffers');
      expect(c.status).not.toBe('passed');
      expect(`${c.reason} ${c.detail} ${c.failures.map((f) => f.message).join(' ')}`).toMatch(/allocation failed|out of memory|Cannot allocate|ENOMEM/i);
    });

    it('detached processes and a fork storm do not outlive the run', () => {
      expect(cell('detaches').status).not.toBe('passed');
      expect(cell('fork-storm').status).not.toBe('passed');
      expect(tagged()).toEqual([]);
    });

    it("no file written or deleted outside the copy (the teacher's clone, solutions, lessons, a classmate, home, /tmp)", () => {
      expect(planted.filter((f) => existsSync(f))).toEqual([]);
      expect(existsSync(join(tmp, 'decoy'))).toBe(true);
    });

    it('no network connection', () => {
      expect(connections).toBe(0);
    });
  });
});
