/**
 * doctor <path> [--models <dir>] [--migrations <dir>] [--json] [--diagram] [--timeout <s>] [--db sqlite|postgres]:
 * the workbook's association checks on a project of your own. Exit 0 with no error-level finding, 1
 * with one, 2 when nothing could be loaded or on bad usage (so it can run in a project's CI).
 */
import { locate, type ProjectLayout } from '../doctor/locate.ts';
import { judge, nothingLine } from '../doctor/judge.ts';
import { DoctorFailure, runDoctor } from '../doctor/run.ts';
import { readSilences } from '../doctor/silence.ts';
import { jsonReport, mermaidReport, textReport } from '../doctor/report.ts';
import { palette, useColor } from '../ui/colors.ts';
import { dbFlag, parseArgs, UsageError, type Parsed } from './args.ts';

export const usage = 'doctor <path> [--models <dir>] [--migrations <dir>] [--json] [--diagram] [--timeout <s>]';

/** The options that say where a project is and how to check it: doctor's, and `book --project`'s. */
export const targetOptions = ['models', 'migrations', 'timeout'];

/** A project to check, as the command line gave it (located again on every run by the book). */
export interface DoctorTarget {
  path: string;
  models?: string;
  migrations?: string;
  /** Chosen with --db; otherwise doctor chooses by the project's dialect. */
  database?: 'sqlite' | 'postgres';
  timeoutMs: number;
}

export function doctorTarget(path: string, args: Parsed): DoctorTarget {
  const timeout = args.options.has('timeout') ? Number(args.options.get('timeout')) : 120;
  if (!(timeout > 0)) throw new UsageError('--timeout takes a number of seconds, e.g. --timeout 60');
  const database = dbFlag.given ? (process.env.WORKBOOK_DB?.toLowerCase().startsWith('postgres') || process.env.WORKBOOK_DB === 'pg' ? 'postgres' : 'sqlite') : undefined;
  return { path, models: args.options.get('models'), migrations: args.options.get('migrations'), database, timeoutMs: timeout * 1000 };
}

/** Where the target's models and migrations are; a UsageError (exit 2) when they are not there. */
export const locateTarget = (t: DoctorTarget): ProjectLayout => locate(t.path, { models: t.models, migrations: t.migrations });

export async function doctor(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { options: targetOptions, flags: ['json', 'diagram'] });
  if (args.positional.length !== 1) throw new UsageError('doctor needs one path: the project\'s root, its models folder, or the module that defines its models, e.g. `doctor ../my-app`');
  const target = doctorTarget(args.positional[0], args);
  const layout = locateTarget(target);
  const silences = readSilences(layout.root);
  let result;
  try {
    result = await runDoctor(layout, { database: target.database, timeoutMs: target.timeoutMs });
  } catch (e) {
    if (e instanceof DoctorFailure) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const report = judge(result, silences);
  if (args.flags.has('json')) process.stdout.write(`${jsonReport(report)}\n`);
  else if (args.flags.has('diagram')) process.stdout.write(`${mermaidReport(report)}\n`);
  else process.stdout.write(`${textReport(report, palette(useColor()), process.stdout.isTTY ? process.stdout.columns : undefined)}\n`);
  if (report.nothing) process.stderr.write(`${nothingLine(report)}\n`);
  return report.exitCode;
}
