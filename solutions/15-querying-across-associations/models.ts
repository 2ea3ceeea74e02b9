/**
 * Lesson 15: these models are ready: you do not need to change them. Read them, then open queries.ts.
 *
 *   Authors 1 ──< Posts        (author.posts, post.author)
 */
import { DataTypes, type Sequelize } from 'sequelize';

export function defineModels(sequelize: Sequelize) {
  const Author = sequelize.define('Author', {
    name: { type: DataTypes.STRING, allowNull: false },
  });

  const Post = sequelize.define('Post', {
    title: { type: DataTypes.STRING, allowNull: false },
  });

  Author.hasMany(Post, { as: 'posts', foreignKey: 'authorId', onDelete: 'CASCADE' });
  Post.belongsTo(Author, { as: 'author', foreignKey: 'authorId', onDelete: 'CASCADE' });

  return { Author, Post };
}
