/**
 * report [--format markdown|json] [--out <file>] [--name <your name>]
 * The learner's own progress (lessons done, checks passing per lesson, when each last passed), read
 * from the progress file, for handing in. Exit 0; 2 on bad usage.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { lessons, projectRoot } from '../course/lessons.ts';
import { ProgressStore } from '../course/progress.ts';
import { buildProgressReport, progressJson, progressMarkdown } from '../classroom/progress-report.ts';
import { CommandError, errnoText, parseArgs, UsageError } from './args.ts';

export const usage = 'report [--format markdown|json] [--out <file>] [--name <your name>]';

const renderers = { markdown: progressMarkdown, json: progressJson };

export async function report(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { options: ['format', 'out', 'name'] });
  if (args.positional.length > 0) throw new UsageError(`report takes no lesson, got ${args.positional.join(' ')}`);
  const out = args.options.get('out');
  const format = args.options.get('format') ?? (out && extname(out).toLowerCase() === '.json' ? 'json' : 'markdown');
  if (format !== 'markdown' && format !== 'json') throw new UsageError(`--format must be markdown or json; got "${format}"`);

  const { state, recovered } = new ProgressStore(projectRoot()).load();
  const r = buildProgressReport(state, lessons, {
    learner: args.options.get('name'),
    note: recovered ? `The progress file was damaged: ${recovered}. Earlier progress may be missing from this report.` : undefined,
  });
  const text = renderers[format](r);
  if (out) {
    const path = resolve(out);
    try {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    } catch (e) {
      throw new CommandError(`Could not write your report to ${path} (${errnoText(e)}). Choose another --out, or leave it out to print the report.`);
    }
    process.stdout.write(`Wrote your progress report (${r.lessonsDone} of ${r.lessonsTotal} lessons done) to ${path}\n`);
  } else {
    process.stdout.write(text);
  }
  return 0;
}
