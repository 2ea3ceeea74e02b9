/** One line that names why a PostgreSQL server could not be used, and what to do. */
import { embeddedFolder } from './embedded-postgres.ts';
import { DatabaseSetupError } from './setup-error.ts';
import { where, type ServerConfig } from './server-config.ts';

export function connectError(e: unknown, server: ServerConfig, embedded: boolean): DatabaseSetupError {
  const err = e as { code?: string; message?: string } | null;
  const code = err?.code ?? '';
  // The embedded server's template and binaries' copy live in the temp folder: a damaged one is rebuilt once deleted.
  const fix = embedded ? `Delete ${embeddedFolder()} and try again, or use a server of your own with DATABASE_URL.` : 'Check DATABASE_URL (or unset it to use the embedded PostgreSQL).';
  const at = where(server);
  if (code === 'ECONNREFUSED' || code === 'ENOENT') return new DatabaseSetupError(`Cannot connect to PostgreSQL at ${at}: nothing is listening there. Start the server, or fix the host and port. ${fix}`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new DatabaseSetupError(`Cannot find the host ${server.host}: check its spelling in DATABASE_URL.`);
  if (code === '28P01' || code === '28000') return new DatabaseSetupError(`PostgreSQL at ${at} refused user ${server.user} (wrong password or no access): fix the user and password in DATABASE_URL.`);
  if (code === '3D000') return new DatabaseSetupError(`The database ${server.database} does not exist on ${at}: name one that does in DATABASE_URL (postgres always exists); the workbook makes its own scratch databases beside it.`);
  if (code === '42501') return new DatabaseSetupError(`User ${server.user} may not create databases on ${at}, and the workbook checks each lesson in a scratch database of its own (named wbk_...): run ALTER ROLE ${server.user} CREATEDB, or use a user that may.`);
  if (/timeout/i.test(err?.message ?? '')) return new DatabaseSetupError(`PostgreSQL at ${at} did not answer within 5 s. ${fix}`);
  return new DatabaseSetupError(`Cannot use PostgreSQL at ${at}: ${(err?.message ?? String(e)).split('\n')[0]}. ${fix}`);
}
