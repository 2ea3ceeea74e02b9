/** The grade book as a plain-text table for the terminal: student × lesson, with totals and the reasons below. */
import { cellText, shortLine, type GradeBook } from '../grades.ts';
import { visibleLine } from '../../ui/visible-text.ts';

const CELL = 32;

export function renderTable(book: GradeBook): string {
  const n = book.students.length;
  const header = ['student', ...book.lessons.map((l) => l.id), 'lessons passed'];
  // Names and reasons are the students' text: shown with their control characters visible.
  const rows = book.students.map((s) => [visibleLine(s.name), ...s.cells.map((c) => visibleLine(cellText(c, CELL - 7))), `${s.passed}/${book.lessons.length}`]);
  const totals = ['students passed', ...book.lessonTotals.map((t) => `${t}/${n}`), ''];
  const all = [header, ...rows, totals];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');

  const out = [line(header), rule, ...rows.map(line), rule, line(totals)];
  const notes: string[] = [];
  for (const s of book.students) {
    if (s.empty) notes.push(`${s.name}: ${s.path} has none of these lesson folders; is it a copy of the workbook?`);
    s.cells.forEach((c, i) => {
      if (c.status === 'timeout') notes.push(`${s.name} ${book.lessons[i].id}: timeout (stopped after ${book.timeoutSeconds} s; an infinite loop?)`);
      else if (c.tampering?.length) notes.push(`${s.name} ${book.lessons[i].id}: ${c.detail}`);
      else if (c.status === 'error') notes.push(`${s.name} ${book.lessons[i].id}: ${shortLine(c.reason ?? '', 160)}`);
      else if (c.status === 'missing' && !s.empty) notes.push(`${s.name} ${book.lessons[i].id}: ${c.reason}`);
    });
  }
  if (notes.length > 0) out.push('', 'Notes:', ...notes.map((x) => `  ${visibleLine(x)}`));
  return out.join('\n') + '\n';
}
