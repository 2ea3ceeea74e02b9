/**
 * lessons/course.json and each lesson.json: read and validated, every mistake one line naming the
 * file and the fix; and the course's own lessons pass dev check's static parts (structure, check files).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCourse } from '../runner/course/course-files.ts';
import { CourseFileError } from '../runner/errors/usage-error.ts';
import { checkFile, lessonFolder, lessons, projectRoot } from '../runner/course/lessons.ts';
import { structureProblems } from '../runner/authoring/structure.ts';
import { checkFileProblems } from '../runner/authoring/check-lint.ts';
import { problemLine } from '../runner/authoring/problem.ts';

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A project root with lessons/course.json and the given lesson.json texts (by folder). */
function course(order: unknown, lessonFiles: Record<string, string | undefined>): string {
  const root = mkdtempSync(join(tmpdir(), 'workbook-course-files-'));
  temps.push(root);
  mkdirSync(join(root, 'lessons'));
  writeFileSync(join(root, 'lessons/course.json'), typeof order === 'string' ? order : JSON.stringify(order));
  for (const [folder, text] of Object.entries(lessonFiles)) {
    mkdirSync(join(root, 'lessons', folder));
    if (text !== undefined) writeFileSync(join(root, 'lessons', folder, 'lesson.json'), text);
  }
  return root;
}

const ok = JSON.stringify({ title: 'A clinic', files: ['models.ts'], hints: ['one'] });
const failure = (root: string) => {
  try {
    loadCourse(root);
  } catch (e) {
    expect(e).toBeInstanceOf(CourseFileError);
    const message = (e as Error).message;
    expect(message.split('\n'), message).toHaveLength(1);
    return message;
  }
  throw new Error('loadCourse accepted a broken course');
};

describe('loadCourse', () => {
  it('reads the order from course.json and the id and slug from the folder name', () => {
    const root = course({ lessons: ['17-pharmacy', '16-clinic'] }, { '16-clinic': ok, '17-pharmacy': ok, '18-unused': undefined });
    expect(loadCourse(root).map((l) => [l.id, l.slug, l.title])).toEqual([
      ['17', 'pharmacy', 'A clinic'],
      ['16', 'clinic', 'A clinic'],
    ]);
  });

  it('names the file and the fix for each mistake', () => {
    expect(failure(course('{ "lessons": ["16-clinic",] }', { '16-clinic': ok }))).toMatch(/^lessons\/course\.json is not valid JSON \(.*\): fix its syntax/);
    expect(failure(course(['16-clinic'], { '16-clinic': ok }))).toMatch(/^lessons\/course\.json must be \{ "lessons": \[\.\.\.\] \}/);
    expect(failure(course({ lessons: ['Clinic'] }, {}))).toMatch(/"Clinic" is not a lesson folder name: write two digits/);
    expect(failure(course({ lessons: ['16-clinic', '16-pharmacy'] }, { '16-clinic': ok, '16-pharmacy': ok }))).toMatch(/two lessons with id 16: rename one folder/);
    expect(failure(course({ lessons: ['16-clinic'] }, {}))).toMatch(/lists "16-clinic" but lessons\/16-clinic\/ does not exist/);
    expect(failure(course({ lessons: ['16-clinic'] }, { '16-clinic': undefined }))).toMatch(/^lessons\/16-clinic\/lesson\.json is missing: write/);
    const lesson = (json: object) => failure(course({ lessons: ['16-clinic'] }, { '16-clinic': JSON.stringify(json) }));
    expect(lesson({ title: 'x', files: ['models.ts'], hints: [], hint: [] })).toMatch(/^lessons\/16-clinic\/lesson\.json has an unknown field "hint": the fields are title, files, hints/);
    expect(lesson({ title: '', files: ['models.ts'], hints: [] })).toMatch(/"title" must be the lesson's title/);
    expect(lesson({ title: 'x', files: ['../models.ts'], hints: [] })).toMatch(/"\.\.\/models\.ts" in "files" must be a path inside the lesson folder/);
    expect(lesson({ title: 'x', files: ['models.ts'], hints: 'one' })).toMatch(/"hints" must be a list of strings/);
    expect(lesson({ title: 'x', files: ['models.ts'], hints: [], mutantsOutOfScope: [{ file: 'queries.ts', why: 'given' }] })).toMatch(/mutantsOutOfScope\[0\]: "file" must be one of the lesson's files \(models\.ts\)/);
    expect(lesson({ title: 'x', files: ['models.ts'], hints: [], mutantsEquivalent: [{ file: 'models.ts' }] })).toMatch(/mutantsEquivalent\[0\]: "why" must say why/);
  });
});

describe("the course's own lessons", () => {
  it('pass dev check\'s structure and check-file parts', () => {
    const root = projectRoot();
    const problems = lessons.flatMap((l) => [...structureProblems(l, root), ...checkFileProblems(checkFile(l, root), `lessons/${lessonFolder(l)}/checks.test.ts`)]);
    expect(problems.map(problemLine)).toEqual([]);
  });
});

describe('the check-file lint', () => {
  it('names what the engine lacks, with its line, and leaves what it has alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'workbook-lint-'));
    temps.push(dir);
    const file = join(dir, 'checks.test.ts');
    writeFileSync(
      file,
      [
        "import { describe, it, test, expect, beforeEach } from 'vitest';",
        "describe.each([1, 2])('case %s', () => {});",
        "it.skip('later', () => {});",
        "test('x', () => { expect(1).toMatchInlineSnapshot(); expectTypeOf(1).toBeNumber(); });",
        "beforeEach(() => {}); it.todo('y'); describe.only('z', () => {});",
      ].join('\n'),
    );
    expect(checkFileProblems(file, 'c.ts').map((p) => `${p.file} ${p.message.split(':')[0]}`)).toEqual([
      'c.ts:2 `describe.each` is not in the engine',
      'c.ts:4 `toMatchInlineSnapshot` is not in the engine',
      'c.ts:4 `expectTypeOf` is not in the engine',
    ]);
  });
});
