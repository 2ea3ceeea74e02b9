/**
 * Grading in the sandbox where the workbook's folder is unusual. Found by `npm run bench`, whose
 * sandboxed grading "passed" ten copies three times faster than without the sandbox: every lesson had
 * crashed ("exited with code 2"), because
 * - Node loads packages by their real path, and a node_modules that is a link (an install shared
 *   between copies of the workbook, pnpm's layout) was not shown there in the sandbox;
 * - as root, the sandbox's user is nobody, who cannot enter a folder closed to others (under /root,
 *   or made by mkdtemp): grade now stops at once and says which folder, exit 2.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../runner/course/lessons.ts';
import { sandboxSupport } from '../runner/engine/sandbox.ts';
import { CLI_ARGS } from './helpers/workbook-cli.ts';

const support = sandboxSupport();
if (!support.ok && process.env.CI !== 'true') process.stderr.write(`grade-linked-modules: no sandbox here (${support.why}): skipped.\n`);
const root = projectRoot();
const project = mkdtempSync(join(tmpdir(), 'workbook-linked-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

/** A workbook in `project` whose node_modules is a link to this one's, with one student's copy of lesson 01 solved. */
function linkedWorkbook(): void {
  for (const entry of ['lessons', 'runner', 'package.json', 'tsconfig.json']) cpSync(join(root, entry), join(project, entry), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(project, 'node_modules'));
  cpSync(join(root, 'solutions', '01-one-to-one'), join(project, 'class', 'ada', 'lessons', '01-one-to-one'), { recursive: true });
}

const grade = () =>
  spawnSync(process.execPath, [...CLI_ARGS, 'grade', join(project, 'class', '*'), '--lessons', '01', '--out', join(project, 'grades.json')], {
    cwd: project,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });

describe.skipIf(!support.ok && process.env.CI !== 'true')('grade in the sandbox', () => {
  it('with node_modules as a link: the solution passes', () => {
    if (!support.ok) throw new Error(`CI=true but no sandbox for grading here: ${support.why}`);
    linkedWorkbook();
    chmodSync(project, 0o755);
    const r = grade();
    expect(r.status, r.stderr).toBe(0);
    const book = JSON.parse(readFileSync(join(project, 'grades.json'), 'utf8')) as { students: Array<{ cells: Array<{ status: string }> }> };
    expect(book.students[0].cells[0], JSON.stringify(book.students[0].cells[0])).toMatchObject({ status: 'passed' });
  });

  it.skipIf(process.getuid?.() !== 0)('as root, in a folder closed to others: one line naming it, exit 2, nothing graded', () => {
    chmodSync(project, 0o700);
    rmSync(join(project, 'grades.json'), { force: true });
    const r = grade();
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`nobody cannot enter ${project}`);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(() => readFileSync(join(project, 'grades.json'))).toThrow();
  });
});
