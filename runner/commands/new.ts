/** new <slug> [--after <lesson>]: scaffolds a lesson of the teacher's own (runner/authoring/scaffold.ts). */
import { projectRoot } from '../course/lessons.ts';
import { scaffoldLesson } from '../authoring/scaffold.ts';
import { taskShapeProblems } from '../authoring/task-shapes.ts';
import { readmeIndexProblems } from '../authoring/readme-index.ts';
import { loadCourse } from '../course/course-files.ts';
import { parseArgs, UsageError } from './args.ts';

export const usage = 'new <slug> [--after <lesson>]';

export async function newLesson(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { options: ['after'] });
  if (args.positional.length !== 1) throw new UsageError(`new needs one slug, such as \`new clinic-appointments\`: ${usage}`);
  const root = projectRoot();
  const { lesson, written } = scaffoldLesson(root, args.positional[0], args.options.get('after'));
  // Its entry in lessons/task-shapes.json, so that grading's guard knows the task at once.
  await taskShapeProblems([lesson], root, true);
  // And in README.md's lesson index, when the README has one (this module's course was read before the lesson existed).
  const extra: string[] = [];
  readmeIndexProblems(root, loadCourse(root), true, (what) => extra.push(what));
  const folder = `${lesson.id}-${lesson.slug}`;
  process.stdout.write(
    [
      `Lesson ${lesson.id} written (an owner and their pets: a working example to rewrite):`,
      ...written.map((f) => `  ${f}`),
      '  lessons/task-shapes.json (its entry)',
      ...extra.map((w) => `  ${w}`),
      '',
      'Next:',
      `  npm run workbook -- dev check ${lesson.id}       proves it (green now; again after each change)`,
      `  npm run workbook -- verify ${lesson.id} --from solutions/${folder}`,
      '  npm run workbook -- autograding --write   when you hand the course to a class',
      'The walkthrough: docs/authoring.md.',
      '',
    ].join('\n'),
  );
  return 0;
}
