import { describe, it, expect } from 'vitest';
import type { Model, ModelStatic } from 'sequelize';
import { useLesson, explainError, failIf, leftOpen, refusedOutsideTransaction, type Statement } from '../../runner/kit/index.ts';

const lesson = useLesson<typeof import('./models.ts')>(import.meta.url);
const services = () => lesson.module<typeof import('./services.ts')>('services.ts');

/**
 * Runs `fn`, which must fail on the invalid row, and returns its error; fails the check when it
 * returned instead, or when it left its transaction open (an unmanaged t with no rollback in a catch:
 * on in-memory SQLite its rows stay visible, and "the row was kept" would blame the wrong thing).
 */
async function failure(db: { statements: Statement[] }, name: string, fn: () => Promise<unknown>, why: string): Promise<unknown> {
  const start = db.statements.length;
  let returned: unknown;
  try {
    returned = await fn();
  } catch (e) {
    failIf(isValidation(e) ? leftOpen(db.statements.slice(start), name) : null);
    return e;
  }
  const what = returned === null || returned === undefined ? String(returned) : 'a value';
  // bulkCreate writes all its rows in one INSERT ... VALUES (...),(...), and without validate: true it never runs the model's validations.
  const bulk = db.statements.slice(start).find((s) => /^INSERT INTO\b.*\bVALUES\s*\(.*\)\s*,\s*\(/is.test(s.sql));
  if (bulk) {
    const table = /^INSERT INTO\s+[`"]?(\w+)/i.exec(bulk.sql)?.[1] ?? 'the table';
    failIf(
      `${name} returned ${what} instead of throwing, and the invalid row is in ${table}: your bulkCreate inserted it unchecked. ` +
        `bulkCreate skips the model's validations unless you pass validate: true: bulkCreate(rows, { validate: true, transaction: t }) rejects the empty value before inserting anything.`,
    );
  }
  failIf(`${name} returned ${what} instead of throwing: ${why} If your code catches the error (try/catch, .catch), let it propagate or rethrow it.`);
}

/**
 * Runs `fn`, which should succeed. On PostgreSQL a mixin called without { transaction: t } fails
 * as a plain foreign-key error (its connection cannot see the uncommitted parent): say why.
 */
async function succeed<T>(db: { statements: Statement[] }, name: string, fn: () => Promise<T>): Promise<T> {
  const start = db.statements.length;
  try {
    return await fn();
  } catch (e) {
    failIf(refusedOutsideTransaction(db.statements.slice(start), e, name));
    throw e;
  }
}

/** `value` must be a row of `model` (a Profile has an id too: with both ids 1, returning it would look right). */
function returns(name: string, value: unknown, model: ModelStatic<Model>, from: string): asserts value is Model {
  const got = value === null || value === undefined ? String(value) : ((value as object).constructor?.name ?? typeof value);
  failIf(value instanceof model ? null : `${name} should return the new ${model.name} (${from}); it returned ${got === model.name ? 'another object' : got}.`);
}

/** A validation error, also when wrapped (bulkCreate with validate: true throws an AggregateError of them). */
function isValidation(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== 'object' || depth > 3) return false;
  const err = e as { name?: string; errors?: unknown[] };
  if (err.name === 'SequelizeValidationError') return true;
  const nested = [...(Array.isArray(err.errors) ? err.errors : []), (e as { errors?: unknown }).errors];
  return nested.some((x) => isValidation(x, depth + 1));
}

describe('createAuthorWithBooks', () => {
  it('creates the author and its books, linked by authorId', async () => {
    const { createAuthorWithBooks } = await services();
    const db = await lesson.open();
    const { Author, Book } = db.models;
    const author = await succeed(db, 'createAuthorWithBooks', () => createAuthorWithBooks(db.models, db.sequelize, { name: 'Ursula', books: [{ title: 'The Dispossessed' }, { title: 'Lathe of Heaven' }] }));
    returns('createAuthorWithBooks', author, Author, 'the row Author.create gives you: return it, or what sequelize.transaction(...) returns');
    expect(await Author.count(), 'createAuthorWithBooks should create exactly one author').toBe(1);
    const books = await Book.findAll({ where: { authorId: author.get('id') as number } });
    expect(
      books.length,
      `The author has ${books.length} books in the database; expected 2. Author.create(data) only inserts the Author's own columns and silently ignores the books key: create them in the same call with include: [{ association: 'books' }] (or with the createBook mixin).`,
    ).toBe(2);
  });

  it('is all or nothing: a book with an empty title leaves no author behind', async () => {
    const { createAuthorWithBooks } = await services();
    const db = await lesson.open();
    const e = await failure(
      db,
      'createAuthorWithBooks',
      () => createAuthorWithBooks(db.models, db.sequelize, { name: 'Ursula', books: [{ title: 'Ok' }, { title: '' }] }),
      'it should create the books, and a book with an empty title fails validation.',
    );
    expect(isValidation(e), `createAuthorWithBooks failed, but not on the empty title's validation: ${explainError(e)}`).toBe(true);
    const left = await db.models.Author.count();
    expect(
      left,
      'The book failed, but the author row was kept. A nested create inserts the author first and the books after it, and it is not atomic on its own: wrap it in sequelize.transaction((t) => ...) and pass { transaction: t } to the create.',
    ).toBe(0);
    expect(await db.models.Book.count(), 'A book from the failed call was kept.').toBe(0);
  });

  it('runs every query in one transaction', async () => {
    const { createAuthorWithBooks } = await services();
    const db = await lesson.open();
    await expect(() => createAuthorWithBooks(db.models, db.sequelize, { name: 'Ursula', books: [{ title: 'Tehanu' }] })).toRunInOneTransaction(db);
  });
});

