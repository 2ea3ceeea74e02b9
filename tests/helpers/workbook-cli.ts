/**
 * The workbook's command line as `npm run workbook` starts it (package.json):
 * `node --import ./runner/loader/register.mjs runner/cli.ts`, in the project or a copy of it.
 */
import { spawn, spawnSync, type SpawnOptionsWithoutStdio } from 'node:child_process';

/** The project's TypeScript loader by its full address, for a script outside the project (a temporary folder). */
export const LOADER_IMPORT = new URL('../../runner/loader/register.mjs', import.meta.url).href;

/** Node's arguments before the command's own, from the working folder's runner/ (the project or a copy), as npm runs them. */
export const CLI_ARGS = ['--import', './runner/loader/register.mjs', 'runner/cli.ts'];
/** The same as one shell command, for `script -qfec` (a pseudo-terminal). */
export const CLI_SHELL = `${JSON.stringify(process.execPath)} ${CLI_ARGS.join(' ')}`;

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
