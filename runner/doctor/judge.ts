/**
 * From a doctor run to its verdict: the project's silences applied, and the exit code a project's CI
 * reads (0 no error finding, 1 an error, 2 nothing could be checked or Sequelize v4's classMethods).
 * The `doctor` command and the book's project page judge the same way.
 */
import type { Report } from './report.ts';
import type { DoctorResult } from './result.ts';
import { applySilences, type Silence } from './silence.ts';

export interface Judged extends Report {
  /** Nothing could be checked: no model loaded, or no tables and no error among the declaration checks. */
  nothing: boolean;
}

export function judge(result: DoctorResult, silences: Silence[]): Judged {
  const { shown, silenced } = applySilences(result.findings, silences);
  // Tables that could not be created leave only the declaration checks: exit 2 unless they found an error.
  const nothing = result.models.length === 0 || (!result.checked && !shown.some((f) => f.severity === 'error'));
  const v4 = result.problems.some((p) => p.kind === 'v4');
  const exitCode = nothing || v4 ? 2 : shown.some((f) => f.severity === 'error') ? 1 : 0;
  return { result, findings: shown, silenced: silenced.length, exitCode, nothing };
}

/** Why nothing was checked, in one line (said on stderr by the command, on the page by the book). */
export function nothingLine(j: Judged): string {
  const { result } = j;
  return `${result.models.length ? 'The tables could not be created, so nothing was checked' : `No model could be loaded from ${result.root}`}${result.problems.length ? ' (see "Not checked")' : ''}.`;
}
