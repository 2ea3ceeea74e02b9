/** Lesson 11: the Post model. TODO 2 continues here: a post's author is post.getAuthor(). */
import { DataTypes, type Sequelize } from 'sequelize';
import type { Models } from './index.ts';

export default function definePost(sequelize: Sequelize) {
  const Post = sequelize.define('Post', {
    title: { type: DataTypes.STRING, allowNull: false },
    body: DataTypes.TEXT,
  });

  return Object.assign(Post, {
    associate(models: Models) {
      Post.belongsTo(models.User);
    },
  });
}
