/**
 * The course itself: the manifest matches the folders, every solution passes all its checks and every
 * starter fails at least one with a check failure (not a crash), in the engine AND in plain Vitest.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { CHECK_FILE, lessons, lessonFolder, lessonDir, projectRoot, solutionDir } from '../runner/course/lessons.ts';
import { runLessons } from '../runner/engine/run-course.ts';
import type { Verdict } from '../runner/engine/verdict.ts';
import { copyCourse, type Source } from './helpers/course-copies.ts';

const root = projectRoot();

describe('the manifest', () => {
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

const failing = (v: Verdict) => v.checks.filter((c) => c.state !== 'pass' && c.state !== 'skip');

const copies = { solution: copyCourse('solution'), starter: copyCourse('starter') };
afterAll(() => Object.values(copies).forEach((c) => c.remove()));

// Each copy is run once in the engine; the parity check below compares Vitest with the same verdicts.
const engineRuns = new Map<Source, Promise<Verdict[]>>();
const inEngine = (source: Source) => {
  if (!engineRuns.has(source)) engineRuns.set(source, runLessons(lessons, { from: copies[source].dir }));
  return engineRuns.get(source)!;
};

describe('in the engine', () => {
  it('every solution passes every check', async () => {
    const verdicts = await inEngine('solution');
    for (const v of verdicts) {
      expect(v.problem, `${v.lesson}: ${v.problem}`).toBeUndefined();
      expect(failing(v).map((c) => `${v.lesson} > ${c.name}: ${c.message}`)).toEqual([]);
      expect(v.passed).toBe(true);
    }
  });

  it('every starter fails at least one check, with a check failure rather than a crash', async () => {
    const verdicts = await inEngine('starter');
    for (const v of verdicts) {
      expect(v.problem, `${v.lesson}: ${v.problem}`).toBeUndefined();
      expect(v.passed, `${v.lesson}'s starter passes`).toBe(false);
      expect(v.checks.some((c) => c.state === 'fail'), `${v.lesson}: no check failed as a check (only errors)`).toBe(true);
      for (const c of failing(v)) expect(c.message, `${v.lesson} > ${c.name} fails without a message`).toBeTruthy();
    }
  });
});

interface VitestJson {
  testResults: Array<{ name: string; assertionResults: Array<{ fullName: string; status: string }> }>;
}

function vitestStates(from: string): Map<string, string> {
  // Vitest's own per-test limit (5 s) raised as the engine's are (see tests/vitest.config.ts): verdicts are compared, not speed.
  const limit = process.env.WORKBOOK_CHECK_TIMEOUT_MS ?? '30000';
  const r = spawnSync(join(root, 'node_modules/.bin/vitest'), ['run', '--config', 'vitest.config.ts', '--reporter=json', '--testTimeout', limit, '--hookTimeout', limit, ...lessons.map((l) => `lessons/${lessonFolder(l)}/${CHECK_FILE}`)], {
    cwd: root,
    env: { ...process.env, WORKBOOK_FROM: from, NO_COLOR: '1' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const report = JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))) as VitestJson;
  const states = new Map<string, string>();
  for (const file of report.testResults) {
    const folder = file.name.split('/').at(-2)!;
    for (const a of file.assertionResults) states.set(`${folder} > ${a.fullName}`, a.status === 'passed' ? 'pass' : 'fail');
  }
  return states;
}

describe('in plain Vitest (npx vitest, the editor extension)', () => {
  it('gives the same verdict as the engine for every check of every starter and solution', async () => {
    for (const source of ['solution', 'starter'] as const) {
      const engine = new Map<string, string>();
      for (const v of await inEngine(source)) {
        for (const c of v.checks) engine.set(`${v.lesson} > ${c.name.replaceAll(' > ', ' ')}`, c.state === 'pass' ? 'pass' : 'fail');
      }
      const vitest = vitestStates(copies[source].dir);
      expect(vitest.size).toBeGreaterThan(0);
      expect(Object.fromEntries(vitest)).toEqual(Object.fromEntries(engine));
    }
    // The whole course four times over (engine and Vitest, starters and solutions): a safety net, not a speed target.
  }, 300_000);
});
