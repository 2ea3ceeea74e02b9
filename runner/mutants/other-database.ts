/**
 * A mutant accepted on one database may sit in code that only the other runs (lesson 14's migration
 * 02 has a branch per database): `--both` judges each such mutant again on the other database, in a
 * child run of this command with WORKBOOK_DB set (the database is chosen once per process). It is a
 * real miss only when both databases accept it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { databaseChoice } from '../kit/db/choice.ts';
import type { Judged } from './classify.ts';
import { typescriptNodeArgs } from '../loader/node-args.ts';

export type Database = 'sqlite' | 'postgres';

/** What a child run writes for the parent (`--verdicts <file>`): each mutant's outcome by id. */
export type Verdicts = Record<string, Pick<Judged, 'outcome' | 'named' | 'message'>>;

export const verdictsOf = (judged: Judged[]): Verdicts => Object.fromEntries(judged.map((j) => [j.mutant.id, { outcome: j.outcome, named: j.named, message: j.message }]));

export const otherDatabase = (): Database => (databaseChoice().dialect === 'sqlite' ? 'postgres' : 'sqlite');

/** Judges the mutants `ids` of `lesson` (made by the rules `ruleIds`) on `db`; throws when that run cannot be made. */
export function judgeOn(db: Database, lesson: string, ids: string[], ruleIds: string[]): Verdicts {
  const dir = mkdtempSync(join(tmpdir(), 'workbook-mutants-'));
  const file = join(dir, 'verdicts.json');
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, WORKBOOK_DB: db };
    // This process's own server, if any, is not for the child: it prepares its own.
    for (const k of Object.keys(env)) if (k.startsWith('WORKBOOK_PG_')) delete env[k];
    const main = fileURLToPath(new URL('./main.ts', import.meta.url));
    const r = spawnSync(process.execPath, [...typescriptNodeArgs, main, lesson, '--rules', ruleIds.join(','), '--only', ids.join(','), '--verdicts', file], { env, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as Verdicts;
    } catch {
      throw new Error(`the run on ${db} gave no verdicts (exit ${r.status ?? r.signal}): ${r.stderr.trim().split('\n').slice(-2).join(' ')}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `judged` with each real miss that `db` rejects counted as rejected there. */
export function withOtherDatabase(judged: Judged[], db: Database, verdicts: Verdicts): Judged[] {
  return judged.map((j) => {
    const there = verdicts[j.mutant.id];
    if (j.outcome !== 'real miss' || there?.outcome !== 'rejected') return j;
    return { ...j, outcome: 'rejected', named: there.named, message: there.message, on: db };
  });
}
