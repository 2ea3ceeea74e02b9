/**
 * Teachers' own lessons, in a copy of the project: `new` scaffolds a lesson, it is rewritten into a
 * clinic's patients and appointments, and `dev check` proves it; then broken variants, each failing
 * with its own line; and the course's order (lessons/course.json) drives list, autograding, grade and
 * the book. Each case asks dev check only for the parts it needs (`--only`), to keep CPU low.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../runner/course/lessons.ts';
import { CLI_ARGS } from './helpers/workbook-cli.ts';

const root = projectRoot();
const copy = mkdtempSync(join(tmpdir(), 'workbook-authoring-'));
const fixtures = join(root, 'tests/fixtures/authoring');
const FOLDER = '16-clinic-appointments';
const lessonPath = (f: string) => join(copy, 'lessons', FOLDER, f);
const solutionPath = (f: string) => join(copy, 'solutions', FOLDER, f);

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [...CLI_ARGS, ...args], { cwd: copy, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', WORKBOOK_SANDBOX: '0' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Runs `body` with `path` rewritten by `edit`, then puts the file back. */
async function withEdit(path: string, edit: (text: string) => string, body: () => void | Promise<void>): Promise<void> {
  const before = readFileSync(path, 'utf8');
  writeFileSync(path, edit(before));
  try {
    await body();
  } finally {
    writeFileSync(path, before);
  }
}

const fixture = (name: string) => readFileSync(join(fixtures, name), 'utf8');

