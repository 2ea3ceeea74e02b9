/**
 * Lesson 07: creating rows together with their associations.
 *
 * These models are ready: you do not need to change them. Read them, then open services.ts.
 * Note the validations: a Profile needs a non-empty displayName and a Book a non-empty title.
 * The checks use them to make the second insert of a pair fail on purpose.
 */
import { DataTypes, type Sequelize } from 'sequelize';

export function defineModels(sequelize: Sequelize) {
  const User = sequelize.define('User', {
    username: { type: DataTypes.STRING, allowNull: false, unique: true },
    email: { type: DataTypes.STRING, validate: { isEmail: true } },
  });

  const Profile = sequelize.define('Profile', {
    displayName: { type: DataTypes.STRING, allowNull: false, validate: { notEmpty: true } },
    bio: DataTypes.TEXT,
  });

  const Author = sequelize.define('Author', {
    name: { type: DataTypes.STRING, allowNull: false },
  });

  const Book = sequelize.define('Book', {
    title: { type: DataTypes.STRING, allowNull: false, validate: { notEmpty: true } },
  });

  const userId = { name: 'userId', allowNull: false, unique: true };
  User.hasOne(Profile, { as: 'profile', foreignKey: userId, onDelete: 'CASCADE' });
  Profile.belongsTo(User, { as: 'user', foreignKey: userId, onDelete: 'CASCADE' });

  const authorId = { name: 'authorId', allowNull: false };
  Author.hasMany(Book, { as: 'books', foreignKey: authorId, onDelete: 'CASCADE' });
  Book.belongsTo(Author, { as: 'author', foreignKey: authorId, onDelete: 'CASCADE' });

  return { User, Profile, Author, Book };
}
