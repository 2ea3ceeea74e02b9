/**
 * Lesson 06: eager loading. These models are ready: you do not need to change them.
 * Read them, then open queries.ts.
 *
 *   Authors 1 ──< Books >──< Genres      (the links between books and genres live in BookGenres)
 *
 * The aliases are what you include by: author.books, book.author, book.genres, genre.books.
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

  const Genre = sequelize.define('Genre', {
    name: { type: DataTypes.STRING, allowNull: false, unique: true },
  });

  Author.hasMany(Book, { as: 'books', foreignKey: 'authorId' });
  Book.belongsTo(Author, { as: 'author', foreignKey: 'authorId' });

  Book.belongsToMany(Genre, { through: 'BookGenres', as: 'genres', foreignKey: 'bookId', otherKey: 'genreId' });
  Genre.belongsToMany(Book, { through: 'BookGenres', as: 'books', foreignKey: 'genreId', otherKey: 'bookId' });

  return { Author, Book, Genre };
}
