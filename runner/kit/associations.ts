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
  /** The foreign key's attribute name on the model that holds it. */
  foreignKey: string;
  /** The foreign key's column in the database (differs from foreignKey with `field` or underscored: true). */
  fkColumn: string;
  otherKey?: string;
  /** The other key's column in the join table (belongsToMany). */
  otherKeyColumn?: string;
  /** Which keys the learner named (foreignKey / otherKey given); otherwise Sequelize derived them. */
  explicit: { foreignKey: boolean; otherKey: boolean };
  /** For a key Sequelize derived: what it derived it from, e.g. "the alias 'profile'" or "the model name User". */
  derivedFrom?: string;
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
  identifierField?: string;
  otherKey?: string;
  foreignIdentifierField?: string;
  through?: { model: ModelStatic<Model>; scope?: Record<string, unknown> };
  scope?: Record<string, unknown>;
  options: {
    onDelete?: string;
    onUpdate?: string;
    constraints?: boolean;
    hooks?: boolean;
    foreignKey?: string | { name?: string; fieldName?: string; allowNull?: boolean; unique?: boolean | string };
    otherKey?: string | { name?: string; fieldName?: string };
    /** belongsToMany: as given, normalised by Sequelize to { model } (the model may still be the string). */
    through?: { model?: unknown };
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
  const explicit = { foreignKey: named(r.options.foreignKey), otherKey: named(r.options.otherKey) };
  if (explicit.foreignKey) parts.push(`foreignKey: '${r.foreignKey}'`);
  if (type === 'BelongsToMany') {
    // As written: a string names a table Sequelize builds a model for; a model is passed as itself.
    const given = r.options.through?.model;
    parts.unshift(typeof given === 'string' || given === undefined ? `through: '${throughModel?.name}'` : `through: ${throughModel?.name}`);
    // Only what the learner wrote: a derived otherKey in the label would read as if they had set it.
    if (explicit.otherKey && r.otherKey) parts.push(`otherKey: '${r.otherKey}'`);
  }
  const label = `${r.source.name}.${method[type]}(${r.target.name}${parts.length ? `, { ${parts.join(', ')} }` : ''})`;
  return {
    source: r.source.name,
    target: r.target.name,
    type,
    as: r.as,
    aliased: Boolean(r.isAliased),
    foreignKey: r.foreignKey,
    fkColumn: r.identifierField ?? columnOf(type === 'BelongsTo' ? r.source : type === 'BelongsToMany' ? throughModel : r.target, r.foreignKey),
    otherKey: r.otherKey,
    otherKeyColumn: r.otherKey ? (r.foreignIdentifierField ?? columnOf(throughModel, r.otherKey)) : undefined,
    explicit,
    derivedFrom: explicit.foreignKey ? undefined : derivation(r),
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

/** Did the learner name the key? foreignKey: { allowNull: false } gives column options but leaves the name to Sequelize. */
function named(key: string | { name?: string; fieldName?: string } | undefined): boolean {
  return typeof key === 'string' ? key !== '' : Boolean(key?.name ?? key?.fieldName);
}

/** Every association declared on every model of this Sequelize instance. */
export function inventory(sequelize: Sequelize): AssociationInfo[] {
  const out: AssociationInfo[] = [];
  for (const model of Object.values(sequelize.models)) {
    for (const a of Object.values(model.associations)) out.push(describe(a));
  }
  return out;
}

/** The database column of attribute `attribute` of `model` (its `field`, when it has one). */
function columnOf(model: ModelStatic<Model> | undefined, attribute: string): string {
  const attr = model?.getAttributes()[attribute] as { field?: string } | undefined;
  return attr?.field ?? attribute;
}

/** What Sequelize named a key after when the learner gave no foreignKey (v6 rules, checked on 6.37). */
function derivation(r: RawAssociation): string {
  if (r.associationType === 'BelongsToMany') return `the model name ${r.source.name}`;
  // hasOne: <alias or source model>+<source primary key>; hasMany: <source model>+<key>, whatever the
  // alias (Author.hasMany(Book, { as: 'books' }) derives AuthorId); belongsTo: <alias or target model>+<target key>.
  const named = r.isAliased && r.associationType !== 'HasMany' ? `the alias '${r.as}'` : `the model name ${r.associationType === 'BelongsTo' ? r.target.name : r.source.name}`;
  return named;
}

/** The associations that declare (or share) the foreign key column `column` on `table` (by column or attribute name). */
export function declaringColumn(all: AssociationInfo[], table: string, column: string): AssociationInfo[] {
  return all.filter((a) => a.fkTable === table && [a.fkColumn, a.foreignKey, a.otherKeyColumn, a.otherKey].includes(column));
}

/** The attribute of `model` stored in column `column` (the column itself when nothing maps to it). */
export function attributeForColumn(model: ModelStatic<Model> | undefined, column: string): string {
  if (!model) return column;
  const attrs = model.getAttributes() as Record<string, { field?: string }>;
  if (attrs[column] && (attrs[column].field ?? column) === column) return column;
  return Object.entries(attrs).find(([, a]) => a.field === column)?.[0] ?? column;
}

export function modelForTable(sequelize: Sequelize, table: string): ModelStatic<Model> | undefined {
  return Object.values(sequelize.models).find((m) => m.getTableName().toString() === table);
}

/**
 * How to write `foreignKey: { name, ... }` for the key stored in `column`: `name` is the ATTRIBUTE (the
 * column's name would make a second attribute), plus its `field` unless underscored: true derives it.
 */
export function keyOption(model: ModelStatic<Model> | undefined, column: string, extra: string): string {
  const attribute = attributeForColumn(model, column);
  const field = attribute !== column && !model?.options.underscored ? `, field: '${column}'` : '';
  return `foreignKey: { name: '${attribute}'${field}, ${extra} }`;
}

/** The column of `table` that `name` means: the column itself, or the column an attribute of that name is stored in. */
export function columnForName(model: ModelStatic<Model> | undefined, name: string): string {
  const attr = model?.getAttributes()[name] as { field?: string } | undefined;
  return attr?.field ?? name;
}
