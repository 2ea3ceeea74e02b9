/**
 * explainError on what learner code throws: each is translated into plain words naming the mistake,
 * and Sequelize's original line is kept.
 */
import { describe, expect, it } from 'vitest';
import { DataTypes, type ModelStatic, type Model } from 'sequelize';
import { explainError, inventory } from '../../runner/kit/index.ts';
import { closeDatabasesAfterEach, db, thrown } from './helpers.ts';

closeDatabasesAfterEach();

function blog() {
  const s = db();
  const User = s.define('User', { name: DataTypes.STRING });
  const Post = s.define('Post', { title: { type: DataTypes.STRING, allowNull: false } });
  return { s, User, Post };
}

describe('includes', () => {
  it('the wrong alias in an include (EagerLoadingError)', async () => {
    const { s, User, Post } = blog();
    User.hasMany(Post, { as: 'posts' });
    await s.sync();
    const e = await thrown(() => User.findAll({ include: { model: Post, as: 'post' } }));
    expect((e as Error).name).toBe('SequelizeEagerLoadingError');
    const msg = explainError(e);
    expect(msg).toContain("The include asks for the alias 'post', but the association from User to Post is called 'posts'");
    expect(msg).toContain("misspelling of 'posts'");
    expect(msg).toContain("(Sequelize said: Post is associated to User using an alias. You've included an alias (post)");
  });

  it('an include without the alias the association has', async () => {
    const { s, User, Post } = blog();
    User.hasMany(Post, { as: 'posts' });
    await s.sync();
    const msg = explainError(await thrown(() => User.findAll({ include: Post })));
    expect(msg).toContain('has an alias, so an include must name it');
    expect(msg).toContain('(Sequelize said: Post is associated to User using an alias.');
  });

  it('an include by alias string that does not exist', async () => {
    const { s, User, Post } = blog();
    User.hasMany(Post, { as: 'posts' });
    await s.sync();
    const msg = explainError(await thrown(() => User.findAll({ include: 'post' })));
    expect(msg).toContain("User has no association called 'post'");
    expect(msg).toContain('(Sequelize said: Association with alias "post" does not exist on User)');
  });

  it('including a model that is not associated', async () => {
    const { s, User, Post } = blog();
    Post.belongsTo(User);
    await s.sync();
    const e = await thrown(() => User.findAll({ include: Post }));
    const msg = explainError(e);
    expect(msg).toContain('User has no association to Post, so it cannot include it');
    expect(msg).toContain('(Sequelize said: Post is not associated to User!)');
    expect(msg).toContain('An association works only from the model it is declared on');
    // With the declarations known, the message names the learner's one-sided line and the missing side.
    const named = explainError(e, { associations: inventory(s) });
    expect(named).toContain('You declared Post.belongsTo(User), which lets Post include User, not the other way round');
    expect(named).toContain('Declare the other side too, User.hasMany(Post) (or hasOne)');
  });

  it('including from the belongsTo side when only hasMany is declared: never suggests Post.hasMany(User)', async () => {
    const { s, User, Post } = blog();
    User.hasMany(Post, { as: 'posts' });
    await s.sync();
    const e = await thrown(() => Post.findAll({ include: User }));
    const msg = explainError(e);
    expect(msg).toContain('Post has no association to User, so it cannot include it');
    expect(msg).toContain("Post.belongsTo(User) when Post's table holds the key");
    expect(msg).not.toContain('for example Post.hasMany(User)');
    expect(msg).toContain('(Sequelize said: User is not associated to Post!)');
    const named = explainError(e, { associations: inventory(s) });
    expect(named).toContain("You declared User.hasMany(Post, { as: 'posts' }), which lets User include Post");
    expect(named).toContain('Declare the other side too, Post.belongsTo(User),');
  });

  it('an undefined model in include', async () => {
    const { s, User } = blog();
    await s.sync();
    const models: Record<string, ModelStatic<Model>> = { User };
    const msg = explainError(await thrown(() => User.findAll({ include: [models.Posts] })));
    expect(msg).toContain('An element of include is not a model');
    expect(msg).toContain('(Sequelize said: Include unexpected. Element has to be either a Model, an Association or an object.)');
  });
});

