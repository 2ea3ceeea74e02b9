/** The progress file: atomic writes, and a damaged or old file never stops the runner nor loses data. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lessons } from '../runner/course/lessons.ts';
import { defaultState, firstPendingLesson, markResult, ProgressStore, progressFile, type ProgressState } from '../runner/course/progress.ts';

const [first, second] = lessons;
const last = lessons[lessons.length - 1];

let root: string;
let store: ProgressStore;
const workbookDir = () => join(root, '.workbook');
const writeRaw = (text: string) => {
  mkdirSync(workbookDir(), { recursive: true });
  writeFileSync(progressFile(root), text);
};
const corruptCopies = () => readdirSync(workbookDir()).filter((f) => f.startsWith('progress.json.corrupt-'));

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'workbook-progress-'));
  store = new ProgressStore(root);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('ProgressStore.load', () => {
  it('starts fresh, without a warning, when there is no file yet', () => {
    const { state, recovered } = store.load();
    expect(recovered).toBeUndefined();
    expect(state).toEqual({ version: 1, current: first.id, lessons: {} });
    expect(existsSync(workbookDir())).toBe(false);
  });

  it('recovers from a file that is not JSON, and keeps the bad file renamed', () => {
    writeRaw('{"version": 1, "current": "0');
    const { state, recovered } = store.load();
    expect(state).toEqual(defaultState());
    expect(recovered).toMatch(/not valid JSON/);
    expect(recovered).toMatch(/verify --all/);
    expect(recovered).not.toMatch(/\n/);
    expect(existsSync(progressFile(root))).toBe(false);
    const kept = corruptCopies();
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(workbookDir(), kept[0]), 'utf8')).toBe('{"version": 1, "current": "0');
    expect(recovered).toContain(kept[0]);
  });

  it('recovers from an empty file', () => {
    writeRaw('');
    expect(store.load().recovered).toMatch(/empty/);
    expect(corruptCopies()).toHaveLength(1);
  });

  it.each([
    ['an array', '[1, 2, 3]'],
    ['a string', '"hello"'],
    ['null', 'null'],
    ['no lessons object', JSON.stringify({ version: 1, current: '00' })],
    ['lessons as an array', JSON.stringify({ version: 1, current: '00', lessons: [] })],
    ['no version', JSON.stringify({ current: '00', lessons: {} })],
    ['a newer version', JSON.stringify({ version: 2, current: '00', lessons: {} })],
    ['an older version', JSON.stringify({ version: 0, current: '00', lessons: {} })],
  ])('recovers from a wrong-shaped file (%s)', (_what, text) => {
    writeRaw(text);
    const { state, recovered } = store.load();
    expect(state).toEqual(defaultState());
    expect(recovered).toBeTruthy();
    expect(corruptCopies()).toHaveLength(1);
  });

  it('says so when the file comes from a newer workbook', () => {
    writeRaw(JSON.stringify({ version: 7, current: '00', lessons: {} }));
    expect(store.load().recovered).toMatch(/newer version/);
  });

  it('never throws when the file cannot be read', () => {
    mkdirSync(progressFile(root), { recursive: true }); // a folder where the file should be
    const { state, recovered } = store.load();
    expect(state).toEqual(defaultState());
    expect(recovered).toMatch(/could not be read/);
  });

  it('migrates the legacy { done: [...] } format', () => {
    writeRaw(JSON.stringify({ done: [first.id, 'no-such-lesson'] }));
    const { state, recovered } = store.load();
    expect(recovered).toBeUndefined();
    expect(state.version).toBe(1);
    expect(Object.keys(state.lessons)).toEqual([first.id]);
    expect(state.lessons[first.id]).toMatchObject({ passed: true, hintsShown: 0 });
    expect(state.current).toBe(firstPendingLesson(state)?.id ?? last.id);
    expect(corruptCopies()).toEqual([]);
  });

  it('drops lesson ids the manifest does not have, and keeps the rest', () => {
    writeRaw(
      JSON.stringify({
        version: 1,
        current: first.id,
        lessons: {
          [first.id]: { passed: true, passedAt: '2025-01-02T03:04:05.000Z', checksPassing: 4, checksTotal: 4, hintsShown: 1 },
          '99-not-a-lesson': { passed: true, checksPassing: 1, checksTotal: 1, hintsShown: 0 },
          zz: { passed: false, checksPassing: 0, checksTotal: 3, hintsShown: 0 },
        },
      }),
    );
    const { state, recovered } = store.load();
    expect(recovered).toBeUndefined();
    expect(Object.keys(state.lessons)).toEqual([first.id]);
    expect(state.lessons[first.id]).toEqual({ passed: true, passedAt: '2025-01-02T03:04:05.000Z', checksPassing: 4, checksTotal: 4, hintsShown: 1 });
    expect(state.current).toBe(first.id);
  });

  it('moves a `current` that is not a lesson to the first lesson not yet passed', () => {
    writeRaw(JSON.stringify({ version: 1, current: '99', lessons: { [first.id]: { passed: true, checksPassing: 1, checksTotal: 1, hintsShown: 0 } } }));
    expect(store.load().state.current).toBe(second?.id ?? first.id);
  });

  it('fills in bad fields of one lesson entry instead of discarding the file', () => {
    writeRaw(JSON.stringify({ version: 1, current: first.id, lessons: { [first.id]: { passed: 'yes', checksPassing: -2, checksTotal: 'x', lastRunAt: 'not a date' } } }));
    const { state, recovered } = store.load();
    expect(recovered).toBeUndefined();
    expect(state.lessons[first.id]).toEqual({ passed: false, checksPassing: 0, checksTotal: 0, hintsShown: 0 });
  });
});

describe('ProgressStore.save and update', () => {
  it('writes atomically: the file round-trips and no temporary file is left behind', () => {
    const state: ProgressState = defaultState();
    markResult(state, first.id, { passing: 3, total: 3, passed: true });
    store.save(state);
    store.save(state); // replacing an existing file too
    expect(readdirSync(workbookDir())).toEqual(['progress.json']);
    expect(store.load()).toEqual({ state });
  });

  it('update loads, applies the change and saves', () => {
    store.update((s) => {
      s.current = last.id;
    });
    const after = store.update((s) => {
      markResult(s, last.id, { passing: 1, total: 2, passed: false });
    });
    expect(after.current).toBe(last.id);
    expect(store.load().state).toEqual(after);
    expect(readdirSync(workbookDir())).toEqual(['progress.json']);
  });

  it('after recovering, the next save writes a good file next to the kept bad one', () => {
    writeRaw('not json');
    store.update(() => undefined);
    expect(store.load().recovered).toBeUndefined();
    expect(corruptCopies()).toHaveLength(1);
  });
});

describe('markResult and firstPendingLesson', () => {
  it('records the latest run, and when the lesson last passed', () => {
    const s = defaultState();
    const t1 = new Date('2025-01-01T00:00:00Z');
    const t2 = new Date('2025-01-02T00:00:00Z');
    markResult(s, first.id, { passing: 2, total: 2, passed: true }, t1);
    markResult(s, first.id, { passing: 1, total: 2, passed: false }, t2);
    expect(s.lessons[first.id]).toEqual({ passed: false, passedAt: t1.toISOString(), lastRunAt: t2.toISOString(), checksPassing: 1, checksTotal: 2, hintsShown: 0 });
  });

  it('keeps the hints already shown', () => {
    const s = defaultState();
    s.lessons[first.id] = { passed: false, checksPassing: 0, checksTotal: 0, hintsShown: 2 };
    markResult(s, first.id, { passing: 1, total: 1, passed: true });
    expect(s.lessons[first.id].hintsShown).toBe(2);
  });

  it('finds the first lesson not passed, and nothing once all have passed', () => {
    const s = defaultState();
    expect(firstPendingLesson(s)).toBe(first);
    markResult(s, first.id, { passing: 1, total: 1, passed: true });
    expect(firstPendingLesson(s)).toBe(lessons[1]);
    for (const l of lessons) markResult(s, l.id, { passing: 1, total: 1, passed: true });
    expect(firstPendingLesson(s)).toBeUndefined();
  });
});
