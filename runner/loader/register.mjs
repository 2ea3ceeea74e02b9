// What `node --import` names to run the workbook's TypeScript (package.json's scripts, the engine's
// check processes): the hooks of typescript-hooks.mjs. WORKBOOK_CACHE_DIR moves their cache too.
import { register } from 'node:module';

// Stacks name TypeScript lines (the compiled code carries inline source maps).
process.setSourceMapsEnabled(true);
register('./typescript-hooks.mjs', import.meta.url, { data: { cacheDir: process.env.WORKBOOK_CACHE_DIR || undefined } });
