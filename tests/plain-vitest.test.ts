/**
 * The lessons' checks under plain Vitest, as editor users run them (`npx vitest`, the VS Code
 * extension): watch mode must re-run a lesson when its editable file is saved, although the kit
 * loads that file through a computed import Vite cannot see (runner/kit/watch-editables.ts).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findLesson, lessonDir, projectRoot, solutionDir } from '../runner/course/lessons.ts';

const root = projectRoot();
const dir = mkdtempSync(join(tmpdir(), 'workbook-vitest-'));
for (const part of ['package.json', 'tsconfig.json', 'vitest.config.ts', 'runner', 'lessons', 'solutions']) cpSync(join(root, part), join(dir, part), { recursive: true });
symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const vitest = join(dir, 'node_modules/.bin/vitest');
const env = { ...process.env, NO_COLOR: '1', CI: '' };

describe('plain Vitest on the lessons', () => {
  it('vitest run with WORKBOOK_FROM judges another copy (the solution passes, the starter fails)', () => {
    const run = (from: string) => spawnSync(vitest, ['run', 'lessons/01-one-to-one'], { cwd: dir, env: { ...env, WORKBOOK_FROM: from }, encoding: 'utf8' });
    const solved = run(join(dir, 'solutions'));
    expect(solved.status, solved.stdout + solved.stderr).toBe(0);
    const starter = run(join(dir, 'lessons/01-one-to-one/.starter'));
    expect(starter.status).toBe(1);
    expect(starter.stdout + starter.stderr).toMatch(/the lesson expects userId/);
  });

  it('vitest watch re-runs a lesson when its models file is saved', async () => {
    const lesson = findLesson('01');
    const file = join(dir, 'lessons', `${lesson.id}-${lesson.slug}`, 'models.ts');
    writeFileSync(file, readFileSync(join(lessonDir(lesson), '.starter', 'models.ts'), 'utf8'));
    const child = spawn(vitest, ['watch', 'lessons/01-one-to-one'], { cwd: dir, env });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const seen = (re: RegExp) =>
      new Promise<void>((resolve, reject) => {
        const start = out.length;
        // Not a speed target: a bound so a missing re-run fails here (and kills vitest) instead of hanging.
        const deadline = Date.now() + 25_000;
        const poll = setInterval(() => {
          if (re.test(out.slice(start))) (clearInterval(poll), resolve());
          else if (child.exitCode !== null || Date.now() > deadline) (clearInterval(poll), reject(new Error(`no ${re} from vitest:\n${out}`)));
        }, 50);
      });
    try {
      await seen(/Test Files\s+1 failed/);
      writeFileSync(file, readFileSync(join(solutionDir(lesson), 'models.ts'), 'utf8'));
      await seen(/Test Files\s+1 passed/);
      expect(out).toMatch(/RERUN\s+lessons\/01-one-to-one\/models\.ts/);
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);
});
