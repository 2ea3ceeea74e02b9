/** The schema the models really made, read back from the scratch database through the kit's dialect readers. */
import type { Sequelize } from 'sequelize';
import { Schema } from '../kit/schema.ts';
import { STORAGE_TABLE } from '../kit/diagnose/migrations.ts';
import type { TableSchema } from './result.ts';

export async function readSchema(sequelize: Sequelize): Promise<TableSchema[]> {
  const schema = new Schema(sequelize);
  const out: TableSchema[] = [];
  for (const name of await schema.tables()) {
    if (name === STORAGE_TABLE) continue;
    const [columns, foreignKeys, uniqueSets, indexes] = await Promise.all([schema.columns(name), schema.foreignKeys(name), schema.uniqueSets(name), schema.indexes(name)]);
    out.push({
      name,
      columns: columns.map((c) => ({ name: c.name, type: c.type, notNull: c.notNull, pk: c.pk })),
      foreignKeys: foreignKeys.map((k) => ({ from: k.from, table: k.table, to: k.to, onDelete: k.onDelete, onUpdate: k.onUpdate })),
      uniqueSets,
      indexes,
    });
  }
  return out;
}
