/**
 * Lets learner files outside this package (a student's copy, an unzipped upload) import this project's
 * Sequelize when they are loaded in the current process, as the engine's children do for theirs:
 * - ES modules: the engine's resolve hook pins 'sequelize' and 'sqlite3' to the project's copies;
 * - CommonJS (tsx loads a .ts file as CommonJS outside a "type": "module" package): require() does not
 *   see that hook, so NODE_PATH gets the project's node_modules.
 */
import Module, { register } from 'node:module';
import { delimiter, join } from 'node:path';
import { projectRoot } from '../course/lessons.ts';

let shared = false;

export function shareProjectSequelize(): void {
  if (shared) return;
  shared = true;
  register('./check-hooks.mjs', import.meta.url, { data: { typescript: false } });
  process.env.NODE_PATH = [join(projectRoot(), 'node_modules'), process.env.NODE_PATH].filter(Boolean).join(delimiter);
  // require() reads NODE_PATH once at start-up; this re-reads it (Node's own documented-by-use refresh).
  (Module as unknown as { _initPaths(): void })._initPaths();
}
