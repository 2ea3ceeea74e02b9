/**
 * A check process keeps one PostgreSQL connection from one check to the next. Every check has a
 * Sequelize of its own (the learner's models are defined on it), and a new connection costs about half
 * of a check's time: a new server process, its login, its cold catalog caches, Sequelize's look-up of
 * the server's types, and the goodbye when the check ends. So when a check's Sequelize lets an idle
 * connection go, this keeps it (one at most), and the next check's Sequelize starts with it, once
 * whatever a check can leave in a session is undone (an open transaction, SET, temporary tables,
 * locks, prepared statements). Each check still empties the database first (the dialect's reset), so
 * isolation does not change: only the connection is shared, never a table or a row.
 */
import { DataTypes, type Sequelize } from 'sequelize';
import type pg from 'pg';

type Stream = { ref(): void; unref(): void };
/** What this module touches inside pg's Client: its socket, its state and its type parsers. */
type Connection = pg.Client & {
  _invalid?: boolean;
  _ending: boolean;
  _queryable: boolean;
  _connected: boolean;
  _activeQuery?: unknown;
  _queryQueue: unknown[];
  _types: { _types: { getTypeParser(oid: number, format?: string): unknown } };
  connection?: { stream?: Stream; on(event: 'readyForQuery', listener: (message: { status: string }) => void): void };
};
/** What this module touches inside Sequelize's PostgreSQL connection manager. */
type Manager = {
  connect(config: object): Promise<Connection>;
  disconnect(connection: Connection): Promise<void>;
  getTypeParser(oid: number, format?: string): unknown;
  _refreshDynamicOIDs(connection: Connection): Promise<void>;
  refreshTypeParser(types: unknown): void;
  nameOidMap: Record<string, unknown>;
  enumOids: { oids: number[]; arrayOids: number[] };
  pool: { destroy(connection: Connection): Promise<void> };
};

let kept: Connection | undefined;
/** The session settings Sequelize made on its first connection (time zone, client_min_messages), restored on reuse. */
let settings: Array<{ name: string; setting: string }> | undefined;
/**
 * The server's built-in types, which Sequelize looks up on each new connection to parse results. They
 * never change; ENUM types come and go with each check's tables, and sync() looks those up itself.
 */
let builtInTypes: Record<string, unknown> | undefined;

const onKeptError = () => {
  // The server ended it while it waited (a restart, a terminate): it is not kept any more.
  if (kept) kept._invalid = true;
  kept = undefined;
};

/** Each connection's transaction status, as the server last said: I (idle), T (in a transaction) or E (in a failed one). */
const status = new WeakMap<Connection, string>();

const reusable = (c: Connection) => !c._invalid && !c._ending && c._connected && c._queryable && !c._activeQuery && c._queryQueue.length === 0;
/**
 * Kept only outside a transaction: one left open (a learner's BEGIN) would need a ROLLBACK, which the
 * server logs as a warning every time there is none, and it is rare enough to pay for a new connection.
 */
const keepable = (c: Connection) => reusable(c) && status.get(c) === 'I';

const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;

/**
 * Leaves the session as a new connection's (it is never in a transaction: see keepable): no SET, no
 * temporary table, lock, cursor, LISTEN or prepared statement; then Sequelize's own settings again.
 * What DISCARD ALL does, in one round trip (DISCARD ALL itself refuses a multi-statement query), less
 * forgetting query plans: plans change no result, and the schema reader's are worth keeping.
 */
function resetSession(c: Connection): Promise<unknown> {
  const restore = (settings ?? []).map((s) => `set_config(${quote(s.name)}, ${quote(s.setting)}, false)`);
  return c.query(
    [
      'SET SESSION AUTHORIZATION DEFAULT',
      'RESET ALL',
      // Not the schema reader's statements (named wbk_...), which are the point of keeping a connection.
      `DO $$DECLARE s text; BEGIN FOR s IN SELECT name FROM pg_prepared_statements WHERE name NOT LIKE 'wbk\\_%' LOOP EXECUTE 'DEALLOCATE ' || quote_ident(s); END LOOP; END$$`,
      'CLOSE ALL',
      'UNLISTEN *',
      'SELECT pg_advisory_unlock_all()',
      'DISCARD TEMP',
      'DISCARD SEQUENCES',
      ...(restore.length ? [`SELECT ${restore.join(', ')}`] : []),
    ].join('; '),
  );
}

