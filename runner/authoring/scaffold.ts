/**
 * `new <slug> [--after <lesson>]`: a lesson of the teacher's own, as a small working example (an
 * owner and their pets) from ./template/: README, models.ts with TODOs and its .starter/ copy,
 * checks.test.ts written with the kit, lesson.json with hints, the solution. It takes the next free
 * number (ids never change once given) and its place in lessons/course.json.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHECK_FILE, COURSE_FILE, LESSON_FILE, lessonFolder, parseLessonFolder, readCourseOrder, readLessonFile, type LessonEntry } from '../course/course-files.ts';
import { UsageError } from '../errors/usage-error.ts';

const TEMPLATE = new URL('./template/', import.meta.url);
const SLUG = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

const fill = (name: string, vars: Record<string, string>) => readFileSync(new URL(name, TEMPLATE), 'utf8').replace(/\{\{(\w+)\}\}/g, (_, k: string) => vars[k] ?? '');

/** "clinic-appointments" → "Clinic appointments". */
const titleOf = (slug: string) => slug.charAt(0).toUpperCase() + slug.slice(1).replace(/-/g, ' ');

/** Every lesson folder in lessons/ and solutions/, in the course or not: their numbers are taken. */
function takenFolders(root: string): string[] {
  return ['lessons', 'solutions'].flatMap((d) => (existsSync(join(root, d)) ? readdirSync(join(root, d)) : [])).filter((n) => parseLessonFolder(n));
}

export interface Scaffolded {
  lesson: LessonEntry;
  /** Files written, relative to the project root. */
  written: string[];
}

/** Where the new folder goes in course.json: after `after` (an id, slug or folder of the course), else last. */
function placeOf(order: string[], after: string | undefined): number {
  if (after === undefined) return order.length;
  const key = after.trim().toLowerCase().replace(/\/+$/, '').split('/').at(-1) ?? '';
  const i = order.findIndex((f) => {
    const p = parseLessonFolder(f)!;
    return /^\d+$/.test(key) ? Number(p.id) === Number(key) : f === key || p.slug === key;
  });
  if (i < 0) throw new UsageError(`--after ${after}: no such lesson in lessons/${COURSE_FILE} (${order.join(', ')}): give the id, slug or folder of one of them.`);
  return i + 1;
}

export function scaffoldLesson(root: string, slug: string, after?: string): Scaffolded {
  if (!SLUG.test(slug) || slug.length > 40) throw new UsageError(`"${slug}" is not a lesson slug: use lower-case words joined by dashes, such as clinic-appointments (at most 40 characters).`);
  const order = readCourseOrder(root);
  const taken = takenFolders(root);
  const twin = taken.find((f) => parseLessonFolder(f)!.slug === slug);
  if (twin) throw new UsageError(`a lesson ${twin} already exists: pick another slug, or edit lessons/${twin}/.`);
  const at = placeOf(order, after);
  const next = Math.max(-1, ...taken.map((f) => Number(parseLessonFolder(f)!.id))) + 1;
  if (next > 99) throw new UsageError('lesson numbers run out at 99: remove an unused lesson folder first.');
  const id = String(next).padStart(2, '0');
  const folder = lessonFolder({ id, slug });
  const title = titleOf(slug);
  const vars = { id, slug, folder, title };
  const dir = join(root, 'lessons', folder);
  const files: Record<string, string> = {
    [`lessons/${folder}/README.md`]: fill('README.md.template', vars),
    [`lessons/${folder}/models.ts`]: fill('models.starter.ts.template', vars),
    [`lessons/${folder}/.starter/models.ts`]: fill('models.starter.ts.template', vars),
    [`lessons/${folder}/${CHECK_FILE}`]: fill('checks.test.ts.template', vars),
    [`solutions/${folder}/models.ts`]: fill('models.solution.ts.template', vars),
    [`lessons/${folder}/${LESSON_FILE}`]:
      JSON.stringify(
        {
          title,
          files: ['models.ts'],
          hints: [
            'Both declarations describe one column, Pets.ownerId. Give both the same `foreignKey` and the same `onDelete`: an option on one side only depends on which side is defined first.',
            "Keep the key in a const: `const ownerId = { name: 'ownerId', allowNull: false }`, and pass `foreignKey: ownerId, onDelete: 'CASCADE'` to both calls.",
            "const ownerId = { name: 'ownerId', allowNull: false }; Owner.hasMany(Pet, { foreignKey: ownerId, onDelete: 'CASCADE' }); Pet.belongsTo(Owner, { foreignKey: ownerId, onDelete: 'CASCADE' });",
          ],
        },
        null,
        2,
      ) + '\n',
  };
  mkdirSync(join(dir, '.starter'), { recursive: true });
  mkdirSync(join(root, 'solutions', folder), { recursive: true });
  for (const [path, text] of Object.entries(files)) writeFileSync(join(root, path), text);
  const course = [...order.slice(0, at), folder, ...order.slice(at)];
  writeFileSync(join(root, 'lessons', COURSE_FILE), JSON.stringify({ lessons: course }, null, 2) + '\n');
  return { lesson: readLessonFile(root, folder), written: [...Object.keys(files), `lessons/${COURSE_FILE}`] };
}
