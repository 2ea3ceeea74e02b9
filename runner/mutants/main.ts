/**
 * `npm run mutants [<lesson>...] [--rules id,id] [--fast] [--both] [--json <file>]`: the project's own
 * mutation test of every lesson's checks. Exit 1 when a mutant within a lesson's task is accepted but
 * differs (with --both: on both databases). `--only id,id` and `--verdicts <file>` are for the child
 * run that --both makes on the other database.
 */
import { writeFileSync } from 'node:fs';
import { lessons as course, findLesson } from '../course/lessons.ts';
import { mutantsOf } from './apply.ts';
import { judge, mutantPool } from './classify.ts';
import { settleScratch } from '../kit/db/prepare.ts';
import { judgeOn, otherDatabase, verdictsOf, withOtherDatabase } from './other-database.ts';
import { count, lessonTable, summary } from './report.ts';
import { FAST_RULES, rules } from './rules.ts';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const [, value] = args.splice(i, 2);
  return value;
};
const option = (name: string) => {
  const i = args.indexOf(name);
  if (i >= 0) args.splice(i, 1);
  return i >= 0;
};
const fast = option('--fast');
const both = option('--both');
const only = flag('--only')?.split(',');
const verdictsFile = flag('--verdicts');
const ruleIds = flag('--rules')?.split(',') ?? (fast ? FAST_RULES : undefined);
const jsonFile = flag('--json');
const unknown = ruleIds?.filter((id) => !rules.some((r) => r.id === id)) ?? [];
if (unknown.length > 0) {
  console.error(`Unknown rule ${unknown.join(', ')}. Rules: ${rules.map((r) => r.id).join(', ')}`);
  process.exit(2);
}
const chosen = ruleIds ? rules.filter((r) => ruleIds.includes(r.id)) : rules;
const lessons = args.length > 0 ? args.map((a) => findLesson(a)) : course;

const counts = [];
const verdicts = {};
const pool = mutantPool(lessons);
for (const lesson of lessons) {
  let judged = await judge(lesson, mutantsOf(lesson, chosen).filter((m) => !only || only.includes(m.id)), undefined, pool);
  const misses = judged.filter((j) => j.outcome === 'real miss').map((j) => j.mutant.id);
  if (both && misses.length > 0) {
    const other = otherDatabase();
    try {
      judged = withOtherDatabase(judged, other, judgeOn(other, lesson.id, misses, chosen.map((r) => r.id)));
    } catch (e) {
      console.error(`lesson ${lesson.id}: its misses were not judged on ${other}: ${(e as Error).message}`);
    }
  }
  Object.assign(verdicts, verdictsOf(judged));
  const c = count(lesson.id, judged);
  counts.push(c);
  console.log(lessonTable(c, judged) + '\n');
}
pool.close();
await settleScratch();
const s = summary(counts);
console.log(JSON.stringify({ mutants: s.mutants, rejected: s.rejected, named: s.named, equivalent: s.equivalent, realMiss: s.realMiss, outOfScope: s.outOfScope, timedOut: s.timedOut, byLesson: Object.fromEntries(counts.map((c) => [c.lesson, { mutants: c.mutants, rejected: c.rejected, named: c.named, equivalent: c.equivalent, realMiss: c.realMiss, outOfScope: c.outOfScope, timedOut: c.timedOut }])) }));
if (jsonFile) writeFileSync(jsonFile, JSON.stringify(s, null, 2));
if (verdictsFile) writeFileSync(verdictsFile, JSON.stringify(verdicts));
process.exitCode = s.realMiss > 0 || s.timedOut > 0 ? 1 : 0;
