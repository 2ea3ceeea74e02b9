import { describe, it, expect } from 'vitest';
import { checkLoopingHooks, checkSharedOptions, failIf, useLesson } from '../../runner/kit/index.ts';

const lesson = useLesson<typeof import('./models.ts')>(import.meta.url);

/** A small blog: ada writes a post (in a category), bob comments on it twice, ada comments on bob's post. */
async function blog() {
  const db = await lesson.open();
  // One options object passed to two calls can make deletes loop forever: say so instead of timing out.
  failIf(checkSharedOptions(db.sequelize));
  // hooks: true with CASCADE on a belongsTo can make a delete run forever: also say so up front.
  failIf(checkLoopingHooks(db.sequelize));
  const { User, Category, Post, Comment } = db.models;
  const ada = await User.create({ name: 'Ada' });
  const bob = await User.create({ name: 'Bob' });
  const tech = await Category.create({ name: 'Tech' });
  const post = await Post.create({ title: 'Engines', userId: ada.get('id'), categoryId: tech.get('id') });
  const bobsPost = await Post.create({ title: 'Looms', userId: bob.get('id') });
  const first = await Comment.create({ body: 'Nice', postId: post.get('id'), authorId: bob.get('id') });
  const second = await Comment.create({ body: 'Agreed', postId: post.get('id'), authorId: bob.get('id') });
  const adasComment = await Comment.create({ body: 'Thanks', postId: bobsPost.get('id'), authorId: ada.get('id') });
  db.statements.length = 0;
  return { db, ada, bob, tech, post, bobsPost, first, second, adasComment };
}

describe('a post and its author (Posts.userId)', () => {
  it('is NOT NULL: a post cannot exist without its author', async () => {
    const db = await lesson.open();
    await expect(db).toHaveForeignKey('Posts', { references: 'Users', column: 'userId', allowNull: false });
  });

  it('says ON DELETE CASCADE', async () => {
    const db = await lesson.open();
    await expect(db).toHaveForeignKey('Posts', { references: 'Users', column: 'userId', onDelete: 'CASCADE' });
  });

  it('says ON UPDATE CASCADE: changing a user id follows into their posts', async () => {
    const db = await lesson.open();
    await expect(db).toHaveForeignKey('Posts', { references: 'Users', column: 'userId', onUpdate: 'CASCADE' });
  });
});

describe('closing and erasing an account', () => {
  it('User is paranoid: destroy() keeps the row and sets deletedAt', async () => {
    const { db, ada } = await blog();
    await ada.destroy();
    const row = await db.models.User.findByPk(ada.get('id') as number, { paranoid: false });
    expect(row, 'destroy() removed the user row for good. Make User paranoid: sequelize.define(\'User\', { ... }, { paranoid: true }). destroy() then only sets deletedAt.').not.toBeNull();
    expect(row?.get('deletedAt'), 'The user row is still there but has no deletedAt. Add paranoid: true to User\'s options (the third argument of define).').toBeTruthy();
    expect(await db.models.User.findByPk(ada.get('id') as number), 'A soft-deleted user should be hidden from ordinary queries.').toBeNull();
  });

  it('closing an account (destroy()) keeps its posts', async () => {
    const { db, ada, post } = await blog();
    expect(db.models.User.options.paranoid, 'User is not paranoid yet, so destroy() deletes the row and the database cascades: add { paranoid: true } to User.').toBe(true);
    await expect(ada).toKeepOnDelete(post);
  });

  it('erasing an account (destroy({ force: true })) deletes its posts, through the database', async () => {
    const { ada, post } = await blog();
    await expect(ada).toCascadeOnDelete(post, { force: true });
  });
});

