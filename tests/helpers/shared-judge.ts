/**
 * One engine pool for a whole test file that judges many copies (a solution with one edit each):
 * its children take job after job (runner/engine's acrossCopies), so a row costs its checks, not a
 * child's start-up. As many jobs run at once as there are cores; tests declared with it.concurrent
 * queue here, and a test filtered out with -t costs nothing.
 */
import { availableParallelism } from 'node:os';
import { afterAll } from 'vitest';
import type { LessonEntry } from '../../runner/course/lessons.ts';
import { ChildPool } from '../../runner/engine/pool.ts';
import { DEFAULTS, runLesson } from '../../runner/engine/run-lesson.ts';
import type { Verdict } from '../../runner/engine/verdict.ts';
import { settleScratch } from '../../runner/kit/db/prepare.ts';

export function sharedJudge(): (lesson: LessonEntry, from: string) => Promise<Verdict & { output: string }> {
  const parallel = Math.max(1, Math.min(2, availableParallelism()));
  let pool: ChildPool | undefined;
  let running = 0;
  const waiting: Array<() => void> = [];
  afterAll(async () => {
    pool?.close();
    await settleScratch();
  });
  return async (lesson, from) => {
    pool ??= new ChildPool({ ...DEFAULTS, warm: parallel, reuse: true, acrossCopies: true });
    if (running >= parallel) await new Promise<void>((go) => waiting.push(go));
    running++;
    try {
      return await runLesson(pool, lesson, { from }, DEFAULTS.runTimeoutMs);
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}
