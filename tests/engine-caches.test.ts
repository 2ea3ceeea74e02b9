/**
 * What the engine keeps between runs to be faster: compiled package code (compile-cache.ts) and
 * each lesson's last duration (lesson-durations.ts). Neither may ever change what runs or a verdict.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOADER_IMPORT } from './helpers/workbook-cli.ts';
import { loadDurations, longestFirst, saveDurations } from '../runner/engine/lesson-durations.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const scratch = () => {
  const d = mkdtempSync(join(tmpdir(), 'workbook-caches-'));
  dirs.push(d);
  return d;
};


const compileCache = new URL('../runner/engine/compile-cache.ts', import.meta.url).href;

describe('the compile cache (a fresh process per load, as check processes are)', () => {
  const dir = scratch();
  const pkg = join(dir, 'node_modules', 'answer');
  const cache = join(dir, 'cache');
  mkdirSync(pkg, { recursive: true });
  const script = join(dir, 'load.mts');
  writeFileSync(
    script,
    `import { createRequire } from 'node:module';
import { installCompileCache } from ${JSON.stringify(compileCache)};
const cache = installCompileCache(${JSON.stringify(cache)});
const answer = createRequire(${JSON.stringify(join(dir, 'x.js'))})('answer');
cache.flush();
console.log(JSON.stringify({ answer: answer.value(), where: answer.where, ...cache.stats() }));`,
  );
  const load = (env: NodeJS.ProcessEnv = {}) => {
    const r = spawnSync(process.execPath, ['--import', LOADER_IMPORT, script], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env } });
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout) as { answer: string; where: string; hits: number; misses: number };
  };
  // The same length every time: V8's own check on cached code looks at the source's length, not its text.
  const write = (value: string) => writeFileSync(join(pkg, 'index.js'), `exports.value = () => '${value}';\nexports.where = require.resolve('./index.js');\n`);

  it('compiles a package once, then serves it from the cache, with the same exports and a working require', () => {
    write('one');
    const first = load();
    expect(first).toMatchObject({ answer: 'one', hits: 0, misses: 1 });
    expect(first.where).toBe(join(pkg, 'index.js'));
    expect(load()).toMatchObject({ answer: 'one', hits: 1, misses: 0 });
  });

  it('never runs old code: a package file changed to the same length is compiled again', () => {
    write('two');
    expect(load()).toMatchObject({ answer: 'two', hits: 0, misses: 1 });
    expect(load()).toMatchObject({ answer: 'two', hits: 1 });
  });

  it('a corrupt entry is ignored and rewritten', () => {
    const folder = join(cache, readdirSync(cache)[0]);
    for (const entry of readdirSync(folder)) writeFileSync(join(folder, entry), 'not V8 code');
    expect(load()).toMatchObject({ answer: 'two', hits: 0, misses: 1 });
    expect(load()).toMatchObject({ answer: 'two', hits: 1 });
  });

  it('an entry damaged inside (its header intact) is never given to V8: release builds of V8 do not check it, and crash or hang on it', () => {
    const folder = join(cache, readdirSync(cache)[0]);
    for (const entry of readdirSync(folder)) {
      const data = readFileSync(join(folder, entry));
      for (let i = Math.floor(data.length / 2); i < data.length; i += 7) data[i] ^= 0x5a;
      writeFileSync(join(folder, entry), data);
    }
    expect(load()).toMatchObject({ answer: 'two', hits: 0, misses: 1 });
    expect(load()).toMatchObject({ answer: 'two', hits: 1 });
  });

  it('a package that calls import() keeps working on its second load (cached code would lose its import hook)', () => {
    const lazy = join(dir, 'node_modules', 'lazy');
    mkdirSync(lazy, { recursive: true });
    writeFileSync(join(lazy, 'index.js'), "exports.load = () => import('./esm.mjs').then((m) => m.value);\n");
    writeFileSync(join(lazy, 'esm.mjs'), "export const value = 'loaded lazily';\n");
    const lazyScript = join(dir, 'lazy.mts');
    writeFileSync(
      lazyScript,
      `import { createRequire } from 'node:module';
import { installCompileCache } from ${JSON.stringify(compileCache)};
const cache = installCompileCache(${JSON.stringify(join(dir, 'lazy-cache'))});
const lazy = createRequire(${JSON.stringify(join(dir, 'x.js'))})('lazy');
cache.flush();
console.log(await lazy.load());`,
    );
    for (let i = 0; i < 2; i++) {
      const r = spawnSync(process.execPath, ['--import', LOADER_IMPORT, lazyScript], { cwd: dir, encoding: 'utf8' });
      expect(r.stderr, `load ${i + 1}`).toBe('');
      expect(r.stdout.trim()).toBe('loaded lazily');
    }
  });

  it("processes with other V8 flags (grading sets a heap limit) take turns without rewriting each other's entries", () => {
    // Node 20's V8 rejects code cached under other flags: one shared entry would be rejected and rewritten
    // turn by turn. (Newer V8 leaves the heap limit out of its check; then the entry is simply shared.)
    const graded = { NODE_OPTIONS: '--max-old-space-size=200' };
    load(graded); // whatever the first load under these flags has to compile
    for (const env of [{}, graded, {}, graded]) expect(load(env)).toMatchObject({ answer: 'two', hits: 1, misses: 0 });
  });

  it('a cache folder that cannot be written changes nothing but speed', () => {
    // A file where the folder should be: unwritable even for root (chmod would not stop root).
    rmSync(cache, { recursive: true, force: true });
    writeFileSync(cache, 'not a folder');
    write('six');
    expect(load()).toMatchObject({ answer: 'six', hits: 0, misses: 1 });
    expect(load()).toMatchObject({ answer: 'six', hits: 0, misses: 1 });
  });
});

describe('lesson durations (a scheduling hint for course runs)', () => {
  const lessons = ['00', '01', '02', '03', '04'];

  it('starts the longest first, then the untimed in their given order', () => {
    const order = longestFirst(lessons, (l) => l, { '01': 50, '03': 900, '04': 120 });
    expect(order.map((i) => lessons[i])).toEqual(['03', '04', '01', '00', '02']);
  });

  it('an untimed lesson can be ranked first (one that loads a compiler)', () => {
    const order = longestFirst(lessons, (l) => l, { '01': 50 }, (l) => (l === '04' ? Infinity : -1));
    expect(order.map((i) => lessons[i])).toEqual(['04', '01', '00', '02', '03']);
  });

  it('saves merge with what was known; a missing, corrupt or odd file reads as nothing known', () => {
    const file = join(scratch(), 'deep', 'durations.json');
    expect(loadDurations(file)).toEqual({});
    saveDurations({ '01': 40 }, file);
    saveDurations({ '02': 70 }, file);
    expect(loadDurations(file)).toEqual({ '01': 40, '02': 70 });
    writeFileSync(file, '{"01": 4');
    expect(loadDurations(file)).toEqual({});
    writeFileSync(file, '{"01": "fast", "02": 30}');
    expect(loadDurations(file)).toEqual({ '02': 30 });
    writeFileSync(file, '[1, 2]');
    expect(loadDurations(file)).toEqual({});
  });
});
