import { describe, it, expect } from 'vitest';
import type { Model } from 'sequelize';
import { checkLoopingHooks, checkSharedOptions, failIf, useLesson } from '../../runner/kit/index.ts';

const lesson = useLesson<typeof import('./models.ts')>(import.meta.url);
const feedModule = () => lesson.module<typeof import('./feed.ts')>('feed.ts');

async function call<T>(row: Model, name: string, ...args: unknown[]): Promise<T> {
  expect(row).toHaveMixins([name]);
  return (row as unknown as Record<string, (...a: unknown[]) => Promise<T>>)[name](...args);
}

/** The feed's result as Post rows; plain objects (raw: true) have no get() and would crash the check. */
function rows(posts: unknown): Model[] {
  expect(Array.isArray(posts), `feed() should return an array of posts, not ${typeof posts}.`).toBe(true);
  const plain = (posts as unknown[]).some((p) => typeof (p as Model | null)?.get !== 'function');
  expect(
    plain,
    "feed() returned plain objects, not Post rows: drop raw: true and return what findAll gives (raw rows also repeat a post once per comment and tag it is joined with).",
  ).toBe(false);
  return posts as Model[];
}

/** The four one-to-one and one-to-many keys exist, one per relationship, with the names in the table. */
async function namedKeys(db: Awaited<ReturnType<typeof lesson.open>>) {
  await expect(db).toHaveForeignKey('Profiles', { references: 'Users', column: 'userId' });
  await expect(db).toHaveForeignKey('Posts', { references: 'Users', column: 'authorId' });
  await expect(db).toHaveForeignKey('Comments', { references: 'Posts', column: 'postId' });
  await expect(db).toHaveForeignKey('Comments', { references: 'Users', column: 'authorId' });
}

/**
 * ada follows bob and cy. bob wrote "Engines" (tagged ts, commented by ada and cy), cy wrote
 * "Looms" later; dan (not followed) wrote "Mills". ada commented on dan's post too.
 */
async function platform() {
  const db = await lesson.open();
  // A shared options object, or hooks: true with CASCADE on a belongsTo, can make the deletes below
  // run forever: name the cause up front instead of timing out.
  failIf(checkSharedOptions(db.sequelize));
  failIf(checkLoopingHooks(db.sequelize));
  // Building the data goes through every key and both join tables: if one is wrong, say which, not a
  // bare SQL error (a createProfile() that fills profileId leaves userId NULL).
  await namedKeys(db);
  await expect(db).toHaveJunction({ table: 'PostTags', keys: { postId: 'Posts', tagId: 'Tags' } });
  await expect(db).toHaveJunction({ table: 'Followers', keys: { followerId: 'Users', followingId: 'Users' } });
  const { User, Post, Comment, Tag } = db.models;
  const [ada, bob, cy, dan] = await Promise.all(['ada', 'bob', 'cy', 'dan'].map((username) => User.create({ username })));
  await call(ada, 'createProfile', { displayName: 'Ada L.' });
  await call(bob, 'createProfile', { displayName: 'Bob B.' });
  await call(ada, 'addFollowing', [bob, cy]);
  const engines = await call<Model>(bob, 'createPost', { title: 'Engines' });
  const looms = await call<Model>(cy, 'createPost', { title: 'Looms' });
  const mills = await call<Model>(dan, 'createPost', { title: 'Mills' });
  const stamp = (p: Model, iso: string) => db.query('UPDATE `Posts` SET `createdAt` = ? WHERE `id` = ?', { replacements: [iso, p.get('id')] });
  await stamp(engines, '2024-01-01 10:00:00.000 +00:00');
  await stamp(looms, '2024-01-02 10:00:00.000 +00:00');
  await stamp(mills, '2024-01-03 10:00:00.000 +00:00');
  const ts = await Tag.create({ name: 'ts' });
  await call(engines, 'addTag', ts);
  const c1 = await Comment.create({ body: 'Great', postId: engines.get('id'), authorId: ada.get('id') });
  await Comment.create({ body: 'Indeed', postId: engines.get('id'), authorId: cy.get('id') });
  const onMills = await Comment.create({ body: 'Nice mill', postId: mills.get('id'), authorId: ada.get('id') });
  db.statements.length = 0;
  return { db, ada, bob, cy, dan, engines, looms, mills, ts, c1, onMills };
}

