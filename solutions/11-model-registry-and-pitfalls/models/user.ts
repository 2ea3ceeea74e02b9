/**
 * Lesson 11 solved: the User model. Every relationship names its foreign key on both sides, the
 * same way; followers and following are mirror images (foreignKey and otherKey swapped).
 */
import { DataTypes, type Sequelize } from 'sequelize';
import type { Models } from './index.ts';

export default function defineUser(sequelize: Sequelize) {
  const User = sequelize.define('User', {
    username: { type: DataTypes.STRING, unique: true },
    email: DataTypes.STRING,
  });

  return Object.assign(User, {
    associate(models: Models) {
      // `as: 'profile'` alone would make hasOne derive the key profileId: name it.
      // (unique works at runtime but is missing from Sequelize's ForeignKeyOptions type: a const avoids the excess-property error.)
      const userId = { name: 'userId', unique: true };
      User.hasOne(models.Profile, { as: 'profile', foreignKey: userId, onDelete: 'CASCADE' });
      User.hasMany(models.Post, { as: 'posts', foreignKey: 'authorId' });

      // followers of X: rows where followingId = X, giving followerId users.
      User.belongsToMany(models.User, { through: 'Followers', as: 'followers', foreignKey: 'followingId', otherKey: 'followerId' });
      // X is following: rows where followerId = X, giving followingId users.
      User.belongsToMany(models.User, { through: 'Followers', as: 'following', foreignKey: 'followerId', otherKey: 'followingId' });
    },
  });
}
