/**
 * tsx's CommonJS half, for a learner's .ts file outside a "type": "module" package (Node loads it with
 * require()). Registered once the process's own packages are loaded: they are plain JavaScript, and
 * through tsx's require hook they cost a check process about 0.2 CPU-seconds more to start.
 * ES modules are compiled by typescript-hooks.mjs.
 */
import { createRequire } from 'node:module';

let registered = false;

export function enableCommonJsTypeScript(): void {
  if (registered) return;
  registered = true;
  createRequire(import.meta.url)('tsx/cjs');
}
