import { describe, it, expect } from 'vitest';
import type { Model } from 'sequelize';
import {
  useLesson,
  callMixin,
  failIf,
  checkIncluded,
  checkThroughHidden,
  checkIncludedAttributes,
} from '../../runner/kit/index.ts';

const lesson = useLesson<typeof import('./models.ts')>(import.meta.url);
const queries = () => lesson.module<typeof import('./queries.ts')>('queries.ts');

const URSULA = 'Ursula K. Le Guin';
const ITALO = 'Italo Calvino';
const OCTAVIA = 'Octavia E. Butler';
const TONI = 'Toni Morrison';
const AUTHORS = [URSULA, ITALO, OCTAVIA, TONI];

/** Inserted in this order, so the ids (and an unordered join) do not follow the years. Toni Morrison has no books here yet, and Dawn no genre. */
const BOOKS = [
  { title: 'The Dispossessed', year: 1974, author: URSULA, genres: ['science fiction'] },
  { title: 'A Wizard of Earthsea', year: 1968, author: URSULA, genres: ['fantasy'] },
  { title: 'The Left Hand of Darkness', year: 1969, author: URSULA, genres: ['science fiction'] },
  { title: 'Invisible Cities', year: 1972, author: ITALO, genres: ['literary', 'fantasy'] },
  { title: 'The Baron in the Trees', year: 1957, author: ITALO, genres: ['literary'] },
  // Published in YEAR itself: not "after" it, so { [Op.gte]: year } wrongly keeps it (and Italo).
  { title: 'The Castle of Crossed Destinies', year: 1973, author: ITALO, genres: ['fantasy'] },
  { title: 'Kindred', year: 1979, author: OCTAVIA, genres: ['science fiction', 'literary'] },
  { title: 'Parable of the Sower', year: 1993, author: OCTAVIA, genres: ['science fiction'] },
  // No genre yet: a required genres include (INNER JOIN) would drop it.
  { title: 'Dawn', year: 1987, author: OCTAVIA, genres: [] },
];
const YEAR = 1973;
const N = 2;

async function library() {
  const db = await lesson.open();
  const { Author, Book, Genre } = db.models;
  const authors = new Map<string, Model>();
  for (const name of AUTHORS) authors.set(name, await Author.create({ name }));
  const genres = new Map<string, Model>();
  for (const name of ['fantasy', 'science fiction', 'literary']) genres.set(name, await Genre.create({ name }));
  for (const b of BOOKS) {
    const book = await Book.create({ title: b.title, publishYear: b.year, authorId: authors.get(b.author)!.get('id') });
    await callMixin(book, 'addGenres', b.genres.map((g) => genres.get(g)));
  }
  db.statements.length = 0;
  return { db, ursula: authors.get(URSULA)! };
}

/** Six more authors with two books each: enough for a query per author to stand out. */
async function crowded() {
  const { db, ursula } = await library();
  for (let i = 1; i <= 6; i++) {
    const author = await db.models.Author.create({ name: `Author ${i}` });
    await db.models.Book.bulkCreate([1990, 2000].map((y) => ({ title: `Book ${i}-${y}`, publishYear: y, authorId: author.get('id') })));
  }
  db.statements.length = 0;
  return { db, ursula };
}

// --- reading what came back ---------------------------------------------------------------------

const and = (xs: string[]) => (xs.length > 1 ? `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}` : (xs[0] ?? 'nothing'));
const quoted = (titles: string[]) => (titles.length ? and(titles.map((t) => `"${t}"`)) : 'no books');
const yearOf = (title: string) => BOOKS.find((b) => b.title === title)?.year;
const withYears = (titles: string[]) => and(titles.map((t) => `"${t}" (${yearOf(t) ?? '?'})`));
const asList = (rows: Model[] | Model | null | undefined): Model[] => (rows == null ? [] : Array.isArray(rows) ? rows : [rows]);
const nameOf = (author: Model) => author.get('name') as string;
const booksOf = (author: Model) => asList(author.get('books') as Model[] | undefined);
const titlesOf = (author: Model) => booksOf(author).map((b) => b.get('title') as string);
const sorted = (xs: string[]) => [...xs].sort();

