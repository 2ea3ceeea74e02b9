/**
 * Course runs (verify --all, grading) let one child process run lesson after lesson. Nothing one
 * lesson leaves behind may change another's verdict, and a lesson is never run twice in a process
 * (its check file is an ES module: a second import would collect no checks).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lessonFolder, findLesson, lessonDir, solutionDir } from '../runner/course/lessons.ts';
import { ChildPool } from '../runner/engine/pool.ts';
import { DEFAULTS, runLesson } from '../runner/engine/run-lesson.ts';

const warmUp = findLesson('00');
const oneToOne = findLesson('01');
const dirs: string[] = [];
const pool = new ChildPool({ ...DEFAULTS, warm: 1, reuse: true });
afterAll(() => {
  pool.close();
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

/** A copy of the solutions for lessons 00 and 01, each models.ts with `prefix` added and writing its process id. */
function course(prefix00: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'workbook-reuse-'));
  dirs.push(dir);
  for (const l of [warmUp, oneToOne]) {
    const target = join(dir, lessonFolder(l));
    cpSync(solutionDir(l), target, { recursive: true });
    const source = readFileSync(join(target, 'models.ts'), 'utf8');
    const pid = `import { writeFileSync as writePid } from 'node:fs';\nwritePid(${JSON.stringify(join(target, 'pid'))}, String(process.pid));\n`;
    writeFileSync(join(target, 'models.ts'), pid + (l === warmUp ? prefix00 : '') + source);
  }
  return dir;
}
const pidOf = (dir: string, l: typeof warmUp) => readFileSync(join(dir, lessonFolder(l), 'pid'), 'utf8');

describe('a child process reused across lessons', () => {
  it('runs the next lesson in the same process, unaffected by what the first changed in Sequelize', async () => {
    // Universal hooks and a CLS namespace live on the Sequelize class, shared by every instance.
    const leak = [
      "import { Sequelize as Leaky } from 'sequelize';",
      "Leaky.addHook('afterInit', (s: Leaky) => s.addHook('beforeCreate', () => { throw new Error('a hook left behind by lesson 00'); }));",
      "Leaky.useCLS({ get: (k: string) => (k === 'transaction' ? { id: 'left behind by lesson 00' } : undefined), set: () => undefined, run: (fn: () => unknown) => fn(), bind: (fn: unknown) => fn } as never);",
      '',
    ].join('\n');
    const dir = course(leak);
    const first = await runLesson(pool, warmUp, { from: dir });
    expect(first.checks.length).toBeGreaterThan(0);
    const second = await runLesson(pool, oneToOne, { from: dir });
    expect(pidOf(dir, oneToOne)).toBe(pidOf(dir, warmUp));
    expect(second.problem).toBeUndefined();
    expect(second.checks.filter((c) => c.state !== 'pass')).toEqual([]);
  });

  it('never runs the same lesson twice in one process, and never mixes two copies', async () => {
    const a = course('');
    const b = course('');
    const runs = [await runLesson(pool, oneToOne, { from: a }), await runLesson(pool, oneToOne, { from: a }), await runLesson(pool, warmUp, { from: b })];
    for (const v of runs) {
      expect(v.passed).toBe(true);
      expect(v.checks.length).toBeGreaterThan(3);
    }
    expect(pidOf(b, warmUp)).not.toBe(pidOf(a, oneToOne));
  });
});

describe('a child process shared by copies (acrossCopies: the project\'s tests, mutants)', () => {
  const shared = new ChildPool({ ...DEFAULTS, warm: 1, reuse: true, acrossCopies: true });
  afterAll(() => shared.close());

  it('runs the same lesson again for another copy in the same process, each verdict its own copy\'s', async () => {
    const solved = course('');
    const broken = course('');
    // The second copy's lesson 01 is the starter: it must fail though the same check file passed just before.
    const target = join(broken, lessonFolder(oneToOne));
    const pid = `import { writeFileSync as writePid } from 'node:fs';\nwritePid(${JSON.stringify(join(target, 'pid'))}, String(process.pid));\n`;
    writeFileSync(join(target, 'models.ts'), pid + readFileSync(join(lessonDir(oneToOne), '.starter', 'models.ts'), 'utf8'));
    const first = await runLesson(shared, oneToOne, { from: solved });
    const second = await runLesson(shared, oneToOne, { from: broken });
    const third = await runLesson(shared, oneToOne, { from: course('') });
    expect(pidOf(broken, oneToOne), 'the same process ran both copies').toBe(pidOf(solved, oneToOne));
    expect(first.passed).toBe(true);
    expect(second.problem).toBeUndefined();
    expect(second.passed, 'the starter fails in a process that has just passed the solution').toBe(false);
    expect(second.checks.length, 'every check collected again').toBe(first.checks.length);
    expect(third.passed).toBe(true);
  });

  it('is refused for untrusted code: one student per process when grading', () => {
    expect(() => new ChildPool({ warm: 0, runTimeoutMs: 1000, checkTimeoutMs: 1000, reuse: true, acrossCopies: true, untrusted: true })).toThrow(/trusted code only/);
  });
});
