/** Counts the statements a function issues, to catch N+1 loops and queries outside a transaction. */
import type { Statement } from '../lesson-db.ts';

const bookkeeping = /^(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|START TRANSACTION|SET |PRAGMA)/i;

export interface QueryLog<T> {
  result: T;
  statements: Statement[];
}

export async function recordQueries<T>(db: { statements: Statement[] }, fn: () => T | Promise<T>): Promise<QueryLog<T>> {
  const start = db.statements.length;
  const result = await fn();
  return { result, statements: db.statements.slice(start).filter((s) => !bookkeeping.test(s.sql.trim())) };
}

const short = (sql: string) => (sql.length > 110 ? `${sql.slice(0, 107)}...` : sql);

export function budgetProblem(statements: Statement[], max: number, what = 'The function'): string | null {
  if (statements.length <= max) return null;
  const selects = statements.filter((s) => /^SELECT/i.test(s.sql.trim()));
  const repeated = selects.length > max && new Set(selects.map((s) => s.sql.replace(/\b\d+\b|'[^']*'/g, '?'))).size < selects.length;
  return (
    `${what} ran ${statements.length} queries; the lesson allows at most ${max}.` +
    (repeated ? ' The same query runs once per row: an N+1 loop. Load the related rows in the same query with include: [...] instead of querying inside a loop.' : '') +
    `\n${statements.slice(0, 4).map((s) => `    ${short(s.sql)}`).join('\n')}${statements.length > 4 ? `\n    ... and ${statements.length - 4} more` : ''}`
  );
}

export function outsideTransaction(statements: Statement[]): string | null {
  const outside = statements.filter((s) => s.connection === 'default');
  if (!outside.length) return null;
  return `${outside.length} of ${statements.length} queries ran outside the transaction, so a failure would not roll them back. Pass { transaction: t } to every query and mixin call (for example user.createProfile(values, { transaction: t })).\n    first one: ${short(outside[0].sql)}`;
}
