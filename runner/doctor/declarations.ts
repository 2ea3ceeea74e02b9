/**
 * Every association call the project makes, in order, with the options as written (before Sequelize
 * writes the model's own options into the same object) and the file and line of the call. Only used to
 * name which declaration caused what the database shows, and to see what Model.associations cannot:
 * an association a later one replaced, an option Sequelize never reads.
 */
import { Model, type Association, type ModelStatic } from 'sequelize';
import type { AssociationType } from '../kit/associations.ts';
import { projectFrame } from './project-frame.ts';
import type { DecoratorSite } from './decorator-sites.ts';

export interface Declaration {
  /** Index in declaration order. */
  order: number;
  type: AssociationType;
  source: ModelStatic<Model>;
  target: ModelStatic<Model>;
  /** The options as the project wrote them (a shallow copy; `through` copied one level too). */
  written: Record<string, unknown>;
  /** file:line of the call in the project, when the stack shows one. */
  at?: string;
  association?: Association;
}

const METHODS: Record<string, AssociationType> = { hasOne: 'HasOne', hasMany: 'HasMany', belongsTo: 'BelongsTo', belongsToMany: 'BelongsToMany' };

function copy(options: unknown): Record<string, unknown> {
  if (!options || typeof options !== 'object') return {};
  const out: Record<string, unknown> = { ...(options as Record<string, unknown>) };
  const through = out.through;
  if (through && typeof through === 'object' && !(typeof through === 'function')) out.through = { ...(through as Record<string, unknown>) };
  if (out.foreignKey && typeof out.foreignKey === 'object') out.foreignKey = { ...(out.foreignKey as Record<string, unknown>) };
  return out;
}

/** `decoratorSite`: for sequelize-typescript, the decorator's line rather than the one that made the instance. */
export function recordDeclarations(root: string, decoratorSite?: DecoratorSite): Declaration[] {
  const declarations: Declaration[] = [];
  const statics = Model as unknown as Record<string, (this: ModelStatic<Model>, target: ModelStatic<Model>, options?: object) => Association>;
  for (const [method, type] of Object.entries(METHODS)) {
    const original = statics[method];
    statics[method] = function (this: ModelStatic<Model>, target, options) {
      const at = decoratorSite?.(this, (options as { as?: unknown } | undefined)?.as) ?? projectFrame(new Error().stack, root);
      const d: Declaration = { order: declarations.length, type, source: this, target, written: copy(options), at };
      declarations.push(d);
      d.association = original.call(this, target, options);
      return d.association;
    };
  }
  return declarations;
}
