/** The real schema, read from the database's own catalog (see dialect/): the ground truth checks judge by. */
import type { Sequelize } from 'sequelize';
import type { Column, ForeignKey, Index, SchemaReader } from './dialect/index.ts';
import { currentDialect } from './dialect/index.ts';

export type { Column, ForeignKey, Index } from './dialect/index.ts';

export class Schema {
  private readonly read: SchemaReader;

  constructor(sequelize: Sequelize) {
    this.read = currentDialect().reader(sequelize);
  }

  tables(): Promise<string[]> {
    return this.read.tables();
  }

  async hasTable(table: string): Promise<boolean> {
    return (await this.tables()).includes(table);
  }

  foreignKeys(table: string): Promise<ForeignKey[]> {
    return this.read.foreignKeys(table);
  }

  columns(table: string): Promise<Column[]> {
    return this.read.columns(table);
  }

  async column(table: string, name: string): Promise<Column | undefined> {
    return (await this.columns(table)).find((c) => c.name === name);
  }

  async primaryKey(table: string): Promise<string[]> {
    return (await this.columns(table)).filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
  }

  /** Every set of columns the database keeps unique: unique indexes and the primary key. */
  uniqueSets(table: string): Promise<string[][]> {
    return this.read.uniqueSets(table);
  }

  /** Every index on the table (the ones behind a primary key or UNIQUE too), with its columns in order. */
  indexes(table: string): Promise<Index[]> {
    return this.read.indexes(table);
  }

  /** True when the column alone is unique (so one value can appear in one row only). */
  async isUnique(table: string, column: string): Promise<boolean> {
    return (await this.uniqueSets(table)).some((s) => s.length === 1 && s[0] === column);
  }

  /** CREATE statements as the database has them; one table, or all tables. */
  ddl(table?: string): Promise<string> {
    return this.read.ddl(table);
  }
}
