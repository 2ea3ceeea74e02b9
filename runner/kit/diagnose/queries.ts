/** Counts the statements a function issues, to catch N+1 loops and queries outside a transaction. */
import type { Model, ModelStatic, Sequelize } from 'sequelize';
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

/** The query with its values blanked, so one query per row shows up as the same shape repeated. */
const shape = (sql: string) => sql.replace(/\b\d+(\.\d+)?\b|'(?:[^']|'')*'|\$\d+/g, '?');

/** The tables a list of SELECTs read first, in order: "Students, then Courses". */
function tables(selects: Statement[]): string {
  const names = [...new Set(selects.map((x) => x.sql.match(/FROM\s+[`"]?(\w+)[`"]?/i)?.[1]).filter(Boolean))];
  return names.length > 1 ? `${names.slice(0, -1).join(', ')}, then another reads ${names.at(-1)}` : `${names[0] ?? 'a table'}, then another reads it again`;
}

const tableOf = (sql: string) => sql.match(/FROM\s+[`"]?(\w+)[`"]?/i)?.[1];

/**
 * The association from the rows of table `from` to those of table `to`, when the models say which:
 * its alias and getter, for the example in the message. Otherwise placeholders ('<alias>').
 */
function association(sequelize: Sequelize | undefined, from: string | undefined, to: string | undefined): { as: string; get: string } {
  const name = (m: ModelStatic<Model>) => { const t = m.getTableName(); return typeof t === 'string' ? t : t.tableName; };
  const models = Object.values(sequelize?.models ?? {}) as ModelStatic<Model>[];
  const found = models
    .filter((m) => name(m) === from)
    .flatMap((m) => Object.values(m.associations))
    .filter((a) => name(a.target) === to);
  // Only when exactly one association links the two: with two (author and editor), any pick could be wrong.
  if (found.length === 1) return { as: found[0].as, get: `${(found[0] as unknown as { accessors?: { get?: string } }).accessors?.get ?? `get${found[0].as[0].toUpperCase()}${found[0].as.slice(1)}`}()` };
  return { as: '<alias>', get: 'get<Alias>()' };
}

/** `sequelize` (optional) lets the message name the association involved instead of a placeholder. */
export function budgetProblem(statements: Statement[], max: number, what = 'The function', sequelize?: Sequelize): string | null {
  if (statements.length <= max) return null;
  const selects = statements.filter((s) => /^SELECT/i.test(s.sql.trim()));
  const counts = new Map<string, number>();
  for (const s of selects) counts.set(shape(s.sql), (counts.get(shape(s.sql)) ?? 0) + 1);
  const [loopShape, times] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  const repeated = selects.length > max && times > 1;
  const table = tableOf(loopShape);
  const firstTable = selects[0] ? tableOf(selects[0].sql) : undefined;
  const loop = association(sequelize, firstTable !== table ? firstTable : undefined, table);
  const readTables = [...new Set(selects.map((x) => tableOf(x.sql)).filter(Boolean))];
  const pair = association(sequelize, readTables[0], readTables[1]);
  return (
    `${what} ran ${statements.length} queries; the lesson allows at most ${max}.` +
    (repeated
      ? ` The same query${table ? ` on ${table}` : ''} ran ${times} times, once per row: an N+1 loop (a getter such as ${loop.get} or a findOne inside a loop or map). ` +
        `Load the related rows in the first query with include: [...]${loop.as !== '<alias>' ? ` (include: ['${loop.as}'])` : ''} instead of querying inside a loop.\n    repeated: ${short(loopShape)}`
      : selects.length > 1
        ? ` One query reads ${tables(selects)}: load them together with include: [...] (for example findByPk(id, { include: ['${pair.as}'] }) rather than findByPk(id) and then ${pair.get}). An include with separate: true (or a limit) is loaded by a query of its own; a plain include is joined into the first query.`
        : '') +
    `\n${statements.slice(0, 4).map((s) => `    ${short(s.sql)}`).join('\n')}${statements.length > 4 ? `\n    ... and ${statements.length - 4} more` : ''}`
  );
}

/**
 * The statements (bookkeeping excluded) that did not all run in one transaction. `opened` is how
 * many transactions the function began (BEGIN seen), to tell "no transaction" from "one not passed on".
 */
export function outsideTransaction(statements: Statement[], opened = 0): string | null {
  const outside = statements.filter((s) => s.connection === 'default');
  if (outside.length && outside.length === statements.length && opened > 0) {
    return `You opened a transaction, but ${statements.length === 1 ? 'the query was not' : `none of the ${statements.length} queries was`} given it: sequelize.transaction(async (t) => ...) does not apply itself to the calls inside. Pass { transaction: t } to every query and mixin call.${misplacedOption(outside[0].sql)}\n    first one: ${short(outside[0].sql)}`;
  }
  if (outside.length === statements.length && outside.length) {
    return `${statements.length === 1 ? 'The query did not run' : `None of the ${statements.length} queries ran`} in a transaction, so a failure halfway would leave the first rows saved. Wrap the work in sequelize.transaction(async (t) => { ... }) and pass { transaction: t } to every query and mixin call inside it.\n    first one: ${short(outside[0].sql)}`;
  }
  if (outside.length) {
    return `${outside.length} of ${statements.length} queries ran outside the transaction: on PostgreSQL they run on another connection and a failure would not roll them back (the in-memory SQLite shares one connection, which hides it). Pass { transaction: t } to every query and mixin call (for example user.createProfile(values, { transaction: t })).${misplacedOption(outside[0].sql)}\n    first one: ${short(outside[0].sql)}`;
  }
  const used = [...new Set(statements.map((s) => s.connection))];
  if (used.length > 1) {
    return `The queries ran in ${used.length} separate transactions, so when a later one fails it cannot undo what an earlier one saved. Do all the work inside one sequelize.transaction(async (t) => ...) and pass that t to every call.`;
  }
  return null;
}

/**
 * An UPDATE or DELETE outside the transaction: often the transaction given in an argument that
 * update() and destroy() do not read (sequelize#4759).
 */
function misplacedOption(sql: string): string {
  if (/^\s*UPDATE\b/i.test(sql)) {
    return ` That one is an UPDATE: Model.update(values, options) reads the transaction from its second argument, beside the where: update(values, { where, transaction: t }). An options object given third, update(values, { where }, { transaction: t }), is ignored.`;
  }
  if (/^\s*DELETE\b/i.test(sql)) {
    return ` That one is a DELETE: Model.destroy(options) reads the transaction from its one argument, beside the where: destroy({ where, transaction: t }). A second object, destroy({ where }, { transaction: t }), is ignored.`;
  }
  return '';
}

/**
 * The database refused a row for its foreign key, and the statement ran outside the transaction
 * that inserted the row it points at: on PostgreSQL another connection cannot see rows a
 * transaction has not committed. (In-memory SQLite has one connection, so it sees them.)
 */
export function refusedOutsideTransaction(statements: Statement[], e: unknown, what = 'The function'): string | null {
  const text = e instanceof Error ? `${e.message} ${(e as { parent?: Error }).parent?.message ?? ''}` : String(e);
  if (!/violates foreign key constraint|FOREIGN KEY constraint failed/i.test(text)) return null;
  const work = statements.filter((s) => !bookkeeping.test(s.sql.trim()));
  const last = work.at(-1);
  if (!last || last.connection !== 'default' || !work.some((s) => s.connection !== 'default')) return null;
  const table = /^\s*(?:INSERT INTO|UPDATE)\s+[`"]?(\w+)/i.exec(last.sql)?.[1] ?? 'a table';
  return (
    `${what} failed: the database refused a row of ${table} for its foreign key, because that statement ran outside the transaction. ` +
    `Without { transaction: t } it runs on another connection, which cannot see the rows the transaction has inserted and not yet committed, so the row it points at does not exist there. ` +
    `Pass { transaction: t } to every query and mixin call (for example user.createProfile(values, { transaction: t })).\n    that one: ${short(last.sql)}`
  );
}

/**
 * A transaction begun in these statements (raw, bookkeeping included) and never committed or rolled
 * back: an unmanaged `await sequelize.transaction()` whose commit or rollback never ran. In-memory
 * SQLite shares one connection, so its rows stay visible and only this tells it apart.
 */
export function leftOpen(statements: Statement[], what = 'The function'): string | null {
  const begun = new Set(statements.filter((s) => /^(BEGIN|START TRANSACTION)/i.test(s.sql.trim())).map((s) => s.connection));
  for (const s of statements) if (/^(COMMIT|ROLLBACK)\b/i.test(s.sql.trim())) begun.delete(s.connection);
  if (!begun.size) return null;
  return (
    `${what} began a transaction and never ended it: no COMMIT and no ROLLBACK ran, so on a real database its rows are never saved and its locks are held. ` +
    `With const t = await sequelize.transaction(), end it yourself on every path: await t.commit() after the last query, and in a catch, await t.rollback() and then rethrow. ` +
    `Or pass a callback, sequelize.transaction(async (t) => { ... }), which commits or rolls back for you.`
  );
}
