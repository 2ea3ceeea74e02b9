/** README.md's lesson index (between its lessons markers) must list the course as course.json has it. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LessonEntry } from '../course/lessons.ts';
import { hasLessonList, withLessonList } from '../course/readme-index.ts';
import type { Problem } from './problem.ts';

/** A problem when the index is stale; with `fix`, writes it instead (and says so through `wrote`). */
export function readmeIndexProblems(root: string, course: readonly LessonEntry[], fix: boolean, wrote: (what: string) => void): Problem[] {
  const path = join(root, 'README.md');
  if (!existsSync(path)) return [];
  const readme = readFileSync(path, 'utf8');
  if (!hasLessonList(readme)) return [];
  const current = withLessonList(readme, course);
  if (current === readme) return [];
  if (fix) {
    writeFileSync(path, current);
    wrote("README.md's lesson index");
    return [];
  }
  return [{ file: 'README.md', message: "its lesson index is not lessons/course.json's course: run `npm run workbook -- dev check --fix` to write it." }];
}
