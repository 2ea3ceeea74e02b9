/**
 * A model associated with itself through a join table (users following users) is two belongsToMany
 * declarations that must be mirror images: the same two columns, foreignKey and otherKey swapped.
 * checkMirror reads the declarations and names the mistake; checkMirrorRows links two real rows and
 * reads both directions back, which is what decides.
 */
import { currentDialect } from '../dialect/index.ts';
import type { Model, ModelStatic } from 'sequelize';
import { describe as describeAssociation } from '../associations.ts';
import { checkAssociation } from './association.ts';
import { explainError } from './errors.ts';

export interface MirrorSpec {
  /** The alias listing the rows this row points at: 'following' (whom ada follows). */
  outgoing: string;
  /** The alias listing the rows pointing at this row: 'followers' (who follows ada). */
  incoming: string;
  /** The join column holding the id of the row that acts: 'followerId' (ada, who follows). */
  fromKey: string;
  /** The join column holding the id of the row acted on: 'followingId' (bob, who is followed). */
  toKey: string;
}

interface RawBelongsToMany {
  associationType: string;
  accessors: Record<string, string>;
  through?: { model: ModelStatic<Model> };
}

/** null when both declarations exist and are mirror images with the lesson's column names. */
export function checkMirror(model: ModelStatic<Model>, spec: MirrorSpec): string | null {
  for (const alias of [spec.outgoing, spec.incoming]) {
    const problem = checkAssociation(model, { type: 'BelongsToMany', target: model.name, alias });
    if (problem) return problem;
  }
  const out = describeAssociation(model.associations[spec.outgoing]);
  const inc = describeAssociation(model.associations[spec.incoming]);
  const keys = (a: typeof out) => `foreignKey: '${a.fkColumn}', otherKey: '${a.otherKeyColumn}'`;
  if (out.through !== inc.through) {
    return `'${spec.outgoing}' uses through: '${out.through}' and '${spec.incoming}' uses through: '${inc.through}': two tables, so a row added through one is never seen by the other. Both directions are the same rows: use one through for both.`;
  }
  if (out.fkColumn === inc.fkColumn) {
    return (
      `'${spec.outgoing}' and '${spec.incoming}' both use ${keys(out)}, so they read the same column the same way: they are one list under two names. ` +
      `They must be mirror images: '${spec.outgoing}' is foreignKey: '${spec.fromKey}', otherKey: '${spec.toKey}' and '${spec.incoming}' is foreignKey: '${spec.toKey}', otherKey: '${spec.fromKey}'.`
    );
  }
  const outOk = out.fkColumn === spec.fromKey && out.otherKeyColumn === spec.toKey;
  const incOk = inc.fkColumn === spec.toKey && inc.otherKeyColumn === spec.fromKey;
  if (outOk && incOk) return null;
  if (out.fkColumn === spec.toKey && out.otherKeyColumn === spec.fromKey && inc.fkColumn === spec.fromKey && inc.otherKeyColumn === spec.toKey) {
    return (
      `'${spec.outgoing}' and '${spec.incoming}' are mirror images, but each has the other's keys, so the names are exchanged: ${spec.outgoing} lists the ${model.name} rows pointing at you. ` +
      `foreignKey is the join column holding the id of the ${model.name} you call the method on: for '${spec.outgoing}' that is ${spec.fromKey}. Swap foreignKey and otherKey on both.`
    );
  }
  const wrong = [!outOk && [out, spec.fromKey, spec.toKey] as const, !incOk && [inc, spec.toKey, spec.fromKey] as const].filter((x) => x !== false);
  const derived = wrong.some(([a]) => !a.explicit.foreignKey || !a.explicit.otherKey)
    ? ` Without foreignKey and otherKey Sequelize derives names (here ${[...new Set(wrong.flatMap(([a]) => [a.fkColumn, a.otherKeyColumn]))].join(', ')}), and a self-association needs both spelled out.`
    : '';
  return (
    `${wrong.map(([a, fk, other]) => `${a.label} uses ${keys(a)}; it should be foreignKey: '${fk}', otherKey: '${other}'`).join('. ')}.${derived} ` +
    `foreignKey is the join column holding the id of the ${model.name} you call the method on, otherKey the one holding the other ${model.name}'s id.`
  );
}

/** How a row is named in a message: its first short text attribute, else its id. */
function labelOf(row: Model): string {
  const model = row.constructor as ModelStatic<Model>;
  const attrs = model.getAttributes() as Record<string, { type?: { key?: string } }>;
  const text = Object.keys(attrs).find((k) => attrs[k].type?.key === 'STRING' && typeof row.get(k) === 'string');
  return text ? String(row.get(text)) : `${model.name} #${row.get(model.primaryKeyAttribute)}`;
}

