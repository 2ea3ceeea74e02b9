/**
 * `schema` on PostgreSQL prints the DDL read back from pg_catalog: double-quoted names, named
 * constraints, and the difference that matters to lesson 01 (userId and UserId are two columns here).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../runner/course/lessons.ts';
import { runCli } from '../helpers/workbook-cli.ts';

const root = projectRoot();
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

function schema(...args: string[]) {
  return runCli(root, ['schema', ...args], { ...process.env, NO_COLOR: '1', WORKBOOK_DB: 'postgres' });
}

describe('schema on PostgreSQL', () => {
  it("the starter's UserId and the solution's userId, each with its named constraint and ON DELETE", () => {
    const starter = schema('01', '--from', 'lessons/01-one-to-one/.starter');
    expect(starter.code, starter.err).toBe(0);
    expect(starter.out).toContain('CREATE TABLE "LibraryCards"');
    expect(starter.out).toContain('CONSTRAINT "LibraryCards_UserId_fkey" FOREIGN KEY ("UserId") REFERENCES "Users"(id) ON UPDATE CASCADE ON DELETE SET NULL');
    const solved = schema('01', '--from', 'solutions');
    expect(solved.code, solved.err).toBe(0);
    expect(solved.out).toContain('"userId" INTEGER NOT NULL');
    expect(solved.out).toContain('CONSTRAINT "LibraryCards_userId_key" UNIQUE ("userId")');
    expect(solved.out).toContain('CONSTRAINT "LibraryCards_userId_fkey" FOREIGN KEY ("userId") REFERENCES "Users"(id) ON UPDATE CASCADE ON DELETE CASCADE');
  });

  it('a mismatched pair makes two columns and two foreign keys, where SQLite refuses the table', () => {
    const dir = mkdtempSync(join(tmpdir(), 'workbook-schema-'));
    temps.push(dir);
    writeFileSync(
      join(dir, 'models.ts'),
      `import { DataTypes, type Sequelize } from 'sequelize';
export function defineModels(sequelize: Sequelize) {
  const User = sequelize.define('User', { name: DataTypes.STRING });
  const LibraryCard = sequelize.define('LibraryCard', { cardNumber: DataTypes.STRING });
  User.hasOne(LibraryCard, { foreignKey: 'userId' });
  LibraryCard.belongsTo(User);
  return { User, LibraryCard };
}
`,
    );
    const r = schema('01', '--from', dir);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('FOREIGN KEY ("userId") REFERENCES "Users"(id)');
    expect(r.out).toContain('FOREIGN KEY ("UserId") REFERENCES "Users"(id)');
  });
});
