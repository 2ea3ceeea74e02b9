/**
 * The facts the lessons state about Sequelize and the databases, by experiment: each `it` is a
 * sentence of a lesson (named in its title), run on the database of the project (SQLite, then
 * PostgreSQL). A Sequelize or database upgrade that changes one fails here, pointing at the lesson
 * to rewrite.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { DataTypes, ForeignKeyConstraintError, QueryTypes, type BelongsToMany, type QueryInterface, type Sequelize } from 'sequelize';
import { JSONStorage, SequelizeStorage, Umzug } from 'umzug';
import { usesPostgres } from '../runner/kit/db/choice.ts';
import { newSequelize, type Statement } from '../runner/kit/lesson-db.ts';
import { typeCheck } from '../runner/kit/diagnose/types.ts';
import { Schema } from '../runner/kit/schema.ts';

const onPostgres = usesPostgres();
let open: Sequelize | undefined;

/** A fresh, empty database of the project's dialect, recording its statements. */
async function fresh(): Promise<{ sequelize: Sequelize; statements: Statement[] }> {
  const statements: Statement[] = [];
  open = await newSequelize(statements);
  return { sequelize: open, statements };
}

afterEach(async () => {
  await open?.close();
  open = undefined;
});

const id = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true };

describe('lesson 14: migrations', () => {
  it('addColumn(..., { allowNull: false }) succeeds on an empty table and fails on one with rows (sharp edge 4)', async () => {
    const { sequelize } = await fresh();
    const qi = sequelize.getQueryInterface();
    await qi.createTable('Users', { id });
    await qi.createTable('Empty', { id });
    await qi.createTable('Full', { id });
    await qi.bulkInsert('Full', [{ id: 1 }]);
    const authorId = { type: DataTypes.INTEGER, allowNull: false, references: { model: 'Users', key: 'id' }, onDelete: 'CASCADE' };
    await qi.addColumn('Empty', 'authorId', authorId);
    expect((await qi.describeTable('Empty')).authorId?.allowNull).toBe(false);
    await expect(qi.addColumn('Full', 'authorId', authorId)).rejects.toThrow(onPostgres ? /contains null values/ : /Cannot add a NOT NULL column with default value NULL/);
  });

  /** Books, and Reviews whose bookId is NOT NULL, CASCADE both ways and indexed; two reviews with no stars yet given. */
  const reviews = async () => {
    const { sequelize } = await fresh();
    const Book = sequelize.define('Book', {}, { timestamps: false });
    const Review = sequelize.define('Review', { stars: DataTypes.INTEGER }, { timestamps: false, indexes: [{ fields: ['bookId'] }] });
    Book.hasMany(Review, { foreignKey: { name: 'bookId', allowNull: false }, onDelete: 'CASCADE', onUpdate: 'CASCADE' });
    await sequelize.sync();
    await Book.create();
    await Review.bulkCreate([{ bookId: 1, stars: 4 }, { bookId: 1, stars: 5 }]);
    const schema = new Schema(sequelize);
    const shape = async () => ({
      rows: await Review.count(),
      stars: (await schema.column('Reviews', 'stars'))?.notNull,
      bookId: (await schema.foreignKeys('Reviews')).map((k) => `${k.from} ${k.onDelete} ${k.onUpdate}`),
      indexed: (await schema.indexes('Reviews')).some((i) => i.columns[0] === 'bookId'),
    });
    return { qi: sequelize.getQueryInterface(), shape };
  };

  it("changeColumn keeps the other keys' ON DELETE and the indexes on PostgreSQL, loses them on SQLite (sharp edge 5)", async () => {
    const { qi, shape } = await reviews();
    await qi.changeColumn('Reviews', 'stars', { type: DataTypes.INTEGER, allowNull: false });
    const kept = { rows: 2, stars: true, bookId: ['bookId CASCADE CASCADE'], indexed: true };
    expect(await shape()).toEqual(onPostgres ? kept : { ...kept, bookId: ['bookId NO ACTION NO ACTION'], indexed: false });
  });

  it("the README's worked example of the table rebuild keeps the rows, the keys and the index, on both databases", async () => {
    const readme = readFileSync(new URL('../lessons/14-migrations/README.md', import.meta.url), 'utf8');
    const example = readme.match(/```ts\n(async function starsNotNull[\s\S]*?)```/)?.[1];
    expect(example, 'the README shows starsNotNull in a ts code block').toBeDefined();
    const ts = createRequire(import.meta.url)('typescript') as typeof import('typescript');
    const js = ts.transpileModule(example!, { compilerOptions: { target: ts.ScriptTarget.ES2022 } }).outputText;
    const starsNotNull = new Function('DataTypes', `${js}\nreturn starsNotNull;`)(DataTypes) as (qi: QueryInterface) => Promise<void>;
    const { qi, shape } = await reviews();
    await starsNotNull(qi);
    expect(await shape()).toEqual({ rows: 2, stars: true, bookId: ['bookId CASCADE CASCADE'], indexed: true });
  });

  it("umzug's default storage is a JSON file; the SequelizeMeta table comes from SequelizeStorage", async () => {
    const { sequelize } = await fresh();
    // `storage` is private in umzug's typings; the instance is what the default is.
    expect((new Umzug({ migrations: [], logger: undefined }) as unknown as { storage: unknown }).storage).toBeInstanceOf(JSONStorage);
    const umzug = new Umzug({ migrations: [{ name: '01', up: async () => undefined }], storage: new SequelizeStorage({ sequelize }), logger: undefined });
    await umzug.up();
    expect(await sequelize.getQueryInterface().showAllTables()).toContain('SequelizeMeta');
  });
});

