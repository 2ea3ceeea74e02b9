/**
 * The proof that an accepted mutant is equivalent to the solution: the same schema read back from the
 * database after sync(), and the same declarations (associations with their aliases, keys, scopes
 * and hooks; attributes with their validations; model options), so every mixin, include and query the
 * lesson's functions run behaves the same. Edits that only change behaviour (an include, a where, a
 * transaction in a query function) cannot be proved this way: those are never called equivalent.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Model, ModelStatic, Sequelize } from 'sequelize';
import { sqlite } from '../kit/dialect/sqlite.ts';
import { inventory } from '../kit/associations.ts';

/** The file of a lesson folder that exports defineModels. */
export function modelsFile(dir: string): string | undefined {
  return ['models.ts', 'models/index.ts'].map((f) => join(dir, f)).find((p) => existsSync(p));
}

function stable(value: unknown): unknown {
  if (typeof value === 'function') return `fn:${value.toString()}`;
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === 'object') {
    if (value.constructor && value.constructor !== Object && 'key' in (value.constructor as object)) return String(value); // a DataType
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, stable((value as Record<string, unknown>)[k])]));
  }
  return value;
}

function attributes(model: ModelStatic<Model>): unknown {
  return Object.fromEntries(
    Object.entries(model.getAttributes()).map(([name, a]) => [
      name,
      stable({ type: String(a.type), allowNull: a.allowNull, unique: a.unique, primaryKey: a.primaryKey, field: a.field, defaultValue: a.defaultValue, validate: a.validate, references: a.references, onDelete: a.onDelete }),
    ]),
  );
}

/** Everything about a lesson's models that the lesson's functions and checks could observe, as text. */
export async function fingerprint(dir: string): Promise<string> {
  const file = modelsFile(dir);
  if (!file) throw new Error(`no models file in ${dir}`);
  const mod = (await import(pathToFileURL(file).href)) as { defineModels(s: Sequelize): unknown };
  const sequelize = await sqlite.open(false as never);
  try {
    await mod.defineModels(sequelize);
    await sequelize.sync();
    const read = sqlite.reader(sequelize);
    const schema: Record<string, unknown> = {};
    for (const t of await read.tables()) {
      schema[t] = { columns: await read.columns(t), fks: await read.foreignKeys(t), unique: await read.uniqueSets(t), indexes: (await read.indexes(t)).map((i) => [i.columns, i.unique]) };
    }
    const declared = inventory(sequelize)
      // Key options (ON DELETE, NOT NULL, unique) count as the schema has them: the side defined second
      // is ignored by Sequelize, so an option dropped there changes nothing anyone can observe.
      .map((a) => stable({ ...a, label: undefined, explicit: undefined, derivedFrom: undefined, options: { ...a.options, onDelete: undefined, onUpdate: undefined, allowNull: undefined, unique: undefined } }))
      .map((a) => JSON.stringify(a))
      .sort();
    const models = Object.values(sequelize.models)
      .map((m) => {
        const o = m.options as unknown as Record<string, unknown>;
        return JSON.stringify({ name: m.name, table: m.getTableName(), attributes: attributes(m), paranoid: o.paranoid, timestamps: o.timestamps, defaultScope: stable(o.defaultScope), scopes: stable(o.scopes), hooks: stable(o.hooks) });
      })
      .sort();
    return JSON.stringify({ schema: stable(schema), declared, models });
  } finally {
    await sequelize.close();
  }
}
