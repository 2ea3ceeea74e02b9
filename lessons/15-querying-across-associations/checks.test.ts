import { describe, it, expect } from 'vitest';
import type { Model } from 'sequelize';
import { failIf, useLesson, explainError } from '../../runner/kit/index.ts';

const lesson = useLesson<typeof import('./models.ts')>(import.meta.url);
const queries = () => lesson.module<typeof import('./queries.ts')>('queries.ts');

/** Inserted in this order, so ids do not follow the names. Zoe has many posts, Ada and Cy one, Mia none. */
const POSTS: Record<string, string[]> = {
  Zoe: ['SQL joins', 'SQL indexes', 'Cooking for one'],
  Ada: ['SQL basics'],
  Mia: [],
  Bob: ['Gardening', 'Birds'],
  Cy: ['Trains'],
};
const BY_NAME = Object.keys(POSTS).sort();
const WORD = 'SQL';

async function blog() {
  const db = await lesson.open();
  for (const [name, titles] of Object.entries(POSTS)) {
    const author = await db.models.Author.create({ name });
    for (const title of titles) await db.models.Post.create({ title, authorId: author.get('id') });
  }
  db.statements.length = 0;
  return db;
}

const and = (xs: string[]) => (xs.length > 1 ? `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}` : (xs[0] ?? 'nobody'));
const names = (rows: Model[]) => rows.map((r) => String(r.get('name')));
const titlesOf = (author: Model) => ((author.get('posts') as Model[] | undefined) ?? []).map((p) => String(p.get('title'))).sort();
const who = (name: string) => `${name} (${POSTS[name].length === 0 ? 'no posts' : POSTS[name].length === 1 ? 'one post' : `${POSTS[name].length} posts`})`;

/** Runs the learner's function; a database error becomes a failure that explains '$nested.column$'. */
async function call<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    const raw = e instanceof Error ? e.message : String(e);
    const nested = /no such column: posts\.|missing FROM-clause entry for table "posts"|column posts\.\w+ does not exist/i.test(raw);
    failIf(
      `${what} threw: ${nested ? raw : explainError(e)}.` +
        (nested
          ? " A '$posts.title$' key names a column of the joined posts: the query must include them (include: [{ association: 'posts', attributes: [] }]), and with a limit Sequelize puts the authors in a subquery where posts is unknown (subQuery: false, which then limits joined rows). An include with its own where does not have that problem."
          : ''),
    );
    throw e;
  }
}

describe('authorsWhoWrote: filtering authors by their posts', () => {
  it(`returns each author with a post titled like '${WORD}' once, by name`, async () => {
    const db = await blog();
    const { authorsWhoWrote } = await queries();
    const got = names(await call(`authorsWhoWrote(models, '${WORD}')`, () => authorsWhoWrote(db.models, WORD)));
    const want = BY_NAME.filter((n) => POSTS[n].some((t) => t.includes(WORD)));
    const extra = got.filter((n) => !want.includes(n));
    const twice = got.filter((n, i) => got.indexOf(n) !== i);
    failIf(
      extra.length
        ? `authorsWhoWrote(models, '${WORD}') returned ${and(got)}; only ${and(want)} wrote a post with '${WORD}' in its title. ${extra.some((n) => POSTS[n].length === 0) ? `${and(extra.filter((n) => POSTS[n].length === 0).map(who))} came back too: the include is a LEFT JOIN that keeps every author (required: false, or a where that does not reach the join). Put the where on the include and leave it required.` : 'The where must test the post titles.'}`
        : null,
    );
    failIf(twice.length ? `authorsWhoWrote returned ${and([...new Set(twice)])} more than once (once per matching post): return model instances (no raw: true), which Sequelize merges per author.` : null);
    failIf(
      got.join() !== want.join()
        ? `authorsWhoWrote(models, '${WORD}') returned ${and(got)}; expected ${and(want)}, in that order (by name).${got.length < want.length ? ` ${and(want.filter((n) => !got.includes(n)).map(who))} is missing.` : ''}`
        : null,
    );
  });

  it('is one query, whatever the number of authors', async () => {
    const db = await blog();
    const { authorsWhoWrote } = await queries();
    await expect(() => call(`authorsWhoWrote(models, '${WORD}')`, () => authorsWhoWrote(db.models, WORD))).toRunAtMostQueries(db, 1, `authorsWhoWrote(models, '${WORD}')`);
  });
});

