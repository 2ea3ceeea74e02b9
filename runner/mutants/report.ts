/** The mutation test's report: a table per lesson, the real misses spelled out, and a JSON summary. */
import type { Judged, Outcome } from './classify.ts';

export interface LessonCounts {
  lesson: string;
  mutants: number;
  rejected: number;
  /** Rejected with a message using the words of the edit's mistake. */
  named: number;
  equivalent: number;
  realMiss: number;
  outOfScope: number;
  timedOut: number;
  misses: Array<{ id: string; edit: string; why?: string }>;
}

export function count(lesson: string, judged: Judged[]): LessonCounts {
  const n = (o: Outcome) => judged.filter((j) => j.outcome === o).length;
  return {
    lesson,
    mutants: judged.length,
    rejected: n('rejected'),
    named: judged.filter((j) => j.outcome === 'rejected' && j.named).length,
    equivalent: n('equivalent'),
    realMiss: n('real miss'),
    outOfScope: n('out of scope'),
    timedOut: n('timed out'),
    misses: judged.filter((j) => j.outcome === 'real miss').map((j) => ({ id: j.mutant.id, edit: `${j.mutant.before}  →  ${j.mutant.after}`, why: j.message })),
  };
}

export function lessonTable(c: LessonCounts, judged: Judged[]): string {
  const lines = [`lesson ${c.lesson}: ${c.mutants} mutants · rejected ${c.rejected} (${c.named} named) · equivalent ${c.equivalent} · real miss ${c.realMiss} · out of scope ${c.outOfScope}${c.timedOut ? ` · timed out ${c.timedOut}` : ''}`];
  const rules = [...new Set(judged.map((j) => j.mutant.rule.id))];
  lines.push(`  ${'rule'.padEnd(26)} rejected  named  equivalent  real miss  out of scope`);
  for (const r of rules) {
    const of = judged.filter((j) => j.mutant.rule.id === r);
    const n = (o: Outcome) => String(of.filter((j) => j.outcome === o).length);
    lines.push(`  ${r.padEnd(26)} ${n('rejected').padStart(8)}  ${String(of.filter((j) => j.named).length).padStart(5)}  ${n('equivalent').padStart(10)}  ${n('real miss').padStart(9)}  ${n('out of scope').padStart(12)}`);
  }
  for (const j of judged.filter((j) => j.outcome === 'timed out')) lines.push(`  TIMED OUT ${j.mutant.id} (twice; not counted as rejected)`);
  for (const j of judged.filter((j) => j.outcome === 'equivalent' && j.mutant.argued)) lines.push(`  equivalent by argument ${j.mutant.id}: ${j.mutant.argued}`);
  for (const j of judged.filter((j) => j.outcome === 'rejected' && j.on)) lines.push(`  rejected on ${j.on} only ${j.mutant.id}: ${(j.message ?? '').split('\n')[0].slice(0, 160)}`);
  for (const m of c.misses) lines.push(`  MISS ${m.id}: ${m.edit}${m.why ? `  (${m.why})` : ''}`);
  for (const j of judged.filter((j) => j.outcome === 'rejected' && !j.named)) lines.push(`  unnamed ${j.mutant.id}: ${(j.message ?? '').split('\n')[0].slice(0, 160)}`);
  return lines.join('\n');
}

export function summary(all: LessonCounts[]) {
  const sum = (k: 'mutants' | 'rejected' | 'named' | 'equivalent' | 'realMiss' | 'outOfScope' | 'timedOut') => all.reduce((n, c) => n + c[k], 0);
  return {
    mutants: sum('mutants'),
    rejected: sum('rejected'),
    named: sum('named'),
    equivalent: sum('equivalent'),
    realMiss: sum('realMiss'),
    outOfScope: sum('outOfScope'),
    timedOut: sum('timedOut'),
    lessons: all,
  };
}
