/**
 * Run once per grading run, outside any sandbox and before any student code: loads what a check
 * process loads (the engine, the kit) and the check files, so that their compiled code is in the
 * caches sandboxed check processes read but cannot write: typescript-hooks.mjs's (under node_modules,
 * read-only in the sandbox) and tsx's for CommonJS (in this run's TMPDIR, overlaid read-only,
 * sandbox.ts). They start without compiling the workbook again, and no student can write into a
 * cache another student's process reads.
 * Arguments: the check files.
 */
import { pathToFileURL } from 'node:url';

await import('./child.ts');
for (const file of process.argv.slice(2)) await import(pathToFileURL(file).href);
