/**
 * What the learner declared, read from Model.associations. Used to find and name the declaration
 * behind a database fact ("UserId comes from Profile.belongsTo(User)"), never to decide whether
 * behaviour is right: the database decides that.
 */
import type { Association, ModelStatic, Model, Sequelize } from 'sequelize';

export type AssociationType = 'HasOne' | 'HasMany' | 'BelongsTo' | 'BelongsToMany';

export interface AssociationInfo {
  source: string;
  target: string;
  type: AssociationType;
  as: string;
  /** True when the learner gave `as`; otherwise Sequelize derived the name from the target model. */
  aliased: boolean;
  foreignKey: string;
  otherKey?: string;
  /** Model name of the join table for belongsToMany. */
  through?: string;
  /** Table holding the foreign key column(s). */
  fkTable: string;
  /** The table the foreign key points at. */
  referencedTable: string;
  options: {
    onDelete?: string;
    onUpdate?: string;
    constraints?: boolean;
    hooks?: boolean;
    scope?: Record<string, unknown>;
    throughScope?: Record<string, unknown>;
    /** Column options given inside `foreignKey: { ... }`. */
    allowNull?: boolean;
    unique?: boolean | string;
  };
  /** How the learner would have written it: User.hasOne(Profile, { as: 'profile' }). */
  label: string;
}

const method: Record<AssociationType, string> = { HasOne: 'hasOne', HasMany: 'hasMany', BelongsTo: 'belongsTo', BelongsToMany: 'belongsToMany' };

interface RawAssociation {
  associationType: AssociationType;
  source: ModelStatic<Model>;
  target: ModelStatic<Model>;
  as: string;
  isAliased?: boolean;
  foreignKey: string;
  otherKey?: string;
  through?: { model: ModelStatic<Model>; scope?: Record<string, unknown> };
  scope?: Record<string, unknown>;
  options: {
    onDelete?: string;
    onUpdate?: string;
    constraints?: boolean;
    hooks?: boolean;
    foreignKey?: string | { name?: string; allowNull?: boolean; unique?: boolean | string };
  };
}

export function describe(a: Association): AssociationInfo {
  const r = a as unknown as RawAssociation;
  const type = r.associationType;
  const fkOpt = typeof r.options.foreignKey === 'object' ? r.options.foreignKey : undefined;
  const throughModel = r.through?.model;
  const fkTable = type === 'BelongsToMany' ? throughModel!.getTableName().toString() : type === 'BelongsTo' ? r.source.getTableName().toString() : r.target.getTableName().toString();
  const referencedTable = type === 'BelongsTo' ? r.target.getTableName().toString() : r.source.getTableName().toString();
  const parts: string[] = [];
  if (r.isAliased) parts.push(`as: '${r.as}'`);
  if (r.options.foreignKey !== undefined) parts.push(`foreignKey: '${r.foreignKey}'`);
  if (type === 'BelongsToMany') {
    parts.unshift(`through: '${throughModel?.name}'`);
    if (r.otherKey) parts.push(`otherKey: '${r.otherKey}'`);
  }
  const label = `${r.source.name}.${method[type]}(${r.target.name}${parts.length ? `, { ${parts.join(', ')} }` : ''})`;
  return {
    source: r.source.name,
    target: r.target.name,
    type,
    as: r.as,
    aliased: Boolean(r.isAliased),
    foreignKey: r.foreignKey,
    otherKey: r.otherKey,
    through: throughModel?.name,
    fkTable,
    referencedTable,
    options: {
      onDelete: r.options.onDelete?.toUpperCase(),
      onUpdate: r.options.onUpdate?.toUpperCase(),
      constraints: r.options.constraints,
      hooks: r.options.hooks,
      scope: r.scope,
      throughScope: r.through?.scope,
      allowNull: fkOpt?.allowNull,
      unique: fkOpt?.unique,
    },
    label,
  };
}

/** Every association declared on every model of this Sequelize instance. */
export function inventory(sequelize: Sequelize): AssociationInfo[] {
  const out: AssociationInfo[] = [];
  for (const model of Object.values(sequelize.models)) {
    for (const a of Object.values(model.associations)) out.push(describe(a));
  }
  return out;
}

/** The associations that declare (or share) the foreign key column `column` on `table`. */
export function declaringColumn(all: AssociationInfo[], table: string, column: string): AssociationInfo[] {
  return all.filter((a) => a.fkTable === table && (a.foreignKey === column || a.otherKey === column));
}

export function modelForTable(sequelize: Sequelize, table: string): ModelStatic<Model> | undefined {
  return Object.values(sequelize.models).find((m) => m.getTableName().toString() === table);
}
