/**
 * Where the platform allows it (Linux with user namespaces and util-linux's unshare, prlimit, chroot),
 * a check process for untrusted code (grading) runs in a sandbox of its own:
 * - a PID namespace: it sees only its own processes, so it can neither signal the grader nor another
 *   student's process, and everything it started dies with it (the namespace's init);
 * - a mount namespace with a new root: the system folders and the workbook's own code (runner/,
 *   lessons/, node_modules/) read-only, never solutions/, .git or the rest of the teacher's files, and
 *   the student's files as a copy in a size-limited tmpfs, the only place it can write (with /tmp);
 * - no network (a network namespace with nothing in it) unless the database is reached over TCP;
 * - resource limits (prlimit): processes, file size, data memory (Buffers too), no core files;
 * - as root, the user `nobody` outside the namespace (setpriv), so no file of root's is writable even
 *   through a mistake in the mounts.
 * Elsewhere the check process runs as before, and grading says once what is then not prevented.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const setupScript = fileURLToPath(new URL('./sandbox-setup.sh', import.meta.url));
const NOBODY = 65534;

export interface SandboxLimits {
  /** V8 heap limit (MB): the data limit leaves room for Node itself and Buffers on top. */
  memoryMb: number;
  /** Keep the network (a database reached over TCP). */
  network: boolean;
}

export interface SandboxSpec {
  command: string;
  args: string[];
  env: Record<string, string>;
}

/** The sandbox cannot be set up for this run: grading stops with the reason (exit 2), never grades every lesson as crashed. */
export class SandboxSetupError extends Error {}

let support: { ok: true } | { ok: false; why: string } | undefined;
const asRoot = () => process.getuid?.() === 0;

/** Whether check processes can be sandboxed here; probed once (about 50 ms). */
export function sandboxSupport(): { ok: true } | { ok: false; why: string } {
  if (process.env.WORKBOOK_SANDBOX === '0') return (support = { ok: false, why: 'WORKBOOK_SANDBOX=0 turned it off' });
  if (support) return support;
  if (process.platform !== 'linux') return (support = { ok: false, why: `${process.platform} has no Linux namespaces` });
  const probe = spawnSync(prefix(false)[0], [...prefix(false).slice(1), '/bin/sh', '-c', 'mount -t tmpfs t /tmp && command -v prlimit chroot env >/dev/null'], { encoding: 'utf8', timeout: 10_000 });
  if (probe.error) return (support = { ok: false, why: `${(probe.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'unshare or setpriv (util-linux) is not installed' : probe.error.message}` });
  if (probe.status !== 0) return (support = { ok: false, why: `user namespaces are not available (${(probe.stderr || `exit ${probe.status}`).trim().split('\n')[0]})` });
  return (support = { ok: true });
}

/** unshare (and, as root, setpriv to nobody first) up to the command. */
function prefix(network: boolean): string[] {
  const unshare = ['unshare', '--user', '--map-root-user', '--pid', '--fork', '--kill-child=SIGKILL', '--mount', '--ipc', ...(network ? [] : ['--net']), '--'];
  // The grader starts it in a session of its own (pool.ts: detached), so that kill(0) inside reaches
  // only the sandbox's process group; --pdeathsig ends it if the grader itself dies.
  const user = asRoot() ? [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups'] : [];
  return ['setpriv', '--pdeathsig=SIGKILL', ...user, ...unshare];
}

/**
 * As root the sandbox's user is nobody, which must be able to read `paths` (the workbook's code):
 * every folder on the way searchable by others, the path itself readable. A workbook under /root, or
 * in a folder made by mkdtemp (mode 700), is not: then this names the first folder that is closed.
 */
export function closedToSandbox(paths: string[]): string | undefined {
  if (!asRoot()) return undefined;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const real = realpathSync(path);
    for (let at = real; ; at = dirname(at)) {
      const st = statSync(at);
      const need = at !== real ? 0o001 : st.isDirectory() ? 0o005 : 0o004;
      if (st.uid !== NOBODY && (st.mode & need) !== need) return at;
      if (at === dirname(at)) break;
    }
  }
  return undefined;
}

/** A folder for one check process's student files, readable by the sandbox's user. */
export function scratchFolder(base: string): string {
  const dir = mkdtempSync(join(base, 'p-'));
  if (asRoot()) chownSync(dir, NOBODY, NOBODY);
  return dir;
}

/** Copies `files` (absolute source → path relative to `dir`) into a scratch folder. */
export function fillScratch(dir: string, files: Array<[string, string]>): void {
  for (const [from, rel] of files) {
    const to = join(dir, rel);
    mkdirSync(join(to, '..'), { recursive: true });
    cpSync(from, to, { dereference: false, errorOnExist: false });
  }
  if (asRoot()) spawnSync('chown', ['-R', `${NOBODY}:${NOBODY}`, dir]);
}

export function scratchBase(): string {
  const base = mkdtempSync(join(tmpdir(), 'workbook-grade-'));
  // Searchable (the sandbox's user must reach its own folder), not listable.
  chmodSync(base, 0o711);
  return base;
}

export const removeScratch = (dir: string) => rmSync(dir, { recursive: true, force: true });

/**
 * The command that runs `node execArgv entry` in a sandbox showing `readOnly` and a writable copy of
 * `scratch` (at the same path), with the working folder `cwd`.
 */
export function sandboxed(node: string[], opts: { readOnly: string[]; overlays?: Array<[string, string]>; scratch: string; cwd: string; limits: SandboxLimits }): SandboxSpec {
  const mb = 1024 * 1024;
  const limits = [
    // Threads count as processes: Node has about 20 of its own (libuv, V8, the loader thread).
    '--nproc=256',
    `--fsize=${64 * mb}`,
    // The heap, Node's own ~300 MB, and Buffers up to the heap limit again.
    `--data=${(2 * opts.limits.memoryMb + 512) * mb}`,
    '--core=0',
    '--nofile=512',
  ].join(' ');
  const cmd = [...prefix(opts.limits.network), '/bin/sh', setupScript, ...node];
  const newRoot = join(opts.scratch, '..', `${opts.scratch.split('/').pop()}-root`);
  mkdirSync(newRoot, { recursive: true });
  return {
    command: cmd[0],
    args: cmd.slice(1),
    env: { SB_NEWROOT: newRoot, SB_RO: opts.readOnly.join('\n'), SB_OVERLAY: (opts.overlays ?? []).map(([from, at]) => `${from}\t${at}`).join('\n'), SB_SCRATCH: opts.scratch, SB_SCRATCH_MB: '64', SB_LIMITS: limits, SB_CWD: opts.cwd },
  };
}
