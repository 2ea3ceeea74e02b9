/**
 * Lesson 14: these models are ready, and they are the truth your migrations must build.
 * You do not need to change them. Read them, then open migrations/01-create-tables.ts.
 *
 *   Users 1 ──< Posts >──< Tags          (the links between posts and tags live in PostTags)
 *     1           1
 *     └──< Comments >──┘                 (Comments.authorId arrives with migration 02)
 *
 * defineModels is the schema after both migrations; defineModelsBefore02 the schema after 01 only.
 */
import { DataTypes, type Sequelize } from 'sequelize';

export function defineModels(sequelize: Sequelize) {
  return define(sequelize, true);
}

export function defineModelsBefore02(sequelize: Sequelize) {
  return define(sequelize, false);
}

function define(sequelize: Sequelize, withCommentAuthors: boolean) {
  const User = sequelize.define('User', {
    name: { type: DataTypes.STRING, allowNull: false },
    email: { type: DataTypes.STRING, allowNull: false, unique: true },
  });

  // sync() never indexes a foreign key by itself; these `indexes` say which ones the tables need.
  const Post = sequelize.define('Post', { title: { type: DataTypes.STRING, allowNull: false } }, { indexes: [{ fields: ['authorId'] }] });

  const Tag = sequelize.define('Tag', { name: { type: DataTypes.STRING, allowNull: false, unique: true } });

  // The junction: its two keys together are the primary key, which also indexes postId (its first column).
  const PostTag = sequelize.define('PostTag', {}, { tableName: 'PostTags', indexes: [{ fields: ['tagId'] }] });

  const Comment = sequelize.define(
    'Comment',
    { body: { type: DataTypes.TEXT, allowNull: false } },
    { indexes: [{ fields: ['postId'] }, ...(withCommentAuthors ? [{ fields: ['authorId'] }] : [])] },
  );

  const cascade = { onDelete: 'CASCADE', onUpdate: 'CASCADE' } as const;
  User.hasMany(Post, { as: 'posts', foreignKey: { name: 'authorId', allowNull: false }, ...cascade });
  Post.belongsTo(User, { as: 'author', foreignKey: { name: 'authorId', allowNull: false }, ...cascade });

  Post.belongsToMany(Tag, { through: PostTag, as: 'tags', foreignKey: 'postId', otherKey: 'tagId' });
  Tag.belongsToMany(Post, { through: PostTag, as: 'posts', foreignKey: 'tagId', otherKey: 'postId' });

  Post.hasMany(Comment, { as: 'comments', foreignKey: { name: 'postId', allowNull: false }, ...cascade });
  Comment.belongsTo(Post, { as: 'post', foreignKey: { name: 'postId', allowNull: false }, ...cascade });

  if (withCommentAuthors) {
    User.hasMany(Comment, { as: 'comments', foreignKey: { name: 'authorId', allowNull: false }, ...cascade });
    Comment.belongsTo(User, { as: 'author', foreignKey: { name: 'authorId', allowNull: false }, ...cascade });
  }

  return { User, Post, Tag, PostTag, Comment };
}
