/**
 * runner/loader: how the workbook's commands and check processes run TypeScript (esbuild in a module
 * hook, cached by content; tsx for CommonJS). A learner's files load as they did under tsx: imports
 * written './b.js', './c' or './dir', type-only imports and enums; a .ts file outside a "type": "module"
 * package as CommonJS; errors naming the TypeScript line; the working folder's tsconfig.json applied.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOADER_IMPORT } from './helpers/workbook-cli.ts';

let dir: string;
let cache: string;

function write(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** Runs `main.mjs` (which prints) under the loader, in `cwd`, with this file's own cache. */
function run(main: string, cwd = dir): { out: string; err: string; code: number | null } {
  writeFileSync(join(dir, 'main.mjs'), main);
  const r = spawnSync(process.execPath, ['--import', LOADER_IMPORT, join(dir, 'main.mjs')], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, WORKBOOK_CACHE_DIR: cache },
  });
  return { out: r.stdout.trim(), err: r.stderr, code: r.status };
}

const cached = () => readdirSync(join(cache, 'typescript'), { recursive: true }).filter((f) => String(f).endsWith('.js')).length;

beforeAll(() => {
  // Under the system's temporary folder: no package.json above it, so a folder without one is CommonJS.
  dir = mkdtempSync(join(tmpdir(), 'workbook-loader-'));
  cache = join(dir, '.cache');
  write({
    'esm/package.json': '{ "type": "module" }',
    'esm/a.ts': [
      "import { b } from './b.js';",
      "import { c } from './c';",
      "import { d } from './dir';",
      "import type { T } from './types.ts';",
      'enum Color { Red = 1 }',
      'const t: T = { n: b + c + d + Color.Red };',
      'export default t;',
    ].join('\n'),
    'esm/b.ts': 'export const b: number = 1;',
    'esm/c.ts': 'export const c: number = 2;',
    'esm/dir/index.ts': 'export const d = 3;',
    'esm/types.ts': 'export type T = { n: number };',
    'esm/bad.ts': "import type { T } from './types.ts';\n\nexport function boom(): T {\n  throw new Error('boom');\n}\n",
    'cjs/x.ts': "import { y } from './y';\nimport hundred from './lib';\nexport const x: number = y + hundred;\n",
    'cjs/y.ts': 'export const y: number = 10;',
    'cjs/lib/index.ts': 'export default 100;',
    'cjs/bad.ts': "import { y } from './y';\nexport function boom(): number {\n  const z: number = y;\n  throw new Error('boom ' + z);\n}\n",
  });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('TypeScript under runner/loader', () => {
  it('as ES modules: imports written ./b.js, ./c and ./dir find the .ts files; type-only imports and enums work', () => {
    const r = run("const m = await import('./esm/a.ts');\nconsole.log(m.default.n);");
    expect(r.err).toBe('');
    expect(r.out).toBe('7');
  });

  it('outside a "type": "module" package, as CommonJS: named exports reach import(), and what it imports loads too', () => {
    const r = run("const m = await import('./cjs/x.ts');\nconsole.log(m.x, typeof m.default);");
    expect(r.err).toBe('');
    expect(r.out).toBe('110 object');
  });

  it("an error names the TypeScript file's own line, in both formats", () => {
    const r = run(
      "for (const f of ['./esm/bad.ts', './cjs/bad.ts']) {\n  try { (await import(f)).boom(); } catch (e) { console.log(e.stack.split('\\n')[1].trim()); }\n}",
    );
    expect(r.err).toBe('');
    expect(r.out.split('\n')).toEqual([expect.stringMatching(/esm\/bad\.ts:4:9\)$/), expect.stringMatching(/cjs\/bad\.ts:4:9\)$/)]);
  });

  it('compiles each file once: the next process reads the cache, and changed content is compiled anew', () => {
    const main = "const m = await import('./esm/b.ts');\nconsole.log(m.b);";
    expect(run(main).out).toBe('1');
    const after = cached();
    expect(after).toBeGreaterThan(0);
    expect(run(main).out).toBe('1');
    expect(cached()).toBe(after);
    write({ 'esm/b.ts': 'export const b: number = 5;' });
    expect(run(main).out).toBe('5');
    expect(cached()).toBe(after + 1);
    write({ 'esm/b.ts': 'export const b: number = 1;' });
  });

  it("applies the working folder's tsconfig.json (comments and trailing commas allowed): useDefineForClassFields", () => {
    write({
      'fields/package.json': '{ "type": "module" }',
      'fields/k.ts': [
        'class Base {\n  get v(): number {\n    return 1;\n  }\n}',
        '// @ts-expect-error a field over an accessor: what lesson 12 warns about',
        'class Sub extends Base {\n  v!: number;\n}',
        'export const v = new Sub().v;',
      ].join('\n'),
    });
    const main = "const m = await import('./fields/k.ts');\nconsole.log(String(m.v));";
    // No tsconfig.json in the working folder: esbuild's default, as tsx's (a field defines an own property).
    expect(run(main).out).toBe('undefined');
    const cwd = join(dir, 'with-config');
    mkdirSync(cwd);
    writeFileSync(join(cwd, 'tsconfig.json'), '{\n  // as an older project would have it\n  "compilerOptions": { "useDefineForClassFields": false, },\n}\n');
    writeFileSync(join(dir, 'main.mjs'), `const m = await import(${JSON.stringify(join(dir, 'fields/k.ts'))});\nconsole.log(String(m.v));`);
    const r = spawnSync(process.execPath, ['--import', LOADER_IMPORT, join(dir, 'main.mjs')], { cwd, encoding: 'utf8', env: { ...process.env, WORKBOOK_CACHE_DIR: cache } });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('1');
  });
});