describe('a post and its comments (Comments.postId)', () => {
  it('says ON DELETE CASCADE', async () => {
    const db = await lesson.open();
    await expect(db).toHaveForeignKey('Comments', { references: 'Posts', column: 'postId', onDelete: 'CASCADE' });
  });

  it('hooks: true is only where Sequelize uses it', async () => {
    const db = await lesson.open();
    expect(db).toUseDeleteHooksSoundly();
  });

  it("deleting a post destroys its comments one by one, so each comment's afterDestroy hook runs", async () => {
    const { db, post, first } = await blog();
    expect(db.models.Post).toCascadeWithHooks(db.models.Comment);
    await post.destroy();
    expect(await db.models.Comment.findByPk(first.get('id') as number), "The post's comments are still there.").toBeNull();
    const logged = await db.models.AuditLog.count();
    // A destroy hook of Post's own is the usual reason: it removes the comments in one bulk DELETE first.
    const ownHooks = (['beforeDestroy', 'afterDestroy'] as const).filter((h) => db.models.Post.hasHook(h));
    const why = ownHooks.length
      ? ` Post has its own ${ownHooks.join(' and ')} hook: if it removes the comments with Comment.destroy({ where }), that is one bulk DELETE, and a bulk delete runs no comment's afterDestroy hook (unless it passes individualHooks: true). Drop that hook and let Post.hasMany(Comment, { onDelete: 'CASCADE', hooks: true }) destroy them one by one.`
      : '';
    expect(logged, `Deleting a post with 2 comments wrote ${logged} audit rows; expected 2 (one per comment's afterDestroy hook).${why}`).toBe(2);
  });

  it('deleting one comment leaves its post and the other comments alone', async () => {
    const { db, post, first, second } = await blog();
    await first.destroy();
    const stillPost = await db.models.Post.findByPk(post.get('id') as number);
    expect(
      stillPost,
      'Deleting ONE comment deleted its post (and so every other comment on it). That is hooks: true with onDelete: \'CASCADE\' on Comment.belongsTo(Post): Sequelize reads it on the model being deleted, loads the comment\'s post and destroys it. Move hooks: true to Post.hasMany(Comment, { onDelete: \'CASCADE\', hooks: true }).',
    ).not.toBeNull();
    expect(await db.models.Comment.findByPk(second.get('id') as number), 'Deleting one comment deleted another comment.').not.toBeNull();
  });
});

describe('who wrote a comment (Comments.authorId)', () => {
  it('allows NULL and says ON DELETE SET NULL', async () => {
    const db = await lesson.open();
    await expect(db).toHaveForeignKey('Comments', { references: 'Users', column: 'authorId', allowNull: true, onDelete: 'SET NULL' });
  });

  it("erasing a user keeps their comments on other people's posts, with authorId NULL", async () => {
    const { ada, adasComment } = await blog();
    await expect(ada).toSetNullOnDelete(adasComment, { force: true });
  });
});

describe('a post and its category (Posts.categoryId)', () => {
  it('refuses to delete a category that still has posts (RESTRICT or NO ACTION)', async () => {
    const { db, tech, post } = await blog();
    const fk = (await db.schema.foreignKeys('Posts')).find((k) => k.table === 'Categories');
    expect(fk, 'Posts has no foreign key to Categories.').toBeTruthy();
    expect(
      fk?.onDelete,
      `Posts.categoryId says ON DELETE ${fk?.onDelete}: deleting a category ${fk?.onDelete === 'CASCADE' ? 'would delete its posts' : 'would leave its posts without a category'}. Use onDelete: 'RESTRICT' on both Category.hasMany(Post) and Post.belongsTo(Category).`,
    ).toMatch(/^(RESTRICT|NO ACTION)$/);
    await expect(tech).toRestrictDelete(post);
  });

  it('an empty category can be deleted', async () => {
    const { db } = await blog();
    const empty = await db.models.Category.create({ name: 'Empty' });
    await expect(empty.destroy()).resolves.not.toThrow();
  });
});

describe('both sides say the same', () => {
  it('every foreign key comes out the same whichever side is defined first', async () => {
    const db = await lesson.open();
    await expect(db).toKeepKeysInEitherOrder(['Posts.userId', 'Posts.categoryId', 'Comments.postId', 'Comments.authorId']);
  });
});
