/**
 * Lesson 15 solved: each function is one or two queries, however many authors and posts there are.
 */
import { Op, col, fn, type Model } from 'sequelize';
import type { defineModels } from './models.ts';

type Models = ReturnType<typeof defineModels>;

export async function authorsWhoWrote(models: Models, word: string): Promise<Model[]> {
  // A where inside the include filters the joined posts, and makes the include required (an INNER
  // JOIN): authors without a matching post drop out. Sequelize returns each author once.
  return models.Author.findAll({
    include: [{ association: 'posts', attributes: [], where: { title: { [Op.like]: `%${word}%` } } }],
    order: [['name', 'ASC']],
  });
}

export async function authorsPage(models: Models, page: number, size: number): Promise<{ count: number; rows: Model[] }> {
  // distinct: true counts authors, not author-post rows. With limit and a hasMany include,
  // Sequelize pages the authors in a subquery, then joins their posts: every post comes along.
  return models.Author.findAndCountAll({
    include: [{ association: 'posts' }],
    distinct: true,
    order: [['name', 'ASC']],
    limit: size,
    offset: (page - 1) * size,
  });
}

export async function postCounts(models: Models): Promise<Array<{ name: string; posts: number }>> {
  // A LEFT JOIN keeps authors with no posts; COUNT(posts.id) counts 0 for them (COUNT(*) would
  // count their one joined row). group makes it one row per author.
  const rows = (await models.Author.findAll({
    attributes: ['name', [fn('COUNT', col('posts.id')), 'posts']],
    include: [{ association: 'posts', attributes: [] }],
    group: ['Author.id'],
    order: [['name', 'ASC']],
    raw: true,
  })) as unknown as Array<{ name: string; posts: number | string }>;
  // Postgres returns COUNT as a string (it is a bigint): make it a number everywhere.
  return rows.map((r) => ({ name: r.name, posts: Number(r.posts) }));
}

export async function firstAuthorsWhoWrote(models: Models, text: string, n: number): Promise<Model[]> {
  // With a limit Sequelize puts the authors in a subquery and joins the posts outside it, so a
  // '$posts.title$' where would name a table the subquery lacks. A where inside the include is
  // tested inside the subquery (a correlated SELECT ... LIMIT 1), and the limit counts authors.
  return models.Author.findAll({
    include: [{ association: 'posts', attributes: [], where: { title: { [Op.like]: `%${text}%` } } }],
    order: [['name', 'ASC']],
    limit: n,
  });
}
