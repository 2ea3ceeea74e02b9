/**
 * lesson.open(): every check gets a fresh database with exactly the schema sync() builds. After the
 * first sync the kit replays that schema (faster); these prove the replay is the same database.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { QueryTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';
import { useLesson } from '../../runner/kit/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'workbook-lesson-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A lesson folder with models.ts = `source`, and the useLesson of a check file inside it. */
function lessonWith(name: string, source: string) {
  mkdirSync(join(dir, name));
  writeFileSync(join(dir, name, 'models.ts'), source);
  // A made-up lesson with no task to compare with: no task-schema guard (it would register a check inside this test).
  return useLesson(pathToFileURL(join(dir, name, 'checks.test.ts')).href, { taskSchema: false });
}

const MODELS = `
import { DataTypes, type Sequelize } from 'sequelize';
export function defineModels(sequelize: Sequelize) {
  const User = sequelize.define('User', { email: { type: DataTypes.STRING, unique: true } }, { indexes: [{ fields: ['createdAt'] }] });
  const Card = sequelize.define('Card', { number: DataTypes.STRING }, { paranoid: true });
  User.hasOne(Card, { foreignKey: { name: 'userId', unique: true, allowNull: false }, onDelete: 'CASCADE' });
  Card.belongsTo(User, { foreignKey: { name: 'userId', unique: true, allowNull: false }, onDelete: 'CASCADE' });
  User.belongsToMany(User, { through: 'Follows', as: 'following', foreignKey: 'followerId', otherKey: 'followingId' });
  return { User, Card };
}
`;

const master = (s: Sequelize) => s.query('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name', { type: QueryTypes.SELECT });
const foreignKeys = (s: Sequelize, table: string) => s.query(`PRAGMA foreign_key_list(\`${table}\`)`, { type: QueryTypes.SELECT });

describe('lesson.open()', () => {
  it('gives every open the schema a real sync built: tables, indexes, autoindexes, foreign keys', async () => {
    const lesson = lessonWith('same', MODELS);
    const first = await lesson.open();
    const second = await lesson.open();
    const third = await lesson.open();
    expect((await master(first.sequelize)).length).toBeGreaterThan(5);
    for (const db of [second, third]) {
      expect(await master(db.sequelize)).toEqual(await master(first.sequelize));
      for (const table of ['Cards', 'Follows']) expect(await foreignKeys(db.sequelize, table)).toEqual(await foreignKeys(first.sequelize, table));
    }
  });

  it('gives every open an empty database, and the foreign keys are enforced', async () => {
    const lesson = lessonWith('fresh', MODELS);
    const a = await lesson.open();
    const { User, Card } = a.models as Record<string, ModelStatic<Model>>;
    const ada = await User.create({ email: 'ada@example.com' });
    await Card.create({ number: '1', userId: ada.get('id') });
    const b = await lesson.open();
    expect(await b.sequelize.query('SELECT * FROM Users', { type: QueryTypes.SELECT })).toEqual([]);
    const { Card: CardB } = b.models as Record<string, ModelStatic<Model>>;
    await expect(CardB.create({ number: '2', userId: 42 })).rejects.toThrow(/FOREIGN KEY constraint failed/);
  });

  it('really syncs every time when a sync hook could do more than create tables', async () => {
    const lesson = lessonWith(
      'hooked',
      MODELS.replace(
        'return { User, Card };',
        "User.addHook('afterSync', async () => { await sequelize.query(\"INSERT INTO Users (email, createdAt, updatedAt) VALUES ('seed@example.com', '2026-01-01', '2026-01-01')\"); });\n  return { User, Card };",
      ),
    );
    for (let i = 0; i < 3; i++) {
      const db = await lesson.open();
      expect(await db.sequelize.query('SELECT email FROM Users', { type: QueryTypes.SELECT })).toEqual([{ email: 'seed@example.com' }]);
    }
  });
});

describe('lesson.open() with model classes declared at module level', () => {
  // The style lesson 12 teaches: classes at module level, init() and the associations inside
  // defineModels, so every open() sets the SAME classes up again on a new database.
  const CLASSES = `
import { DataTypes, Model, type Sequelize } from 'sequelize';
export class User extends Model {
  /** The learner's own method under a mixin's name: never removed. */
  getPosts() { return 'mine'; }
}
export class Post extends Model {}
export function defineModels(sequelize: Sequelize) {
  User.init({ username: DataTypes.STRING }, { sequelize });
  Post.init({ title: DataTypes.STRING }, { sequelize });
  User.belongsToMany(User, { through: 'Followers', as: 'following', foreignKey: 'followerId', otherKey: 'followingId' });
  User.hasMany(Post, { as: 'posts', foreignKey: 'authorId' });
  return { User, Post };
}
`;
  const follow = async (models: object) => {
    const { User } = models as Record<string, ModelStatic<Model>>;
    const [ada, bob] = await Promise.all(['ada', 'bob'].map((username) => User.create({ username })));
    await (ada as unknown as { addFollowing(u: Model): Promise<unknown> }).addFollowing(bob);
    return ada as unknown as { getFollowing(): Promise<Model[]>; getPosts(): unknown };
  };

  // One lesson for both checks: the second runs after the first one's databases were closed.
  const lesson = lessonWith('classes', CLASSES);

  it("a later database's association methods run on that database, not on the first one", async () => {
    const first = await lesson.open();
    await follow(first.models);
    const second = await lesson.open();
    const ada = await follow(second.models);
    expect((await ada.getFollowing()).map((u) => u.get('username'))).toEqual(['bob']);
    expect(await second.sequelize.query('SELECT * FROM Followers', { type: QueryTypes.SELECT })).toHaveLength(1);
    expect(await first.sequelize.query('SELECT * FROM Followers', { type: QueryTypes.SELECT })).toHaveLength(1);
    expect(ada.getPosts()).toBe('mine');
  });

  it('works again in the next check, after the first databases were closed', async () => {
    const db = await lesson.open();
    const ada = await follow(db.models);
    expect((await ada.getFollowing()).map((u) => u.get('username'))).toEqual(['bob']);
  });
});
