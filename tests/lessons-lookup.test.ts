/** Finding a lesson from what the learner types, and the paths derived from it. */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CHECK_FILE, lessonFolder, lessons, checkFile, editablePaths, findLesson, lessonDir, lessonIndex, nextLesson, projectRoot, solutionDir, UnknownLessonError } from '../runner/course/lessons.ts';

function findLessonError(q: string): UnknownLessonError | undefined {
  try {
    findLesson(q);
    return undefined;
  } catch (e) {
    if (e instanceof UnknownLessonError) return e;
    throw e;
  }
}

const unknown = (q: string): UnknownLessonError => findLessonError(q) ?? expect.fail(`"${q}" was found`);

describe('findLesson', () => {
  it.each(lessons.map((l) => [lessonFolder(l), l] as const))('finds %s by every accepted form', (folder, l) => {
    const forms = [
      String(Number(l.id)),
      l.id,
      l.slug,
      folder,
      `lessons/${folder}`,
      `lessons/${folder}/`,
      `./lessons/${folder}/`,
      `lessons\\${folder}\\`,
      join(projectRoot(), 'lessons', folder),
      `lessons/${folder}/${l.files[0]}`,
      `solutions/${folder}`,
      folder.toUpperCase(),
      `  ${l.slug.toUpperCase()}  `,
    ];
    for (const q of forms) expect(findLesson(q), q).toBe(l);
  });

  it('suggests the closest lessons for a typo, and points to the list', () => {
    const e = unknown('one-to-on');
    expect(e.suggestions[0]).toBe('01-one-to-one');
    expect(e.message).toBe('No lesson "one-to-on". Did you mean: 01-one-to-one, 02-one-to-many? Run `npm run workbook -- list` to see them all.');
  });

  it('catches transpositions and a wrong number in a folder name', () => {
    expect(unknown('ont-to-one').suggestions[0]).toBe('01-one-to-one');
    expect(unknown('02-one-to-one').suggestions[0]).toBe('01-one-to-one');
  });

  it('suggests at most three lessons, each one of the manifest', () => {
    const folders = lessons.map(lessonFolder);
    for (const q of ['one', 'to', 'warmup', 'lesson', 'many-to-one']) {
      const e = findLessonError(q);
      if (!e) continue;
      expect(e.suggestions.length).toBeLessThanOrEqual(3);
      for (const s of e.suggestions) expect(folders).toContain(s);
    }
  });

  it('suggests nothing when nothing is close, but still points to the list', () => {
    const e = unknown('xyz');
    expect(e.suggestions).toEqual([]);
    expect(e.message).toBe('No lesson "xyz". Run `npm run workbook -- list` to see them all.');
  });

  it('knows only the lessons in the manifest', () => {
    const e = unknown(String(lessons.length + 5));
    expect(e.suggestions).toEqual([]);
    expect(() => findLesson('')).toThrow(UnknownLessonError);
    expect(() => findLesson('lessons/')).toThrow(UnknownLessonError);
  });
});

describe('paths and order', () => {
  it('projectRoot is the folder that holds package.json', () => {
    expect(existsSync(join(projectRoot(), 'package.json'))).toBe(true);
    expect(existsSync(join(projectRoot(), 'lessons', 'course.json'))).toBe(true);
  });

  it('derives the lesson, solution and check paths', () => {
    const l = lessons[0];
    const folder = lessonFolder(l);
    expect(lessonDir(l)).toBe(join(projectRoot(), 'lessons', folder));
    expect(solutionDir(l)).toBe(join(projectRoot(), 'solutions', folder));
    expect(checkFile(l)).toBe(join(projectRoot(), 'lessons', folder, CHECK_FILE));
    expect(lessonDir(l, '/elsewhere')).toBe(join('/elsewhere', 'lessons', folder));
    expect(solutionDir(l, '/elsewhere')).toBe(join('/elsewhere', 'solutions', folder));
    expect(checkFile(l, '/elsewhere')).toBe(join('/elsewhere', 'lessons', folder, CHECK_FILE));
    expect(editablePaths(l)).toEqual(l.files.map((f) => join(projectRoot(), 'lessons', folder, f)));
    expect(editablePaths(l, '/copy')).toEqual(l.files.map((f) => join('/copy', f)));
  });

  it('walks the manifest in order', () => {
    lessons.forEach((l, i) => {
      expect(lessonIndex(l)).toBe(i);
      expect(lessonIndex({ ...l })).toBe(i);
      expect(nextLesson(l)).toBe(lessons[i + 1]);
    });
    expect(nextLesson(lessons[lessons.length - 1])).toBeUndefined();
  });

  it('puts the capstone last, after 14 and 15, without renumbering it (ids are not the order)', () => {
    expect(lessons.map((l) => l.id)).toEqual(['00', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '14', '15', '13']);
    expect(nextLesson(findLesson('12'))?.id).toBe('14');
    expect(nextLesson(findLesson('15'))?.id).toBe('13');
    expect(nextLesson(findLesson('capstone'))).toBeUndefined();
    expect(findLesson('13').slug).toBe('capstone');
  });
});
