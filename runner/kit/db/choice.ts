/**
 * Which database the checks run on, from the environment: the one switch for `npm start`, every
 * workbook command, grading and plain `npx vitest`.
 *   WORKBOOK_DB unset or `sqlite`   in-memory SQLite (the default)
 *   WORKBOOK_DB=postgres            PostgreSQL: the embedded server, or DATABASE_URL's when it is set
 */
import { DatabaseSetupError } from './setup-error.ts';

export type DatabaseChoice = { dialect: 'sqlite' } | { dialect: 'postgres'; url?: string };

export function databaseChoice(env: NodeJS.ProcessEnv = process.env): DatabaseChoice {
  const wanted = (env.WORKBOOK_DB ?? '').trim().toLowerCase();
  if (wanted === '' || wanted === 'sqlite') return { dialect: 'sqlite' };
  if (!['postgres', 'postgresql', 'pg'].includes(wanted)) {
    throw new DatabaseSetupError(`WORKBOOK_DB=${env.WORKBOOK_DB} is not a database the workbook knows: use WORKBOOK_DB=sqlite (the default) or WORKBOOK_DB=postgres.`);
  }
  const url = env.DATABASE_URL?.trim();
  if (!url) return { dialect: 'postgres' };
  if (!/^postgres(ql)?:\/\//i.test(url)) {
    throw new DatabaseSetupError(`DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@localhost:5432/postgres (it starts with ${url.split(':')[0]}:). Unset it to use the embedded PostgreSQL.`);
  }
  return { dialect: 'postgres', url };
}

export const usesPostgres = (env: NodeJS.ProcessEnv = process.env) => databaseChoice(env).dialect === 'postgres';
