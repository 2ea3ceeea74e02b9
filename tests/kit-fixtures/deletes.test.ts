/**
 * checkDeleteEffect: deletes a real parent row and reports what happened to the child, and why.
 */
import { describe, expect, it } from 'vitest';
import { DataTypes, type Model } from 'sequelize';
import { checkDeleteEffect, checkForeignKey, checkMixins } from '../../runner/kit/index.ts';
import { article, Article } from '../../runner/kit/diagnose/similar.ts';
import { closeDatabasesAfterEach, db, libraryCards, model, profiles } from './helpers.ts';

closeDatabasesAfterEach();

type Row = Model & Record<string, (...args: unknown[]) => Promise<Model>>;

describe('wrong delete behaviour', () => {
  it('the seed tutorial: a profile linked by UserId survives, only profileId would cascade', async () => {
    const { User, Profile } = await profiles(({ User, Profile }) => {
      User.hasOne(Profile, { as: 'profile', onDelete: 'CASCADE' });
      Profile.belongsTo(User);
    });
    const user = await User.create({ name: 'Ada' });
    const profile = await Profile.create({ bio: 'hi', UserId: user.get('id') });
    const msg = await checkDeleteEffect(user, profile, 'cascade');
    expect(msg).toContain('its Profile was kept with its foreign key set to NULL; the lesson wants it deleted');
    expect(msg).toContain('Profiles has two foreign keys to Users');
    expect(msg).toContain('a cascade works only for rows linked through one of them');
  });

  it('onDelete on the side defined second', async () => {
    const { User, LibraryCard } = await libraryCards(({ User, LibraryCard }) => {
      LibraryCard.belongsTo(User, { foreignKey: 'userId' });
      User.hasOne(LibraryCard, { foreignKey: 'userId', onDelete: 'CASCADE' });
    });
    const user = (await User.create({ name: 'Ada' })) as Row;
    const card = await user.createLibraryCard({ cardNumber: 'C-1' });
    const msg = await checkDeleteEffect(user, card, 'cascade');
    expect(msg).toContain('kept with its foreign key set to NULL');
    expect(msg).toContain('defined first');
  });

  it('CASCADE where the lesson wants the delete refused', async () => {
    const { User, LibraryCard } = await libraryCards(({ User, LibraryCard }) => {
      User.hasMany(LibraryCard, { foreignKey: 'userId', onDelete: 'CASCADE' });
      LibraryCard.belongsTo(User, { foreignKey: 'userId', onDelete: 'CASCADE' });
    });
    const user = (await User.create({ name: 'Ada' })) as Row;
    const card = await user.createLibraryCard({ cardNumber: 'C-1' });
    const msg = await checkDeleteEffect(user, card, 'restrict');
    expect(msg).toContain('its LibraryCard was deleted; the lesson wants it kept, and the delete was refused');
    expect(msg).toContain('the lesson wants RESTRICT');
  });

  it('RESTRICT where the lesson wants SET NULL: the refusal is said once', async () => {
    const { User, LibraryCard } = await libraryCards(({ User, LibraryCard }) => {
      User.hasMany(LibraryCard, { foreignKey: 'userId', onDelete: 'RESTRICT' });
      LibraryCard.belongsTo(User, { foreignKey: 'userId', onDelete: 'RESTRICT' });
    });
    const user = (await User.create({ name: 'Ada' })) as Row;
    const card = await user.createLibraryCard({ cardNumber: 'C-1' });
    const msg = await checkDeleteEffect(user, card, 'set null');
    expect(msg).toContain('Deleting a User was refused by the database, so its LibraryCard was kept; the lesson wants it kept with its foreign key set to NULL.');
    expect(msg).not.toContain('and the delete was refused');
  });

  it('a paranoid parent expected to cascade, hooks: true and all: the soft delete is named, and hooks: true is not the way out', async () => {
    const { User, LibraryCard } = await libraryCards(
      ({ User, LibraryCard }) => {
        User.hasMany(LibraryCard, { foreignKey: 'userId', onDelete: 'CASCADE', hooks: true });
        LibraryCard.belongsTo(User, { foreignKey: 'userId', onDelete: 'CASCADE' });
      },
      { userOptions: { paranoid: true } },
    );
    const user = (await User.create({ name: 'Ada' })) as Row;
    const card = await user.createLibraryCard({ cardNumber: 'C-1' });
    const msg = await checkDeleteEffect(user, card, 'cascade');
    expect(msg).toContain('its LibraryCard was kept, still pointing at the deleted row; the lesson wants it deleted');
    expect(msg).toContain('User is paranoid: destroy() only set its deletedAt');
    expect(msg).toContain('hooks: true does not help');
    expect(msg).toContain('destroy({ force: true })');
    expect(msg).toContain('afterDestroy hook on User');
    // What the message says is what Sequelize does: hooks: true did not cascade the soft delete.
    expect(await LibraryCard.count()).toBe(1);
  });
});

