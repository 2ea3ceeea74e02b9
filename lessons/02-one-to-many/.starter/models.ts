/**
 * Lesson 02: one-to-many. An author has many books; a book has (at most) one author.
 *
 * Your task (read README.md first: `npm run workbook -- read 02`):
 *   TODO 1. Name both sides: authors get `books` (author.getBooks()), books get `author` (book.getAuthor()).
 *   TODO 2. Make both sides agree on ONE foreign key on Books, named `authorId`. It allows NULL and
 *           is not unique: a book may be anonymous, and an author has many books.
 *   TODO 3. Deleting an author who still has books is refused by the database (ON DELETE RESTRICT).
 *   TODO 4. Snake_case tables: the key of Magazine to Publisher is the attribute `publisherId`,
 *           stored in the column `publisher_id`.
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

  // It runs, and it even has getBooks(). Now read the failing checks.
  Author.hasMany(Book, { as: 'books' });
  Book.belongsTo(Author);

  // TODO 4: a publisher's tables are snake_case (publishers, magazines, publisher_id), and the code
  // that uses them writes Magazine.create({ title, publisherId }).
  const Publisher = sequelize.define('Publisher', { name: { type: DataTypes.STRING, allowNull: false } }, { underscored: true });
  const Magazine = sequelize.define('Magazine', { title: { type: DataTypes.STRING, allowNull: false } }, { underscored: true });
  Publisher.hasMany(Magazine);
  Magazine.belongsTo(Publisher);

  return { Author, Book, Publisher, Magazine };
}
