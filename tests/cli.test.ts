/** The command line as a user runs it: exit codes, --from, --json, unknown lessons, reset's backup. */
import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { findLesson, lessonDir, projectRoot, solutionDir } from '../runner/course/lessons.ts';
import { resetLesson } from '../runner/commands/reset.ts';
import { CLI_SHELL, runCli } from './helpers/workbook-cli.ts';
import { defaultState, markResult, ProgressStore } from '../runner/course/progress.ts';

const root = projectRoot();
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

const cli = (...args: string[]) => runCli(root, args);

describe('verify', () => {
  it('passes the solution (exit 0, JSON verdict)', () => {
    const r = cli('verify', '01', '--from', 'solutions/01-one-to-one', '--json');
    expect(r.code, r.err).toBe(0);
    const v = JSON.parse(r.out) as { lesson: string; passed: boolean; checks: Array<{ state: string }> };
    expect(v.lesson).toBe('01-one-to-one');
    expect(v.passed).toBe(true);
    expect(v.checks.every((c) => c.state === 'pass')).toBe(true);
  });

  it('fails the starter (exit 1) with messages that say what to change', () => {
    const r = cli('verify', '01', '--from', 'lessons/01-one-to-one/.starter', '--json');
    expect(r.code).toBe(1);
    const v = JSON.parse(r.out) as { passed: boolean; checks: Array<{ state: string; message: string | null }> };
    expect(v.passed).toBe(false);
    expect(v.checks.filter((c) => c.state === 'fail').map((c) => c.message).join('\n')).toMatch(/foreignKey: 'userId' on both sides/);
  });

  it('an unknown lesson is bad usage (exit 2) and suggests close names', () => {
    const r = cli('verify', 'one-to-on');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/No lesson "one-to-on".*01-one-to-one/s);
  });

  it('a --from folder that does not exist is bad usage (exit 2)', () => {
    const r = cli('verify', '01', '--from', 'no/such/folder');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no such folder/);
  });

  it('an unknown command prints the help (exit 2)', () => {
    const r = cli('frobnicate');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Unknown command "frobnicate"/);
  });
});

describe('list and read', () => {
  it('list shows every lesson and a progress bar', () => {
    const r = cli('list');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/01\s+One-to-one/);
    expect(r.out).toMatch(/\d+\/\d+ lessons/);
  });

  it('list with arguments is bad usage (exit 2), not a silent full listing', () => {
    const r = cli('list', '03');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/list takes no arguments/);
    expect(r.out).toBe('');
  });

  it('read renders the explanation without colour codes under NO_COLOR', () => {
    const r = cli('read', '01');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/One-to-one/);
    expect(r.out).not.toMatch(/\x1b\[/);
  });
});

