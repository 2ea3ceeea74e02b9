/** Turns a lesson's solved files into mutants: one rule applied at one place, in a copy of the solution. */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lessonFolder, type LessonEntry, solutionDir } from '../course/lessons.ts';
import { rules as allRules, type Rule } from './rules.ts';

export interface Mutant {
  /** lesson:file:line:rule, stable across runs while the solution is unchanged. */
  id: string;
  lesson: string;
  file: string;
  line: number;
  rule: Rule;
  /** The solution's text at that place, and what replaced it. */
  before: string;
  after: string;
  /** The mutated file's full text. */
  text: string;
  /** Why it is not judged, when the lesson declares the file (or the rule there) outside its task. */
  outOfScope?: string;
  /** Why the lesson counts it equivalent when accepted (what its proof cannot see), from its lesson.json. */
  argued?: string;
}

function lineOf(text: string, at: number): number {
  return text.slice(0, at).split('\n').length;
}

/** The line around a place, for showing the edit. */
function context(text: string, start: number, end: number): string {
  const from = text.lastIndexOf('\n', start - 1) + 1;
  const stop = text.indexOf('\n', end);
  return text.slice(from, stop < 0 ? text.length : stop).trim();
}

export function mutantsOf(lesson: LessonEntry, rules: Rule[] = allRules): Mutant[] {
  const out: Mutant[] = [];
  for (const file of lesson.files) {
    const text = readFileSync(join(solutionDir(lesson), file), 'utf8');
    for (const rule of rules) {
      for (const site of rule.sites(text)) {
        const mutated = text.slice(0, site.start) + site.replacement + text.slice(site.end);
        const line = lineOf(text, site.start);
        const before = context(text, site.start, site.end);
        const applies = (s: { file: string; rules?: string[]; match?: string }) => s.file === file && (!s.rules || s.rules.includes(rule.id)) && (!s.match || before.includes(s.match));
        const scope = lesson.mutantsOutOfScope?.find(applies);
        out.push({
          id: `${lesson.id}:${file}:${line}:${rule.id}`,
          lesson: lesson.id,
          file,
          line,
          rule,
          before,
          after: context(mutated, site.start, site.start + site.replacement.length),
          text: mutated,
          outOfScope: scope?.why,
          argued: lesson.mutantsEquivalent?.find(applies)?.why,
        });
      }
    }
  }
  return out;
}

/** Writes a lessons root holding the solution with the mutant's edit, for `--from`. */
export function writeMutant(lesson: LessonEntry, m: Mutant, root: string): string {
  const dir = join(root, lessonFolder(lesson));
  mkdirSync(dir, { recursive: true });
  cpSync(solutionDir(lesson), dir, { recursive: true });
  writeFileSync(join(dir, m.file), m.text);
  return root;
}

/**
 * A few mutants of a lesson, within its task: the first place of each of `ruleIds` that applies (in
 * that order), at most `max`; when none applies, the first mutant within the task of any rule.
 */
export function sampleOf(all: Mutant[], ruleIds: string[], max: number): Mutant[] {
  const inTask = all.filter((m) => !m.outOfScope);
  const picked = ruleIds.map((id) => inTask.find((m) => m.rule.id === id)).filter((m): m is Mutant => m !== undefined);
  return (picked.length > 0 ? picked : inTask).slice(0, max);
}
