/**
 * The diagram model, drawn from real schemas (the models synced on the test's database, read through
 * the dialect layer): the solution of lesson 01 has one key and no differences; the seed tutorial's
 * mistake (an alias on hasOne only) has two keys to Users, the extra one flagged, in the model, the
 * SVG and the Mermaid text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findLesson, projectRoot } from '../runner/course/lessons.ts';
import { snapshotOf } from '../runner/commands/schema.ts';
import { diagramModel } from '../runner/book/diagram/model.ts';
import { toMermaid } from '../runner/book/diagram/mermaid.ts';
import { toSvg } from '../runner/book/diagram/svg.ts';
import type { SchemaSnapshot } from '../runner/book/diagram/snapshot.ts';
import { seedMistake } from './helpers/seed-mistake.ts';

const lesson = findLesson('01');

let dir: string;
let solution: SchemaSnapshot;
let seed: SchemaSnapshot;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'workbook-diagram-'));
  writeFileSync(join(dir, 'models.ts'), seedMistake());
  solution = await snapshotOf(lesson, join(projectRoot(), 'solutions'));
  seed = await snapshotOf(lesson, dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the diagram model', () => {
  it("the solution against itself: one key, NOT NULL, UNIQUE, ON DELETE CASCADE, nothing flagged", () => {
    const d = diagramModel(solution, solution);
    expect(d.tables.map((t) => t.name)).toEqual(['LibraryCards', 'Users']);
    expect(d.relations).toEqual([{ table: 'LibraryCards', column: 'userId', references: 'Users', to: 'id', onDelete: 'CASCADE', notNull: true, unique: true }]);
    expect(d.differences).toEqual([]);
    expect(d.tables.flatMap((t) => t.columns).filter((c) => c.mark)).toEqual([]);
  });

  it("the seed's double key: two keys to Users, the extra one (cardId) flagged, UserId marked as the solution's userId named differently", () => {
    const d = diagramModel(seed, solution);
    const keys = d.relations.filter((r) => r.table === 'LibraryCards' && r.references === 'Users');
    expect(keys.map((r) => r.column).sort()).toEqual(['UserId', 'cardId']);
    const cardId = keys.find((r) => r.column === 'cardId')!;
    const userId = keys.find((r) => r.column === 'UserId')!;
    expect(cardId).toMatchObject({ mark: 'extra', onDelete: 'CASCADE', notNull: false, unique: false });
    expect(userId).toMatchObject({ mark: 'differs', onDelete: 'SET NULL' });
    expect(userId.note).toContain('named userId in the solution');
    expect(userId.note).toContain('ON DELETE CASCADE in the solution');
    expect(d.differences.some((s) => s.startsWith('LibraryCards.cardId → Users.id') && s.includes('an extra key'))).toBe(true);
    expect(d.tables.find((t) => t.name === 'LibraryCards')!.columns.find((c) => c.name === 'cardId')).toMatchObject({ mark: 'extra', references: 'Users' });
  });

  it('a junction table is recognised (lesson 03: belongsToMany through a table of two keys)', async () => {
    const s = await snapshotOf(findLesson('03'), join(projectRoot(), 'solutions'));
    const d = diagramModel(s);
    const junctions = d.tables.filter((t) => t.junction).map((t) => t.name);
    expect(junctions).toHaveLength(1);
    expect(d.relations.filter((r) => r.table === junctions[0])).toHaveLength(2);
    expect(d.tables.filter((t) => !t.junction).every((t) => !t.junction)).toBe(true);
    expect(d.compared).toBe(false);
  });

  it('a table or key the learner lacks is named as missing', () => {
    const without = { tables: solution.tables.map((t) => (t.name === 'LibraryCards' ? { ...t, foreignKeys: [], columns: t.columns.filter((c) => c.name !== 'userId') } : t)) };
    expect(diagramModel(without, solution).differences).toContain('LibraryCards.userId → Users.id (NOT NULL, UNIQUE, ON DELETE CASCADE) is in the solution, missing here.');
    const noCards = { tables: solution.tables.filter((t) => t.name === 'Users') };
    expect(diagramModel(noCards, solution).differences).toContain('Table LibraryCards: in the solution, missing here.');
  });
});

describe('drawn', () => {
  it('SVG: one arrow per key, the extra one dashed and labelled in words, names escaped', () => {
    const svg = toSvg(diagramModel(seed, solution), 'lesson 01 <seed>');
    expect(svg.match(/<g class="rel[^"]*"/g)).toHaveLength(2);
    expect(svg).toMatch(/<g class="rel mark-extra" data-from="LibraryCards.cardId" data-to="Users.id" data-on-delete="CASCADE">/);
    expect(svg).toContain('⚠ extra cardId ON DELETE CASCADE');
    expect(svg).toContain('lesson 01 &lt;seed&gt;');
    expect(svg).not.toContain('<seed>');
    const solved = toSvg(diagramModel(solution, solution), 'solution');
    expect(solved.match(/<g class="rel[^"]*"/g)).toEqual(['<g class="rel"']);
    expect(solved).toContain('ON DELETE CASCADE');
  });

  it('Mermaid: entities with PK/FK/UK, NOT NULL, the relation with its cardinality and ON DELETE, flags in words', () => {
    const solved = toMermaid(diagramModel(solution, solution));
    expect(solved.split('\n')[0]).toBe('erDiagram');
    expect(solved).toContain('    INTEGER userId FK, UK "NOT NULL"');
    expect(solved).toContain('  Users ||--o| LibraryCards : "userId ON DELETE CASCADE"');
    const wrong = toMermaid(diagramModel(seed, solution));
    expect(wrong).toMatch(/^%% Differences from the solution's schema:/);
    expect(wrong).toContain('  Users |o--o{ LibraryCards : "cardId ON DELETE CASCADE; EXTRA: the solution has userId as the only key from LibraryCards to Users"');
    expect(wrong).toMatch(/INTEGER UserId FK "DIFFERS: named userId in the solution/);
  });
});