describe('reset', () => {
  it('backs up the learner\'s files before restoring the starter', () => {
    const lesson = findLesson('01');
    const copy = mkdtempSync(join(tmpdir(), 'workbook-reset-'));
    temps.push(copy);
    const dir = join(copy, 'lessons', '01-one-to-one');
    mkdirSync(dir, { recursive: true });
    cpSync(join(lessonDir(lesson), '.starter'), join(dir, '.starter'), { recursive: true });
    writeFileSync(join(dir, 'models.ts'), '// my work in progress\n');
    const { backup } = resetLesson(lesson, copy, new Date('2026-01-02T03:04:05Z'));
    expect(backup).toBeDefined();
    expect(readFileSync(join(backup!, 'models.ts'), 'utf8')).toBe('// my work in progress\n');
    expect(readFileSync(join(dir, 'models.ts'), 'utf8')).toBe(readFileSync(join(lessonDir(lesson), '.starter', 'models.ts'), 'utf8'));
    expect(existsSync(join(copy, '.workbook', 'backups', '01-one-to-one'))).toBe(true);
  });

  /** A copy of the project whose progress says lesson 01 passed. */
  function passedCopy(): string {
    const copy = mkdtempSync(join(tmpdir(), 'workbook-reset-'));
    temps.push(copy);
    for (const part of ['package.json', 'tsconfig.json', 'runner', 'lessons']) cpSync(join(root, part), join(copy, part), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
    const state = defaultState();
    markResult(state, '01', { passing: 9, total: 9, passed: true });
    new ProgressStore(copy).save(state);
    return copy;
  }
  const inCopy = (copy: string, ...args: string[]) => runCli(copy, args);

  it('marks the lesson not passed: list and report stop calling it done', () => {
    const copy = passedCopy();
    expect(inCopy(copy, 'list').out).toMatch(/done\s+01/);
    const r = inCopy(copy, 'reset', '01', '--yes');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Restored the starter files of 01/);
    expect(new ProgressStore(copy).load().state.lessons['01'].passed).toBe(false);
    expect(inCopy(copy, 'list').out).not.toMatch(/done\s+01/);
  });

  it.skipIf(spawnSync('script', ['--version']).status !== 0)('on a terminal it asks first, and anything but y changes nothing', () => {
    const copy = passedCopy();
    const models = join(copy, 'lessons', '01-one-to-one', 'models.ts');
    writeFileSync(models, '// mine\n');
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', TERM: 'xterm' };
    const ask = (answer: string) => spawnSync('script', ['-qfec', `${CLI_SHELL} reset 01`, '/dev/null'], { cwd: copy, env, input: answer, encoding: 'utf8' }).stdout;
    const no = ask('n\n');
    expect(no).toMatch(/Reset 01 · .* to its starter\?.*\(y\/n\)/);
    expect(no).toMatch(/Reset cancelled/);
    expect(readFileSync(models, 'utf8')).toBe('// mine\n');
    expect(ask('y\n')).toMatch(/Restored the starter files of 01/);
    expect(readFileSync(models, 'utf8')).not.toBe('// mine\n');
  });
});

describe('--help', () => {
  it("the README's command table has every command, and verify's lesson reads as required", () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    for (const name of ['watch', 'book', 'list', 'read', 'hint', 'reset', 'solution', 'schema', 'verify', 'grade', 'autograding', 'report']) expect(readme).toContain(`| \`${name}`);
    expect(readme).toContain('`verify <lesson> \\| --all');
    expect(cli('--help').out).toContain('verify <lesson> | --all');
  });

  it('names every command and fits an 80-column terminal', () => {
    const r = cli('--help');
    expect(r.code).toBe(0);
    for (const name of ['watch', 'book', 'list', 'read', 'hint', 'reset', 'solution', 'schema', 'verify', 'grade', 'autograding', 'report', 'doctor']) {
      expect(r.out).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
    }
    const widest = Math.max(...r.out.split('\n').map((l) => [...l].length));
    expect(widest).toBeLessThanOrEqual(80);
  });
});

describe('solution --diff', () => {
  it("labels the sides, and shows the solution's lines as + and the learner's as -", () => {
    const r = cli('solution', '02', '--diff');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('lessons/02-one-to-many/models.ts (- yours) → solutions/02-one-to-many/models.ts (+ the solution)');
    const solved = readFileSync(join(root, 'solutions/02-one-to-many/models.ts'), 'utf8').split('\n').find((l) => l.includes('Author.hasMany('));
    expect(solved).toBeDefined();
    expect(r.out.split('\n')).toContain(`+ ${solved}`);
  });
});

describe('report', () => {
  it('an --out that cannot be written is a plain error (exit 1)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'workbook-report-'));
    temps.push(dir);
    writeFileSync(join(dir, 'blocker'), 'a file where a folder should be');
    const r = cli('report', '--out', join(dir, 'blocker', 'progress.md'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^Could not write your report to .*progress\.md \(\w+\)/);
  });
});