/**
 * Links `a` to `b` with the outgoing add mixin (ada.addFollowing(bob)), then reads all four lists.
 * null when b's incoming list is [a] and a's outgoing list is [b] (and neither has the other the other way round).
 */
export async function checkMirrorRows(a: Model, b: Model, spec: MirrorSpec): Promise<string | null> {
  const model = a.constructor as ModelStatic<Model>;
  for (const alias of [spec.outgoing, spec.incoming]) {
    const problem = checkAssociation(model, { type: 'BelongsToMany', target: model.name, alias });
    if (problem) return problem;
  }
  const accessors = (alias: string) => (model.associations[alias] as unknown as RawBelongsToMany).accessors;
  const out = accessors(spec.outgoing);
  const inc = accessors(spec.incoming);
  const call = (row: Model, method: string, ...args: unknown[]) => (row as unknown as Record<string, (...x: unknown[]) => Promise<unknown>>)[method](...args);
  const [na, nb] = [labelOf(a), labelOf(b)];
  let lists: Model[][];
  try {
    await call(a, out.add, b);
    lists = (await Promise.all([call(b, inc.get), call(a, out.get), call(a, inc.get), call(b, out.get)])) as Model[][];
  } catch (e) {
    return `${na}.${out.add}(${nb}) and reading it back failed: ${explainError(e)}${'\n'}${checkMirror(model, spec) ?? ''}`.trim();
  }
  const names = (rows: Model[]) => `[${rows.map(labelOf).join(', ')}]`;
  const has = (rows: Model[], row: Model) => rows.some((r) => r.get(model.primaryKeyAttribute) === row.get(model.primaryKeyAttribute));
  const [bIn, aOut, aIn, bOut] = lists;
  if (has(bIn, a) && has(aOut, b) && !has(aIn, b) && !has(bOut, a)) return storedRowProblem(model, a, b, spec);
  // Say which lists are right too: "is [bob] (should be [bob])" reads like a contradiction.
  const only = (rows: Model[], row: Model) => rows.length === 1 && has(rows, row);
  const judged = (ok: boolean, want: string) => (ok ? '(right)' : `(should be ${want})`);
  const seen =
    `After ${na}.${out.add}(${nb}): ${nb}.${inc.get}() is ${names(bIn)} ${judged(only(bIn, a), `[${na}]`)}, ${na}.${out.get}() is ${names(aOut)} ${judged(only(aOut, b), `[${nb}]`)}, ` +
    `${na}.${inc.get}() is ${names(aIn)} ${judged(!aIn.length, '[]')} and ${nb}.${out.get}() is ${names(bOut)} ${judged(!bOut.length, '[]')}.`;
  return `${seen} ${checkMirror(model, spec) ?? `Check foreignKey and otherKey on '${spec.outgoing}' and '${spec.incoming}': they must be mirror images (${spec.fromKey}/${spec.toKey} swapped).`}`;
}

/**
 * The lists can come out right while every row is stored backwards (foreignKey and otherKey swapped on
 * both declarations): only the row itself shows it, and anything reading the table directly would
 * get it wrong.
 */
async function storedRowProblem(model: ModelStatic<Model>, a: Model, b: Model, spec: MirrorSpec): Promise<string | null> {
  const through = (model.associations[spec.outgoing] as unknown as RawBelongsToMany).through?.model;
  if (!through || !model.sequelize) return null;
  const table = through.getTableName().toString();
  const pk = model.primaryKeyAttribute;
  let rows: Array<Record<string, unknown>>;
  try {
    [rows] = (await model.sequelize.query(currentDialect().quoteIdentifiers(`SELECT \`${spec.fromKey}\` AS f, \`${spec.toKey}\` AS t FROM \`${table}\``))) as [Array<Record<string, unknown>>, unknown];
  } catch {
    return null; // columns named otherwise: the junction checks say so
  }
  const [ida, idb] = [a.get(pk), b.get(pk)];
  if (rows.some((r) => r.f === ida && r.t === idb)) return null;
  if (!rows.some((r) => r.f === idb && r.t === ida)) return null;
  const [na, nb] = [labelOf(a), labelOf(b)];
  return (
    `The lists read right, but the row is stored backwards: ${na}.${(model.associations[spec.outgoing] as unknown as RawBelongsToMany).accessors.add}(${nb}) wrote ${spec.fromKey} = ${nb}, ${spec.toKey} = ${na}, ` +
    `so ${table} says ${nb} is the one acting. foreignKey and otherKey are exchanged on both declarations: '${spec.outgoing}' needs foreignKey: '${spec.fromKey}', otherKey: '${spec.toKey}', and '${spec.incoming}' the same two swapped.`
  );
}
