import { describe, it, expect } from 'vitest';
import type { Model, ModelStatic } from 'sequelize';
import { useLesson, callMixin, failIf } from '../../runner/kit/index.ts';

const lesson = useLesson<typeof import('./models.ts')>(import.meta.url);

const KEY = { references: 'Authors', column: 'authorId' } as const;

/** A fresh database whose Books.authorId is right (so the rows below link the way the lesson means). */
async function library() {
  const db = await lesson.open();
  // Beowulf below has no author: the key must allow NULL.
  await expect(db).toHaveForeignKey('Books', { ...KEY, allowNull: true });
  const { Author, Book } = db.models;
  const ursula = await Author.create({ name: 'Ursula K. Le Guin', country: 'US' });
  const italo = await Author.create({ name: 'Italo Calvino', country: 'IT' });
  const earthsea = await Book.create({ title: 'A Wizard of Earthsea', publishYear: 1968, authorId: ursula.get('id') });
  const dispossessed = await Book.create({ title: 'The Dispossessed', publishYear: 1974, authorId: ursula.get('id') });
  const cities = await Book.create({ title: 'Invisible Cities', publishYear: 1972, authorId: italo.get('id') });
  const beowulf = await Book.create({ title: 'Beowulf', publishYear: 1000 });
  return { db, ursula, italo, earthsea, dispossessed, cities, beowulf };
}

const titles = (books: Model[]) => {
  // A hasOne in place of the hasMany also has getBooks(), returning one book: name that, not a TypeError.
  failIf(Array.isArray(books) ? null : "getBooks() returned one row, not a list of books, as a hasOne does. Use Author.hasMany(Book, { as: 'books' }).");
  return books.map((b) => b.get('title')).sort();
};

describe('the association', () => {
  it("authors have 'books' (hasMany) and books have 'author' (belongsTo)", async () => {
    const { models } = await lesson.open();
    expect(models.Author).toHaveAssociation({ type: 'HasMany', target: 'Book', alias: 'books' });
    expect(models.Book).toHaveAssociation({ type: 'BelongsTo', target: 'Author', alias: 'author' });
  });

  it('Books has exactly one foreign key to Authors, named authorId', async () => {
    const db = await lesson.open();
    await expect(db).toHaveForeignKey('Books', KEY);
  });

  it('authorId is not unique (an author has many books) and allows NULL (a book may be anonymous)', async () => {
    const db = await lesson.open();
    await expect(db).toHaveForeignKey('Books', { ...KEY, unique: false, allowNull: true });
  });
});

describe('deleting an author', () => {
  it('the foreign key says ON DELETE RESTRICT', async () => {
    const db = await lesson.open();
    await expect(db).toHaveForeignKey('Books', { ...KEY, onDelete: 'RESTRICT' });
  });

  it('Books.authorId is the same whichever side is defined first', async () => {
    const db = await lesson.open();
    await expect(db).toHaveForeignKey('Books', KEY);
    await expect(db).toKeepKeysInEitherOrder(['Books.authorId']);
  });

  it('is refused while they still have books, and the books keep their author', async () => {
    const { db, ursula, earthsea } = await library();
    await expect(ursula).toRestrictDelete(earthsea);
    const again = await db.models.Book.findByPk(earthsea.get('id') as number);
    expect(again?.get('authorId'), 'The delete was refused, yet the book lost its author.').toBe(ursula.get('id'));
  });

  it('works once their books are removed from them (removeBook), and the books stay, anonymous', async () => {
    const { db, italo, cities } = await library();
    await callMixin(italo, 'removeBook', cities);
    await italo.destroy();
    const book = await db.models.Book.findByPk(cities.get('id') as number);
    expect(book, 'Deleting an author with no books left deleted a book.').not.toBeNull();
    expect(book?.get('authorId'), 'removeBook(book) should leave the book with authorId NULL.').toBeNull();
  });
});