describe('authorsPage: a page of authors with their posts, and the count', () => {
  const SIZE = 2;
  const pages = Math.ceil(BY_NAME.length / SIZE);

  it(`count is the number of authors (${BY_NAME.length}), not of author-post rows`, async () => {
    const db = await blog();
    const { authorsPage } = await queries();
    const { count } = await call(`authorsPage(models, 1, ${SIZE})`, () => authorsPage(db.models, 1, SIZE));
    const rowsJoined = BY_NAME.reduce((n, a) => n + Math.max(1, POSTS[a].length), 0);
    failIf(
      Number(count) !== BY_NAME.length
        ? `authorsPage says count ${JSON.stringify(count)}; there are ${BY_NAME.length} authors.${Number(count) === rowsJoined || Number(count) === rowsJoined - 1 ? ' That is the number of rows the join makes (one per post, and one for an author with none): findAndCountAll with an include counts joined rows unless you pass distinct: true.' : ''}${Number(count) < BY_NAME.length ? ` ${who('Mia')} is not counted: a required include (an INNER JOIN) drops authors without posts.` : ''}`
        : null,
    );
  });

  it(`every page holds ${SIZE} authors by name, each with all their posts`, async () => {
    const db = await blog();
    const { authorsPage } = await queries();
    for (let page = 1; page <= pages; page++) {
      const { rows } = await call(`authorsPage(models, ${page}, ${SIZE})`, () => authorsPage(db.models, page, SIZE));
      const want = BY_NAME.slice((page - 1) * SIZE, page * SIZE);
      const got = names(rows);
      failIf(
        got.join() !== want.join()
          ? `authorsPage(models, ${page}, ${SIZE}) returned ${and(got)}; page ${page} of the authors by name is ${and(want)}.${got.length < want.length || got.some((n, i) => got.indexOf(n) !== i) ? ' With subQuery: false the limit counts joined rows (one per post), not authors: leave subQuery alone (Sequelize then pages the authors in a subquery), or load the posts with separate: true.' : ''}${!want.every((n) => got.includes(n)) && want.includes('Mia') ? ` ${who('Mia')} belongs on this page: keep the include a LEFT JOIN (not required).` : ''}`
          : null,
      );
      for (const author of rows) {
        const name = String(author.get('name'));
        const wantTitles = [...POSTS[name]].sort();
        failIf(
          author.get('posts') === undefined
            ? `authorsPage returned ${name} without posts loaded: include: [{ association: 'posts' }].`
            : titlesOf(author).join('|') !== wantTitles.join('|')
              ? `authorsPage(models, ${page}, ${SIZE}) returned ${name} with ${titlesOf(author).join(', ') || 'no posts'}; ${name} wrote ${wantTitles.join(', ') || 'nothing'}. With subQuery: false the limit cuts the joined rows, so an author's posts are cut too; a where on the include keeps only the matching posts.`
              : null,
        );
      }
    }
  });

  it('is at most three queries (the count, the page, and posts with separate: true)', async () => {
    const db = await blog();
    const { authorsPage } = await queries();
    await expect(() => call(`authorsPage(models, 1, ${SIZE})`, () => authorsPage(db.models, 1, SIZE))).toRunAtMostQueries(db, 3, `authorsPage(models, 1, ${SIZE})`);
  });
});

