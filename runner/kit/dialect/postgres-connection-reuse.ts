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

/** The session's database: a check process has two (see below). */
type Placed = Connection & { database?: string };

function onKeptError(this: Connection) {
  // The server ended it while it waited (a restart, a terminate): it is not kept any more.
  this._invalid = true;
  if (kept === this) kept = undefined;
  ready = ready.filter((r) => r.connection !== this);
}

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
 * Connections made ready for the next check, at most one per database: the session reset, the database
 * emptied and, when the check that closed had built its tables from a known schema, that schema built
 * again (the next check of the same lesson builds the same one). A check process has two databases
 * (../db/prepare.ts): while a check runs in one, the server makes the other ready, so a check does not
 * wait for the last one's tables to go and its own to be made (about half of a check's time on
 * PostgreSQL). `done` never rejects: false when it failed.
 */
type Ready = { connection: Placed; schema: string; done: Promise<boolean>; finished: boolean };
let ready: Ready[] = [];
/** A connection to the second database being opened. */
let opening: Promise<unknown> | undefined;

/** Resolves once no connection is being opened or made ready (for tests, which wait on that, not on the clock). */
export async function connectionsSettled(): Promise<void> {
  while (opening || ready.some((r) => !r.finished)) await Promise.all([opening, ...ready.map((r) => r.done)]);
}
/** Instances made by reuseConnections and not closed yet. */
let open = 0;
/**
 * Instances whose first connection came with the database made ready: '' emptied, or the schema
 * (replayable SQL) it holds and nothing else.
 */
const startedReady = new WeakMap<Sequelize, string>();

/**
 * What the database of `sequelize`'s first connection held: '' when emptied, the schema's SQL when it
 * holds that schema and nothing else, undefined when unknown (a new connection: empty it before use).
 */
export const startState = (sequelize: Sequelize): string | undefined => startedReady.get(sequelize);

/** Starts making `c` ready: `reset` its session (a used one), run `empty`, then build `schema`. */
function makeReady(c: Placed, empty: string, schema: string, reset: boolean): Ready {
  // While it runs the socket holds the process: a check waiting for it is not a promise that can never settle.
  c.connection?.stream?.ref();
  const entry: Ready = { connection: c, schema, finished: false, done: Promise.resolve(false) };
  // One simple query, one implicit transaction: a schema that fails to build leaves nothing half-made.
  entry.done = (reset ? resetSession(c) : Promise.resolve())
    .then(() => c.query(schema ? `${empty}\n${schema}` : empty))
    .then(
      () => true,
      () => false,
    )
    .finally(() => {
      entry.finished = true;
      c.connection?.stream?.unref();
    });
  return entry;
}

/** Waits as a kept connection waits: our error handler, and its socket never holding the process open. */
function keep(c: Placed): void {
  // Sequelize's own error handler would destroy it in a pool that is closing: waiting, it has ours.
  c.removeAllListeners('error');
  c.on('error', onKeptError);
  c.connection?.stream?.unref();
}

export interface ReuseOptions {
  /** The SQL that builds the tables the instance has, when it knows it (built again for the next check). */
  schema?: () => string | undefined;
  /** This process's second database, once it is made; `make`: start making it if it is not. */
  second?: (make: boolean) => string | undefined;
  /** The schema the instance would like its database to come with (see startState). */
  expect?: string;
  /** Run once on the connection to the second database, when it is opened (planning what every check reads). */
  warm?: (connection: object) => Promise<void>;
}

/**
 * Makes `sequelize` start with a connection made ready, and keep its own idle one when it lets it go;
 * once it has closed, that connection is reset, `empty` (the dialect's emptying statement) run on it,
 * then the schema it had built again; and the second database gets a connection of its own.
 */
