/**
 * Whatever the learner's code does, the engine reports it in plain words and the next run works:
 * syntax errors, exceptions at import, infinite loops, promises that never settle, process.exit.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findLesson, solutionDir } from '../runner/course/lessons.ts';
import { ChildPool } from '../runner/engine/pool.ts';
import { runLesson } from '../runner/engine/run-lesson.ts';

const lesson = findLesson('01');
const solved = readFileSync(join(solutionDir(lesson), 'models.ts'), 'utf8');
const dirs: string[] = [];
// Limits with room for an honest run on a busy machine (test files run side by side); only the hang waits them out.
const pool = new ChildPool({ warm: 1, runTimeoutMs: 8000, checkTimeoutMs: 6000 });
afterAll(() => {
  pool.close();
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

/** A lesson folder holding models.ts with `edit` applied to the solution. */
function variant(edit: (source: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'workbook-fault-'));
  dirs.push(dir);
  cpSync(solutionDir(lesson), dir, { recursive: true });
  writeFileSync(join(dir, 'models.ts'), edit(solved));
  return dir;
}

const run = (from: string) => runLesson(pool, lesson, { from }, 8000);
const messages = (v: Awaited<ReturnType<typeof run>>) => [v.problem ?? '', ...v.checks.map((c) => c.message ?? '')].join('\n');

describe('faults in learner code', () => {
  it('a syntax error names the file, line and column', async () => {
    const v = await run(variant((s) => s.replace('const User = sequelize.define(', 'const User = sequelize.define((')));
    expect(v.passed).toBe(false);
    expect(v.checks.every((c) => c.state === 'error')).toBe(true);
    expect(messages(v)).toMatch(/models\.ts has a syntax error at line \d+, column \d+/);
  });

  it('an exception while loading the file is reported with its message', async () => {
    const v = await run(variant((s) => s.replace("import { DataTypes", "throw new Error('boom at import');\nimport { DataTypes")));
    expect(v.passed).toBe(false);
    expect(messages(v)).toMatch(/models\.ts threw while it was being loaded: boom at import/);
  });

  it("an error thrown by the learner's code names the line of the TypeScript file, not of the compiled JavaScript", async () => {
    // Type-only lines vanish when the file is compiled: without source maps every later line number would be off.
    const types = Array.from({ length: 8 }, (_, i) => `interface Unused${i} {\n  n: number;\n}`).join('\n');
    const source = solved
      .replace("import { DataTypes, type Sequelize } from 'sequelize';", (m) => `${m}\n${types}`)
      .replace('return { User, LibraryCard };', "throw new Error('no models today');");
    const line = source.split('\n').findIndex((l) => l.includes('no models today')) + 1;
    const v = await run(variant(() => source));
    expect(v.passed).toBe(false);
    expect(messages(v)).toContain('no models today');
    expect(messages(v)).toMatch(new RegExp(`\\(at [^)]*models\\.ts:${line}\\)`));
  });

  it('a synchronous infinite loop is stopped by the watchdog, and the next run works', async () => {
    const v = await run(variant((s) => s.replace('return { User, LibraryCard };', 'while (true) {}\n  return { User, LibraryCard };')));
    expect(v.passed).toBe(false);
    expect(v.problem).toMatch(/did not finish within 8 s.*infinite loop/s);
    const next = await run(solutionDir(lesson));
    expect(next.passed).toBe(true);
    // Checks the hang kept from running count as not passing: the total is the lesson's, not what was reached.
    expect(v.checks.map((c) => c.name)).toEqual(next.checks.map((c) => c.name));
    expect(v.checks.every((c) => c.state === 'error')).toBe(true);
  });

  it('a promise that never settles fails its checks in plain words without waiting for the time limit', async () => {
    const v = await run(
      variant((s) => s.replace('export function defineModels(sequelize: Sequelize) {', 'export async function defineModels(sequelize: Sequelize) {\n  await new Promise(() => {});')),
    );
    expect(v.passed).toBe(false);
    expect(v.problem).toBeUndefined();
    expect(messages(v)).toMatch(/promise that can never settle/);
  });

  it('process.exit() in learner code becomes an error in the check, and the other checks still run', async () => {
    const v = await run(variant((s) => s.replace('return { User, LibraryCard };', 'process.exit(3);\n  return { User, LibraryCard };')));
    expect(v.passed).toBe(false);
    expect(v.checks.length).toBeGreaterThan(3);
    expect(messages(v)).toMatch(/called process\.exit\(3\)/);
  });

  it('process.exit() or a throw in a timer fails the check that was running, in the same plain words', async () => {
    const v = await run(
      variant((s) => s.replace('export function defineModels(sequelize: Sequelize) {', 'export async function defineModels(sequelize: Sequelize) {\n  await new Promise((r) => setTimeout(() => { process.exit(0); r(undefined); }, 10));')),
    );
    expect(v.passed).toBe(false);
    expect(v.problem, 'the run was not ended by a crash').toBeUndefined();
    expect(v.checks.length).toBeGreaterThan(3);
    expect(messages(v)).toMatch(/called process\.exit\(0\)\. Lesson code must not exit the process/);
  });

  it('learner code cannot report its own verdict: a forged "done", or a process.send that rewrites results, is not believed', async () => {
    const broken = (s: string) => s.replace('return { User, LibraryCard };', 'return {} as never;');
    const forged = "process.send?.({ type: 'done', checks: [{ name: 'forged', state: 'pass' }] });\n";
    const rewrite =
      "const real = process.send!.bind(process);\n" +
      "process.send = ((m: any) => real(m.type === 'done' ? { ...m, checks: [{ name: 'forged', state: 'pass' }], problem: undefined } : m.type === 'check' ? { ...m, result: { ...m.result, state: 'pass' } } : m)) as never;\n";
    for (const cheat of [forged, rewrite]) {
      const v = await run(variant((s) => cheat + broken(s)));
      expect(v.passed).toBe(false);
      expect(v.checks.map((c) => c.name)).not.toContain('forged');
      expect(v.checks.some((c) => c.state !== 'pass')).toBe(true);
    }
  });

  it('a missing models.ts says how to get it back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'workbook-empty-'));
    dirs.push(dir);
    const v = await run(dir);
    expect(v.passed).toBe(false);
    expect(messages(v)).toMatch(/models\.ts is missing.*reset 01/s);
  });
});
