/**
 * Lesson 05 solved. The two belongsToMany are mirror images: foreignKey is the Followers column
 * holding the id of the user you call the method on, so `following` starts from followerId and
 * `followers` from followingId. The manager key is named on both sides (hasMany would derive UserId,
 * belongsTo managerId), and SET NULL on both so the order of definition cannot matter: a report
 * outlives their manager.
 */
import { DataTypes, type Sequelize } from 'sequelize';

export function defineModels(sequelize: Sequelize) {
  const User = sequelize.define('User', {
    username: { type: DataTypes.STRING, allowNull: false, unique: true },
  });

  User.belongsToMany(User, { through: 'Followers', as: 'following', foreignKey: 'followerId', otherKey: 'followingId' });
  User.belongsToMany(User, { through: 'Followers', as: 'followers', foreignKey: 'followingId', otherKey: 'followerId' });

  User.hasMany(User, { as: 'reports', foreignKey: 'managerId', onDelete: 'SET NULL' });
  User.belongsTo(User, { as: 'manager', foreignKey: 'managerId', onDelete: 'SET NULL' });

  return { User };
}
