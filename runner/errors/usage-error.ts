/**
 * Errors any layer may throw for bad input; the command line prints their message alone and exits 2.
 * They live below runner/commands/ so that course/, classroom/ and authoring/ need not import a command.
 */
export class UsageError extends Error {}

/** A course file (lessons/course.json, a lesson.json) that cannot be read: the message names the file and the fix. */
export class CourseFileError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = 'CourseFileError';
  }
}