describe('signUp', () => {
  it('creates the user and a profile that points at them', async () => {
    const { signUp } = await services();
    const db = await lesson.open();
    const user = await succeed(db, 'signUp', () => signUp(db.models, db.sequelize, { username: 'ada', email: 'ada@example.com', displayName: 'Ada L.' }));
    returns('signUp', user, db.models.User, 'the row User.create gives you, not the profile');
    const profile = await db.models.Profile.findOne({ where: { userId: user.get('id') as number } });
    expect(profile, 'signUp created no Profile row for the new user (Profiles.userId = the user id).').not.toBeNull();
    expect(profile?.get('displayName')).toBe('Ada L.');
  });

  it('runs every query in one transaction', async () => {
    const { signUp } = await services();
    const db = await lesson.open();
    await expect(() => signUp(db.models, db.sequelize, { username: 'ada', displayName: 'Ada' })).toRunInOneTransaction(db);
  });

  it('an invalid profile (empty displayName) leaves no user behind', async () => {
    const { signUp } = await services();
    const db = await lesson.open();
    const e = await failure(db, 'signUp', () => signUp(db.models, db.sequelize, { username: 'grace', displayName: '' }), 'an empty displayName fails the Profile\'s validation.');
    expect(isValidation(e), `signUp failed, but not on the profile's validation: ${explainError(e)}`).toBe(true);
    expect(
      await db.models.User.count(),
      'The profile failed validation, but the user row was kept: a half-made account. Create both inside one sequelize.transaction(async (t) => ...) and pass { transaction: t } to User.create AND to user.createProfile(values, { transaction: t }).',
    ).toBe(0);
  });
});

describe('addBooks', () => {
  async function withAuthor() {
    const db = await lesson.open();
    const author = await db.models.Author.create({ name: 'Octavia' });
    db.statements.length = 0;
    return { db, authorId: author.get('id') as number };
  }

  it('adds every title to the author', async () => {
    const { addBooks } = await services();
    const { db, authorId } = await withAuthor();
    const books: Model[] = await succeed(db, 'addBooks', () => addBooks(db.models, db.sequelize, authorId, ['Kindred', 'Dawn']));
    expect(books.length, 'addBooks should return the books it created').toBe(2);
    books.forEach((b) => returns('addBooks', b, db.models.Book, 'an array of the Book rows it created'));
    const titles = (await db.models.Book.findAll({ where: { authorId }, order: [['title', 'ASC']] })).map((b) => b.get('title'));
    expect(titles, 'The author does not have exactly the two new books in the database.').toEqual(['Dawn', 'Kindred']);
  });

  it('runs every query in one transaction, mixins included', async () => {
    const { addBooks } = await services();
    const { db, authorId } = await withAuthor();
    await expect(() => addBooks(db.models, db.sequelize, authorId, ['Kindred', 'Dawn'])).toRunInOneTransaction(db);
  });

  it('one empty title: none of the books are kept', async () => {
    const { addBooks } = await services();
    const { db, authorId } = await withAuthor();
    const e = await failure(db, 'addBooks', () => addBooks(db.models, db.sequelize, authorId, ['Kindred', '', 'Dawn']), 'an empty title fails validation (bulkCreate skips validation unless you pass validate: true).');
    expect(isValidation(e), `addBooks failed, but not on the empty title's validation: ${explainError(e)}`).toBe(true);
    const kept = await db.models.Book.count();
    expect(
      kept,
      `The second title failed, but ${kept} book${kept === 1 ? ' was' : 's were'} kept. Run the whole loop inside one sequelize.transaction(async (t) => ...) and pass { transaction: t } to every createBook call, so a failure rolls them all back.`,
    ).toBe(0);
  });
});

describe('closeAccount', () => {
  /** Two users with profiles and emails: only the one closed may change. */
  async function twoAccounts() {
    const db = await lesson.open();
    const ids: number[] = [];
    for (const name of ['ada', 'bob']) {
      const user = await db.models.User.create({ username: name, email: `${name}@example.com` });
      await db.models.Profile.create({ displayName: name.toUpperCase(), userId: user.get('id') });
      ids.push(user.get('id') as number);
    }
    db.statements.length = 0;
    return { db, ada: ids[0], bob: ids[1] };
  }

  it("deletes the user's profile and clears their email, and nobody else's", async () => {
    const { closeAccount } = await services();
    const { db, ada, bob } = await twoAccounts();
    await closeAccount(db.models, db.sequelize, ada);
    const profiles = await db.models.Profile.findAll({ order: [['userId', 'ASC']] });
    const users = await db.models.User.findAll({ order: [['id', 'ASC']] });
    const email = (id: number) => users.find((u) => u.get('id') === id)?.get('email');
    failIf(profiles.some((p) => p.get('userId') === ada) ? "closeAccount left the user's profile: delete it, Profile.destroy({ where: { userId }, transaction: t })." : null);
    failIf(email(ada) !== null ? `closeAccount left the user's email as ${JSON.stringify(email(ada))}: set it to NULL, User.update({ email: null }, { where: { id: userId }, transaction: t }).` : null);
    failIf(
      !profiles.some((p) => p.get('userId') === bob) || email(bob) !== 'bob@example.com'
        ? "closeAccount changed another user's account too: give update and destroy a where that names this user (a destroy or update without where reaches every row)."
        : null,
    );
    failIf(users.length !== 2 ? `closeAccount left ${users.length} users; it closes an account without deleting the user (the email is cleared, the row stays).` : null);
  });

  it('runs both statements in one transaction', async () => {
    const { closeAccount } = await services();
    const { db, ada } = await twoAccounts();
    await expect(() => closeAccount(db.models, db.sequelize, ada)).toRunInOneTransaction(db);
  });
});
