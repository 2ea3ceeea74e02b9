/**
 * The check process's compile cache, installed by being child.ts's first import: before sequelize or
 * anything else from node_modules is evaluated. On Node 22.1 and later, Node's own compile cache
 * (module.enableCompileCache); on Node 20, which has none, ours (compile-cache.ts).
 * WORKBOOK_COMPILE_CACHE=0 turns it off (to measure it).
 */
import Module from 'node:module';
import { join } from 'node:path';
import { cacheDir } from './cache-dir.ts';
import { installCompileCache, type CompileCache } from './compile-cache.ts';

/** Node >= 22.1 (flushCompileCache: >= 22.14); not in @types/node 20. */
type NodeCompileCache = {
  enableCompileCache?: (dir: string) => { status: number; message?: string };
  flushCompileCache?: () => void;
  constants?: { compileCacheStatus?: { ENABLED: number; ALREADY_ENABLED: number } };
};

const off: CompileCache = { flush: () => undefined, stats: () => ({ hits: 0, misses: 0 }) };

function nodeOwn(dir: string): CompileCache | undefined {
  const node = Module as unknown as NodeCompileCache;
  const ok = node.constants?.compileCacheStatus;
  if (typeof node.enableCompileCache !== 'function' || !ok) return undefined;
  const { status } = node.enableCompileCache(dir);
  if (status !== ok.ENABLED && status !== ok.ALREADY_ENABLED) return undefined;
  // Node writes its cache at exit, but a check process is killed once its run is done: write it now.
  return { flush: () => node.flushCompileCache?.(), stats: () => ({ hits: 0, misses: 0 }) };
}

export const compileCache: CompileCache =
  process.env.WORKBOOK_COMPILE_CACHE === '0' ? off : (nodeOwn(join(cacheDir, 'node')) ?? installCompileCache(join(cacheDir, 'v8')));