export function reuseConnections(sequelize: Sequelize, empty: string, options: ReuseOptions = {}): void {
  const manager = (sequelize as unknown as { connectionManager: Manager }).connectionManager;
  const connect = manager.connect.bind(manager);
  const disconnect = manager.disconnect.bind(manager);
  const close = sequelize.close.bind(sequelize);
  let config: object | undefined;
  open += 1;
  let closed = false;
  sequelize.close = async () => {
    await close();
    if (!closed) open -= 1;
    closed = true;
    // Only once every instance has closed: emptying ends every other connection to the database.
    if (open > 0) return;
    const next = options.schema?.() ?? '';
    const c = kept;
    kept = undefined;
    if (c && reusable(c)) ready.push(makeReady(c, empty, next, true));
    else c?.end().catch(() => undefined);
    // Made once a check has built tables (not for a warm-up's or a schema read's throwaway query); used once made.
    const second = options.second?.(next !== '');
    if (!second || !config || opening || ready.some((r) => r.connection.database === second)) return;
    opening = connect({ ...config, database: second })
      .then((fresh: Placed) => {
        fresh.connection?.on('readyForQuery', (message) => status.set(fresh, message.status));
        keep(fresh);
        const entry = makeReady(fresh, empty, next, false);
        if (options.warm) {
          const warm = options.warm;
          // Ready once planned too; a failure to plan changes nothing (the check plans them itself).
          entry.done = entry.done.then(async (ok) => (ok ? warm(fresh).then(() => true, () => true) : false));
        }
        ready.push(entry);
      })
      .catch(() => undefined) // the checks go on taking turns in the first database
      .finally(() => (opening = undefined));
  };
  /** Gives this Sequelize a connection another one let go, with this Sequelize's type parsers. */
  const adopt = async (c: Connection, state: string | undefined): Promise<Connection | undefined> => {
    c.off('error', onKeptError);
    try {
      if (state === undefined) await resetSession(c);
      // Results are parsed by this Sequelize's type parsers, which start empty: give them the types a new connection would look up.
      c._types._types = { getTypeParser: (oid, format) => manager.getTypeParser(oid, format) };
      if (builtInTypes) {
        manager.nameOidMap = builtInTypes;
        manager.enumOids = { oids: [], arrayOids: [] };
        manager.refreshTypeParser((DataTypes as unknown as { postgres: unknown }).postgres);
      } else await manager._refreshDynamicOIDs(c);
    } catch {
      c.end().catch(() => undefined);
      return undefined;
    }
    // As Sequelize does for a connection of its own: one that fails leaves this Sequelize's pool.
    c.on('error', () => {
      c._invalid = true;
      void manager.pool.destroy(c).catch(() => undefined);
    });
    if (state !== undefined) startedReady.set(sequelize, state);
    return c;
  };
  /** Fresh, to the database the instance's first connection is in. */
  const connectFresh = async (given: object, database?: string): Promise<Connection> => {
    const fresh = await connect(database ? { ...given, database } : given);
    fresh.connection?.on('readyForQuery', (message) => status.set(fresh, message.status));
    builtInTypes ??= manager.nameOidMap;
    settings ??= (await fresh.query<{ name: string; setting: string }>(`SELECT name, setting FROM pg_settings WHERE source = 'session'`)).rows;
    return fresh;
  };
  /** The instance's first connection: every later one (a pool of several, a reconnect) goes to the same database. */
  let first: Promise<Placed> | undefined;
  manager.connect = async (given) => {
    config = given;
    if (first) {
      const home = await first.then((c) => c.database).catch(() => undefined);
      return connectFresh(given, home);
    }
    first = takeReady(given);
    return first;
  };
  const takeReady = async (given: object): Promise<Placed> => {
    // One made ready already, with the wanted schema if one is; else the one that started first (the other is still being emptied).
    while (ready.length > 0) {
      const pick = ready.find((r) => r.finished && r.schema === (options.expect ?? '')) ?? ready.find((r) => r.finished) ?? ready[0];
      ready = ready.filter((r) => r !== pick);
      const c = pick.connection;
      if (!(await pick.done) || !reusable(c)) {
        c.end().catch(() => undefined);
        continue;
      }
      const adopted = await adopt(c, pick.schema);
      if (adopted) return adopted;
    }
    const c = kept;
    kept = undefined;
    if (c && reusable(c)) {
      const adopted = await adopt(c, undefined);
      if (adopted) return adopted;
    }
    return connectFresh(given);
  };
  manager.disconnect = async (c) => {
    if (kept !== undefined || !keepable(c)) return disconnect(c);
    kept = c;
    keep(c);
  };
}