/** What each author should come back with: name → titles. */
function expected(keep: (b: (typeof BOOKS)[number]) => boolean, authors = AUTHORS): Record<string, string[]> {
  return Object.fromEntries(authors.map((a) => [a, BOOKS.filter((b) => b.author === a && keep(b)).map((b) => b.title)]));
}

interface Fixes {
  /** Why the authors left out should be there, and what to change. */
  missing?: string;
  /** Why the extra authors should not be there, and what to change (given the extra authors' rows). */
  extra?: string | ((rows: Model[]) => string);
  /** What to change when an author has the wrong books. */
  books?: (got: string[], want: string[]) => string;
}

/** null when the rows are exactly the authors of `want`, each with exactly those books (any order). */
function shelfProblem(result: Model[] | Model | null, want: Record<string, string[]>, what: string, fix: Fixes = {}): string | null {
  const rows = asList(result);
  const loaded = checkIncluded(rows, 'books', what);
  if (loaded) return loaded;
  const got = new Map(rows.map((a) => [nameOf(a), titlesOf(a)]));
  const missing = Object.keys(want).filter((name) => !got.has(name));
  if (missing.length) return `${what} left out ${and(missing)}. ${fix.missing ?? ''}`.trim();
  const extra = [...got.keys()].filter((name) => !(name in want));
  if (extra.length) {
    const why = typeof fix.extra === 'function' ? fix.extra(rows.filter((a) => extra.includes(nameOf(a)))) : (fix.extra ?? '');
    return `${what} returned ${and(extra)}, who should not be there. ${why}`.trim();
  }
  if (rows.length !== got.size) return `${what} returned some authors more than once (${rows.length} rows for ${got.size} authors). Return the rows of one findAll, as they come.`;
  for (const [name, titles] of Object.entries(want)) {
    const mine = got.get(name)!;
    if (JSON.stringify(sorted(mine)) !== JSON.stringify(sorted(titles))) {
      return `${what} gave ${name} ${quoted(mine)}; expected ${quoted(titles)}. ${fix.books?.(mine, titles) ?? ''}`.trim();
    }
  }
  return null;
}


// --- the checks ---------------------------------------------------------------------------------

describe('getAuthorWithBooks(models, id)', () => {
  it('returns the author with their books loaded, oldest first', async () => {
    const { db, ursula } = await library();
    const { getAuthorWithBooks } = await queries();
    const author = await getAuthorWithBooks(db.models, ursula.get('id') as number);
    expect(author?.get('name'), `getAuthorWithBooks(models, ${ursula.get('id')}) did not return ${URSULA}.`).toBe(URSULA);
    failIf(shelfProblem(author, expected(() => true, [URSULA]), 'getAuthorWithBooks'));
    const want = BOOKS.filter((b) => b.author === URSULA).sort((a, b) => a.year - b.year).map((b) => b.title);
    const got = titlesOf(author!);
    // Newest first: the order is in the right place, only its direction is wrong.
    failIf(
      JSON.stringify(got) === JSON.stringify([...want].reverse())
        ? `getAuthorWithBooks returned ${URSULA}'s books newest first: ${withYears(got)}. The order is in the right place; it should be oldest first, 'ASC': order: [['books', 'publishYear', 'ASC']].`
        : null,
    );
    failIf(
      JSON.stringify(got) === JSON.stringify(want)
        ? null
        : `getAuthorWithBooks returned ${URSULA}'s books in this order: ${withYears(got)}. They should be oldest first: ${withYears(want)}. ` +
            `Without an order, the database returns joined rows in whatever order suits it. Sort by the included column at the top level of the query, naming the association first: ` +
            `order: [['books', 'publishYear', 'ASC']] (an order written inside a joined include is ignored).`,
    );
  });

  it('runs one query', async () => {
    const { db, ursula } = await library();
    const { getAuthorWithBooks } = await queries();
    await expect(() => getAuthorWithBooks(db.models, ursula.get('id') as number)).toRunAtMostQueries(db, 1, 'getAuthorWithBooks');
  });

  it('returns null for an author who does not exist', async () => {
    const { db } = await library();
    const { getAuthorWithBooks } = await queries();
    expect(await getAuthorWithBooks(db.models, 999), 'getAuthorWithBooks(models, 999) should return null: there is no author 999.').toBeNull();
  });
});