describe('declaring associations', () => {
  it('the same alias twice', async () => {
    const { User, Post } = blog();
    User.hasMany(Post, { as: 'posts' });
    const msg = explainError(await thrown(() => User.hasOne(Post, { as: 'posts' })));
    expect(msg).toContain('Two associations on the same model use the alias posts');
    expect(msg).toContain('(Sequelize said: You have used the alias posts in two separate associations');
  });

  it('a string instead of a model', async () => {
    const { User } = blog();
    const msg = explainError(await thrown(() => User.hasMany('Post' as unknown as ModelStatic<Model>)));
    expect(msg).toContain('not its name as a string');
    expect(msg).toContain("(Sequelize said: User.hasMany called with something that's not a subclass of Sequelize.Model)");
  });

  it('a model that does not exist yet (a registry calling associate too early)', async () => {
    const { User } = blog();
    const models: Record<string, ModelStatic<Model> | undefined> = { User };
    const msg = explainError(await thrown(() => User.hasOne(models.Profile as ModelStatic<Model>)));
    expect(msg).toContain('call every associate(models) only after every model is defined');
    expect(msg).toContain("(Sequelize said: User.hasOne called with something that's not a subclass of Sequelize.Model)");
  });

  it("a bad option value: onDelete: 'CASCADES'", async () => {
    const { s, User, Post } = blog();
    User.hasMany(Post, { onDelete: 'CASCADES' });
    const msg = explainError(await thrown(() => s.sync()));
    expect(msg).toContain('a misspelt onDelete/onUpdate value');
    expect(msg).toContain('(Sequelize said: SQLITE_ERROR: near "CASCADES": syntax error)');
  });

  it('belongsToMany without through', async () => {
    const { User, Post } = blog();
    const msg = explainError(await thrown(() => User.belongsToMany(Post, {} as never)));
    expect(msg).toContain('User.belongsToMany(Post) needs a join table');
    expect(msg).toContain('(Sequelize said: User.belongsToMany(Post) requires through option');
  });

  it('hasMany given a through option', async () => {
    const { User, Post } = blog();
    const msg = explainError(await thrown(() => User.hasMany(Post, { through: 'UserPosts' } as never)));
    expect(msg).toContain('a many-to-many is belongsToMany on both sides');
    expect(msg).toContain('(Sequelize said: N:M associations are not supported with hasMany');
  });

  it('an alias equal to the foreign key (naming collision)', async () => {
    const { User, Post } = blog();
    const msg = explainError(await thrown(() => Post.belongsTo(User, { as: 'user', foreignKey: 'user' })));
    expect(msg).toContain("Post has an attribute and an association both called 'user'");
    expect(msg).toContain("(Sequelize said: Naming collision between attribute 'user' and association 'user' on model Post");
  });
});

