// Node module hooks that load TypeScript (plain JS: they run on Node's hooks thread, before any
// TypeScript can load), for the workbook's commands (package.json's scripts) and its check processes.
// TypeScript files loaded as ES modules are compiled here, with esbuild, as tsx compiles them, and
// resolved as tsx resolves them ('./a.js' or './a' finds a.ts, a folder its index). tsx's own ES
// module loader cost every start about 0.3-0.45 CPU-seconds (a check process took 1.4 to start);
// this costs a file read per module when the cache has it. Outside a "type": "module" package a .ts
// file is CommonJS, as with tsx: compiled to CommonJS here, and what it require()s is tsx's
// (tsx/cjs: the file registers it; check processes register it up front, commonjs-typescript.ts).
// Unlike tsx: import() of such a file gives its whole exports object as `default` (Node's rule; the
// kit and the lessons read named exports only). Not done: tsconfig "paths".
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const typeScriptFile = /\.(ts|mts|cts|tsx)$/;
/** Changes whenever what this file produces changes: part of every cache key. */
const COMPILER = 'typescript-hooks-2';

let cache;
let tsconfigRaw = {};
let esbuild;

export function initialize(data) {
  cache = join(data?.cacheDir ?? fileURLToPath(new URL('../../node_modules/.cache/sequelize-workbook', import.meta.url)), 'typescript');
  tsconfigRaw = compilerOptionsOf(join(process.cwd(), 'tsconfig.json'));
}

/** The options of the working folder's tsconfig.json that change esbuild's output, as tsx applies them. */
function compilerOptionsOf(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  let options;
  try {
    options = JSON.parse(withoutComments(text))?.compilerOptions;
  } catch {
    return {};
  }
  if (!options || typeof options !== 'object') return {};
  const kept = [
    'target', 'useDefineForClassFields', 'experimentalDecorators', 'verbatimModuleSyntax', 'preserveValueImports',
    'importsNotUsedAsValues', 'alwaysStrict', 'strict', 'jsx', 'jsxFactory', 'jsxFragmentFactory', 'jsxImportSource',
  ];
  return { compilerOptions: Object.fromEntries(kept.filter((k) => k in options).map((k) => [k, options[k]])) };
}

/** tsconfig.json may hold comments and trailing commas (JSON with comments); strings are left alone. */
function withoutComments(text) {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      out += text.slice(start, i + 1);
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2);
      if (i < 0) break;
      i++;
    } else out += c;
  }
  return out.replace(/,(\s*[}\]])/g, '$1');
}

const pathLike = (s) => s.startsWith('./') || s.startsWith('../') || s.startsWith('/') || s.startsWith('file:') || s === '.' || s === '..';

/** What tsx would also try for a path that does not exist as written. */
function alternatives(specifier) {
  const q = specifier.search(/[?#]/);
  const path = q < 0 ? specifier : specifier.slice(0, q);
  const query = q < 0 ? '' : specifier.slice(q);
  const js = /\.([cm]?)js(x?)$/.exec(path);
  if (js) {
    const base = path.slice(0, -js[0].length);
    return js[2] ? [`${base}.tsx`] : js[1] ? [`${base}.${js[1]}ts`] : [`${base}.ts`, `${base}.tsx`];
  }
  const dir = path.endsWith('/') ? path.slice(0, -1) : path;
  return [
    ...(path.endsWith('/') ? [] : ['.ts', '.tsx', '.js', '.mts', '.cts', '.mjs', '.cjs'].map((e) => path + e)),
    ...['/index.ts', '/index.tsx', '/index.js'].map((e) => dir + e),
  ].map((p) => p + query);
}

export async function resolve(specifier, context, nextResolve) {
  if (!pathLike(specifier)) return nextResolve(specifier, context);
  try {
    return await nextResolve(specifier, context);
  } catch (e) {
    if (e?.code !== 'ERR_MODULE_NOT_FOUND' && e?.code !== 'ERR_UNSUPPORTED_DIR_IMPORT') throw e;
    for (const other of alternatives(specifier)) {
      try {
        return await nextResolve(other, context);
      } catch {
        // the next one
      }
    }
    throw e;
  }
}

const packageTypes = new Map();
/** "module" or "commonjs": the nearest package.json's type, as Node decides a .js file's format. */
function packageType(dir) {
  if (packageTypes.has(dir)) return packageTypes.get(dir);
  let type;
  try {
    const declared = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))?.type;
    type = declared === 'module' ? 'module' : 'commonjs';
  } catch (e) {
    const parent = dirname(dir);
    type = e?.code === 'ENOENT' && parent !== dir ? packageType(parent) : 'commonjs';
  }
  packageTypes.set(dir, type);
  return type;
}

function formatOf(file) {
  if (file.endsWith('.mts')) return 'module';
  if (file.endsWith('.cts')) return 'commonjs';
  return packageType(dirname(file));
}

async function compiled(file, source, format) {
  const key = createHash('sha256').update(`${COMPILER}\0${process.versions.node}\0${JSON.stringify(tsconfigRaw)}\0${format}\0${file}\0`).update(source).digest('hex');
  const cached = join(cache, key.slice(0, 2), `${key}.js`);
  try {
    return readFileSync(cached, 'utf8');
  } catch {
    // not compiled yet
  }
  esbuild ??= await import('esbuild');
  const { code } = esbuild.transformSync(source, {
    loader: file.endsWith('x') ? 'tsx' : 'ts',
    // CommonJS for Node's platform: esbuild then names the exports where Node's import() finds them.
    // What such a file require()s is tsx's to load: its CommonJS hooks, registered by the first one.
    format: format === 'module' ? 'esm' : 'cjs',
    ...(format === 'module' ? {} : { banner: `require(${JSON.stringify(createRequire(import.meta.url).resolve('tsx/cjs'))});` }),
    platform: 'node',
    sourcemap: 'inline',
    sourcefile: file,
    target: `node${process.versions.node}`,
    tsconfigRaw,
  });
  try {
    // Written whole, then renamed: a process reading it at the same time never sees half a file.
    mkdirSync(dirname(cached), { recursive: true });
    const partial = `${cached}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    writeFileSync(partial, code);
    renameSync(partial, cached);
  } catch {
    // A read-only cache (a grading sandbox): compiled again next time.
  }
  return code;
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:')) return nextLoad(url, context);
  const file = fileURLToPath(url);
  if (!typeScriptFile.test(file)) return nextLoad(url, context);
  const format = formatOf(file);
  return { format, source: await compiled(file, readFileSync(file, 'utf8'), format), shortCircuit: true };
}
