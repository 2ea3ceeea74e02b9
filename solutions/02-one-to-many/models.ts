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

  // underscored: true makes the columns snake_case, not the attribute names: without foreignKey the
  // key's attribute would be PublisherId (from the model name). Name it publisherId; its column is publisher_id.
  const Publisher = sequelize.define('Publisher', { name: { type: DataTypes.STRING, allowNull: false } }, { underscored: true });
  const Magazine = sequelize.define('Magazine', { title: { type: DataTypes.STRING, allowNull: false } }, { underscored: true });
  Publisher.hasMany(Magazine, { foreignKey: 'publisherId' });
  Magazine.belongsTo(Publisher, { foreignKey: 'publisherId' });

  return { Author, Book, Publisher, Magazine };
}
