/**
 * A model associated with itself (lesson 05: users following users, a manager and reports). Its
 * other associations to itself are other relationships, not this one misnamed; a hasMany derives its
 * key from the model name even with an alias. And the correct declarations, accepted.
 */
import { describe, expect, it } from 'vitest';
import { DataTypes, type Sequelize } from 'sequelize';
import { checkAssociation, checkForeignKey, checkJunction, checkMirror, checkMirrorRows } from '../../runner/kit/index.ts';
import { closeDatabasesAfterEach, db, model, type M, type Style } from './helpers.ts';

closeDatabasesAfterEach();

const MIRROR = { outgoing: 'following', incoming: 'followers', fromKey: 'followerId', toKey: 'followingId' };
const FOLLOWING = { through: 'Followers', as: 'following', foreignKey: 'followerId', otherKey: 'followingId' };
const FOLLOWERS = { through: 'Followers', as: 'followers', foreignKey: 'followingId', otherKey: 'followerId' };

/** Lesson 05's world: one User model; `wire` declares what the learner wrote. */
async function users(wire: (User: M) => void, style: Style = 'define'): Promise<{ s: Sequelize; User: M }> {
  const s = db();
  const User = model(s, 'User', { username: DataTypes.STRING }, style);
  wire(User);
  await s.sync();
  return { s, User };
}

describe('another association to itself is another relationship', () => {
  it("only following declared: 'manager' is missing, not following misnamed", async () => {
    const { User } = await users((User) => {
      User.belongsToMany(User, FOLLOWING);
    });
    const msg = checkAssociation(User, { type: 'BelongsTo', target: 'User', alias: 'manager' });
    expect(msg).toBe("User has no association 'manager' yet. Add User.belongsTo(User, { as: 'manager' }).");
  });

  it("only following declared: 'followers' is the other direction, a second belongsToMany", async () => {
    const { User } = await users((User) => {
      User.belongsToMany(User, FOLLOWING);
    });
    const msg = checkAssociation(User, { type: 'BelongsToMany', target: 'User', alias: 'followers' });
    expect(msg).toContain("User has no association 'followers' yet");
    expect(msg).toContain('is the other direction');
    expect(msg).toContain("add User.belongsToMany(User, { as: 'followers' }), with the same through and foreignKey/otherKey swapped");
  });

  it('only reports declared: the other side named is the hasMany, not the belongsToMany', async () => {
    const { User } = await users((User) => {
      User.belongsToMany(User, FOLLOWING);
      User.hasMany(User, { as: 'reports', foreignKey: 'managerId' });
    });
    const msg = checkAssociation(User, { type: 'BelongsTo', target: 'User', alias: 'manager' });
    expect(msg).toContain("You declared User.hasMany(User, { as: 'reports', foreignKey: 'managerId' }), the other side");
    expect(msg).not.toContain('belongsToMany');
  });

  it("still names a misspelt alias of the same type: as: 'Manager'", async () => {
    const { User } = await users((User) => {
      User.belongsToMany(User, FOLLOWING);
      User.belongsTo(User, { as: 'Manager', foreignKey: 'managerId' });
    });
    expect(checkAssociation(User, { type: 'BelongsTo', target: 'User', alias: 'manager' })).toContain("'Manager' differs only in case from 'manager'");
  });

  it("still names the wrong type under the right alias: hasOne 'reports'", async () => {
    const { User } = await users((User) => {
      User.hasOne(User, { as: 'reports', foreignKey: 'managerId' });
      User.belongsTo(User, { as: 'manager', foreignKey: 'managerId' });
    });
    expect(checkAssociation(User, { type: 'HasMany', target: 'User', alias: 'reports' })).toContain('is a hasOne (one, with the key on the other table), but the lesson wants a hasMany');
  });

  it('no key on Users: the belongsToMany (keys in the join table) is not blamed', async () => {
    const { s } = await users((User) => {
      User.belongsToMany(User, FOLLOWING);
      User.belongsToMany(User, FOLLOWERS);
    });
    const msg = await checkForeignKey(s, { table: 'Users', references: 'Users', column: 'managerId' });
    expect(msg).toContain('Users has no foreign key to Users yet');
    expect(msg).not.toContain('belongsToMany');
  });
});

describe('hasMany derives its key from the model name, whatever its alias', () => {
  it("reports without foreignKey: UserId (after the model), next to belongsTo's managerId (after the alias)", async () => {
    const { s } = await users((User) => {
      User.hasMany(User, { as: 'reports' });
      User.belongsTo(User, { as: 'manager' });
    });
    const msg = await checkForeignKey(s, { table: 'Users', references: 'Users', column: 'managerId' });
    expect(msg).toContain('Users has two foreign keys to Users: UserId from');
    expect(msg).toContain("User.hasMany(User, { as: 'reports' }) has no foreignKey, so Sequelize named its key after the model name User (UserId)");
    expect(msg).toContain("named its key after the alias 'manager' (managerId)");
    expect(msg).not.toContain('an `as` on hasOne');
    expect(msg).toContain("give both sides the same foreignKey (foreignKey: 'managerId')");
  });

  it("Author.hasMany(Book, { as: 'books' }) derives AuthorId (next to belongsTo's writerId)", async () => {
    const s = db();
    const Author = model(s, 'Author', { name: DataTypes.STRING });
    const Book = model(s, 'Book', { title: DataTypes.STRING });
    Author.hasMany(Book, { as: 'books' });
    // Not as: 'author': authorId and AuthorId are one column name to SQLite, and sync would fail.
    Book.belongsTo(Author, { as: 'writer' });
    await s.sync();
    const msg = await checkForeignKey(s, { table: 'Books', references: 'Authors', column: 'authorId' });
    expect(msg).toContain('named its key after the model name Author (AuthorId)');
    expect(msg).not.toContain("the alias 'books'");
  });
});

