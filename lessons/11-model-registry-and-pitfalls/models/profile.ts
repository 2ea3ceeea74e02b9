/** Lesson 11: the Profile model. TODO 1 continues here. */
import { DataTypes, type Sequelize } from 'sequelize';
import type { Models } from './index.ts';

export default function defineProfile(sequelize: Sequelize) {
  const Profile = sequelize.define('Profile', {
    displayName: DataTypes.STRING,
    bio: DataTypes.TEXT,
  });

  return Object.assign(Profile, {
    associate(models: Models) {
      Profile.belongsTo(models.User);
    },
  });
}
