/**
 * The check process's compile cache, installed by being child.ts's first import: before sequelize or
 * anything else from node_modules is evaluated. WORKBOOK_COMPILE_CACHE=0 turns it off (to measure it).
 */
import { fileURLToPath } from 'node:url';
import { installCompileCache, type CompileCache } from './compile-cache.ts';

const off: CompileCache = { flush: () => undefined, stats: () => ({ hits: 0, misses: 0 }) };

export const compileCache: CompileCache =
  process.env.WORKBOOK_COMPILE_CACHE === '0' ? off : installCompileCache(fileURLToPath(new URL('../../node_modules/.cache/sequelize-workbook/v8', import.meta.url)));
