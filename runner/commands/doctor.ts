/**
 * doctor <path> [--models <dir>] [--migrations <dir>] [--json] [--diagram] [--timeout <s>] [--db sqlite|postgres]:
 * the workbook's association checks on a project of your own. Exit 0 with no error-level finding, 1
 * with one, 2 when nothing could be loaded or on bad usage (so it can run in a project's CI).
 */
import { locate } from '../doctor/locate.ts';
import { DoctorFailure, runDoctor } from '../doctor/run.ts';
import { applySilences, readSilences } from '../doctor/silence.ts';
import { jsonReport, mermaidReport, textReport, type Report } from '../doctor/report.ts';
import { palette, useColor } from '../ui/colors.ts';
import { dbFlag, parseArgs, UsageError } from './args.ts';

export const usage = 'doctor <path> [--models <dir>] [--migrations <dir>] [--json] [--diagram] [--timeout <s>]';

export async function doctor(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { options: ['models', 'migrations', 'timeout'], flags: ['json', 'diagram'] });
  if (args.positional.length !== 1) throw new UsageError('doctor needs one path: the project\'s root, its models folder, or the module that defines its models, e.g. `doctor ../my-app`');
  const timeout = args.options.has('timeout') ? Number(args.options.get('timeout')) : 120;
  if (!(timeout > 0)) throw new UsageError('--timeout takes a number of seconds, e.g. --timeout 60');
  const layout = locate(args.positional[0], { models: args.options.get('models'), migrations: args.options.get('migrations') });
  const silences = readSilences(layout.root);
  const database = dbFlag.given ? (process.env.WORKBOOK_DB?.toLowerCase().startsWith('postgres') || process.env.WORKBOOK_DB === 'pg' ? 'postgres' : 'sqlite') : undefined;
  let result;
  try {
    result = await runDoctor(layout, { database, timeoutMs: timeout * 1000 });
  } catch (e) {
    if (e instanceof DoctorFailure) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const { shown, silenced } = applySilences(result.findings, silences);
  // Tables that could not be created leave only the declaration checks: exit 2 unless they found an error.
  const nothing = result.models.length === 0 || (!result.checked && !shown.some((f) => f.severity === 'error'));
  const v4 = result.problems.some((p) => p.kind === 'v4');
  const exitCode = nothing || v4 ? 2 : shown.some((f) => f.severity === 'error') ? 1 : 0;
  const report: Report = { result, findings: shown, silenced: silenced.length, exitCode };
  if (args.flags.has('json')) process.stdout.write(`${jsonReport(report)}\n`);
  else if (args.flags.has('diagram')) process.stdout.write(`${mermaidReport(report)}\n`);
  else process.stdout.write(`${textReport(report, palette(useColor()), process.stdout.isTTY ? process.stdout.columns : undefined)}\n`);
  if (nothing) process.stderr.write(`${result.models.length ? 'The tables could not be created, so nothing was checked' : `No model could be loaded from ${layout.root}`}${result.problems.length ? ' (see "Not checked")' : ''}.\n`);
  return exitCode;
}