describe('when the progress folder cannot be written', () => {
  /** A project copy with a file where .workbook/ should be, and lesson 01 solved. */
  function readOnlyProgress(): string {
    const copy = mkdtempSync(join(tmpdir(), 'workbook-noprogress-'));
    temps.push(copy);
    for (const part of ['package.json', 'tsconfig.json', 'runner', 'lessons']) cpSync(join(root, part), join(copy, part), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
    cpSync(solutionDir(findLesson('01')), lessonDir(findLesson('01'), copy), { recursive: true });
    writeFileSync(join(copy, '.workbook'), 'not a folder');
    return copy;
  }
  const run = (copy: string, ...args: string[]) => runCli(copy, args);

  it('verify still exits with the verdict (0 for a pass) and warns on stderr', () => {
    const copy = readOnlyProgress();
    const r = run(copy, 'verify', '01', '--json');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).passed).toBe(true);
    expect(r.err).toMatch(/could not save your progress/);
    expect(r.err).not.toMatch(/\bat \w+ \(/); // no stack trace
  });

  it('hint still shows the hint; reset refuses in plain words and changes nothing', () => {
    const copy = readOnlyProgress();
    const hint = run(copy, 'hint', '01');
    expect(hint.code, hint.err).toBe(0);
    expect(hint.out).toMatch(/Hint for 01[\s\S]*hint 1 of \d[\s\S]*could not save your progress/);
    const models = join(lessonDir(findLesson('01'), copy), 'models.ts');
    const before = readFileSync(models, 'utf8');
    const reset = run(copy, 'reset', '01');
    expect(reset.code).toBe(1);
    expect(reset.err).toMatch(/^Could not back up your files to .*nothing was reset/);
    expect(reset.err).not.toMatch(/\bat \w+ \(/);
    expect(readFileSync(models, 'utf8')).toBe(before);
  });
});

// The DDL is the database's own: tests/postgres/schema-command.test.ts has PostgreSQL's.
describe.runIf((process.env.WORKBOOK_DB ?? 'sqlite') === 'sqlite')('schema', () => {
  it("prints the DDL the models produce: the starter's UserId, the solution's userId with its ON DELETE", () => {
    const starter = cli('schema', '01', '--from', 'lessons/01-one-to-one/.starter');
    expect(starter.code, starter.err).toBe(0);
    expect(starter.out).toContain('CREATE TABLE `LibraryCards`');
    expect(starter.out).toContain('`UserId` INTEGER REFERENCES `Users` (`id`) ON DELETE SET NULL');
    const solved = cli('schema', '01', '--from', 'solutions');
    expect(solved.code, solved.err).toBe(0);
    expect(solved.out).toContain('`userId` INTEGER NOT NULL UNIQUE REFERENCES `Users` (`id`) ON DELETE CASCADE');
  });

  it("a copy outside the project (no package.json, no node_modules) is read with the workbook's Sequelize", () => {
    const dir = mkdtempSync(join(tmpdir(), 'workbook-schema-'));
    temps.push(dir);
    cpSync(solutionDir(findLesson('01')), join(dir, '01-one-to-one'), { recursive: true });
    const r = cli('schema', '01', '--from', dir);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('`userId` INTEGER NOT NULL UNIQUE REFERENCES `Users` (`id`) ON DELETE CASCADE');
  });

  it('a registry lesson (models/index.ts) is loaded through its index', () => {
    const r = cli('schema', '11', '--from', 'solutions');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/CREATE TABLE `Posts` \([^;]*\n  `authorId` INTEGER REFERENCES `Users`/);
  });

  it('models whose tables cannot be created: exit 1 and the kit\'s explanation, not a stack', () => {
    // Outside the project: a copy with no node_modules of its own still finds the workbook's Sequelize.
    const dir = mkdtempSync(join(tmpdir(), 'workbook-schema-'));
    temps.push(dir);
    writeFileSync(
      join(dir, 'models.ts'),
      `import { DataTypes, type Sequelize } from 'sequelize';
export function defineModels(sequelize: Sequelize) {
  const User = sequelize.define('User', { name: DataTypes.STRING });
  const LibraryCard = sequelize.define('LibraryCard', { cardNumber: DataTypes.STRING });
  User.hasOne(LibraryCard, { foreignKey: 'userId' });
  LibraryCard.belongsTo(User);
  return { User, LibraryCard };
}
`,
    );
    const r = cli('schema', '01', '--from', dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Creating the tables failed: LibraryCards would get two columns named userId and UserId');
    expect(r.err).toContain('(Sequelize said: SQLITE_ERROR: duplicate column name: UserId)');
  });
});
