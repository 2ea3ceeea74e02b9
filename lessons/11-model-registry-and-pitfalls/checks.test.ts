import { describe, it, expect } from 'vitest';
import type { Model } from 'sequelize';
import { useLesson } from '../../runner/kit/index.ts';

const lesson = useLesson<typeof import('./models/index.ts')>(import.meta.url, { file: 'models/index.ts' });

async function call<T>(row: Model, name: string, ...args: unknown[]): Promise<T> {
  expect(row).toHaveMixins([name]);
  return (row as unknown as Record<string, (...a: unknown[]) => Promise<T>>)[name](...args);
}

describe('the registry', () => {
  it('defineModels returns User, Profile and Post, each with its associate hook', async () => {
    // Without creating the tables: a broken association belongs to the checks below, not to the registry.
    const { models } = await lesson.open({ sync: false });
    for (const name of ['User', 'Profile', 'Post'] as const) {
      expect(models[name], `models/index.ts should return ${name}`).toBeTruthy();
      expect(typeof models[name].associate, `${name} has no associate(models) hook: its factory should return Object.assign(${name}, { associate(models) { ... } }).`).toBe('function');
    }
  });
});

describe("a user's profile", () => {
  it('Profiles has ONE foreign key to Users, named userId', async () => {
    const db = await lesson.open();
    await expect(db).toHaveForeignKey('Profiles', { references: 'Users', column: 'userId' });
  });

  it('userId is unique: one profile per user', async () => {
    const db = await lesson.open();
    await expect(db).toHaveForeignKey('Profiles', { references: 'Users', column: 'userId', unique: true });
  });

  it('user.getProfile() and profile.getUser() read the same link', async () => {
    const db = await lesson.open();
    await expect(db).toHaveForeignKey('Profiles', { references: 'Users', column: 'userId' });
    const ada = await db.models.User.create({ username: 'ada' });
    const profile = await call<Model>(ada, 'createProfile', { displayName: 'Ada' });
    const owner = await call<Model | null>(profile, 'getUser');
    expect(owner?.get('username'), 'profile.getUser() does not find the user whose createProfile() made it.').toBe('ada');
  });

  it('deleting a user deletes their profile, however the profile was created', async () => {
    const db = await lesson.open();
    const ada = await db.models.User.create({ username: 'ada' });
    const fk = (await db.schema.foreignKeys('Profiles')).filter((k) => k.table === 'Users');
    // Created the plain way, with the key the belongsTo side uses.
    const key = (db.models.Profile.associations.user ?? Object.values(db.models.Profile.associations)[0])?.foreignKey ?? 'userId';
    const profile = await db.models.Profile.create({ displayName: 'Ada', [key]: ada.get('id') });
    if (fk.length > 1) await expect(db).toHaveForeignKey('Profiles', { references: 'Users', column: 'userId' });
    await expect(ada).toCascadeOnDelete(profile);
  });

  it('Profiles.userId is the same whichever model the registry associates first', async () => {
    const db = await lesson.open();
    await expect(db).toHaveForeignKey('Profiles', { references: 'Users', column: 'userId' });
    await expect(db).toKeepKeysInEitherOrder(['Profiles.userId']);
  });
});

describe("a user's posts", () => {
  it('Posts has ONE foreign key to Users, named authorId', async () => {
    const db = await lesson.open();
    await expect(db).toHaveForeignKey('Posts', { references: 'Users', column: 'authorId' });
  });

  it('Posts.authorId is the same whichever model the registry associates first', async () => {
    const db = await lesson.open();
    await expect(db).toHaveForeignKey('Posts', { references: 'Users', column: 'authorId' });
    await expect(db).toKeepKeysInEitherOrder(['Posts.authorId']);
  });

  it("post.getAuthor() returns the post's author", async () => {
    const db = await lesson.open();
    expect(db.models.Post).toHaveAssociation({ type: 'BelongsTo', target: 'User', alias: 'author' });
    await expect(db).toHaveForeignKey('Posts', { references: 'Users', column: 'authorId' });
    const ada = await db.models.User.create({ username: 'ada' });
    const post = await call<Model>(ada, 'createPost', { title: 'Notes' });
    const author = await call<Model | null>(post, 'getAuthor');
    expect(author?.get('username'), "post.getAuthor() does not find the user whose createPost() made it.").toBe('ada');
  });
});

describe('followers', () => {
  it('Followers joins a followerId and a followingId, both pointing at Users', async () => {
    const db = await lesson.open();
    await expect(db).toHaveJunction({ table: 'Followers', keys: { followerId: 'Users', followingId: 'Users' } });
  });

  it('when ada follows bob: bob.getFollowers() is [ada], ada.getFollowing() is [bob], and the row says so', async () => {
    const db = await lesson.open();
    const [ada, bob] = await Promise.all(['ada', 'bob'].map((username) => db.models.User.create({ username })));
    await expect(ada).toLinkBothWays(bob, { outgoing: 'following', incoming: 'followers', fromKey: 'followerId', toKey: 'followingId' });
  });
});
