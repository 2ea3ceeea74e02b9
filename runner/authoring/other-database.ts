/**
 * The engine verdicts on the other database: the database is chosen once per process, so a child
 * run of `dev check --only verdicts` with WORKBOOK_DB set; its stdout lines are its problems.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { otherDatabase } from '../mutants/other-database.ts';
import type { Problem } from './problem.ts';
import { typescriptNodeArgs } from '../loader/node-args.ts';

export function otherDatabaseProblems(ids: string[], root: string): Promise<Problem[]> {
  const db = otherDatabase();
  const env: NodeJS.ProcessEnv = { ...process.env, WORKBOOK_DB: db, NO_COLOR: '1' };
  // This process's own server, if any, is not for the child: it prepares its own.
  for (const k of Object.keys(env)) if (k.startsWith('WORKBOOK_PG_')) delete env[k];
  const cli = fileURLToPath(new URL('../cli.ts', import.meta.url));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...typescriptNodeArgs, cli, 'dev', 'check', ...ids, '--only', 'verdicts', '--lines'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => {
      if (code !== 0 && code !== 1) {
        resolve([{ file: 'lessons', message: `the checks could not run on ${db} (exit ${code}: ${err.trim().split('\n').at(-1) ?? ''}): see npm run workbook -- dev check --db ${db}.` }]);
        return;
      }
      // Each line is `file: message`, as problemLine writes it.
      resolve(out.split('\n').filter((l) => l.includes(': ')).map((l) => ({ file: l.slice(0, l.indexOf(': ')), message: l.slice(l.indexOf(': ') + 2) })));
    });
  });
}