/**
 * The kept connection being made ready for the next check as soon as the last one has closed: its
 * session reset and the database emptied, while the next check's own code loads (about a tenth of a
 * check's time on PostgreSQL). Never rejects: false when it failed.
 */
let emptying: { connection: Connection; done: Promise<boolean> } | undefined;
/** Instances made by reuseConnections and not closed yet. */
let open = 0;
/** Instances whose first connection came with the database already emptied. */
const startedEmpty = new WeakSet<Sequelize>();

/** Whether `sequelize` got the kept connection with its database already emptied (so opening need not empty it). */
export const startsEmpty = (sequelize: Sequelize): boolean => startedEmpty.has(sequelize);

/**
 * Makes `sequelize` start with the kept connection, and keep its own idle one when it lets it go; once
 * it has closed, the kept connection is reset and `empty` (the dialect's emptying statement) run on it.
 */
export function reuseConnections(sequelize: Sequelize, empty: string): void {
  const manager = (sequelize as unknown as { connectionManager: Manager }).connectionManager;
  const connect = manager.connect.bind(manager);
  const disconnect = manager.disconnect.bind(manager);
  const close = sequelize.close.bind(sequelize);
  open += 1;
  let closed = false;
  sequelize.close = async () => {
    await close();
    if (!closed) open -= 1;
    closed = true;
    // Only once every instance has closed: emptying ends every other connection to the database.
    if (open > 0) return;
    const c = kept;
    if (!c || emptying?.connection === c || !reusable(c)) return;
    // While it runs the socket holds the process: a check waiting for it is not a promise that can never settle.
    c.connection?.stream?.ref();
    const done = resetSession(c)
      .then(() => c.query(empty))
      .then(
        () => true,
        () => false,
      )
      .finally(() => c.connection?.stream?.unref());
    emptying = { connection: c, done };
  };
  manager.connect = async (config) => {
    const c = kept;
    kept = undefined;
    const emptied = c && emptying?.connection === c ? emptying.done : undefined;
    emptying = undefined;
    if (c && emptied && !(await emptied)) {
      c.end().catch(() => undefined);
      return connect(config);
    }
    if (c && reusable(c)) {
      c.off('error', onKeptError);
      try {
        if (!emptied) await resetSession(c);
        // Results are parsed by this Sequelize's type parsers, which start empty: give them the types a new connection would look up.
        c._types._types = { getTypeParser: (oid, format) => manager.getTypeParser(oid, format) };
        if (builtInTypes) {
          manager.nameOidMap = builtInTypes;
          manager.enumOids = { oids: [], arrayOids: [] };
          manager.refreshTypeParser((DataTypes as unknown as { postgres: unknown }).postgres);
        } else await manager._refreshDynamicOIDs(c);
      } catch {
        c.end().catch(() => undefined);
        return connect(config);
      }
      // As Sequelize does for a connection of its own: one that fails leaves this Sequelize's pool.
      c.on('error', () => {
        c._invalid = true;
        void manager.pool.destroy(c).catch(() => undefined);
      });
      if (emptied) startedEmpty.add(sequelize);
      return c;
    }
    const fresh = await connect(config);
    fresh.connection?.on('readyForQuery', (message) => status.set(fresh, message.status));
    builtInTypes ??= manager.nameOidMap;
    settings ??= (await fresh.query<{ name: string; setting: string }>(`SELECT name, setting FROM pg_settings WHERE source = 'session'`)).rows;
    return fresh;
  };
  manager.disconnect = async (c) => {
    if (kept !== undefined || !keepable(c)) return disconnect(c);
    kept = c;
    // Sequelize's own error handler would destroy it in a pool that is closing: waiting, it has ours.
    c.removeAllListeners('error');
    c.on('error', onKeptError);
    // A kept connection never holds the process open: the server sees it go when the process ends.
    c.connection?.stream?.unref();
  };
}
