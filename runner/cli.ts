/**
 * The workbook's command line: `npm start` (watch) and `npm run workbook -- <command>`.
 * Exit codes: 0 ok / all checks pass, 1 a check fails, 2 bad usage (unknown lesson, missing folder).
 */
import { CommandError, dbFlag, UsageError } from './commands/args.ts';
// Not from course/lessons.ts: that module reads the course when loaded, and a broken course file must
// reach main()'s catch below as one line (exit 2), not crash the import.
import { UnknownLessonError } from './errors/unknown-lesson.ts';
import { wrapIndented } from './ui/wrap.ts';
import { DatabaseSetupError } from './kit/db/setup-error.ts';
import { SandboxSetupError } from './engine/sandbox.ts';

interface Command {
  usage: string;
  summary: string;
  run: (argv: string[]) => Promise<number>;
  /** Runs checks or reads a schema: needs the database (on PostgreSQL, the server) ready first. A function: only for some arguments. */
  db?: boolean | ((argv: string[]) => boolean);
}

const commands: Record<string, Command> = {
  watch: { db: true, usage: 'watch [<lesson>] [--json]', summary: 'the course: re-runs the current lesson\'s checks on every save', run: async (a) => (await import('./commands/watch.ts')).watch(a) },
  // With --project, doctor prepares the database it chooses, after the path is checked.
  book: { db: (a) => !a.some((x) => x === '--project' || x.startsWith('--project=')), usage: 'book [<lesson>] [--port <n>] [--no-open] | book --project <path> [--models <dir>] [--migrations <dir>] [--timeout <s>]', summary: 'the course in your browser, or your project\'s ER diagram with its findings', run: async (a) => (await import('./commands/book.ts')).book(a) },
  list: { usage: 'list', summary: 'every lesson and its state (done / current / pending)', run: async (a) => (await import('./commands/list.ts')).list(a) },
  read: { usage: 'read <lesson>', summary: 'the lesson\'s explanation, rendered for the terminal', run: async (a) => (await import('./commands/read.ts')).read(a) },
  hint: { usage: 'hint <lesson>', summary: 'the next hint (ask again for a bigger one)', run: async (a) => (await import('./commands/hint.ts')).hint(a) },
  reset: { usage: 'reset <lesson> [--yes]', summary: 'restore the starter files (backs yours up first; asks unless --yes)', run: async (a) => (await import('./commands/reset.ts')).reset(a) },
  solution: { usage: 'solution <lesson> [--diff]', summary: 'show the solved files, or a diff against yours', run: async (a) => (await import('./commands/solution.ts')).solution(a) },
  schema: { db: true, usage: 'schema <lesson> [--from <dir>] [--diagram]', summary: 'the CREATE TABLE statements your models produce; --diagram: as Mermaid', run: async (a) => (await import('./commands/schema.ts')).schema(a) },
  verify: { db: true, usage: 'verify <lesson> | --all [--from <dir>] [--json]', summary: 'run checks once; exit 0 when all pass', run: async (a) => (await import('./commands/verify.ts')).verify(a) },
  grade: { db: true, usage: 'grade <dir-or-glob>... [--lessons 00,01] [--format table|json|csv|markdown|junit] [--out <file>] [--timeout <s>] [--memory <mb>]', summary: 'grade students\' copies (for teachers)', run: async (a) => (await import('./commands/grade.ts')).grade(a) },
  autograding: { usage: 'autograding [--points <n>] [--timeout <minutes>] [--write | --check]', summary: 'the GitHub Classroom autograding config, one test per lesson', run: async (a) => (await import('./commands/autograding.ts')).autograding(a) },
  new: { usage: 'new <slug> [--after <lesson>]', summary: 'a lesson of your own, as a working example (docs/authoring.md)', run: async (a) => (await import('./commands/new.ts')).newLesson(a) },
  dev: { db: true, usage: 'dev check [<lesson>...] [--fix] [--only <parts>] [--skip <parts>]', summary: 'prove lessons: files, verdicts on both databases, the checks\' strength', run: async (a) => (await import('./commands/dev.ts')).dev(a) },
  doctor: { usage: 'doctor <path> [--models <dir>] [--migrations <dir>] [--json] [--diagram] [--timeout <s>]', summary: 'the lessons\' checks on a Sequelize project of yours (exit 1 on an error)', run: async (a) => (await import('./commands/doctor.ts')).doctor(a) },
  report: { usage: 'report [--format markdown|json] [--out <file>] [--name <name>]', summary: 'your own progress, for handing in', run: async (a) => (await import('./commands/report.ts')).report(a) },
};

export function helpText(): string {
  return [
    'Sequelize Associations Workbook',
    '',
    'Usage: npm start                       (the course in watch mode)',
    '       npm run workbook -- <command>',
    '',
    'Commands:',
    // Usage above summary: some usages are long, and a padded column would push every summary off an 80-column terminal.
    ...Object.values(commands).map((c) => `${wrapIndented(c.usage, '      ', 80).replace(/^ {6}/, '  ')}\n      ${c.summary}`),
    '',
    'A <lesson> is its number (1 or 01), its name (one-to-one)',
    'or its folder (01-one-to-one).',
    '',
    'Database: --db sqlite (default) | --db postgres, or WORKBOOK_DB=postgres;',
    'with DATABASE_URL=postgres://... set, that server instead of the embedded one.',
  ].join('\n');
}

/** `--db <name>` anywhere on the line: the same switch as WORKBOOK_DB (which child processes inherit). */
function takeDbOption(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const m = argv[i].match(/^--db(?:=(.*))?$/);
    if (!m) out.push(argv[i]);
    else {
      process.env.WORKBOOK_DB = m[1] ?? argv[++i] ?? '';
      dbFlag.given = true;
    }
  }
  return out;
}

export async function main(args: string[]): Promise<number> {
  const argv = takeDbOption(args);
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(helpText() + '\n');
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`Unknown command "${name}".\n\n${helpText()}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`Usage: npm run workbook -- ${command.usage}\n  ${command.summary}\n`);
    return 0;
  }
  try {
    // Loaded only here: PostgreSQL's driver is not for commands that never touch a database.
    if (typeof command.db === 'function' ? command.db(rest) : command.db) await (await import('./kit/db/prepare.ts')).prepareDatabase();
    return await command.run(rest);
  } catch (e) {
    if (e instanceof UsageError || e instanceof UnknownLessonError || e instanceof DatabaseSetupError || e instanceof SandboxSetupError) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    if (e instanceof CommandError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

const code = await main(process.argv.slice(2));
process.exitCode = code;
