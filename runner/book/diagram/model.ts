/**
 * The ER diagram as data: the learner's tables, columns and foreign keys, each compared with the
 * solution's schema. Pure (no database): the SVG, the Mermaid text and the tests all start here.
 *
 * Foreign keys are matched to the solution's by table, referenced table and column name; a pair of
 * keys that differ only in case (UserId, userId) is the same key named differently. What is left over
 * is "extra" (the learner's, e.g. the second key of a mismatched hasOne/belongsTo pair) or "missing".
 */
import type { SchemaSnapshot, TableSnapshot } from './snapshot.ts';

export type Mark = 'extra' | 'differs';

/** A finding of doctor's on a key or column (the book's project page draws its severity there). */
export interface Flag {
  id: string;
  severity: 'error' | 'warning' | 'note';
}

export interface DiagramColumn {
  name: string;
  type: string;
  pk: boolean;
  notNull: boolean;
  /** Unique on its own (a unique index or constraint on this column alone, or the sole primary key). */
  unique: boolean;
  /** Set when the column holds a foreign key: the table it points at. */
  references?: string;
  mark?: Mark;
  /** What differs from the solution, in words. */
  note?: string;
  flags?: Flag[];
}

export interface DiagramTable {
  name: string;
  columns: DiagramColumn[];
  /** A join table: two or more foreign keys that together are unique (belongsToMany's through table). */
  junction: boolean;
  mark?: Mark;
  note?: string;
}

export interface DiagramRelation {
  /** The table holding the key, and the key column. */
  table: string;
  column: string;
  /** The referenced table and column. */
  references: string;
  to: string;
  onDelete: string;
  notNull: boolean;
  unique: boolean;
  mark?: Mark;
  note?: string;
  flags?: Flag[];
}

export interface Diagram {
  tables: DiagramTable[];
  relations: DiagramRelation[];
  /** Every difference from the solution's schema, one sentence each (empty when it matches or there is no solution to compare). */
  differences: string[];
  /** False when there was no solution schema to compare with. */
  compared: boolean;
  /** What the differences are measured against, for the heading above them (default: the solution's schema). */
  differencesHeading?: string;
}

const uniqueAlone = (t: TableSnapshot, column: string) => t.uniqueSets.some((s) => s.length === 1 && s[0] === column);

function isJunction(t: TableSnapshot): boolean {
  const keyed = new Set(t.foreignKeys.map((f) => f.from));
  if (keyed.size < 2) return false;
  return t.uniqueSets.some((s) => s.length >= 2 && s.every((c) => keyed.has(c)));
}

function describeKey(r: { notNull: boolean; unique: boolean; onDelete: string }): string {
  return `${r.notNull ? 'NOT NULL' : 'nullable'}, ${r.unique ? 'UNIQUE' : 'not unique'}, ON DELETE ${r.onDelete}`;
}

function relationsOf(s: SchemaSnapshot): DiagramRelation[] {
  return s.tables.flatMap((t) =>
    t.foreignKeys.map((f) => ({
      table: t.name,
      column: f.from,
      references: f.table,
      to: f.to,
      onDelete: f.onDelete,
      notNull: t.columns.find((c) => c.name === f.from)?.notNull ?? false,
      unique: uniqueAlone(t, f.from),
    })),
  );
}

/** Pairs each learner key with the solution's: same name first, then same name in another case. */
function matchRelations(mine: DiagramRelation[], theirs: DiagramRelation[]): Map<DiagramRelation, DiagramRelation> {
  const pairs = new Map<DiagramRelation, DiagramRelation>();
  const taken = new Set<DiagramRelation>();
  const pass = (same: (a: string, b: string) => boolean) => {
    for (const m of mine) {
      if (pairs.has(m)) continue;
      const t = theirs.find((x) => !taken.has(x) && x.table === m.table && x.references === m.references && same(x.column, m.column));
      if (t) (pairs.set(m, t), taken.add(t));
    }
  };
  pass((a, b) => a === b);
  pass((a, b) => a.toLowerCase() === b.toLowerCase());
  return pairs;
}

