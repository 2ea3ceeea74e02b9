/**
 * Lesson 15: queries across an association (read README.md first: `npm run workbook -- read 15`).
 * The models are ready in models.ts: Author hasMany Post as 'posts', Post belongsTo Author as 'author'.
 *
 * Each function below runs, and each is wrong on some data: the checks seed authors with no post,
 * one post and many, and count your queries.
 *
 *   TODO 1. authorsWhoWrote: the authors (each once, by name) with a post whose title contains `word`.
 *   TODO 2. authorsPage: page `page` (from 1) of `size` authors by name, each with ALL their posts,
 *           and `count`, the number of authors in all.
 *   TODO 3. postCounts: every author's name and how many posts they wrote (0 too), by name, in one query.
 *   TODO 4. firstAuthorsWhoWrote: the first `n` authors by name with a post whose title contains `text`,
 *           in one query with a limit.
 */
import { Op, type Model } from 'sequelize';
import type { defineModels } from './models.ts';

type Models = ReturnType<typeof defineModels>;

export async function authorsWhoWrote(models: Models, word: string): Promise<Model[]> {
  return models.Author.findAll({
    where: { '$posts.title$': { [Op.like]: `%${word}%` } },
    order: [['name', 'ASC']],
  });
}

export async function authorsPage(models: Models, page: number, size: number): Promise<{ count: number; rows: Model[] }> {
  return models.Author.findAndCountAll({
    include: [{ association: 'posts' }],
    order: [['name', 'ASC']],
    limit: size,
    offset: (page - 1) * size,
    subQuery: false,
  });
}

export async function postCounts(models: Models): Promise<Array<{ name: string; posts: number }>> {
  const authors = await models.Author.findAll({ order: [['name', 'ASC']] });
  const out: Array<{ name: string; posts: number }> = [];
  for (const author of authors) {
    const posts = await (author as Model & { countPosts(): Promise<number> }).countPosts();
    out.push({ name: author.get('name') as string, posts });
  }
  return out;
}

export async function firstAuthorsWhoWrote(models: Models, text: string, n: number): Promise<Model[]> {
  return models.Author.findAll({
    where: { '$posts.title$': { [Op.like]: `%${text}%` } },
    include: [{ association: 'posts', attributes: [] }],
    order: [['name', 'ASC']],
    limit: n,
  });
}
