/**
 * Judges what a query function returned: which associations were eager loaded (include), whether
 * the join table's row rides along on each many-to-many target, which columns an include kept.
 * Rows are judged as returned; the database was asked nothing here.
 */
import { Model, type ModelStatic } from 'sequelize';
import { LessonFailure } from '../failure.ts';
import { checkAssociation } from './association.ts';
import { article } from './similar.ts';
import type { AssociationType } from '../associations.ts';

type Rows = Model | Model[] | null | undefined;

const asList = (rows: Rows): Model[] => (rows == null ? [] : Array.isArray(rows) ? rows : [rows]);
const modelOf = (row: Model) => row.constructor as ModelStatic<Model>;
const nameOf = (row: Model) => modelOf(row).name;

/** Why a returned value is not a list of model instances (raw: true, a plain object), or null. */
function notModels(rows: Rows, what: string): string | null {
  const bad = asList(rows).find((r) => !(r instanceof Model));
  if (bad === undefined) return null;
  const shape = bad === null ? 'null' : typeof bad === 'object' ? `a plain object with keys ${Object.keys(bad as object).slice(0, 6).join(', ')}` : typeof bad;
  return `${what} returned ${shape} where a model instance was expected. Return what findAll/findByPk give you (no raw: true, no .toJSON() or get({ plain: true })).`;
}

function aliasesOf(model: ModelStatic<Model>): string {
  const names = Object.keys(model.associations);
  return names.length ? `its associations are ${names.map((n) => `'${n}'`).join(', ')}` : 'it has no associations';
}

/**
 * null when every row has `path` loaded; `path` is an alias, or a dotted path for nested includes
 * ('books.reviews': each author's books, and each of those books' reviews).
 */
export function checkIncluded(rows: Rows, path: string, what = 'The query'): string | null {
  const bad = notModels(rows, what);
  if (bad) return bad;
  const [alias, ...rest] = path.split('.');
  const list = asList(rows);
  for (const row of list) {
    const model = modelOf(row);
    if (!model.associations[alias]) {
      return `${model.name} has no association '${alias}' (${aliasesOf(model)}), and the lesson reads the loaded rows under that name: give the association as: '${alias}' in the models, and include it by that name.`;
    }
    const loaded = row.get(alias) as Model | Model[] | null | undefined;
    if (loaded === undefined) {
      const missing = list.filter((r) => r.get(alias) === undefined).length;
      // attributes: [] on a many-to-many include (meant for the join row) leaves out the targets themselves.
      const throughNote = model.associations[alias].associationType === 'BelongsToMany'
        ? ` If you did include it: attributes: [] on the include leaves out the ${model.associations[alias].target.name} rows themselves; to hide only the join row, write through: { attributes: [] }.`
        : '';
      return (
        `${what} returned ${list.length === 1 ? article(model.name) : `${list.length} ${model.name} rows`} without '${alias}' loaded (${missing} of ${list.length} have no ${alias} at all). ` +
        `Load it in the same query: include: [{ association: '${alias}' }]. A getter such as get${alias[0].toUpperCase()}${alias.slice(1)}() per row is one more query each time.${throughNote}`
      );
    }
    if (rest.length) {
      const inner = checkIncluded(loaded, rest.join('.'), what);
      if (inner) {
        const problem = inner.includes('without') ? `${inner} Nest it inside the '${alias}' include: { association: '${alias}', include: [{ association: '${rest[0]}' }] }.` : inner;
        return problem;
      }
    }
  }
  return null;
}

/** null when no target of the many-to-many `alias` carries its join-table row (through: { attributes: [] }). */
export function checkThroughHidden(rows: Rows, alias: string, what = 'The query'): string | null {
  const loaded = checkIncluded(rows, alias, what);
  if (loaded) return loaded;
  for (const row of asList(rows)) {
    const assoc = modelOf(row).associations[alias] as unknown as { associationType: AssociationType; through?: { model: ModelStatic<Model> } };
    if (assoc.associationType !== 'BelongsToMany' || !assoc.through) return `'${alias}' on ${nameOf(row)} is not a many-to-many, so it has no join rows to hide.`;
    const through = assoc.through.model.name;
    for (const target of asList(row.get(alias) as Model[])) {
      const join = target.get(through) as Model | undefined;
      if (join !== undefined && join !== null) {
        const cols = Object.keys(join instanceof Model ? join.get({ plain: true }) : join);
        return (
          `Each ${nameOf(target)} in ${nameOf(row)}.${alias} still carries its ${through} join row${cols.length ? ` (${cols.join(', ')})` : ''}: the include copies the join table's columns onto every target. ` +
          `Add through: { attributes: [] } to the '${alias}' include to leave them out.`
        );
      }
    }
  }
  return null;
}

/**
 * null when the targets of `alias` carry only the `allowed` columns (nested includes and join rows
 * are not columns and are ignored).
 */
export function checkIncludedAttributes(rows: Rows, alias: string, allowed: string[], what = 'The query'): string | null {
  const loaded = checkIncluded(rows, alias, what);
  if (loaded) return loaded;
  for (const row of asList(rows)) {
    for (const target of asList(row.get(alias) as Model | Model[] | null)) {
      const attrs = Object.keys(modelOf(target).getAttributes());
      const extra = Object.keys(target.get({ plain: true }) as object).filter((k) => attrs.includes(k) && !allowed.includes(k));
      if (extra.length) {
        return `${nameOf(row)}.${alias} carries ${extra.join(', ')} besides ${allowed.join(', ')}: an include loads every column unless told otherwise. Add attributes: [${allowed.map((a) => `'${a}'`).join(', ')}] to the '${alias}' include.`;
      }
    }
  }
  return null;
}

/**
 * The alias of `source`'s association of `type` to `target`, whatever the learner called it; for
 * checks that must not require an alias the lesson does not teach. Fails with the kit's message when
 * there is no such association.
 */
export function aliasOf(source: ModelStatic<Model>, type: AssociationType, target: string): string {
  const found = Object.values(source.associations).find((a) => a.associationType === type && a.target.name === target);
  if (found) return found.as;
  throw new LessonFailure(checkAssociation(source, { type, target }) ?? `${source.name} has no ${type} association to ${target}.`);
}
