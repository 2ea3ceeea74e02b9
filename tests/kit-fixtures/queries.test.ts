/**
 * budgetProblem/recordQueries and outsideTransaction on real captured statements: one query per
 * row (N+1) instead of an include, and queries that forgot { transaction: t }.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { DataTypes, type Model, type Sequelize } from 'sequelize';
import { budgetProblem, leftOpen, outsideTransaction, recordQueries } from '../../runner/kit/index.ts';
import type { Statement } from '../../runner/kit/lesson-db.ts';
import { closeDatabasesAfterEach, recordingDb, type M } from './helpers.ts';

closeDatabasesAfterEach();

type Row = Model & Record<string, (...args: unknown[]) => Promise<unknown>>;
let db: { sequelize: Sequelize; statements: Statement[] };
let User: M;
let Post: M;

beforeEach(async () => {
  db = await recordingDb();
  User = db.sequelize.define('User', { name: DataTypes.STRING });
  Post = db.sequelize.define('Post', { title: DataTypes.STRING });
  User.hasMany(Post, { as: 'posts', foreignKey: 'authorId' });
  Post.belongsTo(User, { as: 'author', foreignKey: 'authorId' });
  await db.sequelize.sync();
  for (const name of ['Ada', 'Grace', 'Alan']) {
    const u = (await User.create({ name })) as Row;
    await u.createPost({ title: `${name} 1` });
    await u.createPost({ title: `${name} 2` });
  }
});

describe('N+1', () => {
  it('getPosts() for each user in a map', async () => {
    const feed = async () => Promise.all(((await User.findAll()) as Row[]).map(async (u) => ({ u, posts: await u.getPosts() })));
    const { statements } = await recordQueries(db, feed);
    const msg = budgetProblem(statements, 1, 'postsByUser');
    expect(msg).toContain('postsByUser ran 4 queries; the lesson allows at most 1');
    expect(msg).toContain('The same query on Posts ran 3 times, once per row: an N+1 loop');
    expect(msg).toContain('include: [...]');
  });

  it('findByPk of the author inside a for loop', async () => {
    const feed = async () => {
      const out = [];
      for (const p of await Post.findAll()) out.push({ p, author: await User.findByPk(p.get('authorId') as number) });
      return out;
    };
    const { statements } = await recordQueries(db, feed);
    const msg = budgetProblem(statements, 1);
    expect(msg).toContain('N+1');
    expect(msg).toContain('on Users ran 6 times');
  });

  it('one include is accepted', async () => {
    const { statements, result } = await recordQueries(db, () => User.findAll({ include: [{ model: Post, as: 'posts' }] }));
    expect(result).toHaveLength(3);
    expect(budgetProblem(statements, 1)).toBeNull();
  });

  it("the example names the association involved (findByPk, then the getter): include: ['posts'] and getPosts()", async () => {
    const load = async () => {
      const u = (await User.findByPk(1)) as Row;
      return u.getPosts();
    };
    const { statements } = await recordQueries(db, load);
    const msg = budgetProblem(statements, 1, 'userWithPosts', db.sequelize);
    expect(msg).toContain("One query reads Users, then another reads Posts: load them together with include: [...] (for example findByPk(id, { include: ['posts'] }) rather than findByPk(id) and then getPosts())");
    // Without the models, a placeholder rather than another lesson's association.
    const bare = budgetProblem(statements, 1, 'userWithPosts');
    expect(bare).toContain("(for example findByPk(id, { include: ['<alias>'] }) rather than findByPk(id) and then get<Alias>())");
    expect(bare).not.toContain('books');
  });

  it('an N+1 loop names the getter and the include of the association it repeats', async () => {
    const feed = async () => {
      const out = [];
      for (const p of (await Post.findAll()) as Row[]) out.push({ p, author: await p.getAuthor() });
      return out;
    };
    const { statements } = await recordQueries(db, feed);
    const msg = budgetProblem(statements, 1, 'feed', db.sequelize);
    expect(msg).toContain('on Users ran 6 times, once per row: an N+1 loop (a getter such as getAuthor() or a findOne inside a loop or map)');
    expect(msg).toContain("Load the related rows in the first query with include: [...] (include: ['author']) instead of querying inside a loop.");
  });

  it('two different queries over budget are not called N+1', async () => {
    const { statements } = await recordQueries(db, async () => [await User.findAll(), await Post.findAll()]);
    const msg = budgetProblem(statements, 1);
    expect(msg).toContain('ran 2 queries');
    expect(msg).not.toContain('N+1');
  });
});

describe('transactions', () => {
  it('a mixin call without { transaction: t }', async () => {
    const signUp = () =>
      db.sequelize.transaction(async (t) => {
        const u = (await User.create({ name: 'Linus' }, { transaction: t })) as Row;
        await u.createPost({ title: 'hello' });
      });
    const { statements } = await recordQueries(db, signUp);
    const msg = outsideTransaction(statements);
    expect(msg).toContain('1 of 2 queries ran outside the transaction');
    expect(msg).toContain('INSERT INTO `Posts`');
  });

  it('no transaction at all', async () => {
    const signUp = async () => {
      const u = (await User.create({ name: 'Linus' })) as Row;
      await u.createPost({ title: 'hello' });
    };
    const { statements } = await recordQueries(db, signUp);
    expect(outsideTransaction(statements)).toContain('None of the 2 queries ran in a transaction');
  });

  it('a transaction opened but never passed on: says so, not "wrap it in a transaction"', async () => {
    const signUp = () =>
      db.sequelize.transaction(async () => {
        const u = (await User.create({ name: 'Linus' })) as Row;
        await u.createPost({ title: 'hello' });
      });
    await expect(expect(signUp).toRunInOneTransaction(db)).rejects.toThrow(/You opened a transaction, but none of the 2 queries was given it/);
  });

  it('two transactions, one per step: a later failure cannot undo the first', async () => {
    const signUp = async () => {
      const u = (await db.sequelize.transaction((t) => User.create({ name: 'Linus' }, { transaction: t }))) as Row;
      await db.sequelize.transaction((t) => u.createPost({ title: 'hello' }, { transaction: t }));
    };
    await expect(expect(signUp).toRunInOneTransaction(db)).rejects.toThrow(/The queries ran in 2 separate transactions/);
  });

  it('an unmanaged transaction never committed: every query was in it, but it was left open', async () => {
    const signUp = async () => {
      const t = await db.sequelize.transaction();
      const u = (await User.create({ name: 'Linus' }, { transaction: t })) as Row;
      await u.createPost({ title: 'hello' }, { transaction: t });
    };
    await expect(expect(signUp).toRunInOneTransaction(db)).rejects.toThrow(/began a transaction and never ended it: no COMMIT and no ROLLBACK/);
  });

  it('an unmanaged transaction with no rollback on the failing path is left open; committed or rolled back is not', async () => {
    const start = db.statements.length;
    const t = await db.sequelize.transaction();
    await User.create({ name: 'Linus' }, { transaction: t });
    expect(leftOpen(db.statements.slice(start), 'signUp')).toMatch(/^signUp began a transaction and never ended it.*await t\.rollback\(\) and then rethrow/);
    await t.rollback();
    expect(leftOpen(db.statements.slice(start))).toBeNull();
    const again = db.statements.length;
    const t2 = await db.sequelize.transaction();
    await User.create({ name: 'Ada' }, { transaction: t2 });
    await t2.commit();
    expect(leftOpen(db.statements.slice(again))).toBeNull();
  });

  it('every query in the transaction is accepted', async () => {
    const signUp = () =>
      db.sequelize.transaction(async (t) => {
        const u = (await User.create({ name: 'Linus' }, { transaction: t })) as Row;
        await u.createPost({ title: 'hello' }, { transaction: t });
      });
    const { statements } = await recordQueries(db, signUp);
    expect(statements).toHaveLength(2);
    expect(outsideTransaction(statements)).toBeNull();
    await expect(signUp).toRunInOneTransaction(db);
  });
});
