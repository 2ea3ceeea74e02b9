/**
 * `schema` in the terminal: one column per line; `schema --diagram`: the Mermaid erDiagram, the
 * seed's extra key flagged. Through the CLI, as a learner runs it (on SQLite: the DDL's words are
 * SQLite's; the diagram itself is dialect-neutral, tested in book-diagram.test.ts on either).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../runner/course/lessons.ts';
import { formatDdl } from '../runner/ui/ddl.ts';
import { seedMistake } from './helpers/seed-mistake.ts';
import { CLI_ARGS } from './helpers/workbook-cli.ts';

const root = projectRoot();
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [...CLI_ARGS, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('formatDdl', () => {
  it('splits a CREATE TABLE at its top-level commas only, and leaves other statements alone', () => {
    const ddl = 'CREATE TABLE `T` (`id` INTEGER PRIMARY KEY, `price` DECIMAL(10, 2), `note` VARCHAR(255) DEFAULT \'a, b\', PRIMARY KEY (`a`, `b`));\nCREATE UNIQUE INDEX `i` ON `T` (`a`, `b`);';
    expect(formatDdl(ddl)).toBe(
      ['CREATE TABLE `T` (', '  `id` INTEGER PRIMARY KEY,', '  `price` DECIMAL(10, 2),', "  `note` VARCHAR(255) DEFAULT 'a, b',", '  PRIMARY KEY (`a`, `b`)', ');', 'CREATE UNIQUE INDEX `i` ON `T` (`a`, `b`);'].join('\n'),
    );
  });
});

describe.runIf((process.env.WORKBOOK_DB ?? 'sqlite') === 'sqlite')('schema in the terminal', () => {
  it('one column per line', () => {
    const r = cli('schema', '01', '--from', 'solutions');
    expect(r.code, r.err).toBe(0);
    const lines = r.out.split('\n');
    expect(lines).toContain('CREATE TABLE `LibraryCards` (');
    expect(lines).toContain('  `userId` INTEGER NOT NULL UNIQUE REFERENCES `Users` (`id`) ON DELETE CASCADE ON UPDATE CASCADE');
    expect(lines).toContain('  `name` VARCHAR(255),');
  });
});

describe('schema --diagram', () => {
  it("the solution: a Mermaid erDiagram with one relation and no differences", () => {
    const r = cli('schema', '01', '--from', 'solutions', '--diagram');
    expect(r.code, r.err).toBe(0);
    expect(r.out.split('\n')[0]).toBe('erDiagram');
    expect(r.out).toContain('  LibraryCards {');
    expect(r.out).toContain('  Users ||--o| LibraryCards : "userId ON DELETE CASCADE"');
    expect(r.out.match(/--/g)).toHaveLength(1);
  });

  it("the seed's double key: two relations to Users, the extra one flagged in words", () => {
    const dir = mkdtempSync(join(tmpdir(), 'workbook-diagram-cli-'));
    temps.push(dir);
    writeFileSync(join(dir, 'models.ts'), seedMistake());
    const r = cli('schema', '01', '--from', dir, '--diagram');
    expect(r.code, r.err).toBe(0);
    const relations = r.out.split('\n').filter((l) => /^ {2}Users \S+--\S+ LibraryCards : /.test(l));
    expect(relations).toHaveLength(2);
    expect(relations.find((l) => l.includes('"cardId'))).toContain('EXTRA: the solution has userId as the only key from LibraryCards to Users');
    expect(r.out).toMatch(/^%% - LibraryCards\.cardId → Users\.id .*an extra key/m);
  });

  it('bad models: exit 1 with the explanation, as without --diagram', () => {
    const dir = mkdtempSync(join(tmpdir(), 'workbook-diagram-cli-'));
    temps.push(dir);
    writeFileSync(join(dir, 'models.ts'), 'export function defineModels() { throw new Error("boom"); }\n');
    const r = cli('schema', '01', '--from', dir, '--diagram');
    expect(r.code).toBe(1);
    expect(r.err).toContain('defineModels in models.ts threw');
    expect(r.out).toBe('');
  });
});
