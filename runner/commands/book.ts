/**
 * book [<lesson>] [--port <n>] [--no-open]: the course as a local website (runner/book): lessons rendered, the
 * current verdict live on every save, and an ER diagram of the learner's models. Serves on 127.0.0.1
 * only, on a free port unless --port is given, until Ctrl-C.
 * book --project <path> [doctor's --models, --migrations, --timeout, --db]: the page of a project of
 * the user's instead: its ER diagram with doctor's findings on the arrows, again on every save.
 */
import { findLesson, projectRoot } from '../course/lessons.ts';
import { prepareDatabase, settleScratch } from '../kit/db/prepare.ts';
import { startBook } from '../book/server.ts';
import { canOpenBrowser, openBrowser } from '../book/open-browser.ts';
import { parseArgs, UsageError } from './args.ts';
import { doctorTarget, locateTarget, targetOptions } from './doctor.ts';
import { readSilences } from '../doctor/silence.ts';

export const usage = 'book [<lesson>] [--port <n>] [--no-open] | book --project <path> [--models <dir>] [--migrations <dir>] [--timeout <s>]';

export async function book(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { flags: ['no-open'], options: ['port', 'project', ...targetOptions] });
  const projectPath = args.options.get('project');
  if (!projectPath && targetOptions.some((o) => args.options.has(o))) throw new UsageError(`--${targetOptions.find((o) => args.options.has(o))} goes with --project <path>`);
  if (projectPath && args.positional.length) throw new UsageError('book --project <path> takes no lesson: the page links each finding to its lesson');
  if (args.positional.length > 1) throw new UsageError('book takes at most one lesson');
  // Without one, the page opens on the current lesson, as `npm start` does.
  const lesson = args.positional.length ? findLesson(args.positional[0]) : undefined;
  const portText = args.options.get('port');
  const port = portText === undefined ? 0 : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number (0 to 65535), got ${portText}`);
  // A bad path, or a .workbook-doctor.json that is not valid: one line, exit 2, before any server starts.
  const target = projectPath === undefined ? undefined : doctorTarget(projectPath, args);
  const layout = target && locateTarget(target);
  if (layout) {
    readSilences(layout.root);
    // What cli.ts does for the lesson book, once the path is known good: the lesson pages a finding links to run checks.
    await prepareDatabase();
  }
  let started;
  try {
    started = await startBook({ root: projectRoot(), port, project: target && layout ? { target, layout } : undefined });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`Port ${port} is in use: choose another with --port, or leave --port out for a free one.`);
    throw e;
  }
  const book = started;
  const address = layout ? `${book.url}project` : lesson ? `${book.url}#/lesson/${lesson.id}` : book.url;
  const opening = !args.flags.has('no-open') && canOpenBrowser();
  const follows = layout ? `doctor checks ${layout.root} again on every save of its models, migrations or config.` : 'It follows your saves like `npm start` does.';
  process.stdout.write(`The workbook's book is at ${address}${opening ? ' (opening it in your browser)' : ''}\n${follows} Ctrl-C stops it.\n`);
  if (opening) openBrowser(address);
  return new Promise<number>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.off('SIGHUP', stop);
      // Whatever closing meets (a lesson folder already gone, a child that will not die), Ctrl-C ends it.
      const giveUp = setTimeout(() => resolve(0), 5000);
      void book
        .close()
        .catch(() => undefined)
        .then(() => settleScratch())
        .finally(() => {
          clearTimeout(giveUp);
          resolve(0);
        });
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    process.once('SIGHUP', stop);
  });
}
