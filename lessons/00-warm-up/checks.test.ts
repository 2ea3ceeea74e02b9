import { describe, it, expect } from 'vitest';
import { ValidationError, type Model, type ModelStatic } from 'sequelize';
import { useLesson, failIf, explainError } from '../../runner/kit/index.ts';

const lesson = useLesson<typeof import('./models.ts')>(import.meta.url);

const valid = { title: 'Dune', isbn: '9780441013593', pages: 412 };

/** Creating `values` must be refused by validation, and the message says which rule is missing. */
async function refused(Book: ModelStatic<Model>, values: Record<string, unknown>, missing: string) {
  // A refusal only means something if a valid book gets through (a misspelt validator refuses everything).
  const control = await Book.build(valid).validate().then(
    () => null,
    (e: unknown) => explainError(e).split('\n')[0],
  );
  failIf(control ? `Even a valid book (${JSON.stringify(valid)}) is refused: ${control} Fix that first; then this check can tell whether this book is refused for the right reason.` : null);
  const attempt = await Book.create(values).then(
    () => 'saved',
    (e: unknown) => (e instanceof ValidationError ? 'refused' : `failed with ${(e as Error).message}`),
  );
  failIf(attempt === 'saved' ? `A book with ${JSON.stringify(values)} was saved. ${missing}` : null);
  failIf(attempt === 'refused' ? null : `Saving ${JSON.stringify(values)} ${attempt}; expected Sequelize to refuse it with a validation error. ${missing}`);
}

describe('the Book model', () => {
  it('exists, and a valid book can be saved', async () => {
    const { models, schema } = await lesson.open();
    expect(models.Book, 'defineModels must return { Book }').toBeDefined();
    expect(await schema.hasTable('Books'), 'there is no Books table: define the model as sequelize.define(\'Book\', ...)').toBe(true);
    const book = await models.Book.create(valid);
    expect(book.get('id'), 'saving a valid book did not give it an id').toBeDefined();
  });
});

describe('title', () => {
  it('is NOT NULL in the database', async () => {
    const { schema } = await lesson.open();
    const col = await schema.column('Books', 'title');
    failIf(!col ? 'Books has no title column: add a title attribute.' : null);
    failIf(col!.notNull ? null : 'Books.title allows NULL. Make it required: title: { type: DataTypes.STRING, allowNull: false }.');
  });

  it('may not be empty', async () => {
    const { models } = await lesson.open();
    await refused(models.Book, { ...valid, title: '' }, "An empty title should be refused: add validate: { notEmpty: true } to title.");
  });
});

describe('isbn', () => {
  it('is a string, required and unique in the database', async () => {
    const { schema } = await lesson.open();
    const col = await schema.column('Books', 'isbn');
    failIf(!col ? 'Books has no isbn column: add isbn: { type: DataTypes.STRING, ... }.' : null);
    // An ISBN is text, not a number: it can start with 0 (lost in an INTEGER) or end in X.
    failIf(/CHAR|TEXT|CLOB/i.test(col!.type) ? null : `Books.isbn is ${col!.type}, but an ISBN is text: it can start with 0 or end in X. Use type: DataTypes.STRING.`);
    failIf(col!.notNull ? null : 'Books.isbn allows NULL: add allowNull: false.');
    failIf((await schema.isUnique('Books', 'isbn')) ? null : 'Books.isbn is not unique, so two books could share an ISBN: add unique: true.');
  });

  it('must be 10 to 13 characters long', async () => {
    const { models } = await lesson.open();
    const rule = "Add validate: { len: [10, 13] } to isbn.";
    // Just outside each end of the range, so a loose len such as [5, 13] is caught too.
    await refused(models.Book, { ...valid, isbn: '044101359' }, `A 9-character ISBN should be refused. ${rule}`);
    await refused(models.Book, { ...valid, isbn: '12345678901234' }, `A 14-character ISBN should be refused. ${rule}`);
    await expect(models.Book.create({ ...valid, isbn: '0441013597' }), 'a 10-character ISBN was refused').resolves.toBeDefined();
  });
});

describe('pages', () => {
  it('is an integer of at least 1', async () => {
    const { models, schema } = await lesson.open();
    const col = await schema.column('Books', 'pages');
    failIf(!col ? 'Books has no pages column: add pages: { type: DataTypes.INTEGER, ... }.' : null);
    failIf(/INT/i.test(col!.type) ? null : `Books.pages is ${col!.type}; use DataTypes.INTEGER.`);
    await refused(models.Book, { ...valid, pages: 0 }, 'A book with 0 pages should be refused: add validate: { min: 1 } to pages.');
  });
});
