/**
 * Watch mode starts a check process for every save, and on PostgreSQL makes its scratch databases
 * ahead (ChildPool's scratchAhead). Once a save's process has ended, the next process takes its
 * databases over instead of the server dropping two and making two more each save. Counted here with
 * the database side stubbed (the processes run on SQLite); tests/postgres/database-setup.test.ts runs
 * the same on a real server.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';

const made: number[] = [];
const released: number[] = [];
vi.mock('../runner/kit/db/prepare.ts', async (original) => ({
  ...(await original<typeof import('../runner/kit/db/prepare.ts')>()),
  makeScratchAhead: (id: number) => (made.push(id), Promise.resolve(true)),
  releaseScratchOf: (id: number | undefined) => void (id !== undefined && released.push(id)),
}));

const { ChildPool } = await import('../runner/engine/pool.ts');
const { DEFAULTS, runLesson } = await import('../runner/engine/run-lesson.ts');
const { findLesson, projectRoot } = await import('../runner/course/lessons.ts');

describe('scratch databases made ahead, taken over', () => {
  const pool = new ChildPool({ ...DEFAULTS, warm: 1, spareAfterRun: true, scratchAhead: true });
  afterAll(() => pool.close());

  it('five saves make two sets ahead, not one a save; closing the pool drops both', async () => {
    for (let save = 0; save < 5; save++) {
      const v = await runLesson(pool, findLesson('00'), { from: join(projectRoot(), 'solutions') });
      expect(v.passed, v.problem).toBe(true);
    }
    expect(made).toHaveLength(2);
    pool.close();
    // The first process (started before any was made) drops its own; the two made ahead go at the close,
    // the one not taken once its making has settled (a microtask).
    await new Promise((resolve) => setImmediate(resolve));
    for (const id of made) expect(released).toContain(id);
  });
});