describe('correct self-associations are accepted', () => {
  for (const style of ['define', 'class'] as const) {
    it(`${style} style, manager first, options repeated`, async () => {
      const { s, User } = await users((User) => {
        User.belongsTo(User, { as: 'manager', foreignKey: { name: 'managerId', allowNull: true }, onDelete: 'SET NULL' });
        User.hasMany(User, { as: 'reports', foreignKey: { name: 'managerId', allowNull: true }, onDelete: 'SET NULL' });
        User.belongsToMany(User, FOLLOWERS);
        User.belongsToMany(User, FOLLOWING);
      }, style);
      expect(checkAssociation(User, { type: 'BelongsTo', target: 'User', alias: 'manager' })).toBeNull();
      expect(checkAssociation(User, { type: 'HasMany', target: 'User', alias: 'reports' })).toBeNull();
      expect(checkAssociation(User, { type: 'BelongsToMany', target: 'User', alias: 'following' })).toBeNull();
      expect(checkAssociation(User, { type: 'BelongsToMany', target: 'User', alias: 'followers' })).toBeNull();
      expect(checkMirror(User, MIRROR)).toBeNull();
      expect(await checkForeignKey(s, { table: 'Users', references: 'Users', column: 'managerId', unique: false, allowNull: true, onDelete: 'SET NULL' })).toBeNull();
    });
  }
});

describe('rows, not only lists', () => {
  it('keys exchanged on both declarations: the lists read right, the stored row is backwards', async () => {
    const { User } = await users((User) => {
      User.belongsToMany(User, { ...FOLLOWING, foreignKey: 'followingId', otherKey: 'followerId' });
      User.belongsToMany(User, { ...FOLLOWERS, foreignKey: 'followerId', otherKey: 'followingId' });
    });
    const [ada, bob] = await Promise.all(['ada', 'bob'].map((username) => User.create({ username })));
    const msg = await checkMirrorRows(ada, bob, MIRROR);
    expect(msg).toContain('the row is stored backwards');
    expect(msg).toContain("'following' needs foreignKey: 'followerId', otherKey: 'followingId'");
  });

  it('both aliases with the same keys: the message marks which lists are right and which are not', async () => {
    const { User } = await users((User) => {
      User.belongsToMany(User, { ...FOLLOWERS });
      User.belongsToMany(User, { ...FOLLOWING, foreignKey: 'followingId', otherKey: 'followerId' });
    });
    const [ada, bob] = await Promise.all(['ada', 'bob'].map((username) => User.create({ username })));
    const msg = await checkMirrorRows(ada, bob, MIRROR);
    expect(msg).toContain('bob.getFollowers() is [] (should be [ada]), ada.getFollowing() is [bob] (right), ada.getFollowers() is [bob] (should be [])');
    expect(msg).not.toContain('is [bob] (should be [bob])');
  });

  it('mirror images with the lesson\'s keys: accepted, row and lists', async () => {
    const { User } = await users((User) => {
      User.belongsToMany(User, FOLLOWING);
      User.belongsToMany(User, FOLLOWERS);
    });
    const [ada, bob] = await Promise.all(['ada', 'bob'].map((username) => User.create({ username })));
    expect(await checkMirrorRows(ada, bob, MIRROR)).toBeNull();
  });
});

describe('the join table of a self-reference', () => {
  const FOLLOWERS_TABLE = { table: 'Followers', keys: { followerId: 'Users', followingId: 'Users' } };

  it('both directions with the same keys (the tutorial\'s slip): swap them on one side, not a second through', async () => {
    const { s } = await users((User) => {
      User.belongsToMany(User, FOLLOWERS);
      User.belongsToMany(User, { ...FOLLOWING, foreignKey: 'followingId', otherKey: 'followerId' });
    });
    const msg = await checkJunction(s, FOLLOWERS_TABLE);
    expect(msg).toContain('use the same keys (foreignKey followingId, otherKey followerId)');
    expect(msg).toContain("give 'following' foreignKey: 'followerId' and otherKey: 'followingId'");
    expect(msg).not.toContain('needs its own through');
  });

  it('foreignKey and otherKey the same column: two different columns are needed', async () => {
    const { s } = await users((User) => {
      User.belongsToMany(User, FOLLOWERS);
      User.belongsToMany(User, { ...FOLLOWING, foreignKey: 'followingId', otherKey: 'followingId' });
    });
    expect(await checkJunction(s, FOLLOWERS_TABLE)).toContain("uses 'followingId' as both foreignKey and otherKey: a join row needs two different columns");
  });

  it('mirror images: accepted', async () => {
    const { s } = await users((User) => {
      User.belongsToMany(User, FOLLOWING);
      User.belongsToMany(User, FOLLOWERS);
    });
    expect(await checkJunction(s, FOLLOWERS_TABLE)).toBeNull();
  });
});
