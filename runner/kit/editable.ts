/**
 * Finds and loads the learner's editable files for a check file. By default the files next to the
 * check file (lessons/NN-slug/); with WORKBOOK_FROM=<dir>, the files in <dir>/NN-slug/ when that
 * folder exists (a copy of lessons/ or solutions/), else in <dir> itself (one lesson's files).
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LessonFailure } from './failure.ts';
import { explainLoadError } from './diagnose/errors.ts';

export function editablePath(checkFileUrl: string, file: string): string {
  const checkDir = dirname(fileURLToPath(checkFileUrl));
  const from = process.env.WORKBOOK_FROM;
  if (!from) return join(checkDir, file);
  const root = resolve(from);
  const nested = join(root, basename(checkDir), file);
  return existsSync(nested) ? nested : join(root, file);
}

export async function loadEditable<M>(checkFileUrl: string, file: string): Promise<M> {
  const path = editablePath(checkFileUrl, file);
  if (!existsSync(path)) {
    const lesson = basename(dirname(fileURLToPath(checkFileUrl)));
    throw new LessonFailure(
      `${file} is missing (looked for ${path}). Restore the starter with \`npm run workbook -- reset ${lesson.slice(0, 2)}\`.`,
    );
  }
  try {
    return (await import(pathToFileURL(path).href)) as M;
  } catch (e) {
    throw explainLoadError(e, file);
  }
}
