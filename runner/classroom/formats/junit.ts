/**
 * The grade book as JUnit XML, for tools that read test reports (CI, LMS importers): a <testsuite>
 * per student, a <testcase> per lesson; a failing lesson has a <failure> listing its checks' messages,
 * a timeout or a run that could not start an <error>, a missing lesson a <failure type="missing">.
 */
import { cellText, type Cell, type GradeBook } from '../grades.ts';
import { visibleLines } from '../../ui/visible-text.ts';

/**
 * Escapes text for XML content and attributes: control characters made visible (XML 1.0 cannot hold
 * most of them, and a report's reader should see them), what XML still cannot hold (a lone surrogate)
 * replaced.
 */
export function xmlEscape(s: string): string {
  return visibleLines(s)
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** For attributes: newlines and tabs survive attribute-value normalization as character references. */
const attr = (s: string) => xmlEscape(s).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
const seconds = (ms: number) => (ms / 1000).toFixed(3);

function body(c: Cell): string {
  const lines = c.failures.map((f) => `${f.name}\n  ${f.message.replace(/\n/g, '\n  ')}`);
  if (c.detail) lines.unshift(c.detail);
  return lines.join('\n\n');
}

function testcase(student: string, lesson: GradeBook['lessons'][number], c: Cell): string {
  const open = `    <testcase name="${attr(`${lesson.folder}: ${lesson.title}`)}" classname="${attr(student)}" time="${seconds(c.ms)}"`;
  if (c.status === 'passed') return `${open}/>`;
  const [tag, type, message] =
    c.tampering?.length
      ? ['failure', 'tampering', c.reason ?? 'tampering suspected']
      : c.status === 'failed'
      ? ['failure', 'failed', `${c.failures.length} of ${c.total} checks failing`]
      : c.status === 'missing'
        ? ['failure', 'missing', c.reason ?? 'missing']
        : ['error', c.status, cellText(c, 200)];
  return `${open}>\n      <${tag} type="${type}" message="${attr(message)}">${xmlEscape(body(c))}</${tag}>\n    </testcase>`;
}

export function renderJunit(book: GradeBook): string {
  const count = (cells: Cell[], pred: (c: Cell) => boolean) => cells.filter(pred).length;
  const isFailure = (c: Cell) => c.status === 'failed' || c.status === 'missing';
  const isError = (c: Cell) => c.status === 'timeout' || c.status === 'error';
  const allCells = book.students.flatMap((s) => s.cells);
  const sum = (cells: Cell[]) => seconds(cells.reduce((t, c) => t + c.ms, 0));
  const suites = book.students.map((s) =>
    [
      `  <testsuite name="${attr(s.name)}" tests="${s.cells.length}" failures="${count(s.cells, isFailure)}" errors="${count(s.cells, isError)}" skipped="0" time="${sum(s.cells)}" timestamp="${book.gradedAt.replace(/\.\d+Z$/, '')}">`,
      `    <properties>\n      <property name="path" value="${attr(s.path)}"/>\n      <property name="lessons passed" value="${s.passed}/${s.cells.length}"/>\n    </properties>`,
      ...s.cells.map((c, i) => testcase(s.name, book.lessons[i], c)),
      '  </testsuite>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attr(book.course)}" tests="${allCells.length}" failures="${count(allCells, isFailure)}" errors="${count(allCells, isError)}" time="${seconds(book.ms)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
