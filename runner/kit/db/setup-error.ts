/**
 * A database the workbook cannot use: a wrong WORKBOOK_DB, an unreachable server, a wrong password,
 * an embedded PostgreSQL that does not start. Thrown by the layers below the commands; the CLI prints
 * its message as one line and exits 2, never a stack trace.
 */
export class DatabaseSetupError extends Error {
  override name = 'DatabaseSetupError';
}
