/** The grade book as Markdown: a summary table, then each student's failing checks. */
import { cellText, shortLine, type GradeBook } from '../grades.ts';
import { visibleLine } from '../../ui/visible-text.ts';

/** Text safe inside a Markdown table cell or list item: one line, control characters visible, Markdown escaped. */
export function mdText(s: string): string {
  return visibleLine(s.replace(/\r?\n/g, ' ')).replace(/([\\|`*_[\]<>#])/g, '\\$1');
}

export function renderMarkdown(book: GradeBook): string {
  const n = book.students.length;
  const out: string[] = [
    `# ${book.course}: grades`,
    '',
    `Graded ${book.gradedAt} · ${n} student${n === 1 ? '' : 's'} · ${book.lessons.length} lesson${book.lessons.length === 1 ? '' : 's'} · limit ${book.timeoutSeconds} s and ${book.memoryMb} MB per lesson`,
    '',
    `| student | ${book.lessons.map((l) => l.id).join(' | ')} | lessons passed |`,
    `|---|${book.lessons.map(() => '---').join('|')}|---:|`,
    ...book.students.map((s) => `| ${mdText(s.name)} | ${s.cells.map((c) => mdText(cellText(c, 40))).join(' | ')} | ${s.passed}/${book.lessons.length} |`),
    `| **students passed** | ${book.lessonTotals.map((t) => `**${t}/${n}**`).join(' | ')} | |`,
    '',
    '## Lessons',
    '',
    ...book.lessons.map((l) => `- ${l.id}: ${mdText(l.title)}`),
  ];
  const details = book.students.filter((s) => s.empty || s.cells.some((c) => c.status !== 'passed'));
  if (details.length > 0) out.push('', '## Details');
  for (const s of details) {
    out.push('', `### ${mdText(s.name)}`, '');
    if (s.empty) out.push(`- ${mdText(s.path)} has none of these lesson folders: is it a copy of the workbook?`);
    s.cells.forEach((c, i) => {
      if (c.status === 'passed') return;
      const l = book.lessons[i];
      if (c.status === 'failed') {
        out.push(`- **${l.id}** ${c.failures.length} of ${c.total} checks failing:`);
        for (const f of c.failures) out.push(`  - ${mdText(f.name)}: ${mdText(shortLine(f.message, 200))}`);
      } else if (c.status === 'timeout') {
        out.push(`- **${l.id}** timeout: stopped after ${book.timeoutSeconds} s (an infinite loop?)`);
      } else {
        out.push(`- **${l.id}** ${mdText(cellText(c, 200))}`);
      }
    });
  }
  return out.join('\n') + '\n';
}
