/**
 * dev check [<lesson>...] [--fix] [--only <parts>] [--skip <parts>]: proves lessons the way a teacher
 * proves their own (runner/authoring/). Each problem one line, `file: what is wrong: the fix`; exit 1
 * when any, 0 when none, 2 on bad usage.
 */
import { findLesson, lessons, projectRoot, type LessonEntry, CHECK_FILE, lessonFolder, checkFile } from '../course/lessons.ts';
import { databaseChoice } from '../kit/db/choice.ts';
import { checkFileProblems } from '../authoring/check-lint.ts';
import { otherDatabaseProblems } from '../authoring/other-database.ts';
import { problemLine, type Problem } from '../authoring/problem.ts';
import { strengthProblems } from '../authoring/strength.ts';
import { structureProblems } from '../authoring/structure.ts';
import { taskShapeProblems } from '../authoring/task-shapes.ts';
import { readmeIndexProblems } from '../authoring/readme-index.ts';
import { engineVerdicts, vitestParity } from '../authoring/verdicts.ts';
import { parseArgs, UsageError } from './args.ts';

export const usage = 'dev check [<lesson>...] [--fix] [--only <parts>] [--skip <parts>]';

/** What dev check proves, in the order it runs them; --only and --skip take these names. */
export const PARTS = ['structure', 'shapes', 'verdicts', 'vitest', 'other-db', 'mutants'] as const;
type Part = (typeof PARTS)[number];

function partsOf(value: string | undefined, option: string): Part[] | undefined {
  if (value === undefined) return undefined;
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = names.find((n) => !(PARTS as readonly string[]).includes(n));
  if (bad) throw new UsageError(`--${option} ${value}: "${bad}" is not a part of dev check: use ${PARTS.join(', ')}.`);
  return names as Part[];
}

const note = (lines: boolean, text: string) => {
  if (!lines) process.stderr.write(`${text}\n`);
};

/** Seconds since `t`, for the notes: what each part costs is what a teacher waits for. */
const since = (t: number) => `${((performance.now() - t) / 1000).toFixed(1)} s`;

export async function devCheck(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { flags: ['fix', 'lines'], options: ['only', 'skip'] });
  const only = partsOf(args.options.get('only'), 'only');
  const skip = partsOf(args.options.get('skip'), 'skip') ?? [];
  const does = (p: Part) => (only ? only.includes(p) : true) && !skip.includes(p);
  // --lines: problems only, for the parent run that asked for the other database's verdicts.
  const lines = args.flags.has('lines');
  const chosen: LessonEntry[] = args.positional.length ? [...new Set(args.positional.map((a) => findLesson(a)))] : lessons;
  const root = projectRoot();
  const db = databaseChoice().dialect;
  const start = performance.now();
  const problems: Problem[] = [];
  const report = (found: Problem[]) => {
    problems.push(...found);
    for (const p of found) process.stdout.write(`${problemLine(p)}\n`);
  };

  const broken = new Set<string>();
  if (does('structure')) {
    // The README's index is the whole course's: judged when the whole course is.
    if (!args.positional.length) report(readmeIndexProblems(root, lessons, args.flags.has('fix'), (what) => note(lines, `wrote ${what}`)));
    for (const l of chosen) {
      const found = structureProblems(l, root);
      // A missing file stops its lesson from running; other structure problems (an empty hint) do not.
      if (found.some((p) => p.message.startsWith('missing'))) broken.add(l.id);
      report(found);
      if (found.every((p) => !p.file.endsWith(CHECK_FILE))) report(checkFileProblems(checkFile(l, root), `lessons/${lessonFolder(l)}/${CHECK_FILE}`));
    }
  }
  // Lessons with files missing cannot be run: their structure problems say what to fix first.
  const runnable = chosen.filter((l) => !broken.has(l.id));
  if (does('shapes') && runnable.length) {
    note(lines, `dev check: task shapes of ${runnable.length} lesson(s)`);
    const t = performance.now();
    const shapes = await taskShapeProblems(runnable, root, args.flags.has('fix'));
    note(lines, `  ${since(t)}`);
    for (const k of shapes.written) note(lines, `wrote lessons/task-shapes.json's entry for ${k}`);
    report(shapes.problems);
  }
  const solid = new Set(runnable.map((l) => l.id));
  // Plain Vitest is compared with the engine's states, so asking for it runs the engine too.
  if ((does('verdicts') || does('vitest')) && runnable.length) {
    note(lines, `dev check: the solutions pass and the starters fail on ${db}`);
    let t = performance.now();
    const engine = await engineVerdicts(runnable, root);
    note(lines, `  ${since(t)}`);
    if (does('verdicts')) report(engine.problems);
    for (const p of engine.problems) solid.delete(p.file.split('/')[1]?.slice(0, 2) ?? '');
    if (does('vitest')) {
      note(lines, 'dev check: plain Vitest gives the same verdicts');
      t = performance.now();
      report(await vitestParity(runnable, root, engine.states));
      note(lines, `  ${since(t)}`);
    }
  }
  if (does('other-db') && runnable.length) {
    note(lines, `dev check: the same on ${db === 'sqlite' ? 'postgres' : 'sqlite'}`);
    const t = performance.now();
    report(await otherDatabaseProblems(runnable.map((l) => l.id), root));
    note(lines, `  ${since(t)}`);
  }
  if (does('mutants')) {
    // Mutants of a solution that fails its own checks would all be "rejected": judged only on a sound lesson.
    for (const l of runnable.filter((x) => solid.has(x.id))) {
      note(lines, `dev check: the checks' strength, lesson ${l.id} (its mutants judged on ${db}${does('other-db') ? ', any accepted one again on the other' : ''})`);
      const t = performance.now();
      const { problems: found, counts } = await strengthProblems(l, does('other-db'));
      note(lines, `  ${counts.mutants} mutants: ${counts.rejected} rejected, ${counts.equivalent} equivalent, ${counts.outOfScope} out of scope, ${counts.realMiss} accepted (${since(t)})`);
      report(found);
    }
  }
  if (!lines) {
    const s = ((performance.now() - start) / 1000).toFixed(1);
    process.stdout.write(problems.length ? `\n${problems.length} problem(s) in ${chosen.length} lesson(s) (${s} s).\n` : `dev check: ${chosen.length} lesson(s) sound (${s} s).\n`);
  }
  return problems.length ? 1 : 0;
}

export async function dev(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'check') return devCheck(rest);
  throw new UsageError(sub ? `dev ${sub}: unknown; the one dev command is \`dev check [<lesson>...]\`.` : `dev needs a command: ${usage}`);
}
