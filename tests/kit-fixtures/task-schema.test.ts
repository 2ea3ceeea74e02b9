/**
 * The task-schema guard (diagnose/task-schema.ts): the learner's real schema against the schema the
 * task's models define. Stray and missing keys, a stray join table, hasOne for hasMany, a plain
 * column's NOT NULL or UNIQUE lost; and correct variants (class style, the other order, the key
 * declared with references, another key name) accepted.
 */
import { describe, expect, it } from 'vitest';
import { DataTypes, type Sequelize } from 'sequelize';
import { Schema } from '../../runner/kit/schema.ts';
import { inventory } from '../../runner/kit/associations.ts';
import { databaseShape, definedShape, taskSchemaProblem } from '../../runner/kit/index.ts';
import { closeDatabasesAfterEach, db, model, type Style } from './helpers.ts';

closeDatabasesAfterEach();

/** The task: users write posts (Posts.userId), a title NOT NULL. */
function task(s: Sequelize, style: Style = 'define') {
  const User = model(s, 'User', { name: DataTypes.STRING }, style);
  const Post = model(s, 'Post', { title: { type: DataTypes.STRING, allowNull: false } }, style);
  return { User, Post };
}

const expected = () => {
  const s = db();
  const { User, Post } = task(s);
  User.hasMany(Post, { foreignKey: 'userId' });
  Post.belongsTo(User, { foreignKey: 'userId' });
  return definedShape(s, inventory(s));
};

async function judge(s: Sequelize): Promise<string | null> {
  await s.sync();
  const modelOf = (t: string) => Object.values(s.models).find((m) => String(m.getTableName()) === t)?.name;
  return taskSchemaProblem(await databaseShape(new Schema(s), inventory(s)), expected(), modelOf);
}

describe('rejected, naming the declaration and the fix', () => {
  it('Post.hasOne(User) where a post belongs to a user: a stray key on Users', async () => {
    const s = db();
    const { User, Post } = task(s);
    User.hasMany(Post, { foreignKey: 'userId' });
    Post.hasOne(User, { foreignKey: 'userId' });
    expect(await judge(s)).toMatch(/Users has a foreign key userId to Posts that the task does not ask for: it comes from Post\.hasOne\(User, \{ foreignKey: 'userId' \}\).*a post belongs to a user, so write Post\.belongsTo\(User, \{ foreignKey: 'userId' \}\)/);
  });

  it('the key missing (constraints: false on both sides)', async () => {
    const s = db();
    const { User, Post } = task(s);
    User.hasMany(Post, { foreignKey: 'userId', constraints: false });
    Post.belongsTo(User, { foreignKey: 'userId', constraints: false });
    expect(await judge(s)).toMatch(/Posts has no foreign key userId to Users, which the task calls for/);
  });

  it('a join table the task does not ask for', async () => {
    const s = db();
    const { User, Post } = task(s);
    User.hasMany(Post, { foreignKey: 'userId' });
    Post.belongsTo(User, { foreignKey: 'userId' });
    User.belongsToMany(Post, { through: 'Likes', as: 'liked' });
    expect(await judge(s)).toMatch(/There is a table Likes that the task does not ask for: it is the join table of User\.belongsToMany\(Post/);
  });

  it('hasOne where the task has a hasMany (the same schema, other mixins)', async () => {
    const s = db();
    const { User, Post } = task(s);
    Post.belongsTo(User, { foreignKey: 'userId' });
    User.hasOne(Post, { foreignKey: 'userId' });
    expect(await judge(s)).toMatch(/User\.hasOne\(Post, \{ foreignKey: 'userId' \}\) says a user has one post, but in this task a user has many.*Write User\.hasMany\(Post, \.\.\.\)/);
  });

  it("a plain column's NOT NULL lost", async () => {
    const s = db();
    const User = model(s, 'User', { name: DataTypes.STRING });
    const Post = model(s, 'Post', { title: DataTypes.STRING });
    User.hasMany(Post, { foreignKey: 'userId' });
    Post.belongsTo(User, { foreignKey: 'userId' });
    expect(await judge(s)).toMatch(/Posts\.title allows NULL, but the task keeps it NOT NULL: give Post's title allowNull: false/);
  });
});

describe('accepted', () => {
  it('class style, belongsTo first', async () => {
    const s = db();
    const { User, Post } = task(s, 'class');
    Post.belongsTo(User, { foreignKey: 'userId' });
    User.hasMany(Post, { foreignKey: 'userId' });
    expect(await judge(s)).toBeNull();
  });

  it('the key declared as an attribute with references, and named author_id through field', async () => {
    const s = db();
    const User = model(s, 'User', { name: DataTypes.STRING });
    const Post = model(s, 'Post', {
      title: { type: DataTypes.STRING, allowNull: false },
      userId: { type: DataTypes.INTEGER, field: 'author_id', references: { model: 'Users', key: 'id' } },
    });
    User.hasMany(Post, { foreignKey: 'userId' });
    Post.belongsTo(User, { foreignKey: 'userId' });
    expect(await judge(s)).toBeNull();
  });
});
