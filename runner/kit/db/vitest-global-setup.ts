/**
 * For plain Vitest (`npx vitest`, the editor extension) and the project's tests: on PostgreSQL, start
 * the server once in Vitest's main process, before its workers, which inherit it from the environment.
 */
import { prepareDatabase } from './prepare.ts';

export default async function setup(): Promise<void> {
  await prepareDatabase();
}
