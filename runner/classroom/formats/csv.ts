/** The grade book as CSV (RFC 4180) for a spreadsheet: one row per student, a last row of totals. */
import { cellText, type GradeBook } from '../grades.ts';
import { visibleLine } from '../../ui/visible-text.ts';

/**
 * Quotes a field when needed; a field a spreadsheet would run as a formula gets a leading apostrophe.
 * Text is one line with its control characters visible (a student's folder name or message).
 */
export function csvField(value: string | number): string {
  let v = typeof value === 'string' ? visibleLine(value) : String(value);
  if (/^[=+\-@\t\r]/.test(v) && typeof value === 'string') v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function renderCsv(book: GradeBook): string {
  const rows: Array<Array<string | number>> = [
    ['student', 'path', ...book.lessons.map((l) => l.folder), 'lessons passed', 'lessons'],
    ...book.students.map((s) => [s.name, s.path, ...s.cells.map((c) => cellText(c)), s.passed, book.lessons.length]),
    ['students passed', '', ...book.lessonTotals, '', ''],
  ];
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
