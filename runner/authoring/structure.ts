/**
 * A lesson's folders as the runner needs them: its README, its lesson.json's hints, the editable
 * files in the lesson, in .starter/ and in the solution, and nothing else there (a stray file in
 * .starter/ is handed to every learner; in solutions/ it is never shown, so it hides a mistake).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CHECK_FILE, LESSON_FILE } from '../course/course-files.ts';
import { lessonDir, lessonFolder, solutionDir, type LessonEntry } from '../course/lessons.ts';
import { rules } from '../mutants/rules.ts';
import type { Problem } from './problem.ts';

/** Every file below `dir`, relative to it, with '/' separators. */
function filesBelow(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(dir, p).split('\\').join('/'));
    }
  };
  walk(dir);
  return out;
}

function folderProblems(dir: string, shown: string, files: string[], own: string[]): Problem[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [{ file: shown, message: `missing: create the folder with ${files.join(', ')}.` }];
  const out: Problem[] = [];
  for (const f of files) if (!existsSync(join(dir, f))) out.push({ file: `${shown}/${f}`, message: `missing: every file in lesson.json's "files" must be here (or remove it from "files").` });
  const present = filesBelow(dir).filter((f) => !f.startsWith('.starter/'));
  for (const f of present) {
    if (files.includes(f) || own.includes(f)) continue;
    out.push({ file: `${shown}/${f}`, message: `not one of the lesson's files (${files.join(', ')}): delete it, or add it to "files" in lesson.json.` });
  }
  return out;
}

export function structureProblems(lesson: LessonEntry, root: string): Problem[] {
  const folder = lessonFolder(lesson);
  const dir = lessonDir(lesson, root);
  const json = `lessons/${folder}/${LESSON_FILE}`;
  const out: Problem[] = [];
  if (!existsSync(join(dir, 'README.md'))) out.push({ file: `lessons/${folder}/README.md`, message: 'missing: write the lesson\'s explanation (npm run workbook -- new scaffolds one).' });
  if (!existsSync(join(dir, CHECK_FILE))) out.push({ file: `lessons/${folder}/${CHECK_FILE}`, message: 'missing: write the lesson\'s checks (see docs/check-kit.md).' });
  if (lesson.hints.length === 0) out.push({ file: json, message: '"hints" is empty: give at least one hint, the smallest first.' });
  lesson.hints.forEach((h, i) => {
    if (!h.trim()) out.push({ file: json, message: `hint ${i + 1} is empty: write it, or remove it from "hints".` });
  });
  const known = new Set(rules.map((r) => r.id));
  for (const field of ['mutantsEquivalent', 'mutantsOutOfScope'] as const) {
    (lesson[field] ?? []).forEach((n, i) => {
      for (const r of n.rules ?? []) if (!known.has(r)) out.push({ file: json, message: `${field}[${i}] names the rule "${r}", which npm run mutants does not have: use one of ${[...known].join(', ')}.` });
    });
  }
  out.push(...folderProblems(dir, `lessons/${folder}`, lesson.files, ['README.md', CHECK_FILE, LESSON_FILE]));
  out.push(...folderProblems(join(dir, '.starter'), `lessons/${folder}/.starter`, lesson.files, []));
  out.push(...folderProblems(solutionDir(lesson, root), `solutions/${folder}`, lesson.files, []));
  return out;
}
