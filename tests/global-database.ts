/**
 * The 'postgres' project's global setup: one embedded PostgreSQL for the whole run, started in
 * Vitest's main process before any worker; every test file (and the engine children and CLI runs
 * they start) inherits it from the environment instead of starting a server of its own.
 */
import { prepareDatabase } from '../runner/kit/db/prepare.ts';

export default async function setup(): Promise<void> {
  const chosen = process.env.WORKBOOK_DB;
  process.env.WORKBOOK_DB = 'postgres';
  try {
    await prepareDatabase();
  } finally {
    // The main process's own choice stays as it was: the 'sqlite' project's workers set theirs anyway.
    if (chosen === undefined) delete process.env.WORKBOOK_DB;
    else process.env.WORKBOOK_DB = chosen;
  }
}
