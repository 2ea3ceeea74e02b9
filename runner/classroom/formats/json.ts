/** The grade book as JSON: everything, including each failing check's message. */
import type { GradeBook } from '../grades.ts';
import { visibleInJson } from '../../ui/visible-text.ts';

export function renderJson(book: GradeBook): string {
  return JSON.stringify(book, visibleInJson, 2) + '\n';
}