describe('authorsWithBooksAndGenres(models)', () => {
  it('returns every author, each book with its genres (a nested include)', async () => {
    const { db } = await library();
    const { authorsWithBooksAndGenres } = await queries();
    const rows = await authorsWithBooksAndGenres(db.models);
    failIf(
      shelfProblem(rows, expected(() => true), 'authorsWithBooksAndGenres', {
        missing: `Every author belongs in the result, even one without books (their books list is just empty): an include is a LEFT JOIN unless it is required.`,
        books: (got, want) =>
          want.filter((t) => !got.includes(t)).every((t) => BOOKS.find((b) => b.title === t)?.genres.length === 0)
            ? `A book without genres is missing: the genres include is required (required: true, or a where in it), so it is an INNER JOIN that drops the books with no genre. Leave the genres include optional.`
            : '',
      }),
    );
    failIf(checkIncluded(rows, 'books.genres', 'authorsWithBooksAndGenres'));
    for (const book of rows.flatMap(booksOf)) {
      const title = book.get('title') as string;
      const got = asList(book.get('genres') as Model[]).map((g) => g.get('name') as string);
      const want = BOOKS.find((b) => b.title === title)!.genres;
      expect(sorted(got), `"${title}" came back with the genres ${and(got)}; it has ${and(want)}.`).toEqual(sorted(want));
    }
  });

  it('leaves the join table out: no BookGenres on each genre', async () => {
    const { db } = await library();
    const { authorsWithBooksAndGenres } = await queries();
    const rows = await authorsWithBooksAndGenres(db.models);
    failIf(checkIncluded(rows, 'books.genres', 'authorsWithBooksAndGenres'));
    failIf(checkThroughHidden(rows.flatMap(booksOf), 'genres', 'authorsWithBooksAndGenres'));
  });

  it('runs one query, however many authors there are', async () => {
    const { db } = await crowded();
    const { authorsWithBooksAndGenres } = await queries();
    await expect(() => authorsWithBooksAndGenres(db.models)).toRunAtMostQueries(db, 1, 'authorsWithBooksAndGenres');
  });
});

const after = (b: (typeof BOOKS)[number]) => b.year > YEAR;
/** A where of { [Op.gte]: year } keeps the books of YEAR itself: name that before anything else. */
const GTE = `"${BOOKS.find((b) => b.year === YEAR)!.title}" was published in ${YEAR} itself, not after it: "after" means { [Op.gt]: year }, not { [Op.gte]: year } (>= keeps the year itself).`;
const WITH_BOOKS_AFTER = AUTHORS.filter((a) => BOOKS.some((b) => b.author === a && after(b)));

describe('authorsWithBooksAfter(models, year): only the authors who have one', () => {
  it(`returns only the authors with a book after ${YEAR}, each with just those books`, async () => {
    const { db } = await library();
    const { authorsWithBooksAfter } = await queries();
    const what = `authorsWithBooksAfter(models, ${YEAR})`;
    failIf(
      shelfProblem(await authorsWithBooksAfter(db.models, YEAR), expected(after, WITH_BOOKS_AFTER), what, {
        missing: `They do have books published after ${YEAR}.`,
        // Extra authors with an empty list: the where filtered the books but required: false kept every author.
        // Extra authors with their old books: nothing filtered the books at all (e.g. required: true and no where).
        extra: (rows) =>
          rows.some((a) => booksOf(a).length) && rows.flatMap(booksOf).every((b) => b.get('publishYear') === YEAR)
            ? GTE
            : rows.some((a) => booksOf(a).length)
            ? `They have no book published after ${YEAR}, yet came back with their older books: nothing filters the books. ` +
              `Put the where inside the books include: { association: 'books', where: { publishYear: { [Op.gt]: year } } }. It makes the include required (an INNER JOIN), which drops the authors with no matching book.`
            : `They have no book published after ${YEAR}. required: false makes the include a LEFT JOIN, which keeps every author; ` +
              `without it, a where inside the include makes the include required (an INNER JOIN), and that is what drops the authors with no matching book. Remove required: false.`,
        books: (got) =>
          got.some((t) => yearOf(t) === YEAR)
            ? GTE
            : `Filter the books inside the include, so the where applies to them: { association: 'books', where: { publishYear: { [Op.gt]: year } } }.`,
      }),
    );
  });

  it('runs one query', async () => {
    const { db } = await crowded();
    const { authorsWithBooksAfter } = await queries();
    await expect(() => authorsWithBooksAfter(db.models, YEAR)).toRunAtMostQueries(db, 1, 'authorsWithBooksAfter');
  });
});

