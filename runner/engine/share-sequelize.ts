/**
 * Lets learner files outside this package (a student's copy, an unzipped upload) import this project's
 * Sequelize when they are loaded in the current process, as the engine's children do for theirs:
 * - ES modules: the engine's resolve hook pins 'sequelize' and 'sqlite3' to the project's copies;
 * - CommonJS (a .ts file outside a "type": "module" package is CommonJS): require() does not
 *   see that hook, so NODE_PATH gets the project's node_modules.
 */
import Module, { register } from 'node:module';
import { delimiter, join } from 'node:path';
import { projectRoot } from '../course/lessons.ts';
import { enableCommonJsTypeScript } from '../loader/commonjs-typescript.ts';

let shared = false;

export function shareProjectSequelize(): void {
  if (shared) return;
  shared = true;
  register('./vitest-alias-hook.mjs', import.meta.url);
  // A learner's .ts file outside a "type": "module" package is CommonJS (typescript-hooks.mjs).
  enableCommonJsTypeScript();
  process.env.NODE_PATH = [join(projectRoot(), 'node_modules'), process.env.NODE_PATH].filter(Boolean).join(delimiter);
  // require() reads NODE_PATH once at start-up; this re-reads it (Node's own documented-by-use refresh).
  (Module as unknown as { _initPaths(): void })._initPaths();
}
