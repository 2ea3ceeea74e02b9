/**
 * Judges how deletes reach the children beyond the database's ON DELETE: `hooks: true` (only honoured
 * on hasMany/hasOne with onDelete CASCADE, and dangerous on belongsTo), and paranoid (soft-deleting)
 * parents, whose destroy() is an UPDATE that cascades nothing.
 */
import type { Model, ModelStatic, Sequelize } from 'sequelize';
import { describe as describeAssociation } from '../associations.ts';
import { article } from './similar.ts';

interface RawHooked {
  associationType: 'HasOne' | 'HasMany' | 'BelongsTo' | 'BelongsToMany';
  source: ModelStatic<Model>;
  target: ModelStatic<Model>;
  options: { onDelete?: string; useHooks?: boolean };
}

const raws = (sequelize: Sequelize) =>
  Object.values(sequelize.models).flatMap((m) => Object.values(m.associations).map((a) => ({ raw: a as unknown as RawHooked, label: describeAssociation(a).label })));

const isCascade = (a: RawHooked) => a.options.onDelete?.toUpperCase() === 'CASCADE';

/**
 * Two association calls given the SAME options object. Sequelize writes into the object it is given
 * (it copies the source model's options in, including its `hooks: {}`), so the second call reads
 * `hooks` as truthy: hooks: true nobody wrote, on both associations (they share the object).
 */
export function checkSharedOptions(sequelize: Sequelize): string | null {
  const seen = new Map<object, string>();
  for (const { raw, label } of raws(sequelize)) {
    const first = seen.get(raw.options);
    if (first) {
      return (
        `${first} and ${label} were given the same options object. Sequelize writes into the object you pass (it copies the model's own options into it), so the second call inherits what the first wrote: ` +
        `its hooks become hooks: true${isCascade(raw) ? ", and with onDelete: 'CASCADE' deleting a row can now load and destroy its parent (or loop)" : ''}. ` +
        `Give each call its own object: write the options out, or spread a shared one ({ ...options }).`
      );
    }
    seen.set(raw.options, label);
  }
  return null;
}

/**
 * hooks: true with onDelete CASCADE on a belongsTo makes deleting a child destroy its parent; when the
 * parent's own hooked cascades lead back to the child (hooks: true on both sides), the children are
 * destroyed again: a delete that can run forever. Checks that delete rows call this first, so the
 * learner reads the cause instead of a time-out. A hooked belongsTo alone cannot loop: its checks
 * explain it where it matters, and others (a missing paranoid) keep their own message.
 */
export function checkLoopingHooks(sequelize: Sequelize): string | null {
  const hooked = raws(sequelize).filter(({ raw }) => raw.options.useHooks === true && isCascade(raw));
  // Deleting a row of `from` destroys rows of `to` through Sequelize (hooks run, and cascade further).
  const reaches = (from: ModelStatic<Model>, to: ModelStatic<Model>, seen = new Set<ModelStatic<Model>>()): boolean => {
    if (from === to) return true;
    seen.add(from);
    return hooked.some(({ raw }) => raw.source === from && !seen.has(raw.target) && reaches(raw.target, to, seen));
  };
  const up = hooked.find(({ raw }) => raw.associationType === 'BelongsTo' && reaches(raw.target, raw.source));
  if (!up) return null;
  return `${checkCascadeHooks(sequelize)} (With hooks: true on both sides, deleting one row destroys its parent, which destroys its children again: a delete that never ends.)`;
}

