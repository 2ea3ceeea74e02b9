/** What every check gets: one Sequelize instance of the project, its schema read back, and its declarations. */
import type { Association, Sequelize } from 'sequelize';
import { inventory, type AssociationInfo } from '../../kit/associations.ts';
import type { Declaration } from '../declarations.ts';
import { writtenLabel } from '../code.ts';
import type { Finding, Problem, Severity, TableSchema } from '../result.ts';

export interface CheckContext {
  sequelize: Sequelize;
  schema: TableSchema[];
  /** The associations in force (Model.associations), described. */
  associations: AssociationInfo[];
  /** Every association call on this instance's models, in order, replaced ones included. */
  declarations: Declaration[];
  database: 'sqlite' | 'postgres';
  projectDialect?: string;
  problems: Problem[];
}

export function contextFor(base: Omit<CheckContext, 'associations' | 'declarations'>, all: Declaration[]): CheckContext {
  const models = new Set(Object.values(base.sequelize.models));
  return { ...base, associations: inventory(base.sequelize), declarations: all.filter((d) => models.has(d.source)) };
}

export const table = (ctx: CheckContext, name: string) => ctx.schema.find((t) => t.name === name);
export const foreignKey = (ctx: CheckContext, tableName: string, column: string) => table(ctx, tableName)?.foreignKeys.find((k) => k.from === column);
export const column = (ctx: CheckContext, tableName: string, name: string) => table(ctx, tableName)?.columns.find((c) => c.name === name);
export const uniqueAlone = (ctx: CheckContext, tableName: string, name: string) => table(ctx, tableName)?.uniqueSets.some((s) => s.length === 1 && s[0] === name) ?? false;

/** The declaration behind an association in force: its label and file:line. */
export function declarationOf(ctx: CheckContext, a: AssociationInfo): Declaration | undefined {
  return ctx.declarations.find((x) => x.association && sameAssociation(x.association, a));
}

export function declared(ctx: CheckContext, a: AssociationInfo): { label: string; at?: string } {
  const d = declarationOf(ctx, a);
  return d ? { label: writtenLabel(d), ...(d.at ? { at: d.at } : {}) } : { label: a.label };
}

function sameAssociation(association: Association, a: AssociationInfo): boolean {
  const r = association as unknown as { source: { name: string; associations: Record<string, unknown> }; as: string; associationType: string };
  return r.source.name === a.source && r.as === a.as && r.associationType === a.type && r.source.associations[a.as] === association;
}

export interface CheckSpec {
  id: string;
  severity: Severity;
  lesson: string;
  /** One line for docs and listings. */
  title: string;
}

export function finding(spec: CheckSpec, f: Omit<Finding, 'id' | 'severity' | 'lesson'> & { severity?: Severity }): Finding {
  return { id: spec.id, lesson: spec.lesson, ...f, severity: f.severity ?? spec.severity };
}

export const unique = <T>(xs: T[]) => [...new Set(xs)];

/** A declaration's label with one more option written in: User.hasMany(Post) + "onDelete: 'CASCADE'". */
export function withOption(label: string, option: string): string {
  let open = label.replace(/\)$/, '');
  if (option.startsWith('foreignKey:')) open = open.replace(/, foreignKey: '[^']*'/, '').replace(/\{ foreignKey: '[^']*',? ?/, '{ ');
  open = open.replace(/, \{ \}$/, '');
  return /, \{ .* \}$/.test(open) ? `${open.replace(/ \}$/, '')}, ${option} })` : `${open}, { ${option} })`;
}
