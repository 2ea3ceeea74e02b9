/**
 * Run once per grading run, outside any sandbox and before any student code, with TMPDIR pointing at
 * a folder of the run: loads what a check process loads (the engine, the kit) and the check files,
 * so that tsx's cache in that folder holds their compiled code and nothing else. Sandboxed check
 * processes see that cache read-only (sandbox.ts): they start without compiling the workbook again,
 * and no student can write into a cache another student's process reads.
 * Arguments: the check files.
 */
import { pathToFileURL } from 'node:url';

await import('./child.ts');
for (const file of process.argv.slice(2)) await import(pathToFileURL(file).href);
