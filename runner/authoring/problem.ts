/** One thing `dev check` found wrong: the file to open and, in the same line, what to do. */
export interface Problem {
  /** Relative to the project root, e.g. lessons/16-clinic/lesson.json. */
  file: string;
  message: string;
}

export const problemLine = (p: Problem): string => `${p.file}: ${p.message}`;
