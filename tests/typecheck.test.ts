/**
 * The whole project type-checks (strict TypeScript, tsconfig.json): runner, lessons, solutions and
 * tests. A test file rather than a step before the tests, so it runs beside the other files.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { projectRoot } from '../runner/course/lessons.ts';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

describe('TypeScript', () => {
  it('tsc --noEmit finds no error', () => {
    const r = spawnSync(process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.json'], { cwd: projectRoot(), encoding: 'utf8' });
    expect(r.stdout + r.stderr, 'the errors tsc printed').toBe('');
    expect(r.status).toBe(0);
  });
});