describe('the schema', () => {
  it('Profiles.userId: unique, NOT NULL, ON DELETE CASCADE', async () => {
    const db = await lesson.open();
    await expect(db).toHaveForeignKey('Profiles', { references: 'Users', column: 'userId', unique: true, allowNull: false, onDelete: 'CASCADE' });
  });
  it('Posts.authorId: NOT NULL, ON DELETE CASCADE', async () => {
    const db = await lesson.open();
    await expect(db).toHaveForeignKey('Posts', { references: 'Users', column: 'authorId', allowNull: false, onDelete: 'CASCADE' });
  });
  it('Comments.postId: NOT NULL, ON DELETE CASCADE', async () => {
    const db = await lesson.open();
    await expect(db).toHaveForeignKey('Comments', { references: 'Posts', column: 'postId', allowNull: false, onDelete: 'CASCADE' });
  });
  it('Comments.authorId: NOT NULL, ON DELETE CASCADE', async () => {
    const db = await lesson.open();
    await expect(db).toHaveForeignKey('Comments', { references: 'Users', column: 'authorId', allowNull: false, onDelete: 'CASCADE' });
  });
  it('PostTags joins postId and tagId, one row per pair, cascading', async () => {
    const db = await lesson.open();
    await expect(db).toHaveJunction({ table: 'PostTags', keys: { postId: 'Posts', tagId: 'Tags' }, onDelete: 'CASCADE' });
  });
  it('every foreign key comes out the same whichever side is defined first', async () => {
    const db = await lesson.open();
    // Without the keys there is nothing to compare: fail with what is missing, not a vacuous pass.
    await namedKeys(db);
    await expect(db).toKeepKeysInEitherOrder(['Profiles.userId', 'Posts.authorId', 'Comments.postId', 'Comments.authorId']);
  });
  it('Followers joins followerId and followingId, cascading', async () => {
    const db = await lesson.open();
    await expect(db).toHaveJunction({ table: 'Followers', keys: { followerId: 'Users', followingId: 'Users' }, onDelete: 'CASCADE' });
  });
});

describe('the aliases', () => {
  it('users: profile, posts, comments, followers, following', async () => {
    const { models } = await lesson.open();
    expect(models.User).toHaveAssociation({ type: 'HasOne', target: 'Profile', alias: 'profile' });
    expect(models.User).toHaveAssociation({ type: 'HasMany', target: 'Post', alias: 'posts' });
    expect(models.User).toHaveAssociation({ type: 'HasMany', target: 'Comment', alias: 'comments' });
    expect(models.User).toHaveAssociation({ type: 'BelongsToMany', target: 'User', alias: 'followers' });
    expect(models.User).toHaveAssociation({ type: 'BelongsToMany', target: 'User', alias: 'following' });
  });
  it('posts: author, comments, tags; comments: post, author; tags: posts; profiles: user', async () => {
    const { models } = await lesson.open();
    expect(models.Post).toHaveAssociation({ type: 'BelongsTo', target: 'User', alias: 'author' });
    expect(models.Post).toHaveAssociation({ type: 'HasMany', target: 'Comment', alias: 'comments' });
    expect(models.Post).toHaveAssociation({ type: 'BelongsToMany', target: 'Tag', alias: 'tags' });
    expect(models.Comment).toHaveAssociation({ type: 'BelongsTo', target: 'Post', alias: 'post' });
    expect(models.Comment).toHaveAssociation({ type: 'BelongsTo', target: 'User', alias: 'author' });
    expect(models.Tag).toHaveAssociation({ type: 'BelongsToMany', target: 'Post', alias: 'posts' });
    expect(models.Profile).toHaveAssociation({ type: 'BelongsTo', target: 'User', alias: 'user' });
  });
  it('following and followers are mirror images, and the row says who follows whom', async () => {
    // Its own small database, not platform(): a mistake elsewhere must not be reported here.
    const db = await lesson.open();
    const [ada, bob] = await Promise.all(['ada', 'bob'].map((username) => db.models.User.create({ username })));
    await expect(ada).toLinkBothWays(bob, { outgoing: 'following', incoming: 'followers', fromKey: 'followerId', toKey: 'followingId' });
  });
});

