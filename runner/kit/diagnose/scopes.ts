/**
 * Judges association scopes: a hasMany/hasOne `scope` that filters the target rows (missing, or with
 * the wrong values), and a belongsToMany whose `scope` filters the TARGET model when the condition
 * was meant for the join rows (`through: { model, scope }`).
 */
import type { Model, ModelStatic } from 'sequelize';
import { describe as describeAssociation } from '../associations.ts';

type Scope = Record<string, unknown>;

interface RawScoped {
  associationType: string;
  target: ModelStatic<Model>;
  scope?: Scope;
  through?: { model: ModelStatic<Model>; scope?: Scope };
}

const show = (s: Scope | undefined) =>
  s && Object.keys(s).length ? `{ ${Object.entries(s).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ')} }` : 'no scope';

function sameScope(got: Scope | undefined, want: Scope): boolean {
  const g = got ?? {};
  const keys = new Set([...Object.keys(g), ...Object.keys(want)]);
  return [...keys].every((k) => JSON.stringify(g[k]) === JSON.stringify(want[k]));
}

function find(source: ModelStatic<Model>, alias: string, wantType: string, example: string): { raw: RawScoped; label: string } | string {
  const a = source.associations[alias];
  if (!a) {
    const known = Object.keys(source.associations);
    return `${source.name} has no association '${alias}'${known.length ? ` (it has ${known.map((k) => `'${k}'`).join(', ')})` : ''}. Add ${example}.`;
  }
  const raw = a as unknown as RawScoped;
  const label = describeAssociation(a).label;
  if (raw.associationType !== wantType) return `${label} is a ${raw.associationType}, but '${alias}' should be a ${wantType}: ${example}.`;
  return { raw, label };
}

/** The named model scopes applied to a target by Model.scope('name') (the default scope does not count). */
function modelScopesOf(target: ModelStatic<Model>): string[] {
  const names = (target as unknown as { _scopeNames?: unknown[] })._scopeNames ?? [];
  return names.filter((n): n is string => typeof n === 'string' && n !== 'defaultScope');
}

/**
 * A hasMany/hasOne `alias` must carry `scope: want`: e.g. Team.hasMany(Project, { as: 'activeProjects', scope: { status: 'active' } }).
 */
export function checkAssociationScope(source: ModelStatic<Model>, alias: string, want: Scope, type: 'HasMany' | 'HasOne' = 'HasMany'): string | null {
  const targetName = (source.associations[alias] ?? Object.values(source.associations).find((a) => a.associationType === type))?.target.name ?? 'Target';
  const example = `${source.name}.${type === 'HasMany' ? 'hasMany' : 'hasOne'}(${targetName}, { as: '${alias}', scope: ${show(want)} })`;
  const found = find(source, alias, type, example);
  if (typeof found === 'string') return found;
  const { raw, label } = found;
  const attrs = raw.target.getAttributes();
  const unknown = Object.keys(want).filter((k) => !(k in attrs));
  if (unknown.length) return `${raw.target.name} has no ${unknown.join(', ')} attribute, so the scope ${show(want)} cannot filter it. Add the attribute to ${raw.target.name}.`;
  if (!raw.scope || Object.keys(raw.scope).length === 0) {
    const modelScopes = modelScopesOf(raw.target);
    if (modelScopes.length) {
      const call = `${raw.target.name}.scope(${modelScopes.map((n) => `'${n}'`).join(', ')})`;
      return (
        `${label} has no association scope: its target is ${call}, a model scope. ` +
        `It filters get${cap(alias)}() and includes, but an association scope also sets its values on create, and ${call} does not: create${cap(alias).replace(/s$/, '')}() keeps whatever ${Object.keys(want).join(', ')} it is given. ` +
        `Give the association its own scope option: ${source.name}.${raw.associationType === 'HasMany' ? 'hasMany' : 'hasOne'}(${raw.target.name}, { as: '${alias}', scope: ${show(want)} }).`
      );
    }
    return `${label} has no scope, so get${cap(alias)}() returns every ${raw.target.name} of the ${source.name}, not just the ones matching ${show(want)}. Add scope: ${show(want)} to that association.`;
  }
  if (!sameScope(raw.scope, want)) {
    return `${label} has scope ${show(raw.scope)}, but '${alias}' should match ${show(want)}. A scope is an exact WHERE on the target (and the values it sets on create): use scope: ${show(want)}.`;
  }
  return null;
}

/**
 * A belongsToMany `alias` must filter the JOIN rows with `through.scope = want`. The classic mistake:
 * `scope: { active: true }` on belongsToMany filters the target model (User.active), not the membership.
 */
