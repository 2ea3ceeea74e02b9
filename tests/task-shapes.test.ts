/**
 * lessons/task-shapes.json: what each task calls for, committed so the task-schema guard also judges
 * where solutions/ is absent (a student's copy handed out without it, grading's sandbox, which never
 * shows it). It must equal what the solutions define, and grading must use it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lessonFolder, findLesson, projectRoot, solutionDir } from '../runner/course/lessons.ts';
import { taskShapesFromSolutions, taskShapesPath } from '../runner/course/task-shapes-file.ts';
import { grade } from '../runner/commands/grade.ts';
import type { GradeBook } from '../runner/classroom/grades.ts';
import { sandboxSupport } from '../runner/engine/sandbox.ts';

const tmp = mkdtempSync(join(tmpdir(), 'workbook-task-shapes-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('lessons/task-shapes.json', () => {
  it('is what the solutions define (run `npm run task-shapes` after changing a solution)', async () => {
    const committed = JSON.parse(readFileSync(taskShapesPath(), 'utf8')) as unknown;
    expect(committed).toEqual(JSON.parse(JSON.stringify(await taskShapesFromSolutions())));
  });

  it('holds shapes only: no declaration of a solution as written', () => {
    expect(readFileSync(taskShapesPath(), 'utf8')).not.toMatch(/belongsTo\(|hasOne\(|hasMany\(|"label"/);
  });

  // In grading's sandbox (Linux with user namespaces) the check process never sees solutions/, so only the
  // committed file can tell the guard what the task calls for; without it the guard would be skipped and this pass.
  it.skipIf(!sandboxSupport().ok && process.env.CI !== 'true')("grading catches a stray key through it, where the student's check process cannot see solutions/", async () => {
    // Lesson 08 with Post.hasOne(User) for Post.belongsTo(User): only the guard rejects it.
    const lesson = findLesson('08');
    const copy = join(tmp, 'class', 'stray-key', 'lessons', lessonFolder(lesson));
    mkdirSync(copy, { recursive: true });
    cpSync(solutionDir(lesson), copy, { recursive: true });
    cpSync(join(projectRoot(), 'package.json'), join(tmp, 'class', 'stray-key', 'package.json'));
    const models = join(copy, 'models.ts');
    const text = readFileSync(models, 'utf8');
    expect(text).toContain('  Post.belongsTo(User, { foreignKey: userId,');
    writeFileSync(models, text.replace('  Post.belongsTo(User, { foreignKey: userId,', '  Post.hasOne(User, { foreignKey: userId,'));
    const out = join(tmp, 'grades.json');
    expect(await grade([join(tmp, 'class', '*'), '--lessons', '08', '--timeout', '60', '--out', out])).toBe(0);
    const book = JSON.parse(readFileSync(out, 'utf8')) as GradeBook;
    const cell = book.students[0].cells[0];
    expect(cell.status).toBe('failed');
    const guard = cell.failures.find((f) => /the task calls for/.test(f.name));
    expect(guard?.message, JSON.stringify(cell.failures)).toMatch(/Users has a foreign key .* that the task does not ask for/);
  });
});
