/**
 * Lesson 01: one-to-one. A user has one library card; a card belongs to one user.
 *
 * Your task (read README.md first: `npm run workbook -- read 01`):
 *   TODO 1. Make both sides agree on ONE foreign key on LibraryCards, named `userId`.
 *   TODO 2. Make it a real one-to-one: a user can never have two cards (the key must be unique).
 *   TODO 3. A card cannot exist without its user: the key is NOT NULL.
 *   TODO 4. Deleting a user deletes their card.
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

  // This is how the original tutorial wrote it. It runs, but check what the database got.
  User.hasOne(LibraryCard);
  LibraryCard.belongsTo(User);

  return { User, LibraryCard };
}