beforeAll(() => {
  for (const part of ['package.json', 'tsconfig.json', 'vitest.config.ts', 'runner', 'lessons', 'solutions', 'README.md', '.github']) cpSync(join(root, part), join(copy, part), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
  // A short course keeps list, grade and the book cheap: two of ours, the new one goes between them.
  writeFileSync(join(copy, 'lessons/course.json'), JSON.stringify({ lessons: ['00-warm-up', '01-one-to-one'] }));
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe('new', () => {
  it('scaffolds a lesson after the one named, with the next free number', () => {
    const r = cli('new', 'clinic-appointments', '--after', '00');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`lessons/${FOLDER}/checks.test.ts`);
    expect(JSON.parse(readFileSync(join(copy, 'lessons/course.json'), 'utf8'))).toEqual({ lessons: ['00-warm-up', FOLDER, '01-one-to-one'] });
    expect(readFileSync(lessonPath('models.ts'), 'utf8')).toBe(readFileSync(lessonPath('.starter/models.ts'), 'utf8'));
    expect(readFileSync(lessonPath('models.ts'), 'utf8')).toMatch(/TODO 1\./);
  });

  it('refuses a bad slug, an existing lesson and an unknown --after, in one line (exit 2)', () => {
    for (const [args, said] of [
      [['new', 'Clinic_Appointments'], /is not a lesson slug/],
      [['new', 'clinic-appointments'], new RegExp(`a lesson ${FOLDER} already exists`)],
      [['new', 'pharmacy', '--after', '77'], /--after 77: no such lesson/],
    ] as const) {
      const r = cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err.trim().split('\n'), r.err).toHaveLength(1);
      expect(r.err).toMatch(said);
    }
  });

  it('the scaffold itself is sound: its starter fails and its solution passes', () => {
    const r = cli('dev', 'check', '16', '--only', 'structure,shapes,verdicts');
    expect(r.code, r.out + r.err).toBe(0);
  });
});

describe('a lesson rewritten into a clinic', () => {
  beforeAll(() => {
    writeFileSync(lessonPath('models.ts'), fixture('models.starter.ts.txt'));
    writeFileSync(lessonPath('.starter/models.ts'), fixture('models.starter.ts.txt'));
    writeFileSync(solutionPath('models.ts'), fixture('models.solution.ts.txt'));
    writeFileSync(lessonPath('checks.test.ts'), fixture('checks.test.ts.txt'));
    writeFileSync(lessonPath('lesson.json'), fixture('lesson.json'));
  });

  it('passes dev check with --fix (its task shape written), everything judged on both databases', () => {
    const r = cli('dev', 'check', '16', '--fix');
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.err).toMatch(/wrote lessons\/task-shapes.json's entry for 16-clinic-appointments/);
    expect(r.err).toMatch(/mutants: \d+ rejected/);
    expect(r.out).toMatch(/1 lesson\(s\) sound/);
  });

  it('names each structural problem in its own line: an empty hint, a missing starter file, an extra file, a check using vi', async () => {
    await withEdit(lessonPath('lesson.json'), (t) => t.replace(/"hints": \[\n    "[^"]*"/, '"hints": [\n    "  "'), () =>
      withEdit(lessonPath('checks.test.ts'), (t) => t.replace("import { describe, it, expect } from 'vitest';", "import { describe, it, expect, vi } from 'vitest';\nvi.useFakeTimers();"), () => {
        unlinkSync(lessonPath('.starter/models.ts'));
        writeFileSync(solutionPath('notes.md'), 'my notes');
        try {
          const r = cli('dev', 'check', '16', '--only', 'structure');
          expect(r.code).toBe(1);
          const lines = r.out.trim().split('\n');
          expect(lines).toContain(`lessons/${FOLDER}/lesson.json: hint 1 is empty: write it, or remove it from "hints".`);
          expect(lines.find((l) => l.startsWith(`lessons/${FOLDER}/.starter/models.ts: missing`))).toBeDefined();
          expect(lines.find((l) => l.startsWith(`solutions/${FOLDER}/notes.md: not one of the lesson's files`))).toBeDefined();
          expect(lines.find((l) => /^lessons\/16-clinic-appointments\/checks\.test\.ts:1: `vi` from vitest is not in the engine/.test(l))).toBeDefined();
          expect(lines.find((l) => /^lessons\/16-clinic-appointments\/checks\.test\.ts:2: `vi\.useFakeTimers` is not in the engine/.test(l))).toBeDefined();
        } finally {
          writeFileSync(lessonPath('.starter/models.ts'), fixture('models.starter.ts.txt'));
          unlinkSync(solutionPath('notes.md'));
        }
      }),
    );
  });

  it('a starter that passes', async () => {
    await withEdit(lessonPath('.starter/models.ts'), () => fixture('models.solution.ts.txt'), () => {
      const r = cli('dev', 'check', '16', '--only', 'verdicts');
      expect(r.code).toBe(1);
      expect(r.out).toContain(`lessons/${FOLDER}/.starter: passes every check on sqlite: the starter must leave the task undone`);
      expect(r.out).not.toMatch(/^solutions\//m);
    });
  });

  it('a solution that fails on PostgreSQL only', async () => {
    await withEdit(solutionPath('models.ts'), (t) => t.replaceAll("onDelete: 'RESTRICT'", "onDelete: sequelize.getDialect() === 'postgres' ? 'CASCADE' : 'RESTRICT'"), () => {
      const r = cli('dev', 'check', '16', '--only', 'other-db');
      expect(r.code).toBe(1);
      expect(r.out).toMatch(new RegExp(`^solutions/${FOLDER}: fails ".*ON DELETE RESTRICT" on postgres \\(.*RESTRICT`, 'm'));
      expect(r.out).not.toMatch(/on sqlite/);
    });
  });

  it('a check file that accepts a wrong answer: the mutant named with its edit and line', async () => {
    // With no check on what a delete does (no ON DELETE in the key check, no delete, no "either order"),
    // the hasMany without its onDelete (Sequelize then makes the NOT NULL key CASCADE) goes unnoticed.
    const weaker = (t: string) =>
      t
        .replace(/  it\('Appointments\.patientId is the same whichever side[\s\S]*?\n  }\);\n/, '')
        .replace(/\n  it\('cannot be deleted while[\s\S]*?\n  }\);\n/, '\n')
        .replace(", allowNull: false, onDelete: 'RESTRICT' });", ', allowNull: false });');
    await withEdit(lessonPath('checks.test.ts'), weaker, () => {
      expect(readFileSync(lessonPath('checks.test.ts'), 'utf8')).not.toMatch(/onDelete: 'RESTRICT'|toKeepKeysInEitherOrder|toRestrictDelete/);
      const r = cli('dev', 'check', '16', '--only', 'mutants');
      expect(r.code).toBe(1);
      const line = solutionLineOf('Patient.hasMany(Appointment');
      expect(r.out).toContain(
        `solutions/${FOLDER}/models.ts:${line}: \`Patient.hasMany(Appointment, { as: 'appointments', foreignKey: patientId, onDelete: 'RESTRICT' });\` changed to \`Patient.hasMany(Appointment, { as: 'appointments', foreignKey: patientId });\` still passes (its schema or declarations differ from the solution): add a check that rejects it, or list it in lesson.json's mutantsEquivalent or mutantsOutOfScope with the reason.`,
      );
      expect(r.out.split('\n').filter((l) => l.startsWith('solutions/'))).toHaveLength(1);
    });
  });

  it('stale task shapes, written again by --fix', async () => {
    await withEdit(solutionPath('models.ts'), (t) => t.replace('reason: DataTypes.STRING,', 'reason: { type: DataTypes.STRING, allowNull: false },'), () => {
      const stale = cli('dev', 'check', '16', '--only', 'shapes');
      expect(stale.code).toBe(1);
      expect(stale.out).toContain(`lessons/task-shapes.json: has a stale entry for ${FOLDER}/models.ts#defineModels (the solution's models changed): run \`npm run workbook -- dev check --fix\` to write it.`);
      expect(cli('dev', 'check', '16', '--only', 'shapes', '--fix').code).toBe(0);
      expect(cli('dev', 'check', '16', '--only', 'shapes').code).toBe(0);
    });
    expect(cli('dev', 'check', '16', '--only', 'shapes', '--fix').code).toBe(0);
  });
});

function solutionLineOf(text: string): number {
  return readFileSync(solutionPath('models.ts'), 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;
}

/** The course the book's server gives its page (`/api/course`), from `book --no-open` run in the copy. */
async function bookCourse(): Promise<string[]> {
  const child = spawn(process.execPath, [...CLI_ARGS, 'book', '--no-open'], { cwd: copy, env: { ...process.env, NO_COLOR: '1' } });
  try {
    const url = await new Promise<URL>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /is at (http:\/\/\S+)/.exec(out);
        if (m) resolve(new URL(m[1]));
      });
      child.on('exit', (code) => reject(new Error(`book exited (${code}) before serving: ${out}`)));
    });
    const body = await new Promise<string>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: '/api/course', headers: { host: url.host } }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (d: string) => (text += d));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.end();
    });
    return (JSON.parse(body) as { lessons: Array<{ id: string }> }).lessons.map((l) => l.id);
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

function gradedLessons(): string[] {
  const student = join(copy, 'class', 'ada');
  rmSync(student, { recursive: true, force: true });
  mkdirSync(student, { recursive: true });
  cpSync(join(copy, 'solutions'), join(student, 'lessons'), { recursive: true });
  const r = cli('grade', student, '--format', 'json');
  expect(r.code, r.err).toBe(0);
  const book = JSON.parse(r.out) as { lessons: Array<{ folder: string }>; lessonTotals: number[] };
  expect(book.lessonTotals.every((n) => n === 1), 'the solutions pass every lesson').toBe(true);
  return book.lessons.map((l) => l.folder);
}

describe('the course order drives every view of the course', () => {
  it('a new lesson shows up in list, autograding, grade and the book', async () => {
    expect(cli('list').out).toMatch(/00 .*\n.*16\s+A clinic: patients and their appointments\n.*01 /);
    const tests = (JSON.parse(cli('autograding').out) as { tests: Array<{ name: string }> }).tests.map((t) => t.name);
    expect(tests).toEqual(['00 Warm-up: one model, a few rules', '16 A clinic: patients and their appointments', '01 One-to-one: a user and a library card']);
    expect(gradedLessons()).toEqual(['00-warm-up', FOLDER, '01-one-to-one']);
    expect(await bookCourse()).toEqual(['00', '16', '01']);
  });

  it('a lesson left out of course.json disappears from all of them', async () => {
    writeFileSync(join(copy, 'lessons/course.json'), JSON.stringify({ lessons: [FOLDER, '00-warm-up'] }));
    const list = cli('list').out;
    expect(list).not.toMatch(/\b01\s+One-to-one/);
    expect(list).toMatch(/16\s+A clinic[^\n]*\n[^\n]*00\s+Warm-up/);
    const tests = (JSON.parse(cli('autograding').out) as { tests: Array<{ name: string; run: string }> }).tests;
    expect(tests.map((t) => t.run).join('\n')).not.toMatch(/verify 01\b/);
    expect(tests).toHaveLength(2);
    expect(gradedLessons()).toEqual([FOLDER, '00-warm-up']);
    expect(await bookCourse()).toEqual(['16', '00']);
  });

  it('a broken course file is one line naming the file and the fix (exit 2)', () => {
    writeFileSync(join(copy, 'lessons/course.json'), JSON.stringify({ lessons: [FOLDER, '02-no-such-lesson'] }));
    const r = cli('list');
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe('lessons/course.json lists "02-no-such-lesson" but lessons/02-no-such-lesson/ does not exist: create it (npm run workbook -- new <slug>) or remove it from the list.');
  });
});
