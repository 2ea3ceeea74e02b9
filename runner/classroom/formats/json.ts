/** The grade book as JSON: everything, including each failing check's message. */
import type { GradeBook } from '../grades.ts';

export function renderJson(book: GradeBook): string {
  return JSON.stringify(book, null, 2) + '\n';
}
