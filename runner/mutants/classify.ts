/**
 * Runs each mutant's lesson checks through the engine (warm children, one run each, as watch mode
 * does) and sorts it: rejected, equivalent (proved by ./prove.ts), or accepted but different (a real
 * miss). Mutants outside the lesson's task are listed, not run.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { lessonFolder, type LessonEntry, solutionDir } from '../course/lessons.ts';
import { ChildPool } from '../engine/pool.ts';
import { DEFAULTS, runLesson } from '../engine/run-lesson.ts';
import { settleScratch } from '../kit/db/prepare.ts';
import { writeMutant, type Mutant } from './apply.ts';
import { fingerprint, modelsFile } from './prove.ts';

export type Outcome = 'rejected' | 'equivalent' | 'real miss' | 'out of scope' | 'timed out';

/**
 * Time limits far above watch mode's: a loaded machine must not pass a slow check off as a rejection.
 * A run that still hits one is 'timed out' (tried twice), never counted as rejected.
 */
const LIMITS = { runTimeoutMs: 120_000, checkTimeoutMs: 30_000 };
const TIMED_OUT = /did not finish within|stopped by the time limit/;

export interface Judged {
  mutant: Mutant;
  outcome: Outcome;
  /** Rejected: whether some failing message uses the words of the edit's mistake (a heuristic). */
  named?: boolean;
  /** Rejected: the first failing message; real miss: why it is not equivalent. */
  message?: string;
  /** Rejected only by the other database's run (`--both`): which one. */
  on?: 'sqlite' | 'postgres';
}

/** The solution's fingerprint, once per lesson. */
const solutionPrints = new Map<string, Promise<string>>();

async function judgeAccepted(lesson: LessonEntry, m: Mutant, root: string): Promise<Judged> {
  if (m.argued) return { mutant: m, outcome: 'equivalent', message: `argued in lesson.json: ${m.argued}` };
  const dir = join(root, lessonFolder(lesson));
  // The files that define models (models.ts, models/*.ts): their effect is the schema and declarations.
  const isModels = modelsFile(dir) !== undefined && /^models(\.ts$|\/)/.test(m.file);
  if (m.rule.kind === 'behaviour' || !isModels) {
    return { mutant: m, outcome: 'real miss', message: 'accepted; a change of behaviour, not provable from the schema' };
  }
  let print = solutionPrints.get(lesson.id);
  if (!print) solutionPrints.set(lesson.id, (print = fingerprint(solutionDir(lesson))));
  let mine: string;
  try {
    mine = await fingerprint(dir);
  } catch (e) {
    return { mutant: m, outcome: 'real miss', message: `accepted, and the models could not be read back: ${(e as Error).message}` };
  }
  return mine === (await print)
    ? { mutant: m, outcome: 'equivalent' }
    : { mutant: m, outcome: 'real miss', message: 'accepted; its schema or declarations differ from the solution' };
}

/**
 * Children for judging mutants, of any lesson: each takes mutant after mutant (our own code, trusted),
 * since a child's start-up costs more than most lessons' checks. Share one across lessons; close it after.
 */
export function mutantPool(lessons: LessonEntry[]): ChildPool {
  const preload = [...new Set(lessons.flatMap((l) => l.preload ?? []))];
  return new ChildPool({ ...DEFAULTS, ...LIMITS, warm: availableParallelism(), reuse: true, acrossCopies: true, preload: () => preload });
}

/** Judges a lesson's mutants, on `shared` when given (left open), else on a pool of its own. */
export async function judge(lesson: LessonEntry, mutants: Mutant[], onJudged?: (j: Judged) => void, shared?: ChildPool): Promise<Judged[]> {
  const results: Judged[] = new Array(mutants.length);
  const todo: number[] = [];
  mutants.forEach((m, i) => {
    if (m.outOfScope) results[i] = { mutant: m, outcome: 'out of scope', message: m.outOfScope };
    else todo.push(i);
  });
  if (todo.length === 0) return results;
  const parallel = Math.max(1, Math.min(todo.length, availableParallelism()));
  const pool = shared ?? mutantPool([lesson]);
  // Inside the project, so that the proof (run in this process) resolves sequelize from the mutant's folder.
  const parent = fileURLToPath(new URL('../../node_modules/.cache/sequelize-workbook/mutants', import.meta.url));
  mkdirSync(parent, { recursive: true });
  const base = mkdtempSync(join(parent, `${lesson.id}-`));
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        while (next < todo.length) {
          const i = todo[next++];
          const m = mutants[i];
          const root = writeMutant(lesson, m, join(base, String(i)));
          let failing: string[] = [];
          let passed = false;
          for (let attempt = 0; attempt < 2; attempt++) {
            const v = await runLesson(pool, lesson, { from: root }, LIMITS.runTimeoutMs);
            passed = v.passed;
            failing = [v.problem ?? '', ...v.checks.filter((c) => c.state !== 'pass' && c.state !== 'skip').map((c) => c.message ?? c.name)].filter(Boolean);
            if (passed || !failing.some((f) => TIMED_OUT.test(f))) break;
          }
          if (passed) results[i] = await judgeAccepted(lesson, m, root);
          else if (failing.some((f) => TIMED_OUT.test(f))) results[i] = { mutant: m, outcome: 'timed out', message: failing.find((f) => TIMED_OUT.test(f)) };
          else results[i] = { mutant: m, outcome: 'rejected', named: m.rule.names.test(failing.join('\n')), message: failing[0] };
          onJudged?.(results[i]);
        }
      }),
    );
  } finally {
    if (!shared) {
      pool.close();
      await settleScratch();
    }
    rmSync(base, { recursive: true, force: true });
  }
  return results;
}
