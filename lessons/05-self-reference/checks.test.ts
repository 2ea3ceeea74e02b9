import { describe, it, expect } from 'vitest';
import type { Model } from 'sequelize';
import { useLesson, callMixin, checkJunction, checkMirror, failIf, type LessonDb, type MirrorSpec } from '../../runner/kit/index.ts';

const lesson = useLesson<typeof import('./models.ts')>(import.meta.url);
type Db = LessonDb<ReturnType<typeof import('./models.ts').defineModels>>;

/** ada.addFollowing(bob) writes (followerId: ada, followingId: bob); bob.getFollowers() reads it back. */
const MIRROR: MirrorSpec = { outgoing: 'following', incoming: 'followers', fromKey: 'followerId', toKey: 'followingId' };
const FOLLOWERS = { table: 'Followers', keys: { followerId: 'Users', followingId: 'Users' } };
const MANAGER_KEY = { references: 'Users', column: 'managerId' } as const;

const names = (rows: Model[]) => rows.map((u) => u.get('username')).sort();

/**
 * The join table decides. When it is wrong because the two declarations are not mirror images (the
 * same keys on both, a different through), checkMirror names that mistake better than the table does.
 */
async function expectFollowersTable(db: Db, extra: { onDelete?: string } = {}) {
  const problem = await checkJunction(db.sequelize, { ...FOLLOWERS, ...extra });
  failIf(problem && (checkMirror(db.models.User, MIRROR) ?? problem));
}

/** ada follows bob and cy, cy follows ada, bob follows cy. The first link is judged both ways. */
async function network() {
  const db = await lesson.open();
  const { User } = db.models;
  const [ada, bob, cy] = await Promise.all(['ada', 'bob', 'cy'].map((username) => User.create({ username })));
  await expect(ada).toLinkBothWays(bob, MIRROR);
  await callMixin(ada, 'addFollowing', cy);
  await callMixin(cy, 'addFollowing', ada);
  await callMixin(bob, 'addFollowing', cy);
  return { db, ada, bob, cy };
}

/** ada runs the place: bob and cy report to her, dan reports to bob. Each link made from a different side. */
async function org() {
  const db = await lesson.open();
  const { User } = db.models;
  expect(User).toHaveAssociation({ type: 'BelongsTo', target: 'User', alias: 'manager' });
  expect(User).toHaveAssociation({ type: 'HasMany', target: 'User', alias: 'reports' });
  await expect(db).toHaveForeignKey('Users', MANAGER_KEY);
  const [ada, bob, cy] = await Promise.all(['ada', 'bob', 'cy'].map((username) => User.create({ username })));
  await callMixin(bob, 'setManager', ada);
  await callMixin(ada, 'addReport', cy);
  // addReport() updates cy's row, not this copy of cy in memory: read it again before cy.getManager().
  await cy.reload();
  const dan = await callMixin<Model>(bob, 'createReport', { username: 'dan' });
  return { db, ada, bob, cy, dan };
}

describe('following and followers', () => {
  it("users have 'following' and 'followers', both belongsToMany User", async () => {
    const { models } = await lesson.open();
    expect(models.User).toHaveAssociation({ type: 'BelongsToMany', target: 'User', alias: 'following' });
    expect(models.User).toHaveAssociation({ type: 'BelongsToMany', target: 'User', alias: 'followers' });
  });

  it('one join table, Followers: followerId → Users and followingId → Users; ada.addFollowing(bob) stores (ada, bob), once', async () => {
    const db = await lesson.open();
    await expectFollowersTable(db);
    const [ada, bob] = await Promise.all(['ada', 'bob'].map((username) => db.models.User.create({ username })));
    await callMixin(ada, 'addFollowing', bob);
    // The lists can look right with both declarations backwards; the row says who follows whom.
    const rows = await db.query('SELECT `followerId`, `followingId` FROM `Followers`');
    expect(
      rows,
      `ada.addFollowing(bob) should store one row with followerId = ada (she follows) and followingId = bob. ${checkMirror(db.models.User, MIRROR) ?? ''}`.trim(),
    ).toEqual([{ followerId: ada.get('id'), followingId: bob.get('id') }]);
    const again = db.query('INSERT INTO `Followers` (`followerId`, `followingId`, `createdAt`, `updatedAt`) VALUES (?, ?, ?, ?)', {
      replacements: [ada.get('id'), bob.get('id'), '2024-01-01', '2024-01-01'],
    });
    await expect(again, 'The database accepted "ada follows bob" twice: (followerId, followingId) should be the key.').rejects.toThrow();
  });

  it('ada.addFollowing(bob): bob.getFollowers() is [ada], and ada.getFollowers() stays empty', async () => {
    const db = await lesson.open();
    const [ada, bob] = await Promise.all(['ada', 'bob'].map((username) => db.models.User.create({ username })));
    await expect(ada).toLinkBothWays(bob, MIRROR);
  });

  it('users get addFollowing, removeFollowing, hasFollowing, countFollowing, getFollowers, countFollowers, hasFollower...', async () => {
    const { models } = await lesson.open();
    // 'following' is its own singular, so addFollowing takes one user or an array.
    expect(models.User).toHaveMixins(['getFollowing', 'addFollowing', 'removeFollowing', 'hasFollowing', 'countFollowing', 'setFollowing']);
    expect(models.User).toHaveMixins(['getFollowers', 'addFollower', 'addFollowers', 'removeFollower', 'hasFollower', 'countFollowers', 'setFollowers']);
  });

  it('each list counts and answers from its own direction', async () => {
    const { ada, bob, cy } = await network();
    expect(names(await callMixin<Model[]>(cy, 'getFollowers')), 'ada and bob follow cy, but cy.getFollowers() disagrees.').toEqual(['ada', 'bob']);
    expect(names(await callMixin<Model[]>(ada, 'getFollowing')), 'ada follows bob and cy, but ada.getFollowing() disagrees.').toEqual(['bob', 'cy']);
    expect(await callMixin<number>(cy, 'countFollowers'), 'cy.countFollowers() should be 2 (ada and bob).').toBe(2);
    expect(await callMixin<number>(bob, 'countFollowing'), 'bob follows only cy: bob.countFollowing() should be 1.').toBe(1);
    expect(await callMixin<boolean>(cy, 'hasFollower', bob), 'bob follows cy, but cy.hasFollower(bob) is false.').toBe(true);
    expect(await callMixin<boolean>(cy, 'hasFollowing', bob), 'cy does not follow bob (bob follows cy), but cy.hasFollowing(bob) is true.').toBe(false);
  });

  it('removeFollowing() unfollows: the link goes, both users stay', async () => {
    const { db, ada, cy } = await network();
    await callMixin(ada, 'removeFollowing', cy);
    expect(names(await callMixin<Model[]>(ada, 'getFollowing')), 'After ada.removeFollowing(cy), ada should follow only bob.').toEqual(['bob']);
    expect(names(await callMixin<Model[]>(cy, 'getFollowers')), 'After ada.removeFollowing(cy), cy should be followed only by bob.').toEqual(['bob']);
    expect(names(await callMixin<Model[]>(cy, 'getFollowing')), 'ada unfollowed cy; that must not make cy unfollow ada.').toEqual(['ada']);
    expect(await db.models.User.count(), 'removeFollowing() deleted a user; it should only delete the Followers row.').toBe(3);
  });
});

