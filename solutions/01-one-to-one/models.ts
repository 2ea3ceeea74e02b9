/**
 * Lesson 01 solved. The foreign key is spelled out the same way on both sides, so whichever side
 * Sequelize sees first creates the same column with the same options.
 */
import { DataTypes, type Sequelize } from 'sequelize';

export function defineModels(sequelize: Sequelize) {
  const User = sequelize.define('User', {
    name: DataTypes.STRING,
    email: DataTypes.STRING,
  });

  const LibraryCard = sequelize.define('LibraryCard', {
    cardNumber: { type: DataTypes.STRING, unique: true },
    issuedDate: DataTypes.DATE,
  });

  const userId = { name: 'userId', allowNull: false, unique: true };
  User.hasOne(LibraryCard, { foreignKey: userId, onDelete: 'CASCADE' });
  LibraryCard.belongsTo(User, { foreignKey: userId, onDelete: 'CASCADE' });

  return { User, LibraryCard };
}
