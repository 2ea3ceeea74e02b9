/** In-memory SQLite: every Sequelize instance is its own fresh database. Schema from PRAGMAs and sqlite_master. */
import { QueryTypes, Sequelize } from 'sequelize';
import type { Column, Dialect, ForeignKey, Index, SchemaReader } from './types.ts';

const q = (name: string) => `\`${name.replace(/`/g, '``')}\``;

function reader(sequelize: Sequelize): SchemaReader {
  // Schema reads are not the learner's queries: keep them out of the captured SQL log.
  const rows = <T extends object>(sql: string) => sequelize.query<T>(sql, { type: QueryTypes.SELECT, logging: false });
  const columns = async (table: string): Promise<Column[]> =>
    (await rows<{ name: string; type: string; notnull: number; pk: number; dflt_value: unknown }>(`PRAGMA table_info(${q(table)})`)).map((r) => ({
      name: r.name,
      type: r.type,
      notNull: r.notnull === 1,
      pk: r.pk,
      defaultValue: r.dflt_value,
    }));
  const indexes = async (table: string): Promise<Index[]> => {
    const out: Index[] = [];
    for (const idx of await rows<{ name: string; unique: number }>(`PRAGMA index_list(${q(table)})`)) {
      const cols = await rows<{ seqno: number; name: string }>(`PRAGMA index_info(${q(idx.name)})`);
      out.push({ name: idx.name, columns: cols.sort((a, b) => a.seqno - b.seqno).map((c) => c.name), unique: idx.unique === 1 });
    }
    return out;
  };
  const primaryKey = async (table: string) => (await columns(table)).filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
  return {
    async tables() {
      return (await rows<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")).map((r) => r.name);
    },
    async foreignKeys(table) {
      const found = await rows<{ from: string; table: string; to: string | null; on_delete: string; on_update: string }>(`PRAGMA foreign_key_list(${q(table)})`);
      const out: ForeignKey[] = [];
      for (const r of found) {
        // REFERENCES t without a column means t's primary key, which is not always `id` (a custom primary key).
        const to = r.to ?? ((await primaryKey(r.table))[0] ?? 'id');
        out.push({ from: r.from, table: r.table, to, onDelete: r.on_delete.toUpperCase(), onUpdate: r.on_update.toUpperCase() });
      }
      return out;
    },
    columns,
    async uniqueSets(table) {
      const sets: string[][] = [];
      const pk = await primaryKey(table);
      if (pk.length) sets.push(pk);
      for (const idx of await indexes(table)) if (idx.unique) sets.push(idx.columns);
      return sets;
    },
    indexes,
    async ddl(table) {
      const found = await rows<{ sql: string }>(
        table
          ? `SELECT sql FROM sqlite_master WHERE name = ${sequelize.escape(table)}`
          : "SELECT sql FROM sqlite_master WHERE type IN ('table', 'index') AND sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type DESC, name",
      );
      return found.map((r) => `${r.sql};`).join('\n');
    },
  };
}

export const sqlite: Dialect = {
  name: 'sqlite',
  async open(logging) {
    return new Sequelize({ dialect: 'sqlite', storage: ':memory:', logging });
  },
  async captureSchema(sequelize) {
    // sqlite_master holds the exact CREATE statements sync ran.
    const found = await sequelize.query<{ sql: string }>(
      "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid",
      { type: QueryTypes.SELECT, logging: false },
    );
    return found.map((r) => `${r.sql};`).join('\n');
  },
  async replaySchema(sequelize, sql) {
    // Several statements in one call (Sequelize's query runs only the first); in-memory SQLite has one connection.
    type Connection = { exec(sql: string, done: (e: Error | null) => void): void };
    const manager = (sequelize as unknown as { connectionManager: { getConnection(o: object): Promise<Connection> } }).connectionManager;
    const connection = await manager.getConnection({});
    await new Promise<void>((resolve, reject) => connection.exec(sql, (e) => (e ? reject(e) : resolve())));
  },
  reader,
  quoteIdentifiers: (sql) => sql,
};