export function checkThroughScope(source: ModelStatic<Model>, alias: string, want: Scope): string | null {
  // When the alias is missing, name the example after the source's other many-to-many, if any.
  const a = (source.associations[alias] ?? Object.values(source.associations).find((x) => x.associationType === 'BelongsToMany')) as unknown as RawScoped | undefined;
  const targetName = a?.target.name ?? 'Target';
  // A through given as a string is a generated model with only the keys: no name worth suggesting.
  const own = a?.through ? Object.keys(a.through.model.getAttributes()).filter((k) => !['createdAt', 'updatedAt', 'id'].includes(k) && !a.through!.model.getAttributes()[k].references) : [];
  const throughName = own.length ? a!.through!.model.name : 'YourThroughModel';
  const example = `${source.name}.belongsToMany(${targetName}, { through: { model: ${throughName}, scope: ${show(want)} }, as: '${alias}' })`;
  const found = find(source, alias, 'BelongsToMany', example);
  if (typeof found === 'string') return found;
  const { raw, label } = found;
  const through = raw.through!.model;
  const throughAttrs = through.getAttributes();
  const targetAttrs = raw.target.getAttributes();
  const onTarget = Object.keys(raw.scope ?? {}).filter((k) => k in want);
  if (onTarget.length) {
    const where = onTarget.map((k) => (k in targetAttrs ? `${raw.target.name}.${k}` : `${raw.target.name}.${k} (a column ${raw.target.name} does not even have)`)).join(', ');
    if (sameScope(raw.through!.scope, want)) {
      return `${label} has the right through.scope ${show(want)}, and also a scope ${show(raw.scope)}, which on a belongsToMany filters the TARGET rows (${where}), not the memberships. Remove the outer scope: your through.scope already does the job.`;
    }
    return (
      `${label} has scope ${show(raw.scope)}: on a belongsToMany, \`scope\` filters the TARGET rows (${where}), not the ${through.name} join rows, so it asks about the ${raw.target.name} itself rather than the membership. ` +
      `Move it into the join table's scope: through: { model: <your ${through.name} model>, scope: ${show(want)} }.`
    );
  }
  const missingCols = Object.keys(want).filter((k) => !(k in throughAttrs));
  if (missingCols.length) {
    return `The join table ${through.getTableName().toString()} has no ${missingCols.join(', ')} column, so there is nothing to filter the memberships by. Define a through model (sequelize.define('${through.name}', { ${missingCols.map((c) => `${c}: ...`).join(', ')} })) and pass it as through: { model: ${through.name}, scope: ${show(want)} }.`;
  }
  if (!sameScope(raw.through!.scope, want)) {
    return raw.through!.scope && Object.keys(raw.through!.scope).length
      ? `${label} filters the join rows with ${show(raw.through!.scope)}, but '${alias}' should use ${show(want)}.`
      : `${label} has no through scope, so get${cap(alias)}() returns every ${raw.target.name} linked in ${through.name}, whatever its ${Object.keys(want).join(', ')}. Use through: { model: ${through.name}, scope: ${show(want)} }.`;
  }
  return null;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** An association `alias` that must return every linked row: no scope and no through scope. */
export function checkUnscoped(source: ModelStatic<Model>, alias: string): string | null {
  const a = source.associations[alias] as unknown as RawScoped | undefined;
  if (!a) {
    const known = Object.keys(source.associations);
    return `${source.name} has no association '${alias}'${known.length ? ` (it has ${known.map((k) => `'${k}'`).join(', ')})` : ''}. Add it, without a scope.`;
  }
  const label = describeAssociation(a as never).label;
  if (a.scope && Object.keys(a.scope).length) {
    const filters = a.associationType === 'BelongsToMany' ? ` On a belongsToMany, scope filters the TARGET rows (${Object.keys(a.scope).map((k) => `${a.target.name}.${k}`).join(', ')}), not the join rows.` : '';
    return `${label} has scope ${show(a.scope)}, so get${cap(alias)}() hides every ${a.target.name} that does not match it; '${alias}' should return them all.${filters} Remove the scope here and give the filtered list its own association (another alias).`;
  }
  if (a.through?.scope && Object.keys(a.through.scope).length) {
    return `${label} filters its join rows with ${show(a.through.scope)}, so get${cap(alias)}() hides some links; '${alias}' should return them all. Put the through scope on a second association with its own alias.`;
  }
  return null;
}

/**
 * A default scope with a `where` hides rows from every query on the model, association getters and
 * includes too: a team's getMembers() silently loses the members it filters out.
 */
export function checkDefaultScopeFilter(model: ModelStatic<Model>): string | null {
  const where = (model.options as { defaultScope?: { where?: unknown } }).defaultScope?.where;
  if (!where || (typeof where === 'object' && !Object.keys(where).length && !Object.getOwnPropertySymbols(where).length)) return null;
  return (
    `${model.name}'s default scope filters rows (where: ${show(where as Scope)}), so every ${model.name} query, association getters and includes too, leaves those rows out. ` +
    `Keep only attributes in the default scope ({ attributes: { exclude: [...] } }), and put a filter in a named scope that callers ask for.`
  );
}
