/** Temporary copies of the course's editable files, laid out as a lessons root (<dir>/<NN-slug>/<file>). */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lessons, lessonFolder } from '../../lessons/manifest.ts';
import { lessonDir, solutionDir } from '../../runner/course/lessons.ts';

export type Source = 'starter' | 'solution';

export function copyCourse(source: Source): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `workbook-${source}-`));
  for (const l of lessons) {
    const from = source === 'starter' ? join(lessonDir(l), '.starter') : solutionDir(l);
    for (const f of l.files) cpSync(join(from, f), join(dir, lessonFolder(l), f), { recursive: true });
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
