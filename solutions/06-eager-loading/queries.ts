/**
 * Lesson 06 solved. Everything the caller reads is loaded by the query itself (include), never by
 * a getter or a findAll inside a loop, so the number of queries does not grow with the rows.
 */
import { Op, type Model } from 'sequelize';
import type { defineModels } from './models.ts';

type Models = ReturnType<typeof defineModels>;

export async function getAuthorWithBooks(models: Models, id: number): Promise<Model | null> {
  return models.Author.findByPk(id, {
    include: [{ association: 'books' }],
    // A column of an included model is sorted at the top level, named through its association
    // (['books', 'publishYear', 'ASC'] says the same). An order inside a joined include is ignored.
    order: [[{ model: models.Book, as: 'books' }, 'publishYear', 'ASC']],
  });
}

export async function authorsWithBooksAndGenres(models: Models): Promise<Model[]> {
  return models.Author.findAll({
    include: [
      {
        association: 'books',
        // Nested: each book brings its genres. attributes: [] keeps BookGenres' columns off each genre.
        include: [{ association: 'genres', through: { attributes: [] } }],
      },
    ],
  });
}

export async function authorsWithBooksAfter(models: Models, year: number): Promise<Model[]> {
  // A where inside an include makes it required: an INNER JOIN, which drops the authors with no
  // matching book. Here that is exactly what we want.
  return models.Author.findAll({
    include: [{ association: 'books', where: { publishYear: { [Op.gt]: year } } }],
  });
}

export async function allAuthorsWithBooksAfter(models: Models, year: number): Promise<Model[]> {
  // required: false turns it back into a LEFT JOIN: the where only filters the books, every author stays.
  return models.Author.findAll({
    include: [{ association: 'books', where: { publishYear: { [Op.gt]: year } }, required: false }],
  });
}

export async function authorsWithBookTitles(models: Models): Promise<Model[]> {
  return models.Author.findAll({
    include: [{ association: 'books', attributes: ['id', 'title'] }],
  });
}

export async function latestBooksPerAuthor(models: Models, n: number): Promise<Model[]> {
  // A top-level limit would count authors. To limit each author's books, the books need a query of
  // their own (separate: true): one more query in all, not one per author. The order inside it
  // decides which n books the limit keeps.
  return models.Author.findAll({
    include: [{ association: 'books', separate: true, order: [['publishYear', 'DESC']], limit: n }],
  });
}
