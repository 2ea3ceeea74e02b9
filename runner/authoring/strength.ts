/**
 * The checks' own strength: `npm run mutants`' rules make wrong answers from the solution, the engine
 * judges each, and every one the checks accept (and the proof cannot show equivalent, and lesson.json
 * does not set aside with a reason) is a problem naming the edit and its line. A miss on this
 * database is judged again on the other (a branch per database, as in lesson 14) and counts only if
 * both accept it, as `npm run mutants -- --both` does.
 */
import { lessonFolder, type LessonEntry } from '../course/lessons.ts';
import { mutantsOf } from '../mutants/apply.ts';
import { judge, type Judged } from '../mutants/classify.ts';
import { judgeOn, otherDatabase, withOtherDatabase } from '../mutants/other-database.ts';
import { count, type LessonCounts } from '../mutants/report.ts';
import { rules } from '../mutants/rules.ts';
import type { Problem } from './problem.ts';

const SET_ASIDE = "add a check that rejects it, or list it in lesson.json's mutantsEquivalent or mutantsOutOfScope with the reason";

function problemOf(lesson: LessonEntry, j: Judged): Problem | undefined {
  const m = j.mutant;
  const file = `solutions/${lessonFolder(lesson)}/${m.file}:${m.line}`;
  const edit = `\`${m.before}\` changed to \`${m.after}\``;
  // The classifier's reason starts with 'accepted'; here "still passes" says it.
  const why = (j.message ?? '').replace(/^accepted[;,]?\s*/, '');
  if (j.outcome === 'real miss') return { file, message: `${edit} still passes${why ? ` (${why})` : ''}: ${SET_ASIDE}.` };
  if (j.outcome === 'timed out') return { file, message: `${edit} timed out twice (${j.message ?? ''}): make the checks finish on a wrong answer, or run dev check on a quieter machine.` };
  return undefined;
}

/** `otherDb`: judge this database's misses again on the other (dev check's other-db part; off with --skip other-db). */
export async function strengthProblems(lesson: LessonEntry, otherDb: boolean): Promise<{ problems: Problem[]; counts: LessonCounts }> {
  let judged = await judge(lesson, mutantsOf(lesson, rules));
  const misses = judged.filter((j) => j.outcome === 'real miss').map((j) => j.mutant.id);
  const problems: Problem[] = [];
  if (otherDb && misses.length > 0) {
    const other = otherDatabase();
    try {
      judged = withOtherDatabase(judged, other, judgeOn(other, lesson.id, misses, rules.map((r) => r.id)));
    } catch (e) {
      problems.push({ file: `lessons/${lessonFolder(lesson)}`, message: `its accepted mutants could not be judged again on ${other} (${(e as Error).message}); they count as misses.` });
    }
  }
  problems.push(...judged.map((j) => problemOf(lesson, j)).filter((p): p is Problem => p !== undefined));
  return { problems, counts: count(lesson.id, judged) };
}
