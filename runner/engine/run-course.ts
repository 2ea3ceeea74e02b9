/**
 * Runs several lessons' checks on a shared pool, a few at a time. Each child runs lesson after
 * lesson (reuse): starting Node, tsx and sequelize costs far more than a lesson's checks.
 */
import type { LessonEntry } from '../course/lessons.ts';
import { ChildPool, type PoolOptions } from './pool.ts';
import { DEFAULTS, runLesson, type RunOptions } from './run-lesson.ts';
import type { Verdict } from './verdict.ts';
import { availableParallelism } from 'node:os';
import { settleScratch } from '../kit/db/prepare.ts';
import { longestFirst, loadDurations, saveDurations, type Durations } from './lesson-durations.ts';

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
  // Longest first, from the last run's times. Untimed (the first run after install): lessons that load
  // a compiler first, then later lessons before earlier ones (they build on them, and take longer).
  const untimed = (l: LessonEntry) => (l.preload ? Infinity : -2 + lessons.indexOf(l) / lessons.length);
  const order = longestFirst(lessons, (l) => l.id, loadDurations(), untimed);
  const took: Durations = {};
  let next = 0;
  try {
    // Time the lessons, not the start-up: the first job could not start before this anyway.
    await pool.ready();
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        while (next < lessons.length) {
          const i = order[next++];
          results[i] = await runLesson(pool, lessons[i], opts, settings.runTimeoutMs);
          took[lessons[i].id] = results[i].ms;
          onVerdict?.(results[i]);
        }
      }),
    );
  } finally {
    pool.close();
    await settleScratch();
  }
  saveDurations(took);
  return results;
}
