/** The schema as plain data (tables, columns, foreign keys, unique sets), read through the dialect layer: what the diagram is drawn from. */
import type { Column, ForeignKey, Schema } from '../../kit/schema.ts';

export interface TableSnapshot {
  name: string;
  columns: Column[];
  foreignKeys: ForeignKey[];
  /** Sets of columns the database keeps unique (the primary key first). */
  uniqueSets: string[][];
}

export interface SchemaSnapshot {
  tables: TableSnapshot[];
}

export async function readSnapshot(schema: Schema): Promise<SchemaSnapshot> {
  const tables: TableSnapshot[] = [];
  for (const name of await schema.tables()) {
    // SequelizeMeta (lesson 14's migrations) is bookkeeping, not one of the learner's tables.
    if (name === 'SequelizeMeta') continue;
    const [columns, foreignKeys, uniqueSets] = await Promise.all([schema.columns(name), schema.foreignKeys(name), schema.uniqueSets(name)]);
    tables.push({ name, columns, foreignKeys, uniqueSets });
  }
  return { tables };
}
