/**
 * Judges a polymorphic association: one child table (Comments) whose id column (commentableId) points
 * at rows of several tables, told apart by a type column (commentableType). The id column must have no
 * REFERENCES (constraints: false), and each parent's hasMany must carry the type scope.
 */
import type { Model, ModelStatic, Sequelize } from 'sequelize';
import { describe as describeAssociation } from '../associations.ts';
import { Schema } from '../schema.ts';

export interface PolymorphicSpec {
  /** The child model, e.g. 'Comment'. */
  child: string;
  /** The column holding the parent's id, e.g. 'commentableId'. */
  idColumn: string;
  /** The column holding the parent's kind, e.g. 'commentableType'. */
  typeColumn: string;
  /** Type value → parent model name, e.g. { image: 'Image', video: 'Video' }. */
  parents: Record<string, string>;
}

interface Raw {
  associationType: string;
  source: ModelStatic<Model>;
  target: ModelStatic<Model>;
  foreignKey: string;
  scope?: Record<string, unknown>;
  options: { constraints?: boolean };
}

export async function checkPolymorphic(sequelize: Sequelize, spec: PolymorphicSpec): Promise<string | null> {
  const child = sequelize.models[spec.child];
  if (!child) return `There is no ${spec.child} model (models: ${Object.keys(sequelize.models).join(', ')}).`;
  const attrs = child.getAttributes();
  for (const col of [spec.idColumn, spec.typeColumn]) {
    if (!(col in attrs)) return `${spec.child} has no ${col} attribute. A polymorphic child stores two things: which kind of parent (${spec.typeColumn}) and its id (${spec.idColumn}); declare both on ${spec.child}.`;
  }
  const all = Object.values(sequelize.models).flatMap((m) => Object.values(m.associations).map((a) => ({ raw: a as unknown as Raw, label: describeAssociation(a).label })));
  const onColumn = all.filter(({ raw }) => raw.foreignKey === spec.idColumn && (raw.target === child || raw.source === child));
  const table = child.getTableName().toString();
  const refs = (await new Schema(sequelize).foreignKeys(table)).filter((k) => k.from === spec.idColumn);
  if (refs.length) {
    const constrained = onColumn.filter(({ raw }) => raw.options.constraints !== false).map((a) => a.label);
    const others = Object.values(spec.parents).filter((p) => sequelize.models[p]?.getTableName().toString() !== refs[0].table);
    return (
      `${table}.${spec.idColumn} REFERENCES ${refs[0].table}, so the database only accepts ids of ${refs[0].table}: a ${spec.child} on ${others[0] ?? 'another parent'} ${others.length ? 'is refused unless a row with the same id happens to exist there' : 'cannot be stored'}. ` +
      `A polymorphic id points at several tables, so it must have no foreign key constraint: add constraints: false to every association using ${spec.idColumn}${constrained.length ? ` (missing on ${constrained.join(', ')})` : ''}.`
    );
  }
  // The type scope belongs on the parent's hasMany. On the child's belongsTo, `scope` filters the
  // TARGET (the parent table), which has no type column: every include of that parent then fails.
  const scopedUp = onColumn.find(({ raw }) => raw.associationType === 'BelongsTo' && raw.source === child && raw.scope && spec.typeColumn in raw.scope);
  if (scopedUp) {
    const parent = scopedUp.raw.target.name;
    return (
      `${scopedUp.label} has scope { ${Object.entries(scopedUp.raw.scope ?? {}).map(([k, v]) => `${k}: ${typeof v === 'string' ? `'${v}'` : String(v)}`).join(', ')} }: on a belongsTo, scope filters the target, ${parent} rows, and ${parent} has no ${spec.typeColumn} column, so loading the ${parent} of a ${spec.child} (or including it) fails. ` +
      `Put the type scope on the parent side, ${parent}.hasMany(${spec.child}, { foreignKey: '${spec.idColumn}', constraints: false, scope: { ${spec.typeColumn}: '...' } }), and remove it from the belongsTo; the child picks its parent by reading ${spec.typeColumn}.`
    );
  }
  for (const [type, parentName] of Object.entries(spec.parents)) {
    const parent = sequelize.models[parentName];
    if (!parent) return `There is no ${parentName} model.`;
    const example = `${parentName}.hasMany(${spec.child}, { foreignKey: '${spec.idColumn}', constraints: false, scope: { ${spec.typeColumn}: '${type}' } })`;
    const down = all.filter(({ raw }) => raw.source === parent && raw.target === child && (raw.associationType === 'HasMany' || raw.associationType === 'HasOne'));
    if (!down.length) return `${parentName} has no hasMany to ${spec.child}. Add ${example}.`;
    const onId = down.filter(({ raw }) => raw.foreignKey === spec.idColumn);
    if (!onId.length) {
      return `${down[0].label} uses the key ${down[0].raw.foreignKey}, not ${spec.idColumn}: every parent of a polymorphic ${spec.child} must share the one id column. Use ${example}.`;
    }
    for (const { raw, label } of onId) {
      const value = raw.scope?.[spec.typeColumn];
      if (value === undefined) {
        return (
          `${label} has no scope on ${spec.typeColumn}, so it matches every ${spec.child} whose ${spec.idColumn} equals the ${parentName}'s id, whatever kind of parent it was written for: when an id exists in two tables, the comments leak across. ` +
          `Add scope: { ${spec.typeColumn}: '${type}' } (it also fills ${spec.typeColumn} in for create${spec.child}()).`
        );
      }
      if (value !== type) return `${label} has scope { ${spec.typeColumn}: ${JSON.stringify(value)} }, but ${parentName}'s ${spec.child} rows are stored with ${spec.typeColumn} '${type}'. Use scope: { ${spec.typeColumn}: '${type}' }.`;
    }
  }
  return null;
}