describe('deleting a user', () => {
  it('Followers cascades: deleting ada deletes her follow rows both ways, and keeps the other users and their follows', async () => {
    const { db, ada, bob, cy } = await network();
    await expectFollowersTable(db, { onDelete: 'CASCADE' });
    await ada.destroy();
    const rows = await db.query('SELECT * FROM `Followers`');
    expect(rows, 'Deleting ada should leave one Followers row, "bob follows cy": the rows where ada follows or is followed go.').toHaveLength(1);
    expect(await db.models.User.count(), 'Deleting ada deleted other users: only the join rows should go.').toBe(2);
    expect(names(await callMixin<Model[]>(cy, 'getFollowers')), 'After deleting ada, cy should still be followed by bob.').toEqual(['bob']);
    expect(names(await callMixin<Model[]>(bob, 'getFollowers')), 'After deleting ada, nobody follows bob.').toEqual([]);
  });
});

describe('managers and reports', () => {
  it("users have 'manager' (belongsTo User) and 'reports' (hasMany User)", async () => {
    const { models } = await lesson.open();
    expect(models.User).toHaveAssociation({ type: 'BelongsTo', target: 'User', alias: 'manager' });
    expect(models.User).toHaveAssociation({ type: 'HasMany', target: 'User', alias: 'reports' });
  });

  it('Users has one key to itself, managerId: not unique (a manager has many reports), NULL allowed (the top has none)', async () => {
    const db = await lesson.open();
    await expect(db).toHaveForeignKey('Users', { ...MANAGER_KEY, unique: false, allowNull: true });
  });

  it('setManager, addReport and createReport link rows that getReports, countReports and getManager read back', async () => {
    const { ada, bob, cy, dan } = await org();
    expect(names(await callMixin<Model[]>(ada, 'getReports')), 'bob.setManager(ada) and ada.addReport(cy) were called, but ada.getReports() disagrees.').toEqual(['bob', 'cy']);
    expect(await callMixin<number>(bob, 'countReports'), 'bob.createReport({ username: "dan" }) was called: bob.countReports() should be 1.').toBe(1);
    expect((await callMixin<Model | null>(cy, 'getManager'))?.get('username'), 'ada.addReport(cy) was called, but cy.getManager() is not ada.').toBe('ada');
    expect((await callMixin<Model | null>(dan, 'getManager'))?.get('username'), 'dan was made with bob.createReport(), but dan.getManager() is not bob.').toBe('bob');
    expect(await callMixin<Model | null>(ada, 'getManager'), 'ada is at the top: ada.getManager() should be null.').toBeNull();
  });

  it("one findByPk loads a user's manager and reports: include: ['manager', 'reports']", async () => {
    const { db, bob } = await org();
    const found = await db.models.User.findByPk(bob.get('id') as number, { include: ['manager', 'reports'] });
    expect(found).toHaveLoaded('manager');
    expect(found).toHaveLoaded('reports');
    expect((found?.get('manager') as Model | null)?.get('username'), "bob's manager, loaded by include, should be ada.").toBe('ada');
    expect(names(found?.get('reports') as Model[]), "bob's reports, loaded by include, should be [dan].").toEqual(['dan']);
  });

  it('deleting a manager keeps their reports, with managerId NULL, and does not reach further down', async () => {
    const { db, ada, bob, cy, dan } = await org();
    await expect(ada).toSetNullOnDelete(bob);
    const stillCy = await db.models.User.findByPk(cy.get('id') as number);
    expect(stillCy, 'Deleting ada deleted cy, one of her reports: reports must outlive their manager.').not.toBeNull();
    expect(stillCy?.get('managerId'), 'ada was deleted: cy should still be there, with managerId NULL.').toBeNull();
    const stillDan = await db.models.User.findByPk(dan.get('id') as number);
    expect(stillDan?.get('managerId'), "Deleting ada must not touch dan: he still reports to bob.").toBe(bob.get('id'));
  });

  it('managerId says SET NULL whichever side is defined first (the same onDelete on both sides)', async () => {
    const db = await lesson.open();
    await expect(db).toKeepKeysInEitherOrder(['Users.managerId']);
  });
});