describe('deleting a user', () => {
  it('deletes their profile', async () => {
    const { db, bob } = await platform();
    const profile = await db.models.Profile.findOne({ where: { userId: bob.get('id') as number } });
    expect(profile, "bob.createProfile() made a profile, but no Profiles row has userId = bob: the profile's key is another column (see the schema check on Profiles.userId).").not.toBeNull();
    await expect(bob).toCascadeOnDelete(profile!);
  });
  it('deletes their posts', async () => {
    const { bob, engines } = await platform();
    await expect(bob).toCascadeOnDelete(engines);
  });
  it('deletes the comments on their posts, through the posts', async () => {
    const { bob, c1 } = await platform();
    await expect(bob).toCascadeOnDelete(c1);
  });
  it('deletes the comments they wrote on other posts', async () => {
    const { ada, onMills } = await platform();
    await expect(ada).toCascadeOnDelete(onMills);
  });
  it('deletes their follow rows and tag links, and keeps tags and other posts', async () => {
    const { db, ada, bob } = await platform();
    await bob.destroy();
    const follows = await db.query('SELECT * FROM `Followers` WHERE `followingId` = ? OR `followerId` = ?', { replacements: [bob.get('id'), bob.get('id')] });
    expect(follows, 'Follower rows still point at the deleted user.').toEqual([]);
    const links = await db.query('SELECT * FROM `PostTags`');
    expect(links, "The deleted user's post is gone, but its tag links are still in PostTags.").toEqual([]);
    expect(await db.models.Tag.count(), 'Deleting a user deleted a tag: tags are shared, only the links should go.').toBe(1);
    expect(await db.models.Post.count(), "Deleting bob deleted other users' posts.").toBe(2);
    expect(await db.models.User.findByPk(ada.get('id') as number), 'Deleting bob deleted ada.').not.toBeNull();
  });
});

describe('the feed', () => {
  it("has the followed users' posts, newest first, and no one else's", async () => {
    const { db, ada } = await platform();
    // ada's own post, the newest of all: the feed is what the people she follows wrote.
    const mine = await call<Model>(ada, 'createPost', { title: 'Mine' });
    await db.query('UPDATE `Posts` SET `createdAt` = ? WHERE `id` = ?', { replacements: ['2024-01-04 10:00:00.000 +00:00', mine.get('id')] });
    const { feed } = await feedModule();
    const posts = rows(await feed(db.models, ada.get('id') as number));
    expect(posts.map((p) => p.get('title')), "ada follows bob (Engines, older) and cy (Looms, newer); dan's Mills and ada's own post (Mine) must not be there.").toEqual(['Looms', 'Engines']);
  });

  it('posts written at the same moment: the newer one (higher id) first', async () => {
    const { db, ada, engines, looms } = await platform();
    await db.query('UPDATE `Posts` SET `createdAt` = ? WHERE `id` IN (?, ?)', { replacements: ['2024-01-05 10:00:00.000 +00:00', engines.get('id'), looms.get('id')] });
    const { feed } = await feedModule();
    const posts = rows(await feed(db.models, ada.get('id') as number));
    expect(posts.map((p) => p.get('title')), "Engines and Looms have the same createdAt, and Looms was created after Engines (higher id): order by createdAt DESC, then id DESC.").toEqual(['Looms', 'Engines']);
  });

  it('each post carries its author with their profile, its tags and its comments with their authors', async () => {
    const { db, ada } = await platform();
    const { feed } = await feedModule();
    const posts = rows(await feed(db.models, ada.get('id') as number));
    const engines = posts.find((p) => p.get('title') === 'Engines');
    expect(engines, 'The feed has no Engines post.').toBeTruthy();
    const author = engines!.get('author') as Model | undefined;
    expect(author?.get('username'), "post.author is not loaded: include [{ association: 'author' }].").toBe('bob');
    expect((author?.get('profile') as Model | undefined | null)?.get('displayName'), "The author's profile is not loaded: nest include: [{ association: 'profile' }] inside the author include.").toBe('Bob B.');
    const tags = (engines!.get('tags') as Model[] | undefined)?.map((t) => t.get('name'));
    expect(tags, "post.tags is not loaded: include [{ association: 'tags' }].").toEqual(['ts']);
    const comments = (engines!.get('comments') as Model[] | undefined) ?? [];
    expect(comments.length, "post.comments is not loaded (or incomplete): include [{ association: 'comments' }].").toBe(2);
    const commenters = comments.map((c) => (c.get('author') as Model | undefined)?.get('username')).sort();
    expect(commenters, "The comments' authors are not loaded: nest include: [{ association: 'author' }] inside the comments include.").toEqual(['ada', 'cy']);
  });

  it('runs at most 2 queries, however many posts there are', async () => {
    const { db, ada, bob } = await platform();
    for (let i = 0; i < 5; i++) await call(bob, 'createPost', { title: `Extra ${i}` });
    db.statements.length = 0;
    const { feed } = await feedModule();
    await expect(() => feed(db.models, ada.get('id') as number)).toRunAtMostQueries(db, 2, 'feed');
  });

  it('is empty for someone who follows nobody', async () => {
    const { db, dan } = await platform();
    const { feed } = await feedModule();
    const posts = await feed(db.models, dan.get('id') as number);
    // Titles, not rows: a whole Sequelize instance as evidence would bury the message.
    expect(posts.map((p) => p.get('title')), 'dan follows nobody, so his feed is empty.').toEqual([]);
  });
});