describe('allAuthorsWithBooksAfter(models, year): every author', () => {
  it(`returns every author, each with just their books after ${YEAR} (an empty list for the others)`, async () => {
    const { db } = await library();
    const { allAuthorsWithBooksAfter } = await queries();
    const what = `allAuthorsWithBooksAfter(models, ${YEAR})`;
    failIf(
      shelfProblem(await allAuthorsWithBooksAfter(db.models, YEAR), expected(after), what, {
        missing:
          `A where inside an include makes the include required: Sequelize writes an INNER JOIN, and authors without a matching book disappear. ` +
          `Add required: false to that include: a LEFT JOIN with the where in its ON clause keeps every author, with an empty books list. ` +
          `(A top-level where on '$books.publishYear$' drops them too: it filters the joined rows after the join.)`,
        books: (got) =>
          got.some((t) => yearOf(t) === YEAR) && got.every((t) => (yearOf(t) ?? 0) >= YEAR)
            ? GTE
            : `Each author carries only their books published after ${YEAR}: the where belongs inside the books include, next to required: false.`,
      }),
    );
  });

  it('runs one query', async () => {
    const { db } = await crowded();
    const { allAuthorsWithBooksAfter } = await queries();
    await expect(() => allAuthorsWithBooksAfter(db.models, YEAR)).toRunAtMostQueries(db, 1, 'allAuthorsWithBooksAfter');
  });
});

describe('authorsWithBookTitles(models)', () => {
  it('returns every author with their books, each book carrying only id and title', async () => {
    const { db } = await library();
    const { authorsWithBookTitles } = await queries();
    const rows = await authorsWithBookTitles(db.models);
    failIf(shelfProblem(rows, expected(() => true), 'authorsWithBookTitles', { missing: 'Every author belongs in the result, even one without books.' }));
    failIf(checkIncludedAttributes(rows, 'books', ['id', 'title'], 'authorsWithBookTitles'));
    const bare = rows.flatMap(booksOf).some((b) => b.get('id') == null);
    failIf(bare ? `authorsWithBookTitles: the books came back without their id. Keep it next to the title: attributes: ['id', 'title'].` : null);
  });

  it('runs one query', async () => {
    const { db } = await crowded();
    const { authorsWithBookTitles } = await queries();
    await expect(() => authorsWithBookTitles(db.models)).toRunAtMostQueries(db, 1, 'authorsWithBookTitles');
  });
});

describe('latestBooksPerAuthor(models, n)', () => {
  it(`returns every author, each with their ${N} most recent books`, async () => {
    const { db } = await library();
    const { latestBooksPerAuthor } = await queries();
    const want = Object.fromEntries(
      AUTHORS.map((a) => [a, BOOKS.filter((b) => b.author === a).sort((x, y) => y.year - x.year).slice(0, N).map((b) => b.title)]),
    );
    failIf(
      shelfProblem(await latestBooksPerAuthor(db.models, N), want, `latestBooksPerAuthor(models, ${N})`, {
        missing:
          `Every author belongs in the result. A limit on the findAll itself limits the authors (with a hasMany include, Sequelize puts the authors in a subquery and applies the LIMIT there). ` +
          `To limit each author's books, give the books include its own limit; that needs a query of its own: { association: 'books', separate: true, order: [['publishYear', 'DESC']], limit: n }.`,
        books: (got, wanted) =>
          got.length > wanted.length
            ? `The limit must apply to each author's books: put it inside the include, with separate: true: { association: 'books', separate: true, order: [['publishYear', 'DESC']], limit: n }.`
            : `Those are not the most recent (${withYears(got)}). The order inside the include decides which books the limit keeps: order: [['publishYear', 'DESC']].`,
      }),
    );
  });

  it('runs at most two queries, however many authors there are', async () => {
    const { db } = await crowded();
    const { latestBooksPerAuthor } = await queries();
    await expect(() => latestBooksPerAuthor(db.models, N)).toRunAtMostQueries(db, 2, 'latestBooksPerAuthor');
  });
});