/** Every misuse of `hooks: true` among the declared associations; null when there is none. */
export function checkCascadeHooks(sequelize: Sequelize): string | null {
  const shared = checkSharedOptions(sequelize);
  if (shared) return shared;
  for (const { raw, label } of raws(sequelize)) {
    if (raw.options.useHooks !== true) continue;
    const s = raw.source.name;
    const t = raw.target.name;
    if (raw.associationType === 'BelongsTo') {
      return isCascade(raw)
        ? `${label} has hooks: true with onDelete: 'CASCADE'. On a belongsTo that does not run ${s}'s hooks when a ${t} is deleted; it works the other way round: deleting a ${s} loads its ${t} and destroys it (and everything that cascades from it). Remove hooks: true there and put it on the parent side: ${t}.hasMany(${s}, { onDelete: 'CASCADE', hooks: true }).`
        : `${label} has hooks: true, which does nothing on a belongsTo: Sequelize only looks at hooks: true on the association of the model being deleted, and only for hasMany/hasOne with onDelete: 'CASCADE'. Put it on ${t}.hasMany(${s}, { onDelete: 'CASCADE', hooks: true }).`;
    }
    if (raw.associationType === 'BelongsToMany') {
      // With onDelete: 'CASCADE' written on it, Sequelize's hooked cascade loads the TARGETS and destroys them.
      return isCascade(raw)
        ? `${label} has hooks: true with onDelete: 'CASCADE', and on a belongsToMany that destroys the other side's rows: deleting ${article(s)} loads its ${t} rows and destroys them, the ${t} rows themselves, not just the join rows. ` +
            `The join rows already go by the database's ON DELETE CASCADE. Remove hooks: true; to run hooks on the links, make the join table a model with its own hasMany/belongsTo.`
        : `${label} has hooks: true, which deletes never use on a belongsToMany without onDelete: 'CASCADE' of its own: the join rows go by the database's ON DELETE CASCADE without hooks. Remove it; to run hooks, make the join table a model with its own hasMany/belongsTo.`;
    }
    if (!isCascade(raw)) {
      const has = raw.options.onDelete ? `onDelete: '${raw.options.onDelete}'` : "no onDelete of its own (whatever the column says: Sequelize reads this association's option)";
      return `${label} has hooks: true but ${has}. Sequelize only loads and destroys the children one by one (running their hooks) when this association says onDelete: 'CASCADE': add it next to hooks: true.`;
    }
  }
  return null;
}

/**
 * Deleting a `parent` must destroy each `child` through Sequelize (so the child's destroy hooks run):
 * a hasMany/hasOne from parent to child with onDelete CASCADE and hooks: true.
 */
export function checkHookedCascade(parent: ModelStatic<Model>, child: ModelStatic<Model>): string | null {
  const all = raws(parent.sequelize!);
  const down = all.filter(({ raw }) => raw.source === parent && raw.target === child && (raw.associationType === 'HasMany' || raw.associationType === 'HasOne'));
  const up = all.filter(({ raw }) => raw.source === child && raw.target === parent && raw.associationType === 'BelongsTo');
  const fix = `${parent.name}.hasMany(${child.name}, { ..., onDelete: 'CASCADE', hooks: true })`;
  if (down.some(({ raw }) => raw.options.useHooks && isCascade(raw))) return null;
  const misplaced = up.find(({ raw }) => raw.options.useHooks);
  if (misplaced) return checkCascadeHooks(parent.sequelize!) ?? `${misplaced.label} has hooks: true, but it belongs on the parent side: ${fix}.`;
  if (!down.length) return `${parent.name} has no hasMany/hasOne to ${child.name}, so there is nothing for Sequelize to cascade through. Add ${fix}.`;
  const hooked = down.find(({ raw }) => raw.options.useHooks);
  if (hooked) return checkCascadeHooks(parent.sequelize!) ?? `${hooked.label} needs onDelete: 'CASCADE' next to hooks: true.`;
  return `Deleting ${article(parent.name)} removes its ${child.name} rows in the database (ON DELETE), which runs none of ${child.name}'s hooks (afterDestroy never fires). Add hooks: true to ${down[0].label}, with onDelete: 'CASCADE': ${fix}. Sequelize then loads the children and destroys them one by one before deleting the ${parent.name}.`;
}

/**
 * A check expects deleting a `parent` (without force) to remove its `child` rows: impossible when the
 * parent is paranoid, since destroy() only sets deletedAt. null when the parent is not paranoid, the
 * delete is forced, or the parent has its own afterDestroy/beforeDestroy hook to do it.
 */
export function checkParanoidCascade(parent: ModelStatic<Model>, child: ModelStatic<Model>, opts: { force?: boolean } = {}): string | null {
  if (!parent.options.paranoid || opts.force) return null;
  const hooks = (parent.options as { hooks?: Record<string, unknown[]> }).hooks ?? {};
  if ((hooks.afterDestroy?.length ?? 0) + (hooks.beforeDestroy?.length ?? 0) > 0) return null;
  return (
    `${parent.name} is paranoid, so destroy() only sets its deletedAt: the row stays, the database sees an UPDATE, and nothing cascades to ${child.name} (not even with hooks: true). ` +
    `Either delete for good with destroy({ force: true }), which lets ON DELETE CASCADE work, or soft-delete the ${child.name} rows yourself in an afterDestroy hook on ${parent.name}.`
  );
}
