/**
 * Lesson 11: the User model. Its associate() is the original tutorial's social-media example,
 * ported as it was, plus one copy-paste slip. Find what is wrong from the failing checks.
 *
 *   TODO 1. A user's profile: ONE foreign key on Profiles, named userId, unique, with
 *           ON DELETE CASCADE however the profile was created (see profile.ts too).
 *   TODO 2. A user's posts: ONE foreign key on Posts, named authorId (see post.ts too).
 *   TODO 3. Followers: when ada follows bob, bob.getFollowers() is [ada] and ada.getFollowing() is [bob].
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
      // One-to-One: User has one profile
      User.hasOne(models.Profile, { as: 'profile', onDelete: 'CASCADE' });

      // One-to-Many: User has many posts
      User.hasMany(models.Post, { as: 'posts', foreignKey: 'authorId' });

      // Many-to-Many: users follow users
      User.belongsToMany(models.User, { through: 'Followers', as: 'followers', foreignKey: 'followingId', otherKey: 'followerId' });
      User.belongsToMany(models.User, { through: 'Followers', as: 'following', foreignKey: 'followingId', otherKey: 'followerId' });
    },
  });
}
