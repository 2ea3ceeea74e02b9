// Loaded with --import in the engine's child processes, after tsx/cjs: TypeScript as ES modules, and
// 'vitest' mapped to the stand-in (check-hooks.mjs).
import { register } from 'node:module';

// Stacks name the learner's TypeScript lines (stack-trace.ts reads the inline source maps).
process.setSourceMapsEnabled(true);
register('./check-hooks.mjs', import.meta.url, { data: { cacheDir: process.env.WORKBOOK_CACHE_DIR || undefined } });