describe('postCounts: how many posts each author wrote', () => {
  it('gives every author, by name, with their number of posts (0 for none)', async () => {
    const db = await blog();
    const { postCounts } = await queries();
    const got = await call('postCounts(models)', () => postCounts(db.models));
    expect(Array.isArray(got), 'postCounts must return an array of { name, posts }').toBe(true);
    const want = BY_NAME.map((name) => ({ name, posts: POSTS[name].length }));
    const seen = got.map((r) => ({ name: String(r.name), posts: Number(r.posts) }));
    failIf(
      seen.length === 1 && want.length > 1
        ? `postCounts returned one row (${JSON.stringify(got[0])}) for ${want.length} authors: COUNT without group counts every joined row together. Add group: ['Author.id'].`
        : null,
    );
    const repeated = BY_NAME.map((name) => ({ name, rows: seen.filter((s) => s.name === name).length })).filter((r) => r.rows > 1);
    failIf(
      repeated.length
        ? `postCounts returned ${and(repeated.map((r) => `${r.name} on ${r.rows} rows`))}: the same author on several rows means the GROUP BY holds more than the author's key (a post's column too makes one group per author and post, each counting 1). Group by the author's key alone: group: ['Author.id'].`
        : null,
    );
    const missing = want.filter((w) => !seen.some((s) => s.name === w.name));
    failIf(missing.length ? `postCounts leaves out ${and(missing.map((w) => who(w.name)))}. An include with required: true (an INNER JOIN) drops authors without posts: keep it a LEFT JOIN.` : null);
    const wrong = want.filter((w) => seen.find((s) => s.name === w.name)?.posts !== w.posts);
    failIf(
      wrong.length
        ? `postCounts says ${wrong.map((w) => `${w.name} wrote ${seen.find((s) => s.name === w.name)?.posts}`).join(', ')}; ${wrong.map((w) => `${w.name} wrote ${w.posts}`).join(', ')}.${wrong.some((w) => w.posts === 0) ? " COUNT(*) counts the one joined row an author with no posts still gets from the LEFT JOIN: count the posts' ids, fn('COUNT', col('posts.id'))." : ''}`
        : null,
    );
    failIf(seen.map((s) => s.name).join() !== BY_NAME.join() ? `postCounts returned the authors as ${and(seen.map((s) => s.name))}; order them by name.` : null);
    // Right numbers, wrong type: what PostgreSQL gives for COUNT when nothing converts it.
    const text = got.find((r) => typeof r.posts !== 'number');
    failIf(
      text
        ? `postCounts gives ${String(text.name)}'s posts as ${JSON.stringify(text.posts)}, a ${typeof text.posts}: the task says a number. On PostgreSQL, COUNT returns a bigint, and the pg driver hands bigints over as strings (a JavaScript number cannot hold every bigint). Convert it, posts: Number(row.posts), or cast it in the query: [cast(fn('COUNT', col('posts.id')), 'INTEGER'), 'posts'].`
        : null,
    );
  });

  it('is one query, with COUNT and group, not one per author', async () => {
    const db = await blog();
    const { postCounts } = await queries();
    await expect(() => call('postCounts(models)', () => postCounts(db.models))).toRunAtMostQueries(db, 1, 'postCounts(models)');
  });
});

describe('firstAuthorsWhoWrote: the first n authors with a matching post, with a limit', () => {
  /** Bob matches 'r' twice (Gardening, Birds): a limit on joined rows gives him both places. */
  const CALLS: Array<[string, number]> = [[WORD, 1], ['r', 2]];
  const LIMITED =
    " With a limit, Sequelize selects the authors in a subquery and joins the posts outside it, so a '$posts.title$' key in the top-level where names a table the subquery does not have. Put the where inside the include, { association: 'posts', attributes: [], where: { title: { [Op.like]: `%${text}%` } } }: Sequelize then tests it inside the subquery, and the limit counts authors.";

  /** Like call(), with the advice for this function: the include is there, the limit is the cause. */
  async function first(db: Awaited<ReturnType<typeof blog>>, text: string, n: number) {
    const { firstAuthorsWhoWrote } = await queries();
    try {
      return await firstAuthorsWhoWrote(db.models, text, n);
    } catch (e) {
      const raw = e instanceof Error ? e.message : String(e);
      const nested = /no such column: posts\.|missing FROM-clause entry for table "posts"/i.test(raw);
      failIf(`firstAuthorsWhoWrote(models, '${text}', ${n}) threw: ${nested ? raw : explainError(e)}.${nested ? LIMITED : ''}`);
      throw e;
    }
  }

  it('returns the first n authors by name with such a post, however many of their posts match', async () => {
    const db = await blog();
    for (const [text, n] of CALLS) {
      const got = names(await first(db, text, n));
      const matching = BY_NAME.filter((a) => POSTS[a].some((t) => t.includes(text)));
      const want = matching.slice(0, n);
      const cut = got.length < want.length && got.every((a) => want.includes(a));
      const twice = want.find((a) => POSTS[a].filter((t) => t.includes(text)).length > 1);
      failIf(
        got.join() !== want.join()
          ? `firstAuthorsWhoWrote(models, '${text}', ${n}) returned ${and(got)}; the first ${n} authors by name with a post containing '${text}' are ${and(want)}.` +
              (cut && twice
                ? ` ${twice}'s ${POSTS[twice].filter((t) => t.includes(text)).length} matching posts (${POSTS[twice].filter((t) => t.includes(text)).join(', ')}) took the places: with subQuery: false the limit counts joined rows, not authors. Leave subQuery alone and put the where inside the include.`
                : '')
          : null,
      );
    }
  });

  it('is one query, and it has a LIMIT (it does not read every author)', async () => {
    const db = await blog();
    await expect(() => first(db, WORD, 1)).toRunAtMostQueries(db, 1, `firstAuthorsWhoWrote(models, '${WORD}', 1)`);
    failIf(
      db.statements.some((st) => /\bLIMIT\b/i.test(st.sql))
        ? null
        : `firstAuthorsWhoWrote(models, '${WORD}', 1) ran no query with a LIMIT: it read every matching author and cut the list in JavaScript. Pass limit: n to findAll.`,
    );
  });
});
