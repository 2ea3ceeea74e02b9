/** What the kit needs from a database, whichever it is: a fresh one per check, and its real schema. */
import type { Options, Sequelize } from 'sequelize';

export interface ForeignKey {
  /** Column on the table that holds the key. */
  from: string;
  /** Referenced table. */
  table: string;
  /** Referenced column. */
  to: string;
  onDelete: string;
  onUpdate: string;
  /** The constraint's name where the database keeps one (PostgreSQL; SQLite's are nameless). */
  name?: string;
}

export interface Column {
  name: string;
  /** The type as the database names it (VARCHAR(255) on SQLite, character varying(255) on PostgreSQL). */
  type: string;
  notNull: boolean;
  /** Position in the primary key (1-based), 0 when not part of it. */
  pk: number;
  defaultValue: unknown;
}

export interface Index {
  name: string;
  /** The indexed columns, in order. */
  columns: string[];
  unique: boolean;
}

/** Reads the schema from the database's own catalog: the ground truth that checks judge by. */
export interface SchemaReader {
  /** Table names, sorted by code point. */
  tables(): Promise<string[]>;
  foreignKeys(table: string): Promise<ForeignKey[]>;
  columns(table: string): Promise<Column[]>;
  /** Every set of columns kept unique: the primary key first, then unique indexes and constraints. */
  uniqueSets(table: string): Promise<string[][]>;
  /** Every index on the table (the ones behind a primary key or UNIQUE too), with its columns in order. */
  indexes(table: string): Promise<Index[]>;
  /** CREATE statements, one table or all. */
  ddl(table?: string): Promise<string>;
}

export interface Dialect {
  name: 'sqlite' | 'postgres';
  /**
   * A Sequelize instance on a fresh, empty database; or, given `expect` (SQL replaySchema would run), on
   * one that holds exactly that schema and nothing else, already built (holds() then says so).
   */
  open(logging: NonNullable<Options['logging']>, expect?: string): Promise<Sequelize>;
  /** The schema (open's `expect`) the database came with, built and empty of rows; undefined when it came empty. */
  holds?(sequelize: Sequelize): string | undefined;
  /** Empties a database that came holding a schema which is not wanted after all. */
  empty?(sequelize: Sequelize): Promise<void>;
  /** SQL that rebuilds, on a fresh database, the schema the last sync() made (given the statements it ran). */
  captureSchema(sequelize: Sequelize, syncStatements: string[]): Promise<string>;
  replaySchema(sequelize: Sequelize, sql: string): Promise<void>;
  reader(sequelize: Sequelize): SchemaReader;
  /** Raw SQL written with `backtick` identifiers, in this database's quoting. */
  quoteIdentifiers(sql: string): string;
}
