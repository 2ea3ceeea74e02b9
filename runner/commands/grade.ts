/**
 * grade <dir-or-glob>... [--lessons 00,01] [--format table|json|csv|markdown|junit] [--out <file>]
 *       [--timeout <seconds>] [--memory <MB>]
 * For teachers: runs this project's checks against each student's copy and prints a student × lesson
 * grade book. Exit 0 when grading ran (whatever the grades), 1 when --out could not be written (the
 * report is printed instead), 2 on bad usage.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { lessons, type LessonEntry, findLesson } from '../course/lessons.ts';
import { expandCopies, holdsCopies } from '../classroom/expand-copies.ts';
import { formats, isFormat, type FormatName } from '../classroom/formats/index.ts';
import { cellText } from '../classroom/grades.ts';
import { GRADE_DEFAULTS, gradeCopies } from '../classroom/grade-copies.ts';
import { errnoText, parseArgs, UsageError } from './args.ts';
import { visibleLine } from '../ui/visible-text.ts';

export const usage = 'grade <dir-or-glob>... [--lessons 00,01,...] [--format table|json|csv|markdown|junit] [--out <file>] [--timeout <seconds>] [--memory <MB>]';

const byExtension: Record<string, FormatName> = { '.csv': 'csv', '.json': 'json', '.md': 'markdown', '.xml': 'junit', '.txt': 'table' };

export function chooseLessons(list: string | undefined): LessonEntry[] {
  if (list === undefined || list === 'all') return lessons;
  const ids = list.split(',').map((s) => s.trim()).filter(Boolean);
  if (ids.length === 0) throw new UsageError('--lessons needs lesson numbers, e.g. --lessons 00,01');
  const chosen = ids.map((id) => findLesson(id));
  return chosen.filter((l, i) => chosen.indexOf(l) === i);
}

function positiveNumber(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > max) throw new UsageError(`--${name} needs a number between 0 and ${max}, got "${value}"`);
  return n;
}

export async function grade(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { options: ['lessons', 'format', 'out', 'timeout', 'memory'] });
  const out = args.options.get('out');
  const formatName = args.options.get('format') ?? (out ? byExtension[extname(out).toLowerCase()] : undefined) ?? 'table';
  if (!isFormat(formatName)) throw new UsageError(`--format must be one of ${Object.keys(formats).join(', ')}; got "${formatName}"`);
  const timeoutSeconds = positiveNumber('timeout', args.options.get('timeout'), GRADE_DEFAULTS.timeoutMs / 1000, 3600);
  const memoryMb = Math.round(positiveNumber('memory', args.options.get('memory'), GRADE_DEFAULTS.memoryMb, 65536));
  const chosen = chooseLessons(args.options.get('lessons'));
  const copies = expandCopies(args.positional);

  const tty = process.stderr.isTTY;
  const book = await gradeCopies(copies, chosen, {
    timeoutMs: Math.round(timeoutSeconds * 1000),
    memoryMb,
    warn: (line) => process.stderr.write(`${visibleLine(line)}\n`),
    onCell: (copy, lesson, cell, done, total) => {
      if (tty) process.stderr.write(`\r\x1b[2Kgrading ${done}/${total}: ${visibleLine(`${copy.name} ${lesson.id} ${cellText(cell, 40)}`)}`);
    },
  });
  if (tty) process.stderr.write('\r\x1b[2K');
  const folders = book.lessons.map((l) => l.folder);
  copies.forEach((copy, i) => {
    if (!book.students[i].empty) return;
    const hint = holdsCopies(copy.dir, folders) ? ` It holds students' copies: grade "${join(copy.path, '*')}" instead.` : ' Is it a copy of the workbook?';
    process.stderr.write(`${visibleLine(`warning: ${copy.path} has none of the lesson folders (${folders.join(', ')}).${hint}`)}\n`);
  });

  const text = formats[formatName](book);
  const summary = `Graded ${book.students.length} cop${book.students.length === 1 ? 'y' : 'ies'} × ${book.lessons.length} lesson${book.lessons.length === 1 ? '' : 's'} in ${(book.ms / 1000).toFixed(1)} s.`;
  if (out) {
    const path = resolve(out);
    try {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    } catch (e) {
      // The grading is done and may have taken a while: never lose it to a bad --out.
      process.stdout.write(text);
      process.stderr.write(`${summary}\nCould not write ${path} (${errnoText(e)}): the ${formatName} report is printed above instead.\n`);
      return 1;
    }
    process.stdout.write(`${summary} Wrote ${formatName} to ${path}\n`);
  } else {
    process.stdout.write(text);
    process.stderr.write(`${summary}\n`);
  }
  return 0;
}
