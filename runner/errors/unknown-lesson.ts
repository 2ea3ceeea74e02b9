/** A lesson name the course does not know, with the closest names; the command line prints it and exits 2. */
const LIST_POINTER = 'Run `npm run workbook -- list` to see them all.';

export class UnknownLessonError extends Error {
  readonly query: string;
  /** Folder names of the closest lessons, best first; empty when nothing is close. */
  readonly suggestions: string[];

  constructor(query: string, suggestions: string[]) {
    const hint = suggestions.length ? ` Did you mean: ${suggestions.join(', ')}?` : '';
    super(`No lesson "${query}".${hint} ${LIST_POINTER}`);
    this.name = 'UnknownLessonError';
    this.query = query;
    this.suggestions = suggestions;
  }
}
