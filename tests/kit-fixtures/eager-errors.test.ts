/**
 * explainError on "no such column" from eager-loading queries (lesson 06): an included model's
 * column used at the top level, a separate include's column sorted at the top level, an order item
 * Sequelize cannot name. Each message names the mistake and the fix; correct queries do not throw.
 */
import { describe, expect, it } from 'vitest';
import { DataTypes, Op, type OrderItem } from 'sequelize';
import { explainError } from '../../runner/kit/index.ts';
import { closeDatabasesAfterEach, db, thrown } from './helpers.ts';

closeDatabasesAfterEach();

async function authors() {
  const s = db();
  const Author = s.define('Author', { name: DataTypes.STRING });
  const Book = s.define('Book', { title: DataTypes.STRING, publishYear: DataTypes.INTEGER });
  const Genre = s.define('Genre', { name: DataTypes.STRING });
  Author.hasMany(Book, { as: 'books', foreignKey: 'authorId' });
  Book.belongsTo(Author, { as: 'author', foreignKey: 'authorId' });
  Book.belongsToMany(Genre, { through: 'BookGenres', as: 'genres', foreignKey: 'bookId', otherKey: 'genreId' });
  await s.sync();
  const a = await Author.create({ name: 'Ursula' });
  await Book.create({ title: 'Earthsea', publishYear: 1968, authorId: a.get('id') });
  return { Author, Book };
}

describe('no such column', () => {
  it("an included model's column in the top-level order", async () => {
    const { Author } = await authors();
    const msg = explainError(await thrown(() => Author.findAll({ include: ['books'], order: [['publishYear', 'ASC']] })));
    expect(msg).toContain('The query asks Authors for publishYear, a column it does not have');
    expect(msg).toContain("this query joins 'books'");
    expect(msg).toContain("order: [['books', 'publishYear', 'ASC']]");
    expect(msg).toContain('(Sequelize said: SQLITE_ERROR: no such column: Author.publishYear)');
  });

  it("an included model's column in the top-level where", async () => {
    const { Author } = await authors();
    const msg = explainError(await thrown(() => Author.findAll({ where: { publishYear: { [Op.gt]: 1970 } }, include: ['books'] })));
    expect(msg).toContain("put the where inside that include, { association: 'books', where: { publishYear: ... } }");
    expect(msg).toContain("'$books.publishYear$'");
  });

  it('names only the direct includes, not nested join aliases', async () => {
    const { Author } = await authors();
    const msg = explainError(await thrown(() => Author.findAll({ include: [{ association: 'books', include: ['genres'] }], order: [['publishYear', 'ASC']] })));
    expect(msg).toContain("this query joins 'books')");
    expect(msg).not.toContain('->');
  });

  it("a separate include's column in the top-level order", async () => {
    const { Author } = await authors();
    const msg = explainError(await thrown(() => Author.findAll({ include: [{ association: 'books', separate: true }], order: [['books', 'publishYear', 'DESC']] })));
    expect(msg).toContain('The query uses books.publishYear, but books is not joined into it');
    expect(msg).toContain("{ association: 'books', separate: true, order: [['publishYear', 'DESC']] }");
  });

  it('an order item naming the model without the alias of its association', async () => {
    const { Author, Book } = await authors();
    const msg = explainError(await thrown(() => Author.findAll({ include: ['books'], order: [[Book, 'publishYear', 'ASC']] })));
    expect(msg).toContain('An order item names the model Book on its own');
    expect(msg).toContain("[{ model: Book, as: '<alias>' }, 'column', 'ASC']");
    expect(msg).toContain("(Sequelize said: Unable to find a valid association for model, 'Book')");
  });

  it('an order item Sequelize cannot turn into a table name', async () => {
    const { Author } = await authors();
    const item = [{ association: 'books' }, 'publishYear', 'ASC'] as unknown as OrderItem;
    const msg = explainError(await thrown(() => Author.findAll({ include: ['books'], order: [item] })));
    expect(msg).toContain("Name the association by its alias, order: [['books', 'publishYear', 'ASC']]");
  });

  it('a misspelt column with no include still gets a plain answer', async () => {
    const { Book } = await authors();
    const msg = explainError(await thrown(() => Book.findAll({ order: [['publishedYear', 'ASC']] })));
    expect(msg).toContain('The query asks Books for publishedYear, a column it does not have');
    expect(msg).toContain('check the spelling of publishedYear');
  });

  it('the correct spellings run', async () => {
    const { Author, Book } = await authors();
    const order: OrderItem[][] = [
      [['books', 'publishYear', 'ASC']],
      [[{ model: Book, as: 'books' }, 'publishYear', 'ASC']],
    ];
    for (const o of order) await expect(Author.findAll({ include: ['books'], order: o })).resolves.toHaveLength(1);
    await expect(Author.findAll({ where: { '$books.publishYear$': { [Op.gt]: 1960 } }, include: ['books'] })).resolves.toHaveLength(1);
    await expect(Author.findAll({ include: [{ association: 'books', separate: true, order: [['publishYear', 'DESC']] }] })).resolves.toHaveLength(1);
  });
});
