/** Temporary copies of the course's editable files, laid out as a lessons root (<dir>/<NN-slug>/<file>). */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lessons, lessonFolder, findLesson, lessonDir, solutionDir } from '../../runner/course/lessons.ts';

export type Source = 'starter' | 'solution';

export function copyCourse(source: Source): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `workbook-${source}-`));
  for (const l of lessons) {
    const from = source === 'starter' ? join(lessonDir(l), '.starter') : solutionDir(l);
    for (const f of l.files) cpSync(join(from, f), join(dir, lessonFolder(l), f), { recursive: true });
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A lessons root holding one lesson's solution with one file rewritten (`edit` gets the solution's
 * text). `temps` collects the folder for removal after the tests.
 */
export function solutionWith(lessonId: string, file: string, edit: (text: string) => string, temps: string[]): string {
  const lesson = findLesson(lessonId);
  const root = mkdtempSync(join(tmpdir(), 'workbook-edited-'));
  temps.push(root);
  const dir = join(root, lessonFolder(lesson));
  cpSync(solutionDir(lesson), dir, { recursive: true });
  const path = join(dir, file);
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
  return root;
}
