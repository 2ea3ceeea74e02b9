/** Runs several lessons' checks on a shared warm pool, a few at a time. */
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
  const settings = { ...DEFAULTS, ...poolOpts, warm: parallel };
  const pool = new ChildPool(settings);
  const results: Array<Verdict & { output: string }> = new Array(lessons.length);
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        while (next < lessons.length) {
          const i = next++;
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
