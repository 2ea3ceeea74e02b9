/**
 * What the book's project page shows for one doctor run: the ER diagram of the schema read back, each
 * finding marked on the arrow and row it concerns (findingsDiagram, as `doctor --diagram` marks it),
 * the findings in full (message, declarations, fix, the lesson that teaches it, linked when the book
 * has it), and what could not be loaded. Or, when the run itself failed, its one line.
 */
import { relative } from 'node:path';
import { lessons } from '../course/lessons.ts';
import type { Judged } from '../doctor/judge.ts';
import { nothingLine } from '../doctor/judge.ts';
import { counts, findingsDiagram, loadedLines } from '../doctor/report.ts';
import type { Finding, Problem, Severity } from '../doctor/result.ts';
import { toMermaid } from './diagram/mermaid.ts';
import { toSvg } from './diagram/svg.ts';

export interface ProjectFinding extends Finding {
  /** The lesson's title and the book's address for it, when the course has that lesson. */
  teaches?: { title: string; href: string };
}

interface ViewBase {
  /** Counts the runs: a page keeps the newest. */
  run: number;
  /** The project's root as given on the command line. */
  project: string;
}

export type ProjectView =
  | (ViewBase & {
      ok: true;
      loaded: string[];
      notes: string[];
      problems: Problem[];
      /** Set when nothing could be checked (exit code 2), in one line. */
      nothing?: string;
      findings: ProjectFinding[];
      counts: Record<Severity, number>;
      silenced: number;
      exitCode: number;
      svg: string;
      mermaid: string;
      keys: number;
      /** Findings drawn on an arrow, by id, with the keys they are on (Table.column). */
      onArrows: { id: string; severity: Severity; keys: string[] }[];
    })
  | (ViewBase & { ok: false; message: string });

const SYMBOL: Record<Severity, string> = { error: '✗', warning: '⚠', note: 'ℹ' };
const firstSentence = (s: string) => s.split(/(?<=\.) /)[0];

function teaches(f: Finding): ProjectFinding['teaches'] {
  const lesson = lessons.find((l) => l.id === f.lesson);
  return lesson ? { title: lesson.title, href: `/#/lesson/${lesson.id}` } : undefined;
}

export function projectView(j: Judged, run: number, project: string): ProjectView {
  const diagram = findingsDiagram(j);
  const mermaid = toMermaid(diagram);
  // The arrow's tooltip: each finding on it in a sentence, and its lesson (after the Mermaid text,
  // whose labels keep the ids only, as `doctor --diagram` prints them).
  const byId = new Map(j.findings.map((f) => [f.id, f]));
  for (const r of diagram.relations) {
    if (!r.flags?.length) continue;
    r.note = r.flags
      .map((flag) => {
        const f = byId.get(flag.id)!;
        return `${SYMBOL[f.severity]} ${f.severity} ${f.id}: ${firstSentence(f.message)} (lesson ${f.lesson})`;
      })
      .join(' ');
  }
  const svg = toSvg(diagram, `ER diagram of ${project}'s models: ${diagram.tables.length} tables, ${diagram.relations.length} foreign keys`);
  const onArrows = j.findings
    .map((f) => ({ id: f.id, severity: f.severity, keys: f.columns.filter((c) => diagram.relations.some((r) => `${r.table}.${r.column}` === c)) }))
    .filter((a) => a.keys.length);
  return {
    run,
    project,
    ok: true,
    loaded: loadedLines(j.result),
    notes: j.result.notes,
    problems: j.result.problems,
    nothing: j.nothing ? nothingLine(j) : undefined,
    findings: j.findings.map((f) => ({ ...f, teaches: teaches(f) })),
    counts: counts(j.findings),
    silenced: j.silenced,
    exitCode: j.exitCode,
    svg,
    mermaid,
    keys: diagram.relations.length,
    onArrows,
  };
}

/** The project as the command line named it: relative to where the book was started, when inside it. */
export function projectName(root: string): string {
  const rel = relative(process.cwd(), root);
  return rel && !rel.startsWith('..') ? rel : root;
}
