/** Judges what the learner declared on a model: an association by alias, its type, its mixins. */
import type { Model, ModelStatic } from 'sequelize';
import { describe as describeAssociation, type AssociationType } from '../associations.ts';
import { Article, closest } from './similar.ts';

const method: Record<AssociationType, string> = { HasOne: 'hasOne', HasMany: 'hasMany', BelongsTo: 'belongsTo', BelongsToMany: 'belongsToMany' };
const meaning: Record<AssociationType, string> = {
  HasOne: 'one, with the key on the other table',
  HasMany: 'many, with the key on the other table',
  BelongsTo: 'one, with the key on this table',
  BelongsToMany: 'many, through a join table',
};

export interface AssociationSpec {
  type: AssociationType;
  /** Target model name. */
  target: string;
  /** The alias (`as`) the lesson asks for; when omitted, any alias is accepted. */
  alias?: string;
}

export function checkAssociation(source: ModelStatic<Model>, spec: AssociationSpec): string | null {
  const all = Object.values(source.associations).map(describeAssociation);
  const wanted = `${source.name}.${method[spec.type]}(${spec.target}${spec.alias ? `, { as: '${spec.alias}' }` : ''})`;
  // A model associated with itself often has several relationships with itself (following, and a
  // manager): one of another type is another relationship, not this one written wrong.
  const self = spec.target === source.name;
  const candidates = all.filter((a) => a.target === spec.target && (!self || a.type === spec.type));
  if (spec.alias === undefined) {
    const toTarget = candidates;
    if (toTarget.some((a) => a.type === spec.type)) return null;
    if (toTarget.length) return `${toTarget[0].label} is a ${method[toTarget[0].type]} (${meaning[toTarget[0].type]}), but the lesson wants a ${method[spec.type]} (${meaning[spec.type]}): use ${wanted}.`;
    const reversed = reverseOf(source, spec.target, spec.type);
    return reversed
      ? `${source.name} has no association to ${spec.target}. You declared ${reversed}, the other side; a relationship needs both: add ${wanted}.`
      : `${source.name} has no association to ${spec.target} yet. Add ${wanted}.`;
  }
  const found = source.associations[spec.alias] ? describeAssociation(source.associations[spec.alias]) : undefined;
  if (found) {
    if (found.target !== spec.target) {
      return `${source.name}.${spec.alias} points at ${found.target}, the lesson wants ${spec.target}: ${found.label}. Use ${wanted}.`;
    }
    if (found.type !== spec.type) {
      return `${found.label} is a ${method[found.type]} (${meaning[found.type]}), but the lesson wants a ${method[spec.type]} (${meaning[spec.type]}): use ${wanted}.`;
    }
    return null;
  }
  const sameTarget = candidates;
  if (sameTarget.length) {
    const a = sameTarget.find((x) => x.type === spec.type) ?? sameTarget[0];
    if (a.aliased && closest(spec.alias, [a.as])) {
      const how = a.as.toLowerCase() === spec.alias.toLowerCase() ? 'differs only in case from' : 'looks like a misspelling of';
      return `${a.label}: the alias '${a.as}' ${how} '${spec.alias}', the one the lesson uses. Aliases are case-sensitive and name the mixins and includes: use as: '${spec.alias}' (and the same spelling in every include).`;
    }
    if (self && spec.type === 'BelongsToMany' && a.aliased) {
      // Both directions of a self many-to-many are belongsToMany on the same model: 'followers' is not a misnamed 'following'.
      return `${source.name} has no association '${spec.alias}' yet; ${a.label} is the other direction. A model associated with itself both ways needs two belongsToMany, each with its own as: add ${wanted}, with the same through and foreignKey/otherKey swapped.`;
    }
    const named = a.aliased ? `its alias is '${a.as}'` : `it has no \`as\`, so Sequelize named it '${a.as}' after the model`;
    return `${source.name} has an association to ${spec.target} (${a.label}), but ${named}; the lesson uses '${spec.alias}'. Add as: '${spec.alias}', and use the same alias everywhere (mixins and includes follow it).`;
  }
  const near = closest(spec.alias, all.map((a) => a.as));
  if (near) return `${source.name} has no association '${spec.alias}', but it has '${near}': a misspelling? Aliases are case-sensitive. Use ${wanted}.`;
  const reversed = reverseOf(source, spec.target, spec.type);
  if (reversed) return `${source.name} has no association '${spec.alias}'. You declared ${reversed}, the other side; a relationship needs both: add ${wanted}.`;
  return `${source.name} has no association '${spec.alias}' yet. Add ${wanted}.`;
}

/** The declaration that could be the other side: for a self-association, only one of the partner type (belongsTo for hasMany). */
function reverseOf(source: ModelStatic<Model>, target: string, type: AssociationType): string | undefined {
  const other = source.sequelize?.models[target];
  if (!other) return undefined;
  const fits = (t: AssociationType) => (type === 'BelongsTo' ? t === 'HasOne' || t === 'HasMany' : type === 'BelongsToMany' ? t === type : t === 'BelongsTo');
  const back = Object.values(other.associations).map(describeAssociation).find((a) => a.target === source.name && (target !== source.name || fits(a.type)));
  return back?.label;
}

/** Mixins are methods on instances, named after the alias: as 'card' gives getCard, setCard, createCard. */
export function checkMixins(subject: ModelStatic<Model> | Model, names: string[]): string | null {
  const proto = typeof subject === 'function' ? subject.prototype : Object.getPrototypeOf(subject);
  const modelName = typeof subject === 'function' ? subject.name : (subject.constructor as ModelStatic<Model>).name;
  const missing = names.filter((n) => typeof (proto as Record<string, unknown>)[n] !== 'function');
  if (!missing.length) return null;
  const have = Object.getOwnPropertyNames(proto).filter((n) => /^(get|set|create|add|remove|has|count)[A-Z]/.test(n));
  const hint = missing
    .map((m) => {
      const near = closest(m, have);
      return near ? `${m} (you have ${near}: the alias decides the name)` : m;
    })
    .join(', ');
  return `${Article(modelName)} is missing ${hint}. Mixins are named after the association's alias${have.length ? `; it has ${have.join(', ')}` : ' and it has none yet: declare the association'}.`;
}
