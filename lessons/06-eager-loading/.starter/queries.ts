/**
 * Lesson 06: eager loading. models.ts is ready; you write the queries here.
 *
 * Every function gets the models and returns what findAll/findByPk return (model instances, not
 * plain objects). Each one runs, and most even return plausible data: read what the checks say.
 *
 *   TODO 1. getAuthorWithBooks: one author (or null) with their books, oldest first. One query.
 *   TODO 2. authorsWithBooksAndGenres: every author, their books, each book's genres, without the
 *           BookGenres bookkeeping on each genre. One query, however many authors there are.
 *   TODO 3. authorsWithBooksAfter: ONLY the authors who have a book published after `year`, each
 *           with just those books. One query.
 *   TODO 4. allAuthorsWithBooksAfter: EVERY author, each with just their books published after
 *           `year` (an empty list when they have none). One query.
 *   TODO 5. authorsWithBookTitles: every author with their books, each book carrying only its id
 *           and title. One query.
 *   TODO 6. latestBooksPerAuthor: every author with their `n` most recent books. At most two
 *           queries, however many authors there are.
 */
import { Op, type Model } from 'sequelize';
import type { defineModels } from './models.ts';

type Models = ReturnType<typeof defineModels>;

/** TODO 1 */
export async function getAuthorWithBooks(models: Models, id: number): Promise<Model | null> {
  return models.Author.findByPk(id, { include: [{ association: 'books' }] });
}

/** TODO 2 */
export async function authorsWithBooksAndGenres(models: Models): Promise<Model[]> {
  const authors = await models.Author.findAll();
  for (const author of authors) {
    const books = await models.Book.findAll({ where: { authorId: author.get('id') }, include: [{ association: 'genres' }] });
    author.setDataValue('books', books);
  }
  return authors;
}

/** TODO 3 */
export async function authorsWithBooksAfter(models: Models, year: number): Promise<Model[]> {
  return models.Author.findAll({
    include: [{ association: 'books', where: { publishYear: { [Op.gt]: year } }, required: false }],
  });
}

/** TODO 4 */
export async function allAuthorsWithBooksAfter(models: Models, year: number): Promise<Model[]> {
  return models.Author.findAll({
    include: [{ association: 'books', where: { publishYear: { [Op.gt]: year } } }],
  });
}

/** TODO 5 */
export async function authorsWithBookTitles(models: Models): Promise<Model[]> {
  return models.Author.findAll({ include: [{ association: 'books' }] });
}

/** TODO 6 */
export async function latestBooksPerAuthor(models: Models, n: number): Promise<Model[]> {
  return models.Author.findAll({
    include: [{ association: 'books' }],
    order: [['books', 'publishYear', 'DESC']],
    limit: n,
  });
}
