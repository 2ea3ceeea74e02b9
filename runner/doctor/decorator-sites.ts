/**
 * Where a sequelize-typescript association was declared. Its decorators (@HasMany, @BelongsTo, ...)
 * only record the association on the class; Sequelize's hasMany() is called later, from
 * `new Sequelize({ models })` or addModels(), so the stack of that call names the line that made the
 * instance. Here the recording itself is watched (sequelize-typescript's addAssociation, looked up on
 * its exports object at every call), and a declaration is named by its decorator's line instead.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { projectFrame } from './project-frame.ts';

interface StAssociation {
  getAs(): unknown;
  getAssociation?(): unknown;
}
type AddAssociation = (target: object, association: StAssociation) => void;

/** The decorator's file:line for an association of `source` named `as`, when one was recorded. */
export type DecoratorSite = (source: { prototype: object }, as: unknown) => string | undefined;

const DECORATOR: Record<string, string> = { hasMany: 'HasMany', hasOne: 'HasOne', belongsTo: 'BelongsTo', belongsToMany: 'BelongsToMany' };

/**
 * The compiled __decorate call maps back to the decorated property's line; its decorator is above it,
 * among the property's other decorators. Looked for upwards until the member before it ends; not
 * found (an aliased import), the property's line it is.
 */
export function decoratorLine(source: string, memberLine: number, decorator: string): number {
  const lines = source.split('\n');
  const own = new RegExp(`@${decorator}\\b`);
  for (let i = memberLine - 2; i >= 0 && i >= memberLine - 40; i--) {
    const text = lines[i].trim();
    if (own.test(text)) return i + 1;
    if (/[;{]$/.test(text) || text === '}') break;
  }
  return memberLine;
}

/** `mirror`: the compiled copy the models load from; `project`: the project's root, where the .ts files are. */
export function recordDecoratorSites(mirror: string, project: string): DecoratorSite | undefined {
  let service: { addAssociation?: AddAssociation };
  try {
    service = createRequire(join(mirror, 'package.json'))('sequelize-typescript/dist/associations/shared/association-service') as typeof service;
  } catch {
    return undefined; // another layout of sequelize-typescript: the `new Sequelize` line it is
  }
  const original = service.addAssociation;
  if (typeof original !== 'function') return undefined;
  const sites = new WeakMap<object, Map<unknown, string>>();
  service.addAssociation = function (target, association) {
    // The first frame mapped back to TypeScript: the compiled __decorate helper above it has no .ts line.
    const at = projectFrame(new Error().stack, mirror, (file) => /\.(c|m)?tsx?$/.test(file));
    if (at) {
      const byAlias = sites.get(target) ?? new Map<unknown, string>();
      byAlias.set(association.getAs(), refine(at, project, DECORATOR[String(association.getAssociation?.())]));
      sites.set(target, byAlias);
    }
    return original.call(this, target, association);
  };
  return (source, as) => {
    // A decorator on a parent class is recorded on the parent's prototype.
    for (let p: object | null = source.prototype; p; p = Object.getPrototypeOf(p) as object | null) {
      const at = sites.get(p)?.get(as);
      if (at) return at;
    }
    return undefined;
  };
}

function refine(at: string, project: string, decorator: string | undefined): string {
  const m = /^(.*):(\d+)$/.exec(at);
  if (!m || !decorator) return at;
  try {
    return `${m[1]}:${decoratorLine(readFileSync(join(project, m[1]), 'utf8'), Number(m[2]), decorator)}`;
  } catch {
    return at;
  }
}
