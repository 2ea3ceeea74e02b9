/**
 * PostgreSQL: each check process has two scratch databases of its own (runner/kit/db), and each check
 * empties its public schema first, so every check still starts from an empty database. Schema from
 * pg_catalog (foreign keys with their actions, NOT NULL, unique indexes and constraints).
 */
import { createHash } from 'node:crypto';
import { Sequelize } from 'sequelize';
import { reuseConnections, startState } from './postgres-connection-reuse.ts';
import type { Column, Dialect, ForeignKey, Index, SchemaReader } from './types.ts';

const ACTIONS: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The table's oid in the current schema, or none: every catalog read below starts from it. */
const TABLE = `(SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relname = $1 AND c.relkind IN ('r', 'p'))`;

type Driver = { query<R>(q: { name: string; text: string; values: unknown[] }): Promise<{ rows: R[] }>; connection?: { parsedStatements?: Record<string, string> } };
type Connections = { getConnection(): Promise<Driver>; releaseConnection(connection: Driver): void };

/** One name per statement text: the driver refuses a name given to two texts. */
const statementName = (sql: string) => `wbk_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;

function reader(sequelize: Sequelize): SchemaReader {
  return readerOn((sequelize as unknown as { connectionManager: Connections }).connectionManager);
}

/**
 * Plans every statement of the schema reader on a connection that has not run them yet (warm-up, and
 * a check process's connection to its second database), so that a check's first schema read does not.
 */
export async function planReaderStatements(connection: object): Promise<void> {
  const r = readerOn({ getConnection: async () => connection as Driver, releaseConnection: () => undefined });
  // A table that cannot exist: each statement planned and run, nothing found.
  await Promise.all([r.tables(), r.columns(''), r.foreignKeys(''), r.uniqueSets(''), r.indexes('')]);
}

function readerOn(connections: Connections): SchemaReader {
  // Schema reads are not the learner's queries: straight to the driver, so never in the captured SQL
  // log, and as named statements, which the server plans once per connection and the connection keeps
  // from check to check (postgres-connection-reuse.ts): planning these catalog joins costs about 1 ms
  // each time, running them about 0.2.
  const rows = async <T extends object>(sql: string, table?: string): Promise<T[]> => {
    const statement = { name: statementName(sql), text: sql, values: sql.includes('$1') ? [table ?? ''] : [] };
    const connection = await connections.getConnection();
    try {
      return (await connection.query<T>(statement)).rows;
    } catch (e) {
      // The learner's own DEALLOCATE ALL: the driver still counts the statement as prepared.
      if ((e as { code?: string }).code !== '26000' || !connection.connection?.parsedStatements) throw e;
      connection.connection.parsedStatements = {};
      return (await connection.query<T>(statement)).rows;
    } finally {
      connections.releaseConnection(connection);
    }
  };
  const self: SchemaReader = {
    async tables() {
      const found = await rows<{ name: string }>(
        `SELECT c.relname::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY c.relname COLLATE "C"`,
      );
      return found.map((r) => r.name);
    },
    async foreignKeys(table) {
      const found = await rows<{ from: string; table: string; to: string; del: string; upd: string; name: string }>(
        `SELECT con.conname::text AS name, a.attname::text AS "from", fc.relname::text AS "table", fa.attname::text AS "to", con.confdeltype AS del, con.confupdtype AS upd
         FROM pg_constraint con
         JOIN pg_class fc ON fc.oid = con.confrelid
         CROSS JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(attnum, fattnum, ord)
         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
         JOIN pg_attribute fa ON fa.attrelid = con.confrelid AND fa.attnum = k.fattnum
         WHERE con.contype = 'f' AND con.conrelid = ${TABLE}
         ORDER BY a.attnum DESC, con.oid, k.ord`,
        table,
      );
      return found.map((r): ForeignKey => ({ from: r.from, table: r.table, to: r.to, onDelete: ACTIONS[r.del] ?? r.del, onUpdate: ACTIONS[r.upd] ?? r.upd, name: r.name }));
    },
    async columns(table) {
      const found = await rows<{ name: string; type: string; notnull: boolean; pk: number | null; dflt: string | null }>(
        // Built-in types in capitals, as SQLite and Sequelize write them (INTEGER); an ENUM's own type keeps its name.
        `SELECT a.attname::text AS name,
                CASE WHEN t.typnamespace = 'pg_catalog'::regnamespace THEN upper(format_type(a.atttypid, a.atttypmod)) ELSE format_type(a.atttypid, a.atttypmod) END AS type,
                a.attnotnull AS notnull,
                (SELECT k.ord FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord) WHERE k.attnum = a.attnum)::int AS pk, pg_get_expr(d.adbin, d.adrelid) AS dflt
         FROM pg_attribute a
         JOIN pg_type t ON t.oid = a.atttypid
         LEFT JOIN pg_index i ON i.indrelid = a.attrelid AND i.indisprimary
         LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
         WHERE a.attrelid = ${TABLE} AND a.attnum > 0 AND NOT a.attisdropped
         ORDER BY a.attnum`,
        table,
      );
      return found.map((r): Column => ({ name: r.name, type: r.type, notNull: r.notnull, pk: r.pk ?? 0, defaultValue: r.dflt }));
    },
    async uniqueSets(table) {
      const found = await rows<{ cols: string[] }>(
        `SELECT array_agg(a.attname::text ORDER BY k.ord) AS cols
         FROM pg_index i
         CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
         WHERE i.indisunique AND i.indrelid = ${TABLE}
         GROUP BY i.indexrelid, i.indisprimary
         ORDER BY i.indisprimary DESC, i.indexrelid`,
        table,
      );
      return found.map((r) => r.cols);
    },
    async indexes(table) {
      const found = await rows<{ name: string; cols: string[]; unique: boolean }>(
        `SELECT ic.relname::text AS name, array_agg(a.attname::text ORDER BY k.ord) AS cols, i.indisunique AS unique
         FROM pg_index i
         JOIN pg_class ic ON ic.oid = i.indexrelid
         CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
         WHERE i.indrelid = ${TABLE}
         GROUP BY ic.relname, i.indisunique
         ORDER BY ic.relname COLLATE "C"`,
        table,
      );
      return found.map((r): Index => ({ name: r.name, columns: r.cols, unique: r.unique }));
    },
    async ddl(table) {
      const names = table ? [table] : await self.tables();
      const out: string[] = [];
      for (const name of names) {
        const cols = await self.columns(name);
        const constraints = await rows<{ def: string }>(
          `SELECT format('CONSTRAINT %I %s', conname, pg_get_constraintdef(oid)) AS def FROM pg_constraint WHERE conrelid = ${TABLE} AND contype <> 'n' ORDER BY contype = 'f', conname`,
          name,
        );
        const lines = [
          ...cols.map((c) => `${ident(c.name)} ${c.type}${c.notNull ? ' NOT NULL' : ''}${c.defaultValue != null ? ` DEFAULT ${String(c.defaultValue)}` : ''}`),
          ...constraints.map((c) => c.def),
        ];
        out.push(`CREATE TABLE ${ident(name)} (${lines.join(', ')});`);
      }
      const indexes = await rows<{ def: string }>(
        `SELECT pg_get_indexdef(i.indexrelid) AS def FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() ${table ? `AND i.indrelid = ${TABLE}` : ''}
           AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
         ORDER BY c.relname COLLATE "C", i.indexrelid`,
        table,
      );
      out.push(...indexes.map((i) => `${i.def};`));
      return out.join('\n');
    },
  };
  return self;
}

/**
 * Empties the database: whatever the previous check made goes (tables, ENUM types, sequences, functions,
 * anything in the schema), and any connection it left. Each object is dropped rather than the schema
 * itself: a new schema makes the server forget every query plan of the session, and the schema
 * reader's named statements would be planned again in every check. Whatever cannot be dropped that
 * way (say, an extension's member) is caught by the last test: then the whole schema goes, as before.
 */
const RESET = `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid();
DO $$
DECLARE r record;
BEGIN
  IF to_regnamespace('public') IS NULL THEN CREATE SCHEMA public; RETURN; END IF;
  FOR r IN SELECT o.type, o.identity FROM pg_depend d CROSS JOIN LATERAL pg_identify_object(d.classid, d.objid, 0) o
           WHERE d.refclassid = 'pg_namespace'::regclass AND d.refobjid = 'public'::regnamespace AND d.deptype = 'n'
  LOOP
    BEGIN
      -- IF EXISTS: an earlier CASCADE may have taken it (a table's sequence).
      EXECUTE format('DROP %s IF EXISTS %s CASCADE', r.type, r.identity);
    EXCEPTION WHEN OTHERS THEN NULL;
    END;
  END LOOP;
  IF EXISTS (SELECT 1 FROM pg_depend WHERE refclassid = 'pg_namespace'::regclass AND refobjid = 'public'::regnamespace) THEN
    DROP SCHEMA public CASCADE;
    CREATE SCHEMA public;
  END IF;
END$$;`;

type Stream = { ref(): void; unref(): void };
const streamOf = (connection: unknown): Stream | undefined => (connection as { connection?: { stream?: Stream } }).connection?.stream;

/**
 * An idle connection must not keep the check process alive: SQLite's never does, and the engine tells a
 * promise that can never settle by the event loop running empty. So a connection's socket holds the
 * loop only while Sequelize has it out of the pool (a query in flight or a transaction open) or closes it.
 */
function holdLoopOnlyWhileInUse(sequelize: Sequelize): void {
  const manager = (sequelize as unknown as { connectionManager: { releaseConnection(connection: unknown): Promise<void> } }).connectionManager;
  const release = manager.releaseConnection.bind(manager);
  manager.releaseConnection = (connection) => {
    streamOf(connection)?.unref();
    return release(connection);
  };
  sequelize.addHook('afterPoolAcquire', (connection) => streamOf(connection)?.ref());
  // The pool's reaper of idle connections would hold the loop for a second at a time; it must not either.
  type Reaper = { _scheduleRemoveIdle?: () => void; _removeIdleTimer?: { unref(): void } };
  const pool = (manager as unknown as { pool?: Reaper }).pool;
  const schedule = pool?._scheduleRemoveIdle?.bind(pool);
  if (pool && schedule) {
    pool._scheduleRemoveIdle = () => {
      schedule();
      pool._removeIdleTimer?.unref();
    };
  }
  // Closing waits for the server's goodbye on that socket.
  sequelize.addHook('beforeDisconnect', (connection) => streamOf(connection)?.ref());
}

/**
 * The server's version, once this process has asked: Sequelize asks on every instance's first
 * connection (about 20 ms, a third of opening a check's database) unless it is given.
 */
let serverVersion: string | undefined;

/** The schema each instance built from replayable SQL (replayed, captured, or found built): built again for the next check. */
const built = new WeakMap<Sequelize, string>();
/** Instances that came with `expect`'s schema built already (holds). */
const holding = new WeakMap<Sequelize, string>();

const empty = (sequelize: Sequelize) => sequelize.query(RESET, { logging: false, raw: true });

export const postgres: Dialect = {
  name: 'postgres',
  async open(logging, expect) {
    const { scratchDatabase, secondScratch } = await import('../db/prepare.ts');
    const server = await scratchDatabase();
    const sequelize = new Sequelize({
      dialect: 'postgres',
      host: server.host,
      port: server.port,
      username: server.user,
      password: server.password,
      database: server.database,
      logging,
      pool: { max: 5, min: 0, idle: 1000 },
      // A scratch database needs no durability: a commit (every CREATE TABLE of a sync) then does not
      // wait for the disk (a CREATE and DROP TABLE 4.1 -> 3.4 ms on Debian's server here; the embedded
      // server is started that way). Set at connection start, so the RESET ALL between checks keeps
      // it. Nothing a check can see changes.
      dialectOptions: { options: '-c synchronous_commit=off' },
      ...(serverVersion ? { databaseVersion: serverVersion } : {}),
    });
    holdLoopOnlyWhileInUse(sequelize);
    reuseConnections(sequelize, RESET, { schema: () => built.get(sequelize), second: secondScratch, expect, warm: planReaderStatements });
    // The first connection: the kept one comes ready already, after the last check closed: emptied, or
    // with the last check's tables built again (a check's tables cost a round trip and ~5 ms each).
    const connections = (sequelize as unknown as { connectionManager: { getConnection(options: object): Promise<unknown>; releaseConnection(c: unknown): Promise<void> } }).connectionManager;
    await connections.releaseConnection(await connections.getConnection({}));
    const state = startState(sequelize);
    if (state === undefined || (state !== '' && state !== expect)) await empty(sequelize);
    else if (state !== '') {
      holding.set(sequelize, state);
      built.set(sequelize, state);
    }
    serverVersion ??= (sequelize as unknown as { options: { databaseVersion?: string | number } }).options.databaseVersion?.toString() || undefined;
    return sequelize;
  },
  async captureSchema(sequelize, syncStatements) {
    // What sync ran, less its reads (pg_catalog look-ups for indexes and ENUM types): replayed in that order.
    const sql = syncStatements
      .filter((sql) => !/^\s*(SELECT|WITH)\b/i.test(sql))
      .map((sql) => `${sql.trim().replace(/;\s*$/, '')};`)
      .join('\n');
    built.set(sequelize, sql);
    return sql;
  },
  async replaySchema(sequelize, sql) {
    // No bind parameters, so pg sends it as one simple query: all statements in one round trip.
    await sequelize.query(sql, { logging: false, raw: true });
    built.set(sequelize, sql);
  },
  holds: (sequelize) => holding.get(sequelize),
  async empty(sequelize) {
    holding.delete(sequelize);
    built.delete(sequelize);
    await empty(sequelize);
  },
  reader,
  quoteIdentifiers: (sql) => sql.replace(/`([^`]*)`/g, (_m, name: string) => ident(name)),
};
