/**
 * The workbook's command line as `npm run workbook` starts it: `node --import tsx runner/cli.ts`. Not
 * `node_modules/.bin/tsx`, whose launcher is a second Node process (about 0.4 CPU-seconds a run).
 */
import { spawn, spawnSync, type SpawnOptionsWithoutStdio } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/** tsx's loader by its full address, so a script outside the project (a temporary folder) finds it too. */
export const TSX_IMPORT = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** Node's arguments before the command's own, run in the project or a copy of it (runner/cli.ts from the working folder). */
export const CLI_ARGS = ['--import', TSX_IMPORT, 'runner/cli.ts'];
/** The same as one shell command, for `script -qfec` (a pseudo-terminal). */
export const CLI_SHELL = `${JSON.stringify(process.execPath)} --import ${TSX_IMPORT} runner/cli.ts`;

export interface CliResult {
  code: number | null;
  out: string;
  err: string;
}

/** Runs the command line in `cwd` with `env` (NO_COLOR set unless given) and waits for it. */
export function runCli(cwd: string, args: string[], env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' }): CliResult {
  const r = spawnSync(process.execPath, [...CLI_ARGS, ...args], { cwd, encoding: 'utf8', env });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Starts the command line (a long-running one: watch, book). */
export function startCli(cwd: string, args: string[], options: Omit<SpawnOptionsWithoutStdio, 'cwd'> = {}) {
  return spawn(process.execPath, [...CLI_ARGS, ...args], { ...options, cwd });
}
