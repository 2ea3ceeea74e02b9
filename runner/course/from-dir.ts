/** Resolves `--from <dir>`: a lesson's files, a lessons/ or solutions/ copy, or a whole repository copy. */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../errors/usage-error.ts';

export function resolveFrom(dir: string): string {
  const abs = resolve(dir);
  if (!existsSync(abs)) throw new UsageError(`--from ${dir}: no such folder.`);
  if (!statSync(abs).isDirectory()) throw new UsageError(`--from ${dir}: not a folder (give the folder that holds the lesson files).`);
  const nested = join(abs, 'lessons');
  // A copy of the whole repository: its learner files live in lessons/.
  return existsSync(nested) && statSync(nested).isDirectory() ? nested : abs;
}
