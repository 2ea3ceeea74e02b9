/** The grade book's output formats, by name. */
import type { GradeBook } from '../grades.ts';
import { renderCsv } from './csv.ts';
import { renderJson } from './json.ts';
import { renderJunit } from './junit.ts';
import { renderMarkdown } from './markdown.ts';
import { renderTable } from './table.ts';

export const formats = { table: renderTable, json: renderJson, csv: renderCsv, markdown: renderMarkdown, junit: renderJunit } satisfies Record<string, (b: GradeBook) => string>;
export type FormatName = keyof typeof formats;

export function isFormat(name: string): name is FormatName {
  return Object.hasOwn(formats, name);
}
