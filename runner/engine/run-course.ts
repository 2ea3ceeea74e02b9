/**
 * Runs several lessons' checks on a shared pool, a few at a time. Each child runs lesson after
 * lesson (reuse): starting Node, tsx and sequelize costs far more than a lesson's checks.
 */
import type { LessonEntry } from '../../lessons/manifest.ts';
import { ChildPool, type PoolOptions } from './pool.ts';
import { DEFAULTS, runLesson, type RunOptions } from './run-lesson.ts';
import type { Verdict } from './verdict.ts';
import { availableParallelism } from 'node:os';

export async function runLessons(
  lessons: LessonEntry[],
  opts: RunOptions = {},
  poolOpts: Partial<PoolOptions> = {},
  onVerdict?: (v: Verdict & { output: string }) => void,
): Promise<Array<Verdict & { output: string }>> {
  const parallel = Math.max(1, Math.min(lessons.length, poolOpts.warm ?? availableParallelism()));
  const settings = { ...DEFAULTS, reuse: true, ...poolOpts, warm: parallel };
  const pool = new ChildPool(settings);
  const results: Array<Verdict & { output: string }> = new Array(lessons.length);
  // The slowest lessons (those that load a compiler) start first, so the others run beside them.
  const order = lessons.map((_, i) => i).sort((a, b) => Number(Boolean(lessons[b].preload)) - Number(Boolean(lessons[a].preload)));
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        while (next < lessons.length) {
          const i = order[next++];
          results[i] = await runLesson(pool, lessons[i], opts, settings.runTimeoutMs);
          onVerdict?.(results[i]);
        }
      }),
    );
  } finally {
    pool.close();
  }
  return results;
}
