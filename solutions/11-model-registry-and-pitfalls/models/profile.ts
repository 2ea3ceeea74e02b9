/** Lesson 11 solved: the Profile model, with the same key and options as User.hasOne. */
import { DataTypes, type Sequelize } from 'sequelize';
import type { Models } from './index.ts';

export default function defineProfile(sequelize: Sequelize) {
  const Profile = sequelize.define('Profile', {
    displayName: DataTypes.STRING,
    bio: DataTypes.TEXT,
  });

  return Object.assign(Profile, {
    associate(models: Models) {
      const userId = { name: 'userId', unique: true };
      Profile.belongsTo(models.User, { as: 'user', foreignKey: userId, onDelete: 'CASCADE' });
    },
  });
}
