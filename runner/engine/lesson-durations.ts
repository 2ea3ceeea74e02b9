/**
 * How long each lesson's checks took last time, so a course run can start the longest first (as
 * Vitest's sequencer does with its own cache): the short ones then fill the gaps at the end, instead
 * of one process finishing a long lesson alone while the other waits. Only a scheduling hint: a
 * missing or corrupt file just means the course's order.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from './cache-dir.ts';

const file = join(cacheDir, 'lesson-durations.json');

export type Durations = Record<string, number>;

export function loadDurations(path = file): Durations {
  try {
    const data: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (!data || typeof data !== 'object' || Array.isArray(data)) return {};
    return Object.fromEntries(Object.entries(data).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1])));
  } catch {
    return {};
  }
}

export function saveDurations(update: Durations, path = file): void {
  try {
    mkdirSync(join(path, '..'), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ ...loadDurations(path), ...update }));
    renameSync(temporary, path); // whole or not at all: two runs may finish together
  } catch {
    // a read-only node_modules: the next run just uses the course's order
  }
}

/**
 * Indexes of `items` in the order to start them: longest first, by the last run's times; an item
 * never timed counts as `untimed(item)` (by default after every timed one, in the given order).
 */
export function longestFirst<T>(items: T[], idOf: (item: T) => string, known: Durations, untimed: (item: T) => number = () => -1): number[] {
  const rank = (item: T) => known[idOf(item)] ?? untimed(item);
  return items.map((_, i) => i).sort((a, b) => rank(items[b]) - rank(items[a]));
}
