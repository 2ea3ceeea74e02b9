/**
 * The course itself: its order lists every lesson folder, and `dev check` passes on the whole course,
 * as a teacher proves a lesson of their own (docs/authoring.md): every solution passes all its checks
 * and every starter fails with a check's message (not a crash), in the engine AND in plain Vitest.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CHECK_FILE, lessons, lessonFolder, lessonDir, projectRoot, solutionDir } from '../runner/course/lessons.ts';
import { runCli } from './helpers/workbook-cli.ts';

const root = projectRoot();

describe('the course (lessons/course.json)', () => {
  it('lists every lesson folder once, and nothing else (in the course\'s order, which is not the ids\': the capstone is last)', () => {
    const folders = readdirSync(join(root, 'lessons'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(lessons.map(lessonFolder).sort()).toEqual(folders);
    const ids = lessons.map((l) => l.id);
    for (const id of ids) expect(id).toMatch(/^\d\d$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.at(-1)).toBe('13');
  });

  it.each(lessons.map((l) => [lessonFolder(l), l] as const))('%s has its explanation, checks, starter, solution and hints', (_name, l) => {
    for (const f of ['README.md', CHECK_FILE]) expect(existsSync(join(lessonDir(l), f)), `${f} missing`).toBe(true);
    for (const f of l.files) {
      expect(existsSync(join(lessonDir(l), f)), `lesson file ${f}`).toBe(true);
      expect(existsSync(join(lessonDir(l), '.starter', f)), `pristine starter .starter/${f}`).toBe(true);
      expect(existsSync(join(solutionDir(l), f)), `solution ${f}`).toBe(true);
    }
    expect(l.hints.length).toBeGreaterThanOrEqual(2);
  });
});

describe('dev check on the whole course', () => {
  it('passes: structure and check files, task shapes, every solution passes and every starter fails in the engine on this database, and plain Vitest agrees check by check', () => {
    // The other database is the other project's run of this file; the mutants, tests/mutants.test.ts's sample.
    const r = runCli(root, ['dev', 'check', '--skip', 'other-db,mutants']);
    // Each problem is a line on stdout; the last line says the course is sound.
    expect(r.out.trim(), `dev check found problems:\n${r.out}\n${r.err}`).toMatch(new RegExp(`^dev check: ${lessons.length} lesson\\(s\\) sound \\([\\d.]+ s\\)\\.$`));
    expect(r.code, r.err).toBe(0);
  }, 300_000);
});
