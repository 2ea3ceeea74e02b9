/**
 * The lesson's two verdicts that must hold: its solution passes every check and its starter fails
 * one (with a check's message, not a crash), in the engine on this process's database; and plain
 * Vitest (what editor users run) agrees with the engine check by check.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECK_FILE, lessonDir, lessonFolder, type LessonEntry } from '../course/lessons.ts';
import { runLessons } from '../engine/run-course.ts';
import type { Verdict } from '../engine/verdict.ts';
import { databaseChoice } from '../kit/db/choice.ts';
import type { Problem } from './problem.ts';

export type Source = 'solution' | 'starter';
/** Each check's state ('pass' or 'fail') by "lesson folder > check name", as Vitest's JSON report names them. */
export type CheckStates = Map<string, 'pass' | 'fail'>;

const firstLine = (s: string | undefined) => (s ?? '').trim().split('\n')[0];

/**
 * Time limits far above watch mode's (as the mutants' judge has): on a loaded machine a slow run must
 * not read as a solution that fails. The solutions and the starters run at once, half the cores each.
 */
const POOL = { runTimeoutMs: 120_000, checkTimeoutMs: 30_000, warm: Math.max(1, Math.floor(availableParallelism() / 2)) };

/** A lessons root holding each lesson's .starter/ files (engine and Vitest take one root per run). */
function starterRoot(lessons: LessonEntry[], root: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'workbook-dev-starter-'));
  for (const l of lessons) cpSync(join(lessonDir(l, root), '.starter'), join(dir, lessonFolder(l)), { recursive: true });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function statesOf(verdicts: Verdict[]): CheckStates {
  const states: CheckStates = new Map();
  for (const v of verdicts) for (const c of v.checks) states.set(`${v.lesson} > ${c.name.replaceAll(' > ', ' ')}`, c.state === 'pass' ? 'pass' : 'fail');
  return states;
}

function solutionProblems(v: Verdict, db: string): Problem[] {
  const file = `solutions/${v.lesson}`;
  if (v.problem) return [{ file, message: `the checks could not run on ${db} (${firstLine(v.problem)}): fix the solution, or the check file.` }];
  if (v.checks.length === 0) return [{ file: `lessons/${v.lesson}/${CHECK_FILE}`, message: 'has no checks: write at least one `it(...)`.' }];
  return v.checks
    .filter((c) => c.state !== 'pass' && c.state !== 'skip')
    .map((c) => ({ file, message: `fails "${c.name}" on ${db} (${firstLine(c.message)}): fix the solution, or the check if it is wrong on ${db}.` }));
}

function starterProblems(v: Verdict, db: string): Problem[] {
  const file = `lessons/${v.lesson}/.starter`;
  if (v.problem) return [{ file, message: `crashes the checks on ${db} (${firstLine(v.problem)}): the starter must load and fail a check with its message.` }];
  if (v.passed) return [{ file, message: `passes every check on ${db}: the starter must leave the task undone (take the answer out of it), or the checks miss the task.` }];
  if (!v.checks.some((c) => c.state === 'fail')) return [{ file, message: `fails only with errors on ${db}, no check fails with a message: make the starter load, so a check can say what to do.` }];
  // Every check the starter fails must say what to change: a bare failure teaches nothing.
  return v.checks
    .filter((c) => c.state !== 'pass' && c.state !== 'skip' && !c.message)
    .map((c) => ({ file: `lessons/${v.lesson}/${CHECK_FILE}`, message: `"${c.name}" fails the starter on ${db} without a message: give its expect a message (or use a kit matcher) that says what to change.` }));
}

export interface EngineRun {
  problems: Problem[];
  states: Record<Source, CheckStates>;
}

/** Runs the solutions and the starters in the engine, both at once. */
export async function engineVerdicts(lessons: LessonEntry[], root: string): Promise<EngineRun> {
  const db = databaseChoice().dialect;
  const starters = starterRoot(lessons, root);
  try {
    const [solved, started] = await Promise.all([runLessons(lessons, { from: join(root, 'solutions'), root }, POOL), runLessons(lessons, { from: starters.dir, root }, POOL)]);
    return {
      problems: [...solved.flatMap((v) => solutionProblems(v, db)), ...started.flatMap((v) => starterProblems(v, db))],
      states: { solution: statesOf(solved), starter: statesOf(started) },
    };
  } finally {
    starters.remove();
  }
}

interface VitestJson {
  testResults: Array<{ name: string; message?: string; assertionResults: Array<{ fullName: string; status: string }> }>;
}

/** Vitest's own per-test limit, raised where the engine's is (WORKBOOK_CHECK_TIMEOUT_MS): verdicts are compared, not speed. */
function vitestLimits(): string[] {
  const ms = process.env.WORKBOOK_CHECK_TIMEOUT_MS;
  return ms ? ['--testTimeout', ms, '--hookTimeout', ms] : [];
}

function vitestRun(lessons: LessonEntry[], root: string, from: string): Promise<CheckStates | string> {
  const files = lessons.map((l) => `lessons/${lessonFolder(l)}/${CHECK_FILE}`);
  return new Promise((resolve) => {
    const child = spawn(join(root, 'node_modules/.bin/vitest'), ['run', '--config', 'vitest.config.ts', '--reporter=json', ...vitestLimits(), ...files], { cwd: root, env: { ...process.env, WORKBOOK_FROM: from, NO_COLOR: '1' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e) => resolve(e.message));
    child.on('close', () => {
      try {
        const report = JSON.parse(out.slice(out.indexOf('{'))) as VitestJson;
        const states: CheckStates = new Map();
        for (const file of report.testResults) {
          const folder = file.name.split('/').at(-2)!;
          for (const a of file.assertionResults) states.set(`${folder} > ${a.fullName}`, a.status === 'passed' ? 'pass' : 'fail');
        }
        resolve(states);
      } catch {
        resolve(firstLine(err.split('\n').filter(Boolean).at(-1)) || 'no report');
      }
    });
  });
}

function parityProblems(source: Source, engine: CheckStates, vitest: CheckStates | string): Problem[] {
  if (typeof vitest === 'string') return [{ file: 'vitest.config.ts', message: `plain Vitest could not run the ${source}s' checks (${vitest}): run npx vitest run on the lesson to see why.` }];
  const out: Problem[] = [];
  for (const key of new Set([...engine.keys(), ...vitest.keys()])) {
    const [folder, check] = [key.slice(0, key.indexOf(' > ')), key.slice(key.indexOf(' > ') + 3)];
    const [e, v] = [engine.get(key), vitest.get(key)];
    if (e === v) continue;
    const said = (s: string | undefined) => (s === undefined ? 'does not run it' : s === 'pass' ? 'passes it' : 'fails it');
    out.push({ file: `lessons/${folder}/${CHECK_FILE}`, message: `"${check}" on the ${source}: the engine ${said(e)}, plain Vitest ${said(v)}: use only what both support (docs/check-kit.md; no state shared between checks).` });
  }
  return out;
}

/** Plain Vitest on the solutions and the starters (one run each, at once), against the engine's states. */
export async function vitestParity(lessons: LessonEntry[], root: string, engine: EngineRun['states']): Promise<Problem[]> {
  const starters = starterRoot(lessons, root);
  try {
    const [solved, started] = await Promise.all([vitestRun(lessons, root, join(root, 'solutions')), vitestRun(lessons, root, starters.dir)]);
    return [...parityProblems('solution', engine.solution, solved), ...parityProblems('starter', engine.starter, started)];
  } finally {
    starters.remove();
  }
}
