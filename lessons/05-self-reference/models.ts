/**
 * Lesson 05: a model associated with itself. Users follow users (many-to-many, through one
 * Followers table), and a user may have a manager, who is a user too (one-to-many).
 *
 * Your task (read README.md first: `npm run workbook -- read 05`):
 *   TODO 1. Make `following` (whom I follow) and `followers` (who follows me) mirror images: the same
 *           Followers table, the same two columns followerId and followingId, and foreignKey/otherKey
 *           swapped between the two declarations.
 *   TODO 2. Add the manager: users get `manager` (user.getManager()) and `reports`
 *           (manager.getReports()), both using ONE key on Users named managerId. It allows NULL:
 *           somebody is at the top.
 *   TODO 3. Deleting a manager keeps their reports, with managerId set to NULL (ON DELETE SET NULL).
 */
import { DataTypes, type Sequelize } from 'sequelize';

export function defineModels(sequelize: Sequelize) {
  const User = sequelize.define('User', {
    username: { type: DataTypes.STRING, allowNull: false, unique: true },
  });

  // The second line was copied from the first and only its alias changed. It runs, and both lists
  // have their mixins. Now read the failing checks.
  User.belongsToMany(User, { through: 'Followers', as: 'following', foreignKey: 'followerId', otherKey: 'followingId' });
  User.belongsToMany(User, { through: 'Followers', as: 'followers', foreignKey: 'followerId', otherKey: 'followingId' });

  return { User };
}
