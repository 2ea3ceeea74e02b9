/** Taking back the mixins Sequelize installed on model classes (shared by a learner's module-level classes). */
import type { Sequelize } from 'sequelize';

/**
 * Model classes declared at module level (`class User extends Model {}`, init() inside defineModels)
 * are set up again on every check's database, but Sequelize never replaces an association method
 * already on the prototype: the first database's addFollowing() would keep running against that
 * (closed) database. Before another database is defined, remove the association methods Sequelize
 * generated (recognised by their source), so the next definition installs its own; a method the
 * learner wrote under the same name is kept.
 */
export function forgetMixins(sequelize: Sequelize): void {
  for (const model of Object.values(sequelize.models)) {
    for (const association of Object.values(model.associations)) {
      const proto = association.source.prototype as unknown as Record<string, unknown>;
      const accessors = (association as unknown as { accessors?: Record<string, string> }).accessors ?? {};
      for (const name of Object.values(accessors)) {
        const fn = Object.getOwnPropertyDescriptor(proto, name)?.value;
        if (typeof fn === 'function' && GENERATED_MIXIN.test(fn.toString())) delete proto[name];
      }
    }
  }
}

/** The body of every mixin Sequelize 6 generates (associations/helpers.js, mixinMethods). */
const GENERATED_MIXIN = /^function\s*\(\)\s*\{\s*return association\[realMethod\]\(this,/;