describe('the mixins', () => {
  it('authors get getBooks, countBooks, hasBook, addBook, createBook, removeBook; books get getAuthor, setAuthor', async () => {
    const { models } = await lesson.open();
    expect(models.Author).toHaveMixins(['getBooks', 'countBooks', 'hasBook', 'addBook', 'addBooks', 'createBook', 'removeBook', 'setBooks']);
    expect(models.Book).toHaveMixins(['getAuthor', 'setAuthor', 'createAuthor']);
  });

  it("getBooks() and countBooks() see only that author's books", async () => {
    const { ursula, italo } = await library();
    expect(titles(await callMixin<Model[]>(ursula, 'getBooks')), 'ursula.getBooks() should return her two books and no one else\'s.').toEqual(['A Wizard of Earthsea', 'The Dispossessed']);
    expect(await callMixin<number>(italo, 'countBooks'), 'italo.countBooks() should count his one book.').toBe(1);
  });

  it('createBook() makes a book that belongs to the author', async () => {
    const { db, italo } = await library();
    const book = await callMixin<Model>(italo, 'createBook', { title: 'If on a winter\'s night a traveler', publishYear: 1979 });
    expect(book.get('authorId'), 'createBook() did not fill in authorId.').toBe(italo.get('id'));
    expect(await db.models.Book.count({ where: { authorId: italo.get('id') as number } })).toBe(2);
  });

  it('addBook() links an existing book, and hasBook() sees it', async () => {
    const { italo, beowulf, earthsea } = await library();
    expect(await callMixin<boolean>(italo, 'hasBook', beowulf), 'Beowulf is anonymous, yet italo.hasBook(beowulf) is true.').toBe(false);
    await callMixin(italo, 'addBook', beowulf);
    expect(await callMixin<boolean>(italo, 'hasBook', beowulf), 'After italo.addBook(beowulf), italo.hasBook(beowulf) is still false.').toBe(true);
    expect(await callMixin<boolean>(italo, 'hasBook', earthsea), "italo.hasBook() says yes to one of ursula's books.").toBe(false);
    await beowulf.reload();
    expect(beowulf.get('authorId'), 'addBook() should write the author\'s id into the book\'s authorId.').toBe(italo.get('id'));
  });

  it('removeBook() unlinks a book without deleting it', async () => {
    const { db, ursula, earthsea } = await library();
    await callMixin(ursula, 'removeBook', earthsea);
    expect(titles(await callMixin<Model[]>(ursula, 'getBooks'))).toEqual(['The Dispossessed']);
    expect(await db.models.Book.findByPk(earthsea.get('id') as number), 'removeBook() deleted the book; it should only clear its authorId.').not.toBeNull();
  });

  it('book.getAuthor() returns the author, and null for an anonymous book', async () => {
    const { ursula, dispossessed, beowulf } = await library();
    const author = await callMixin<Model | null>(dispossessed, 'getAuthor');
    expect(author?.get('name'), 'dispossessed.getAuthor() did not return its author.').toBe(ursula.get('name'));
    expect(await callMixin<Model | null>(beowulf, 'getAuthor')).toBeNull();
  });
});

describe('snake_case tables (underscored: true)', () => {
  /** The attributes Sequelize maps to magazines.publisher_id, and why each has its name. */
  function keyAttributes(Magazine: ModelStatic<Model>): string[] {
    return Object.entries(Magazine.getAttributes())
      .filter(([, a]) => (a as { field?: string }).field === 'publisher_id')
      .map(([name]) => name);
  }

  it('magazines.publisher_id references publishers', async () => {
    const db = await lesson.open();
    await expect(db).toHaveForeignKey('magazines', { references: 'publishers', column: 'publisher_id' });
  });

  it('Magazine.create({ title, publisherId }) stores the key, and publisher.getMagazines() finds it', async () => {
    const db = await lesson.open();
    await expect(db).toHaveForeignKey('magazines', { references: 'publishers', column: 'publisher_id' });
    const { Publisher, Magazine } = db.models;
    const acme = await Publisher.create({ name: 'Acme' });
    await Magazine.create({ title: 'Byte', publisherId: acme.get('id') });
    const [row] = (await db.sequelize.getQueryInterface().select(null, 'magazines', {})) as Array<Record<string, unknown>>;
    const names = keyAttributes(Magazine);
    const why = names.includes('PublisherId')
      ? 'with underscored: true and no foreignKey, Sequelize names the attribute from the model, PublisherId: underscored makes the column snake_case, not the attribute'
      : names.includes('publisher_id')
        ? "foreignKey: 'publisher_id' names the attribute itself publisher_id; underscored: true would have made its column publisher_id anyway"
        : 'no attribute is named publisherId';
    failIf(
      row?.publisher_id == null
        ? `Magazine.create({ title, publisherId }) stored publisher_id ${row ? 'NULL' : 'nowhere'}: Magazine has no attribute publisherId, so Sequelize ignored it. Its key's attribute is ${names.join(' and ') || 'missing'} (${why}). Write foreignKey: 'publisherId' on both sides: underscored: true stores it in publisher_id.`
        : null,
    );
    const found = await callMixin<Model[]>(acme, 'getMagazines');
    expect(found.map((m) => m.get('title')), 'acme.getMagazines() should find the magazine stored with its publisher_id.').toEqual(['Byte']);
  });

  it("the mixins set publisherId too: createMagazine() and setPublisher() (one name for the key on both sides)", async () => {
    const db = await lesson.open();
    await expect(db).toHaveForeignKey('magazines', { references: 'publishers', column: 'publisher_id' });
    const { Publisher, Magazine } = db.models;
    const acme = await Publisher.create({ name: 'Acme' });
    const made = await callMixin<Model>(acme, 'createMagazine', { title: 'Byte' });
    const moved = await Magazine.create({ title: 'Wired' });
    await callMixin(moved, 'setPublisher', acme);
    // A declaration without foreignKey keeps its own attribute (PublisherId) on the same column: name it.
    const bare = [...Object.values(Publisher.associations), ...Object.values(Magazine.associations)].filter((a) => a.foreignKey !== 'publisherId');
    const label = (a: (typeof bare)[number]) => `${a.source.name}.${a.associationType === 'HasMany' ? 'hasMany' : 'belongsTo'}(${a.target.name})`;
    for (const [call, row] of [['acme.createMagazine({ title })', made], ['magazine.setPublisher(acme)', moved]] as const) {
      failIf(
        row.get('publisherId') !== acme.get('id')
          ? `${call} left the magazine's publisherId ${String(row.get('publisherId'))}${bare.length ? `: ${bare.map(label).join(' and ')} has no foreignKey, so it sets its own attribute, ${bare.map((a) => a.foreignKey).join(', ')}, a second name for the column publisher_id` : ''}. Write foreignKey: 'publisherId' on both sides.`
          : null,
      );
    }
  });
});
