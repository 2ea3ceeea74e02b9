/**
 * A V8 code cache for the CommonJS packages a check process loads (sequelize and its dependencies,
 * the TypeScript compiler of the typed-models lesson). Every check process starts from nothing and
 * Node 20 has no built-in compile cache (module.enableCompileCache came in Node 22), so without this
 * each one compiles the same ~15 MB of JavaScript again: about a tenth of a whole-course run.
 *
 * Only files under node_modules are cached, never the learner's (they change on every save). An
 * entry is keyed by a hash of the file's path and content, so an upgraded package never runs old
 * code; anything unexpected (no cache folder, a rejected or corrupt entry) falls back to Node's own
 * compile, which is what would have happened anyway.
 *
 * Each entry starts with a CRC-32 of V8's data, checked before V8 sees it: release builds of V8 only
 * check the data's header, and a byte damaged further in (a bad disk, a copy cut short and patched up)
 * crashes or hangs every check process, run after run, until the cache is deleted.
 */
import Module from 'node:module';
import vm from 'node:vm';
import { cachedDataVersionTag } from 'node:v8';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { crc32 } from 'node:zlib';

type Compile = (this: CjsModule, content: string, filename: string, format?: string) => unknown;
interface CjsModule {
  exports: unknown;
  require(id: string): unknown;
}
/** The CommonJS loader's internals this relies on (stable since Node 12, not in the public types). */
interface CjsLoader {
  prototype: { _compile: Compile };
  wrap(code: string): string;
  _resolveFilename(request: string, parent: CjsModule, isMain: boolean, options?: { paths?: string[] }): string;
  _resolveLookupPaths(request: string, parent: CjsModule): string[] | null;
  _extensions: unknown;
  _cache: unknown;
}

export interface CompileCache {
  /** Writes the entries compiled since the last flush (with the functions V8 compiled lazily since). */
  flush(): void;
  /** Files served from the cache / compiled and waiting to be written, since the start (for tests). */
  stats(): { hits: number; misses: number };
}

const loader = Module as unknown as CjsLoader;
const nodeModules = `${sep}node_modules${sep}`;
/** Entries written before the checksum have none: a folder of their own keeps them from being read. */
const FORMAT = 'crc1';
const CHECKSUM_BYTES = 4;

/** V8's data from an entry, or undefined when its checksum does not match (damaged or cut short). */
function unwrap(entry: Buffer): Buffer | undefined {
  if (entry.length <= CHECKSUM_BYTES) return undefined;
  const data = entry.subarray(CHECKSUM_BYTES);
  return entry.readUInt32LE(0) === crc32(data) ? data : undefined;
}

function wrap(data: Buffer): Buffer {
  const sum = Buffer.alloc(CHECKSUM_BYTES);
  sum.writeUInt32LE(crc32(data));
  return Buffer.concat([sum, data]);
}

/**
 * A script made from cached code loses its dynamic-import hook (Node 20: its import() throws
 * ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING, as v8-compile-cache#30 found), so a file that may call import()
 * is left to Node. TypeScript's compiler is the exception worth making: every "import(" in it is inside
 * a string, and it is by far the largest file the checks load (a sixth of a course run's compile time).
 */
const typescriptCompiler = `${sep}typescript${sep}lib${sep}typescript.js`;
const mayImport = (filename: string, content: string) => !filename.endsWith(typescriptCompiler) && /\bimport\s*\(/.test(content);

export function installCompileCache(dir: string): CompileCache {
  // V8 only takes code cached under the same flags (grading runs with a heap limit): a folder per set of
  // flags, or processes with different ones would reject and rewrite each other's entries turn by turn.
  const folder = join(dir, `${process.version}-${process.arch}-${cachedDataVersionTag()}-${FORMAT}`);
  const pending: Array<{ file: string; script: vm.Script }> = [];
  let hits = 0;
  let misses = 0;
  let writable = true;
  const dynamicImport = vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  const original = loader.prototype._compile;

  // Without it, an import() in a freshly compiled package would throw (vm scripts have no loader of their own).
  if (dynamicImport !== undefined) {
    loader.prototype._compile = function (this: CjsModule, content: string, filename: string, format?: string) {
      if ((format !== undefined && format !== 'commonjs') || !filename.includes(nodeModules) || !filename.endsWith('.js') || mayImport(filename, content)) {
        return original.call(this, content, filename, format);
      }
      const file = join(folder, createHash('sha1').update(filename).update('\0').update(content).digest('hex'));
      let cachedData: Buffer | undefined;
      try {
        cachedData = unwrap(readFileSync(file));
      } catch {
        // not cached yet
      }
      let script: vm.Script;
      try {
        script = new vm.Script(loader.wrap(content), { filename, cachedData, importModuleDynamically: dynamicImport });
      } catch {
        return original.call(this, content, filename, format); // let Node report a syntax error its own way
      }
      if (cachedData && !script.cachedDataRejected) hits++;
      else {
        misses++;
        pending.push({ file, script });
      }
      const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
      return wrapper.call(this.exports, this.exports, requireFor(this), this, filename, dirname(filename));
    };
  }

  return {
    flush() {
      if (!writable) return;
      try {
        mkdirSync(folder, { recursive: true });
        for (const { file, script } of pending.splice(0)) {
          // Written whole and renamed into place: another check process may be reading the same entry.
          const temporary = `${file}.${process.pid}.tmp`;
          writeFileSync(temporary, wrap(script.createCachedData()));
          renameSync(temporary, file);
        }
      } catch {
        writable = false; // a read-only node_modules, a full disk: run uncached, say nothing
        pending.length = 0;
      }
    },
    stats: () => ({ hits, misses }),
  };
}

/** The `require` a CommonJS module is given, as Node builds it. */
function requireFor(mod: CjsModule): NodeJS.Require {
  const require = ((id: string) => mod.require(id)) as NodeJS.Require;
  require.resolve = ((request: string, options?: { paths?: string[] }) => loader._resolveFilename(request, mod, false, options)) as NodeJS.RequireResolve;
  require.resolve.paths = (request: string) => loader._resolveLookupPaths(request, mod);
  require.main = process.mainModule;
  require.extensions = loader._extensions as NodeJS.RequireExtensions;
  require.cache = loader._cache as NodeJS.Dict<NodeJS.Module>;
  return require;
}
