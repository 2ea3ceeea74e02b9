/**
 * The check process's compile cache, installed by being child.ts's first import: before sequelize or
 * anything else from node_modules is evaluated. WORKBOOK_COMPILE_CACHE=0 turns it off (to measure it).
 */
import { join } from 'node:path';
import { cacheDir } from './cache-dir.ts';
import { installCompileCache, type CompileCache } from './compile-cache.ts';

const off: CompileCache = { flush: () => undefined, stats: () => ({ hits: 0, misses: 0 }) };

export const compileCache: CompileCache =
  process.env.WORKBOOK_COMPILE_CACHE === '0' ? off : installCompileCache(join(cacheDir, 'v8'));