describe('lessons 03 and 05: pairing belongsToMany declarations', () => {
  it('two self belongsToMany declarations on one through table pair up (lesson 03 does not list them as unpaired)', async () => {
    const { sequelize } = await fresh();
    const User = sequelize.define('User', { name: DataTypes.STRING });
    const followers = User.belongsToMany(User, { through: 'Followers', as: 'followers', foreignKey: 'followingId' });
    const following = User.belongsToMany(User, { through: 'Followers', as: 'following', foreignKey: 'followerId' });
    expect((followers as BelongsToMany & { paired?: unknown }).paired).toBe(following);
    expect([followers.otherKey, following.otherKey]).toEqual(['followerId', 'followingId']);
    await sequelize.sync();
    expect(Object.keys(await sequelize.getQueryInterface().describeTable('Followers')).sort()).toEqual(['createdAt', 'followerId', 'followingId', 'updatedAt']);
    const ada = await User.create({ name: 'ada' });
    const bob = await User.create({ name: 'bob' });
    await (ada as unknown as { addFollowing(u: unknown): Promise<void> }).addFollowing(bob);
    const bobsFollowers = await (bob as unknown as { getFollowers(): Promise<Array<{ get(k: 'name'): string }>> }).getFollowers();
    expect(bobsFollowers.map((u) => u.get('name'))).toEqual(['ada']);
  });

  it('a self belongsToMany alone derives its other key from its alias, not from the model', async () => {
    const { sequelize } = await fresh();
    const User = sequelize.define('User', {});
    expect(User.belongsToMany(User, { through: 'Followers', as: 'followers', foreignKey: 'followingId' }).otherKey).toBe('followerId');
  });

  it("lesson 03's mixins: reads join Courses, removeCourse deletes only the StudentCourses row, createCourse inserts a course", async () => {
    const { sequelize, statements } = await fresh();
    const Student = sequelize.define('Student', {});
    const Course = sequelize.define('Course', { title: DataTypes.STRING });
    Student.belongsToMany(Course, { through: 'StudentCourses', as: 'courses', foreignKey: 'studentId', otherKey: 'courseId' });
    Course.belongsToMany(Student, { through: 'StudentCourses', as: 'students', foreignKey: 'courseId', otherKey: 'studentId' });
    await sequelize.sync();
    type Mixin = 'addCourse' | 'setCourses' | 'getCourses' | 'hasCourse' | 'countCourses' | 'removeCourse' | 'createCourse';
    const ada = (await Student.create()) as unknown as Record<Mixin, (arg?: unknown) => Promise<unknown>>;
    const db = await Course.create({ title: 'db' });
    const sqlOf = async (run: () => Promise<unknown>) => {
      statements.length = 0;
      await run();
      return statements.map((s) => s.sql.replace(/[`"]/g, ''));
    };
    const onlyJoinRows = (sql: string[]) => sql.every((q) => /(FROM|INTO) StudentCourses /.test(q) && !/Courses AS Course/.test(q));
    expect(onlyJoinRows(await sqlOf(() => ada.addCourse(db)))).toBe(true);
    expect(onlyJoinRows(await sqlOf(() => ada.setCourses([db])))).toBe(true);
    for (const [read, arg] of [['getCourses', undefined], ['hasCourse', db], ['countCourses', undefined]] as const) {
      expect(await sqlOf(() => ada[read](arg)), read).toEqual([expect.stringMatching(/FROM Courses AS Course INNER JOIN StudentCourses/)]);
    }
    expect(await sqlOf(() => ada.removeCourse(db))).toEqual([expect.stringMatching(/^DELETE FROM StudentCourses WHERE/)]);
    expect(await Course.count()).toBe(1);
    expect((await sqlOf(() => ada.createCourse({ title: 'new' })))[0]).toMatch(/^INSERT INTO Courses/);
  });
});

describe('lesson 07: a statement without { transaction }', () => {
  it('survives the rollback on PostgreSQL (another connection); on the in-memory SQLite (one connection) it is rolled back too', async () => {
    const { sequelize } = await fresh();
    const User = sequelize.define('User', { name: DataTypes.STRING });
    await sequelize.sync();
    await expect(
      sequelize.transaction(async (transaction) => {
        await User.create({ name: 'inside' }, { transaction });
        await User.create({ name: 'forgot the transaction' });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const left = (await User.findAll()).map((u) => u.get('name'));
    expect(left).toEqual(onPostgres ? ['forgot the transaction'] : []);
  });

  it("cannot see the transaction's rows on PostgreSQL: a createProfile for a user made in it fails on the foreign key", async () => {
    const { sequelize } = await fresh();
    const User = sequelize.define('User', {});
    const Profile = sequelize.define('Profile', {});
    User.hasOne(Profile, { as: 'profile', foreignKey: 'userId' });
    await sequelize.sync();
    const made = sequelize.transaction(async (transaction) => {
      const user = await User.create({}, { transaction });
      await (user as unknown as { createProfile(v: object): Promise<unknown> }).createProfile({});
      return 'made';
    });
    if (onPostgres) await expect(made).rejects.toThrow(ForeignKeyConstraintError);
    else await expect(made).resolves.toBe('made');
  });

  it("waits for a lock the transaction holds on PostgreSQL (for ever: the transaction waits for it); SQLite's one connection never waits", async () => {
    const { sequelize } = await fresh();
    const User = sequelize.define('User', { name: DataTypes.STRING });
    await sequelize.sync();
    await User.create({ name: 'a' });
    let outsideDone = false;
    const work = sequelize.transaction(async (transaction) => {
      await User.update({ name: 'b' }, { where: { id: 1 }, transaction });
      const outside = User.update({ name: 'c' }, { where: { id: 1 } }).then(() => (outsideDone = true));
      if (onPostgres) {
        // Wait until the server itself reports the other connection waiting on this transaction's lock
        // (asked outside the transaction: inside it, pg_stat_activity is a snapshot taken once).
        const [me] = await sequelize.query<{ pid: number }>('SELECT pg_backend_pid() AS pid', { type: QueryTypes.SELECT, transaction });
        for (;;) {
          const waiting = await sequelize.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))', {
            bind: [me!.pid],
            type: QueryTypes.SELECT,
          });
          if (waiting[0]!.n > 0) break;
        }
        expect(outsideDone).toBe(false);
        return; // commit: the lock is released and the outside update can finish (awaiting it here would never end)
      }
      await outside;
    });
    await work;
    await expect.poll(() => outsideDone).toBe(true);
  });
});

describe('lesson 08: one options object shared by two association calls', () => {
  const declare = async (first: 'belongsTo' | 'hasMany') => {
    const { sequelize } = await fresh();
    const Post = sequelize.define('Post', {});
    const Comment = sequelize.define('Comment', {});
    const opts = { foreignKey: 'postId', onDelete: 'CASCADE' as const };
    const both =
      first === 'belongsTo'
        ? { belongsTo: Comment.belongsTo(Post, opts), hasMany: Post.hasMany(Comment, opts) }
        : { hasMany: Post.hasMany(Comment, opts), belongsTo: Comment.belongsTo(Post, opts) };
    const useHooks = (a: object) => (a as { options: { useHooks?: boolean } }).options.useHooks;
    return [useHooks(both.hasMany), useHooks(both.belongsTo)];
  };

  it('belongsTo first copies the model options into it: hooks are on for both associations', async () => {
    expect(await declare('belongsTo')).toEqual([true, true]);
  });

  it('hasOne first does the same to the belongsTo after it', async () => {
    const { sequelize } = await fresh();
    const User = sequelize.define('User', {});
    const Profile = sequelize.define('Profile', {});
    const opts = { foreignKey: 'userId', onDelete: 'CASCADE' as const };
    const declared = [User.hasOne(Profile, opts), Profile.belongsTo(User, opts)];
    expect(declared.map((a) => (a as unknown as { options: { useHooks?: boolean } }).options.useHooks)).toEqual([true, true]);
  });

  it('hasMany first: hooks stay off on both', async () => {
    expect(await declare('hasMany')).toEqual([false, false]);
  });
});

describe('lesson 09: a default scope and a named scope', () => {
  it("the README's example: the default scope leaves notes out, scope('withNotes') replaces it and brings them back", async () => {
    const { sequelize } = await fresh();
    const Article = sequelize.define('Article', { title: DataTypes.STRING, notes: DataTypes.TEXT }, {
      defaultScope: { attributes: { exclude: ['notes'] } },
      scopes: { withNotes: { attributes: { include: ['notes'] } } },
    });
    await sequelize.sync();
    await Article.create({ title: 't', notes: 'n' });
    const columns = async (model: typeof Article) => Object.keys((await model.findOne())!.get()).sort();
    expect(await columns(Article)).toEqual(['createdAt', 'id', 'title', 'updatedAt']);
    expect(await columns(Article.scope('withNotes'))).toEqual(['createdAt', 'id', 'notes', 'title', 'updatedAt']);
    expect(await columns(Article.unscoped())).toEqual(['createdAt', 'id', 'notes', 'title', 'updatedAt']);
  });
});

describe('lesson 15: findAndCountAll with a hasMany include', () => {
  it('counts Author.id over the joined rows (8 for 5 authors), and DISTINCT ids with distinct: true', async () => {
    const { sequelize, statements } = await fresh();
    const Author = sequelize.define('Author', { name: DataTypes.STRING });
    const Post = sequelize.define('Post', { title: DataTypes.STRING });
    Author.hasMany(Post, { as: 'posts', foreignKey: 'authorId' });
    await sequelize.sync();
    const authors = await Author.bulkCreate([1, 2, 3, 4, 5].map((n) => ({ name: `a${n}` })));
    // 2 + 3 posts, and three authors without: 2 + 3 + 3 joined rows.
    await Post.bulkCreate([0, 0, 1, 1, 1].map((i) => ({ title: 't', authorId: authors[i]!.get('id') })));
    const countSql = async (distinct: boolean) => {
      statements.length = 0;
      const { count } = await Author.findAndCountAll({ include: [{ association: 'posts' }], limit: 2, distinct });
      return { count, sql: statements.map((s) => s.sql.replace(/[`"]/g, '')).find((sql) => /count\(/i.test(sql)) };
    };
    expect(await countSql(false)).toEqual({ count: 8, sql: expect.stringMatching(/^SELECT count\(Author\.id\) AS count FROM Authors AS Author LEFT OUTER JOIN Posts/) });
    expect(await countSql(true)).toEqual({ count: 5, sql: expect.stringMatching(/^SELECT count\(DISTINCT\(Author\.id\)\) AS count FROM/) });
  });
});

// Types do not depend on the database: compiled once, on the SQLite run.
describe.skipIf(onPostgres)("lesson 12: ForeignKey<User['id']> and ForeignKey<number>", () => {
  const solution = readFileSync(new URL('../solutions/12-typed-models/models.ts', import.meta.url), 'utf8');
  const createWithTitleOnly = (source: string) => {
    const folder = mkdtempSync(join(tmpdir(), 'workbook-claims-'));
    const file = join(folder, 'models.ts');
    writeFileSync(file, source);
    try {
      return typeCheck(file, [{ name: 'create', code: "import { Post } from '__FILE__'; await Post.create({ title: 'x' });", explain: '' }]).probes.create;
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  };

  it("with User['id'] (which carries CreationOptional's brand), Post.create({ title }) compiles; with number it needs authorId", () => {
    expect(solution).toContain("declare authorId: ForeignKey<User['id']>;");
    expect(createWithTitleOnly(solution)).toEqual([]);
    expect(createWithTitleOnly(solution.replace("ForeignKey<User['id']>", 'ForeignKey<number>'))).toEqual([expect.stringMatching(/authorId/)]);
  }, 60_000);
});