describe('using the models', () => {
  it('a mixin that does not exist (alias decides its name)', async () => {
    const { s, User, Post } = blog();
    User.hasMany(Post);
    await s.sync();
    const user = (await User.create({ name: 'Ada' })) as unknown as Record<string, () => unknown>;
    const msg = explainError(await thrown(() => user.getPostings()));
    expect(msg).toContain('Mixins such as getPostings are created by an association and named after its alias');
    expect(msg).toContain('(Sequelize said: user.getPostings is not a function)');
  });

  it('a second row with the same unique key: the database line is kept', async () => {
    const { s, User } = blog();
    const Card = s.define('Card', { userId: { type: DataTypes.INTEGER, unique: true } });
    await s.sync();
    const u = await User.create({ name: 'Ada' });
    await Card.create({ userId: u.get('id') });
    const msg = explainError(await thrown(() => Card.create({ userId: u.get('id') })));
    expect(msg).toContain('The database refused a second row with the same Cards.userId');
    expect(msg).toContain('the database said: SQLITE_CONSTRAINT: UNIQUE constraint failed: Cards.userId');
  });

  it('a required column left empty', async () => {
    const { s, Post } = blog();
    await s.sync();
    const msg = explainError(await thrown(() => Post.create({})));
    expect(msg).toContain('A Post was saved without title, which is required (allowNull: false)');
    expect(msg).toContain('(Sequelize said: notNull Violation: Post.title cannot be null)');
  });

  it('a required column of a through model left empty by addCourse (bulkCreate: an AggregateError with no message)', async () => {
    const s = db();
    const Student = s.define('Student', { name: DataTypes.STRING });
    const Course = s.define('Course', { title: DataTypes.STRING });
    const Enrollment = s.define('Enrollment', { enrolledAt: { type: DataTypes.DATE, allowNull: false } });
    Student.belongsToMany(Course, { through: Enrollment, foreignKey: 'studentId', otherKey: 'courseId' });
    Course.belongsToMany(Student, { through: Enrollment, foreignKey: 'courseId', otherKey: 'studentId' });
    await s.sync();
    const ada = (await Student.create({ name: 'ada' })) as Model & { addCourse(c: Model): Promise<unknown> };
    const course = await Course.create({ title: 'Poetry' });
    const msg = explainError(await thrown(() => ada.addCourse(course)));
    expect(msg).toContain('An Enrollment was saved without enrolledAt, which is required (allowNull: false)');
    expect(msg).not.toMatch(/^AggregateError/);
  });
});

describe('validators', () => {
  it('a misspelt validator refuses every row: named, with the spelling it meant', async () => {
    const s = db();
    const Book = s.define('Book', { title: { type: DataTypes.STRING, validate: { notempty: true } } });
    await s.sync();
    const msg = explainError(await thrown(() => Book.create({ title: 'Dune' })));
    expect(msg).toContain('validate: { notempty: ... } is not a validator Sequelize knows: did you mean notEmpty?');
    expect(msg).toContain('(Sequelize said: Validation error: Invalid validator function: notempty');
  });

  it('an unknown validator with no near name is still explained', async () => {
    const s = db();
    const Book = s.define('Book', { title: { type: DataTypes.STRING, validate: { mustBeNice: true } } });
    await s.sync();
    const msg = explainError(await thrown(() => Book.create({ title: 'Dune' })));
    expect(msg).toContain('validate: { mustBeNice: ... } is not a validator Sequelize knows. Sequelize then refuses every row');
  });
});

describe('deletes', () => {
  it('ON DELETE SET NULL on a NOT NULL key: the delete is refused, and the message says why', async () => {
    const { s, User, Post } = blog();
    const authorId = { name: 'authorId', allowNull: false };
    User.hasMany(Post, { foreignKey: authorId, onDelete: 'SET NULL' });
    Post.belongsTo(User, { foreignKey: { ...authorId }, onDelete: 'SET NULL' });
    await s.sync();
    const ada = await User.create({ name: 'Ada' });
    await Post.create({ title: 'Notes', authorId: ada.get('id') });
    const msg = explainError(await thrown(() => ada.destroy()));
    expect(msg).toContain('A delete made the database set Posts.authorId to NULL (its foreign key says ON DELETE SET NULL), but that column does not allow NULL');
    expect(msg).toContain("onDelete: 'CASCADE'");
    expect(msg).toContain('NOT NULL constraint failed: Posts.authorId');
  });

  it('a NOT NULL column left empty on insert keeps the plain message', async () => {
    const { s, Post } = blog();
    await s.sync();
    const msg = explainError(await thrown(() => s.query("INSERT INTO Posts (title, createdAt, updatedAt) VALUES (NULL, '2026-01-01', '2026-01-01')")));
    expect(msg).toContain('The database refused a row without Posts.title: that column does not allow NULL.');
    void Post;
  });
});
