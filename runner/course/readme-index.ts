/** The README's lesson list, generated from the course (lessons/course.json) (`tsx runner/course/readme-index.ts --write`). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lessons, lessonFolder, projectRoot, type LessonEntry } from './lessons.ts';

const START = '<!-- lessons:start -->';
const END = '<!-- lessons:end -->';

export function lessonList(course: readonly LessonEntry[] = lessons): string {
  return course.map((l) => `- **${l.id}** [${l.title}](lessons/${lessonFolder(l)}/README.md)`).join('\n');
}

/** The README with its lesson section replaced by the course's list. */
export function withLessonList(readme: string, course: readonly LessonEntry[] = lessons): string {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error(`README.md lacks the ${START} … ${END} markers`);
  return `${readme.slice(0, a + START.length)}\n${lessonList(course)}\n${readme.slice(b)}`;
}

/** Whether README.md has the markers the index goes between (a teacher's own README may not). */
export const hasLessonList = (readme: string) => readme.includes(START) && readme.indexOf(END) > readme.indexOf(START);

if (import.meta.url === `file://${process.argv[1]}` && process.argv.includes('--write')) {
  const file = join(projectRoot(), 'README.md');
  writeFileSync(file, withLessonList(readFileSync(file, 'utf8')));
}
