/** Lesson 11 solved: the Post model. */
import { DataTypes, type Sequelize } from 'sequelize';
import type { Models } from './index.ts';

export default function definePost(sequelize: Sequelize) {
  const Post = sequelize.define('Post', {
    title: { type: DataTypes.STRING, allowNull: false },
    body: DataTypes.TEXT,
  });

  return Object.assign(Post, {
    associate(models: Models) {
      Post.belongsTo(models.User, { as: 'author', foreignKey: 'authorId' });
    },
  });
}