describe('a refused delete is told once', () => {
  it('RESTRICT where the lesson wants a cascade', async () => {
    const { User } = await libraryCards(({ User, LibraryCard }) => {
      User.hasOne(LibraryCard, { foreignKey: 'userId', onDelete: 'RESTRICT' });
      LibraryCard.belongsTo(User, { foreignKey: 'userId', onDelete: 'RESTRICT' });
    });
    const user = (await User.create({ name: 'Ada' })) as Row;
    const card = await user.createLibraryCard({ cardNumber: 'C-1' });
    const msg = await checkDeleteEffect(user, card, 'cascade');
    expect(msg).toContain('Deleting a User was refused by the database, so its LibraryCard was kept; the lesson wants it deleted.');
    expect(msg).not.toContain('was kept, and the delete was refused');
  });
});

describe('correct delete behaviour accepted', () => {
  it('CASCADE on both sides, with a field mapping', async () => {
    const { User, LibraryCard } = await libraryCards(({ User, LibraryCard }) => {
      const fk = { name: 'userId', field: 'user_id', allowNull: false, unique: true };
      User.hasOne(LibraryCard, { foreignKey: fk, onDelete: 'CASCADE' });
      LibraryCard.belongsTo(User, { foreignKey: fk, onDelete: 'CASCADE' });
    });
    const user = (await User.create({ name: 'Ada' })) as Row;
    const card = await user.createLibraryCard({ cardNumber: 'C-1' });
    expect(await checkDeleteEffect(user, card, 'cascade')).toBeNull();
  });

  it('SET NULL with a field mapping and a custom primary key', async () => {
    const { User, LibraryCard } = await libraryCards(
      ({ User, LibraryCard }) => {
        const fk = { name: 'holderEmail', field: 'holder_email' };
        User.hasMany(LibraryCard, { foreignKey: fk, onDelete: 'SET NULL' });
        LibraryCard.belongsTo(User, { foreignKey: fk, onDelete: 'SET NULL' });
      },
      { userAttributes: { email: { type: DataTypes.STRING, primaryKey: true } } },
    );
    const user = (await User.create({ email: 'ada@example.com' })) as Row;
    const card = await user.createLibraryCard({ cardNumber: 'C-1' });
    expect(await checkDeleteEffect(user, card, 'set null')).toBeNull();
  });

  it('RESTRICT accepted', async () => {
    const { User, LibraryCard } = await libraryCards(({ User, LibraryCard }) => {
      User.hasMany(LibraryCard, { foreignKey: 'userId', onDelete: 'RESTRICT' });
      LibraryCard.belongsTo(User, { foreignKey: 'userId', onDelete: 'RESTRICT' });
    });
    const user = (await User.create({ name: 'Ada' })) as Row;
    const card = await user.createLibraryCard({ cardNumber: 'C-1' });
    expect(await checkDeleteEffect(user, card, 'restrict')).toBeNull();
  });
});

describe('messages name models in running text', () => {
  it('by sound: a User, a Unit, an Author, an Image, an Update', () => {
    expect(['User', 'Unit', 'Author', 'Image', 'Update', 'Book'].map(article)).toEqual(['a User', 'a Unit', 'an Author', 'an Image', 'an Update', 'a Book']);
  });

  it('at the start of a sentence and in the key and mixin messages: An Author, never A Author', async () => {
    expect(['Author', 'Book'].map(Article)).toEqual(['An Author', 'A Book']);
    const s = db();
    const Author = model(s, 'Author', { name: DataTypes.STRING });
    const Book = model(s, 'Book', { title: DataTypes.STRING });
    const key = { name: 'authorId', unique: true };
    Author.hasOne(Book, { as: 'books', foreignKey: key });
    Book.belongsTo(Author, { as: 'author', foreignKey: key });
    await s.sync();
    expect(checkMixins(Author, ['addBook'])).toContain('An Author is missing addBook');
    expect(await checkForeignKey(s, { table: 'Books', references: 'Authors', column: 'authorId', unique: false })).toContain('so an Author can have only one Book');
  });
});
