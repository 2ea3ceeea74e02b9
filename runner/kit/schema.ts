/** Reads the real SQLite schema: the ground truth that checks judge by. */
import { QueryTypes, type Sequelize } from 'sequelize';

export interface ForeignKey {
  /** Column on the table that holds the key. */
  from: string;
  /** Referenced table. */
  table: string;
  /** Referenced column. */
  to: string;
  onDelete: string;
  onUpdate: string;
}

export interface Index {
  name: string;
  /** The indexed columns, in order. */
  columns: string[];
  unique: boolean;
}

export interface Column {
  name: string;
  type: string;
  notNull: boolean;
  /** Position in the primary key (1-based), 0 when not part of it. */
  pk: number;
  defaultValue: unknown;
}

const q = (name: string) => `\`${name.replace(/`/g, '``')}\``;

export class Schema {
  constructor(private readonly sequelize: Sequelize) {}

  private rows<T extends object>(sql: string): Promise<T[]> {
    // Schema reads are not the learner's queries: keep them out of the captured SQL log.
    return this.sequelize.query<T>(sql, { type: QueryTypes.SELECT, logging: false });
  }

  async tables(): Promise<string[]> {
    const rows = await this.rows<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
    return rows.map((r) => r.name);
  }

  async hasTable(table: string): Promise<boolean> {
    return (await this.tables()).includes(table);
  }

  async foreignKeys(table: string): Promise<ForeignKey[]> {
    const rows = await this.rows<{ from: string; table: string; to: string | null; on_delete: string; on_update: string }>(`PRAGMA foreign_key_list(${q(table)})`);
    const out: ForeignKey[] = [];
    for (const r of rows) {
      // REFERENCES t without a column means t's primary key, which is not always `id` (a custom primary key).
      const to = r.to ?? ((await this.primaryKey(r.table))[0] ?? 'id');
      out.push({ from: r.from, table: r.table, to, onDelete: r.on_delete.toUpperCase(), onUpdate: r.on_update.toUpperCase() });
    }
    return out;
  }

  async columns(table: string): Promise<Column[]> {
    const rows = await this.rows<{ name: string; type: string; notnull: number; pk: number; dflt_value: unknown }>(`PRAGMA table_info(${q(table)})`);
    return rows.map((r) => ({ name: r.name, type: r.type, notNull: r.notnull === 1, pk: r.pk, defaultValue: r.dflt_value }));
  }

  async column(table: string, name: string): Promise<Column | undefined> {
    return (await this.columns(table)).find((c) => c.name === name);
  }

  async primaryKey(table: string): Promise<string[]> {
    return (await this.columns(table)).filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
  }

  /** Every set of columns the database keeps unique: unique indexes and the primary key. */
  async uniqueSets(table: string): Promise<string[][]> {
    const sets: string[][] = [];
    const pk = await this.primaryKey(table);
    if (pk.length) sets.push(pk);
    for (const idx of await this.indexes(table)) if (idx.unique) sets.push(idx.columns);
    return sets;
  }

  /** Every index on the table (the ones behind a primary key or UNIQUE too), with its columns in order. */
  async indexes(table: string): Promise<Index[]> {
    const list = await this.rows<{ name: string; unique: number }>(`PRAGMA index_list(${q(table)})`);
    const out: Index[] = [];
    for (const idx of list) {
      const cols = await this.rows<{ seqno: number; name: string }>(`PRAGMA index_info(${q(idx.name)})`);
      out.push({ name: idx.name, columns: cols.sort((a, b) => a.seqno - b.seqno).map((c) => c.name), unique: idx.unique === 1 });
    }
    return out;
  }

  /** True when the column alone is unique (so one value can appear in one row only). */
  async isUnique(table: string, column: string): Promise<boolean> {
    return (await this.uniqueSets(table)).some((s) => s.length === 1 && s[0] === column);
  }

  /** CREATE statements as SQLite stores them; one table, or all tables. */
  async ddl(table?: string): Promise<string> {
    const rows = await this.rows<{ sql: string }>(
      table
        ? `SELECT sql FROM sqlite_master WHERE name = ${this.sequelize.escape(table)}`
        : "SELECT sql FROM sqlite_master WHERE type IN ('table', 'index') AND sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type DESC, name",
    );
    return rows.map((r) => `${r.sql};`).join('\n');
  }
}