export function diagramModel(learner: SchemaSnapshot, solution?: SchemaSnapshot): Diagram {
  const differences: string[] = [];
  const relations = relationsOf(learner);
  const theirs = solution ? relationsOf(solution) : [];
  const pairs = matchRelations(relations, theirs);
  const solutionTables = new Map(solution?.tables.map((t) => [t.name, t]));

  for (const r of relations) {
    if (!solution) continue;
    const t = pairs.get(r);
    const key = `${r.table}.${r.column} → ${r.references}.${r.to}`;
    if (!t) {
      if (!solutionTables.has(r.table)) continue; // the whole table is extra: said once, below
      const same = theirs.filter((x) => x.table === r.table && x.references === r.references);
      r.mark = 'extra';
      r.note = same.length
        ? `the solution has ${same.map((x) => x.column).join(', ')} as the only key from ${r.table} to ${r.references}`
        : `the solution has no key from ${r.table} to ${r.references}`;
      differences.push(`${key} (${describeKey(r)}): an extra key; ${r.note}.`);
      continue;
    }
    const diffs: string[] = [];
    if (t.column !== r.column) diffs.push(`named ${t.column} in the solution`);
    if (t.notNull !== r.notNull) diffs.push(t.notNull ? 'NOT NULL in the solution' : 'nullable in the solution');
    if (t.unique !== r.unique) diffs.push(t.unique ? 'UNIQUE in the solution' : 'not unique in the solution');
    if (t.onDelete !== r.onDelete) diffs.push(`ON DELETE ${t.onDelete} in the solution`);
    if (diffs.length) {
      r.mark = 'differs';
      r.note = diffs.join('; ');
      differences.push(`${key} (${describeKey(r)}): ${r.note}.`);
    }
  }
  for (const t of theirs) {
    if ([...pairs.values()].includes(t)) continue;
    if (!learner.tables.some((x) => x.name === t.table)) continue; // the table is missing: said below
    differences.push(`${t.table}.${t.column} → ${t.references}.${t.to} (${describeKey(t)}) is in the solution, missing here.`);
  }

  const tables: DiagramTable[] = learner.tables.map((t) => {
    const theirTable = solutionTables.get(t.name);
    const keyOf = new Map(relations.filter((r) => r.table === t.name).map((r) => [r.column, r]));
    const columns: DiagramColumn[] = t.columns.map((c) => {
      const rel = keyOf.get(c.name);
      const col: DiagramColumn = { name: c.name, type: c.type, pk: c.pk > 0, notNull: c.notNull, unique: uniqueAlone(t, c.name), references: rel?.references };
      if (rel?.mark) (col.mark = rel.mark), (col.note = rel.note);
      else if (theirTable && !rel && !theirTable.columns.some((x) => x.name === c.name)) {
        col.mark = 'extra';
        col.note = 'not in the solution';
        differences.push(`${t.name}.${c.name}: a column the solution does not have.`);
      }
      return col;
    });
    const table: DiagramTable = { name: t.name, columns, junction: isJunction(t) };
    if (solution && !theirTable) {
      table.mark = 'extra';
      table.note = 'not in the solution';
      differences.push(`Table ${t.name}: not in the solution's schema.`);
    }
    if (theirTable) {
      for (const c of theirTable.columns) {
        const keyInSolution = theirs.some((r) => r.table === t.name && r.column === c.name);
        if (!keyInSolution && !t.columns.some((x) => x.name === c.name)) differences.push(`${t.name}.${c.name}: in the solution, missing here.`);
      }
    }
    return table;
  });
  for (const t of solution?.tables ?? []) {
    if (!learner.tables.some((x) => x.name === t.name)) differences.push(`Table ${t.name}: in the solution, missing here.`);
  }
  return { tables, relations, differences, compared: Boolean(solution) };
}
