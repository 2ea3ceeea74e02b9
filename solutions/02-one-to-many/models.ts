/**
 * Lesson 02 solved. One key, authorId, named on both sides: with `as` on both, Sequelize would
 * otherwise derive AuthorId for hasMany and authorId for belongsTo. RESTRICT on both sides, so the
 * order of definition cannot matter.
 */
import { DataTypes, type Sequelize } from 'sequelize';

export function defineModels(sequelize: Sequelize) {
  const Author = sequelize.define('Author', {
    name: { type: DataTypes.STRING, allowNull: false },
    country: DataTypes.STRING,
  });

  const Book = sequelize.define('Book', {
    title: { type: DataTypes.STRING, allowNull: false },
    publishYear: DataTypes.INTEGER,
  });

  Author.hasMany(Book, { as: 'books', foreignKey: 'authorId', onDelete: 'RESTRICT' });
  Book.belongsTo(Author, { as: 'author', foreignKey: 'authorId', onDelete: 'RESTRICT' });

  return { Author, Book };
}
