/**
 * checkForeignKey on one-to-one / one-to-many mistakes: every wrong answer is rejected with a message
 * that names the mistake; every correct way of writing the answer is accepted.
 */
import { describe, expect, it } from 'vitest';
import { DataTypes } from 'sequelize';
import { checkForeignKey, checkOrderIndependent, explainError, inventory } from '../../runner/kit/index.ts';
import { CARD_KEY, closeDatabasesAfterEach, db, libraryCards, profiles, thrown, type Style } from './helpers.ts';

closeDatabasesAfterEach();

describe('two foreign keys to the same parent', () => {
  it("the seed tutorial: hasOne(Profile, { as: 'profile', onDelete: 'CASCADE' }) + belongsTo(User) gives profileId and UserId", async () => {
    const { s } = await profiles(({ User, Profile }) => {
      User.hasOne(Profile, { as: 'profile', onDelete: 'CASCADE' });
      Profile.belongsTo(User);
    });
    const msg = await checkForeignKey(s, { table: 'Profiles', references: 'Users' });
    expect(msg).toContain("Profiles has two foreign keys to Users: profileId from User.hasOne(Profile, { as: 'profile' }) and UserId from Profile.belongsTo(User)");
    expect(msg).toContain("named its key after the alias 'profile' (profileId)");
    expect(msg).toMatch(/an `as` on hasOne changes its default key name to <alias> \+ the primary key \(hasMany keeps the model name\)/);
    // The half-working cascade: the two keys disagree on deletes.
    expect(msg).toContain('profileId is ON DELETE CASCADE and UserId is ON DELETE SET NULL');
    expect(msg).toContain('give both sides the same foreignKey');
  });

  it('an alias on belongsTo only: ownerId next to UserId', async () => {
    const { s } = await libraryCards(({ User, LibraryCard }) => {
      User.hasOne(LibraryCard);
      LibraryCard.belongsTo(User, { as: 'owner' });
    });
    const msg = await checkForeignKey(s, { table: 'LibraryCards', references: 'Users', column: 'userId' });
    expect(msg).toMatch(/two foreign keys to Users: UserId from User\.hasOne\(LibraryCard\) and ownerId from LibraryCard\.belongsTo\(User, \{ as: 'owner' \}\)/);
    expect(msg).toContain("after the alias 'owner' (ownerId)");
    expect(msg).toContain("give both sides the same foreignKey (foreignKey: 'userId')");
  });

  it('foreignKey on one side only: userId and UserId clash in SQLite (names ignore case), sync fails', async () => {
    const e = await thrown(() =>
      libraryCards(({ User, LibraryCard }) => {
        User.hasOne(LibraryCard, { foreignKey: 'userId' });
        LibraryCard.belongsTo(User);
      }),
    );
    const msg = explainError(e);
    expect(msg).toContain('LibraryCards would get two columns named userId and UserId');
    expect(msg).toContain('Give both sides the same foreignKey');
    expect(msg).toContain('(Sequelize said: SQLITE_ERROR: duplicate column name: UserId)');
  });

  it('the same clash, with the declarations known: the message names the line behind each spelling', async () => {
    const s = db();
    const Author = s.define('Author', { name: DataTypes.STRING });
    const Book = s.define('Book', { title: DataTypes.STRING });
    Author.hasMany(Book, { as: 'books' });
    Book.belongsTo(Author, { as: 'author' });
    const e = await thrown(() => s.sync());
    const msg = explainError(e, { associations: inventory(s) });
    expect(msg).toContain('Books would get two columns named AuthorId and authorId');
    expect(msg).toContain("AuthorId from Author.hasMany(Book, { as: 'books' }); authorId from Book.belongsTo(Author, { as: 'author' })");
  });

  it('foreignKey on one side only (a name that does not clash): the other side derives its own', async () => {
    const { s } = await libraryCards(({ User, LibraryCard }) => {
      User.hasOne(LibraryCard, { foreignKey: 'holderId' });
      LibraryCard.belongsTo(User);
    });
    const msg = await checkForeignKey(s, { ...CARD_KEY, column: 'holderId' });
    expect(msg).toMatch(/two foreign keys/);
    expect(msg).toContain('LibraryCard.belongsTo(User) has no foreignKey, so Sequelize named its key after the model name User (UserId)');
    expect(msg).toContain("foreignKey: 'holderId'");
  });

  it('foreignKey as an object without a name: column options given, the name still derived (from the alias)', async () => {
    const { s } = await libraryCards(({ User, LibraryCard }) => {
      User.hasOne(LibraryCard, { as: 'card', foreignKey: { allowNull: false, unique: true } as never });
      LibraryCard.belongsTo(User, { foreignKey: { allowNull: false, unique: true } as never });
    });
    const msg = await checkForeignKey(s, CARD_KEY);
    expect(msg).toMatch(/two foreign keys/);
    expect(msg).toContain("User.hasOne(LibraryCard, { as: 'card' }) has no foreignKey, so Sequelize named its key after the alias 'card' (cardId)");
    expect(msg).not.toContain("foreignKey: 'cardId'");
    expect(inventory(s).find((a) => a.type === 'HasOne')?.explicit.foreignKey).toBe(false);
  });

  it('two different explicit names', async () => {
    const { s } = await libraryCards(({ User, LibraryCard }) => {
      User.hasOne(LibraryCard, { foreignKey: 'userId' });
      LibraryCard.belongsTo(User, { foreignKey: 'ownerId' });
    });
    const msg = await checkForeignKey(s, CARD_KEY);
    expect(msg).toMatch(/two foreign keys/);
    expect(msg).toContain('Each side named a different foreignKey');
  });

  it('a custom primary key: the derived names follow it (cardEmail, UserEmail), not <alias>Id', async () => {
    const { s } = await libraryCards(
      ({ User, LibraryCard }) => {
        User.hasOne(LibraryCard, { as: 'card' });
        LibraryCard.belongsTo(User);
      },
      { userAttributes: { email: { type: DataTypes.STRING, primaryKey: true } } },
    );
    const msg = await checkForeignKey(s, { table: 'LibraryCards', references: 'Users', column: 'userEmail' });
    expect(msg).toMatch(/two foreign keys/);
    expect(msg).toContain('(cardEmail)');
    expect(msg).toContain('(UserEmail)');
  });
});

describe('the key has the wrong name', () => {
  it("the lesson 01 starter: both sides default to UserId, the lesson wants userId", async () => {
    const { s } = await libraryCards(({ User, LibraryCard }) => {
      User.hasOne(LibraryCard);
      LibraryCard.belongsTo(User);
    });
    const msg = await checkForeignKey(s, CARD_KEY);
    expect(msg).toContain('is called UserId');
    expect(msg).toContain("Set foreignKey: 'userId' on both sides");
  });
});

describe('options on the side defined second are silently ignored', () => {
  it('onDelete only on hasOne, belongsTo defined first', async () => {
    const { s } = await libraryCards(({ User, LibraryCard }) => {
      LibraryCard.belongsTo(User, { foreignKey: 'userId' });
      User.hasOne(LibraryCard, { foreignKey: 'userId', onDelete: 'CASCADE' });
    });
    const msg = await checkForeignKey(s, { table: 'LibraryCards', references: 'Users', column: 'userId', onDelete: 'CASCADE' });
    expect(msg).toContain("though you wrote onDelete: 'CASCADE' on User.hasOne(LibraryCard, { foreignKey: 'userId' })");
    expect(msg).toContain("LibraryCard.belongsTo(User, { foreignKey: 'userId' }) was defined first");
    expect(msg).toContain('silently ignores');
  });

  it('onDelete only on belongsTo, hasOne defined first', async () => {
    const { s } = await libraryCards(({ User, LibraryCard }) => {
      User.hasOne(LibraryCard, { foreignKey: 'userId' });
      LibraryCard.belongsTo(User, { foreignKey: 'userId', onDelete: 'CASCADE' });
    });
    const msg = await checkForeignKey(s, { table: 'LibraryCards', references: 'Users', column: 'userId', onDelete: 'CASCADE' });
    expect(msg).toContain('defined first');
    expect(msg).toContain('ON DELETE SET NULL');
    expect(msg).toContain("though you wrote onDelete: 'CASCADE' on LibraryCard.belongsTo(User, { foreignKey: 'userId' })");
    expect(msg).toContain("User.hasOne(LibraryCard, { foreignKey: 'userId' }) was defined first");
    expect(msg).toContain("silently ignores the onDelete of the side defined second. Put onDelete: 'CASCADE' on both sides");
  });

  it('the first side wrote its own onDelete: the message says so, not "its default"', async () => {
    const { s } = await libraryCards(({ User, LibraryCard }) => {
      // hasMany keeps the options as written (belongsTo and hasOne write their defaults into them).
      User.hasMany(LibraryCard, { foreignKey: 'userId', onDelete: 'CASCADE' });
      LibraryCard.belongsTo(User, { foreignKey: 'userId', onDelete: 'SET NULL' });
    });
    const msg = await checkForeignKey(s, { table: 'LibraryCards', references: 'Users', column: 'userId', onDelete: 'SET NULL' });
    expect(msg).toContain("created the column with ON DELETE CASCADE, because it says onDelete: 'CASCADE' itself");
    expect(msg).not.toContain('its default');
  });

  it('allowNull: false only on the side defined second', async () => {
    const { s } = await libraryCards(({ User, LibraryCard }) => {
      const strict = { name: 'userId', allowNull: false, unique: true };
      LibraryCard.belongsTo(User, { foreignKey: 'userId', onDelete: 'CASCADE' });
      User.hasOne(LibraryCard, { foreignKey: strict, onDelete: 'CASCADE' });
    });
    const msg = await checkForeignKey(s, CARD_KEY);
    expect(msg).toContain('LibraryCards.userId allows NULL');
    expect(msg).toContain('defined first');
    expect(msg).toContain("foreignKey: { name: 'userId', allowNull: false } on both sides");
  });

  it('allowNull: false only on belongsTo, hasMany defined first', async () => {
    const { s } = await libraryCards(({ User, LibraryCard }) => {
      User.hasMany(LibraryCard, { foreignKey: 'userId' });
      LibraryCard.belongsTo(User, { foreignKey: { name: 'userId', allowNull: false } });
    });
    const msg = await checkForeignKey(s, { table: 'LibraryCards', references: 'Users', column: 'userId', allowNull: false });
    expect(msg).toContain("LibraryCards.userId allows NULL, though LibraryCard.belongsTo(User, { foreignKey: 'userId' }) says allowNull: false");
    expect(msg).toContain("User.hasMany(LibraryCard, { foreignKey: 'userId' }) was defined first and created the column");
    expect(msg).toContain('the allowNull of the side defined second was silently ignored');
  });

  it('allowNull: false only on the side defined second, with field: user_id: the fix names the attribute and its field', async () => {
    const { s } = await libraryCards(({ User, LibraryCard }) => {
      LibraryCard.belongsTo(User, { foreignKey: { name: 'userId', field: 'user_id' } });
      User.hasOne(LibraryCard, { foreignKey: { name: 'userId', field: 'user_id', allowNull: false } });
    });
    const msg = await checkForeignKey(s, { table: 'LibraryCards', references: 'Users', column: 'userId', allowNull: false });
    expect(msg).toContain('LibraryCards.user_id allows NULL');
    expect(msg).toContain('defined first');
    // name: 'user_id' would declare a second attribute: the name is the attribute's.
    expect(msg).toContain("foreignKey: { name: 'userId', field: 'user_id', allowNull: false } on both sides");
  });

  it('onUpdate only on the side defined second', async () => {
    const { s } = await libraryCards(({ User, LibraryCard }) => {
      User.hasMany(LibraryCard, { foreignKey: 'userId' });
      LibraryCard.belongsTo(User, { foreignKey: 'userId', onUpdate: 'RESTRICT' });
    });
    const msg = await checkForeignKey(s, { table: 'LibraryCards', references: 'Users', column: 'userId', onUpdate: 'RESTRICT' });
    expect(msg).toContain('ON UPDATE CASCADE');
    expect(msg).toContain('defined first');
    expect(msg).toContain("though you wrote onUpdate: 'RESTRICT' on LibraryCard.belongsTo(User, { foreignKey: 'userId' })");
    expect(msg).toContain('silently ignores the onUpdate of the side defined second');
  });

  it('with a field mapping, the message still finds the declarations', async () => {
    const { s } = await libraryCards(({ User, LibraryCard }) => {
      const fk = { name: 'userId', field: 'user_id', allowNull: false, unique: true };
      LibraryCard.belongsTo(User, { foreignKey: fk });
      User.hasOne(LibraryCard, { foreignKey: fk, onDelete: 'CASCADE' });
    });
    const msg = await checkForeignKey(s, CARD_KEY);
    expect(msg).toContain('ON DELETE NO ACTION for LibraryCards.user_id');
    expect(msg).toContain('defined first');
  });
});

describe('missing options', () => {
  it('no onDelete anywhere: SET NULL, the lesson wants CASCADE', async () => {
    const { s } = await libraryCards(({ User, LibraryCard }) => {
      User.hasOne(LibraryCard, { foreignKey: 'userId' });
      LibraryCard.belongsTo(User, { foreignKey: 'userId' });
    });
    const msg = await checkForeignKey(s, { table: 'LibraryCards', references: 'Users', column: 'userId', onDelete: 'CASCADE' });
    expect(msg).toContain('sets LibraryCards.userId to NULL');
    expect(msg).toContain("Add onDelete: 'CASCADE' to both sides");
  });

  it('no allowNull: false anywhere', async () => {
    const { s } = await libraryCards(({ User, LibraryCard }) => {
      User.hasOne(LibraryCard, { foreignKey: 'userId' });
      LibraryCard.belongsTo(User, { foreignKey: 'userId' });
    });
    expect(await checkForeignKey(s, { table: 'LibraryCards', references: 'Users', column: 'userId', allowNull: false })).toContain('allows NULL, so a row could exist without its parent');
  });
});

describe('the key is on the wrong table', () => {
  it('declared the wrong way round (LibraryCard.hasOne(User), User.belongsTo(LibraryCard))', async () => {
    const { s } = await libraryCards(({ User, LibraryCard }) => {
      LibraryCard.hasOne(User);
      User.belongsTo(LibraryCard);
    });
    const msg = await checkForeignKey(s, CARD_KEY);
    expect(msg).toContain('The foreign key is on the wrong table: Users.LibraryCardId points at LibraryCards');
    expect(msg).toContain('LibraryCard.belongsTo(User)');
  });

  it('the wrong way round with an explicit key name', async () => {
    const { s } = await libraryCards(({ User, LibraryCard }) => {
      LibraryCard.hasOne(User, { foreignKey: 'cardId' });
      User.belongsTo(LibraryCard, { foreignKey: 'cardId' });
    });
    expect(await checkForeignKey(s, CARD_KEY)).toMatch(/wrong table: Users\.cardId/);
  });

  it('constraints: false leaves a column the database does not know is a key', async () => {
    const { s } = await libraryCards(({ User, LibraryCard }) => {
      User.hasOne(LibraryCard, { foreignKey: 'userId', constraints: false });
      LibraryCard.belongsTo(User, { foreignKey: 'userId', constraints: false });
    });
    const msg = await checkForeignKey(s, CARD_KEY);
    expect(msg).toContain('LibraryCards has a userId column but no REFERENCES to Users');
    expect(msg).toContain('has constraints: false, so the database does not know about the relationship. Remove constraints: false.');
  });

  it('no association at all', async () => {
    const { s } = await libraryCards(() => {});
    expect(await checkForeignKey(s, CARD_KEY)).toContain('has no foreign key to Users yet');
  });

  it('underscored: true renamed the table', async () => {
    const { s } = await libraryCards(
      ({ User, LibraryCard }) => {
        User.hasOne(LibraryCard, { foreignKey: 'userId' });
        LibraryCard.belongsTo(User, { foreignKey: 'userId' });
      },
      { cardOptions: { underscored: true } },
    );
    const msg = await checkForeignKey(s, CARD_KEY);
    expect(msg).toContain('There is no LibraryCards table, but there is library_cards');
    expect(msg).toContain('underscored: true');
  });
});

describe('a one-to-one whose key is not unique', () => {
  it('hasOne without unique', async () => {
    const { s } = await libraryCards(({ User, LibraryCard }) => {
      const fk = { name: 'userId', allowNull: false };
      User.hasOne(LibraryCard, { foreignKey: fk, onDelete: 'CASCADE' });
      LibraryCard.belongsTo(User, { foreignKey: fk, onDelete: 'CASCADE' });
    });
    const msg = await checkForeignKey(s, CARD_KEY);
    expect(msg).toContain('LibraryCards.userId is not unique');
    expect(msg).toContain('hasOne does not make the key unique by itself');
  });

  it('hasMany where the lesson wants hasOne', async () => {
    const { s } = await libraryCards(({ User, LibraryCard }) => {
      const fk = { name: 'userId', allowNull: false };
      User.hasMany(LibraryCard, { foreignKey: fk, onDelete: 'CASCADE' });
      LibraryCard.belongsTo(User, { foreignKey: fk, onDelete: 'CASCADE' });
    });
    const msg = await checkForeignKey(s, CARD_KEY);
    expect(msg).toContain('not unique');
    expect(msg).toContain("User.hasMany(LibraryCard, { foreignKey: 'userId' }) says one-to-many");
  });

  it('a unique key where the lesson wants one-to-many', async () => {
    const { s } = await libraryCards(({ User, LibraryCard }) => {
      const fk = { name: 'userId', unique: true };
      User.hasMany(LibraryCard, { foreignKey: fk });
      LibraryCard.belongsTo(User, { foreignKey: fk });
    });
    expect(await checkForeignKey(s, { table: 'LibraryCards', references: 'Users', column: 'userId', unique: false })).toContain('is unique, so a User can have only one LibraryCard');
  });
});

describe('correct answers are accepted', () => {
  const full = { name: 'userId', allowNull: false, unique: true };
  for (const style of ['define', 'class'] as Style[]) {
    it(`${style} style, hasOne defined first`, async () => {
      const { s } = await libraryCards(({ User, LibraryCard }) => {
        User.hasOne(LibraryCard, { foreignKey: full, onDelete: 'CASCADE' });
        LibraryCard.belongsTo(User, { foreignKey: full, onDelete: 'CASCADE' });
      }, { style });
      expect(await checkForeignKey(s, CARD_KEY)).toBeNull();
    });

    it(`${style} style, belongsTo defined first`, async () => {
      const { s } = await libraryCards(({ User, LibraryCard }) => {
        LibraryCard.belongsTo(User, { foreignKey: { ...full }, onDelete: 'CASCADE' });
        User.hasOne(LibraryCard, { foreignKey: { ...full }, onDelete: 'CASCADE' });
      }, { style });
      expect(await checkForeignKey(s, CARD_KEY)).toBeNull();
    });
  }

  it('class/init style, the key declared in init, foreignKey strings and aliases, belongsTo defined first', async () => {
    const { s } = await libraryCards(
      ({ User, LibraryCard }) => {
        LibraryCard.belongsTo(User, { as: 'holder', foreignKey: 'userId', onDelete: 'CASCADE' });
        User.hasOne(LibraryCard, { as: 'card', foreignKey: 'userId', onDelete: 'CASCADE' });
      },
      { style: 'class', cardAttributes: { userId: { type: DataTypes.INTEGER, allowNull: false, unique: true } } },
    );
    expect(await checkForeignKey(s, CARD_KEY)).toBeNull();
    expect(await checkOrderIndependent(s, { table: 'LibraryCards', column: 'userId' })).toBeNull();
  });

  it('the solution of lesson 01 (one shared foreignKey object)', async () => {
    const { defineModels } = await import('../../solutions/01-one-to-one/models.ts');
    const s = db();
    defineModels(s);
    await s.sync();
    expect(await checkForeignKey(s, CARD_KEY)).toBeNull();
  });

  // The key itself is right; checkSharedOptions (cascade-hooks.ts) separately warns that Sequelize
  // writes into a shared options object (hooks: true nobody wrote). Not this check's business.
  it('one options object shared by both sides: the foreign key is right', async () => {
    const { s } = await libraryCards(({ User, LibraryCard }) => {
      const options = { foreignKey: { name: 'userId', allowNull: false, unique: true }, onDelete: 'CASCADE' };
      User.hasOne(LibraryCard, options);
      LibraryCard.belongsTo(User, options);
    });
    expect(await checkForeignKey(s, CARD_KEY)).toBeNull();
  });

  it('foreignKey as a string, the column declared as a model attribute', async () => {
    const { s } = await libraryCards(
      ({ User, LibraryCard }) => {
        User.hasOne(LibraryCard, { foreignKey: 'userId', onDelete: 'CASCADE' });
        LibraryCard.belongsTo(User, { foreignKey: 'userId', onDelete: 'CASCADE' });
      },
      { cardAttributes: { userId: { type: DataTypes.INTEGER, allowNull: false, unique: true } } },
    );
    expect(await checkForeignKey(s, CARD_KEY)).toBeNull();
  });

  it('the key declared explicitly as an attribute with references (and onDelete)', async () => {
    const { s } = await libraryCards(
      ({ User, LibraryCard }) => {
        User.hasOne(LibraryCard, { foreignKey: 'userId' });
        LibraryCard.belongsTo(User, { foreignKey: 'userId' });
      },
      { cardAttributes: { userId: { type: DataTypes.INTEGER, allowNull: false, unique: true, references: { model: 'Users', key: 'id' }, onDelete: 'CASCADE' } } },
    );
    expect(await checkForeignKey(s, CARD_KEY)).toBeNull();
  });

  it('the key declared as an attribute with references, and no association at all', async () => {
    const { s } = await libraryCards(() => {}, {
      cardAttributes: { userId: { type: DataTypes.INTEGER, allowNull: false, unique: true, references: { model: 'Users', key: 'id' }, onDelete: 'CASCADE' } },
    });
    expect(await checkForeignKey(s, CARD_KEY)).toBeNull();
  });

  it('a field mapping: attribute userId stored in column user_id', async () => {
    const { s } = await libraryCards(({ User, LibraryCard }) => {
      const fk = { name: 'userId', field: 'user_id', allowNull: false, unique: true };
      User.hasOne(LibraryCard, { foreignKey: fk, onDelete: 'CASCADE' });
      LibraryCard.belongsTo(User, { foreignKey: fk, onDelete: 'CASCADE' });
    });
    expect(await checkForeignKey(s, CARD_KEY)).toBeNull();
    expect(await checkForeignKey(s, { ...CARD_KEY, column: 'user_id' })).toBeNull();
  });

  it('underscored models checked by their own table names', async () => {
    const { s } = await libraryCards(
      ({ User, LibraryCard }) => {
        User.hasOne(LibraryCard, { foreignKey: full, onDelete: 'CASCADE' });
        LibraryCard.belongsTo(User, { foreignKey: full, onDelete: 'CASCADE' });
      },
      { userOptions: { underscored: true }, cardOptions: { underscored: true } },
    );
    expect(await checkForeignKey(s, { ...CARD_KEY, table: 'library_cards', references: 'users' })).toBeNull();
    expect(await checkForeignKey(s, { ...CARD_KEY, table: 'library_cards', references: 'users', column: 'user_id' })).toBeNull();
  });

  it('a custom primary key on the parent', async () => {
    const { s } = await libraryCards(
      ({ User, LibraryCard }) => {
        const fk = { name: 'userEmail', allowNull: false, unique: true };
        User.hasOne(LibraryCard, { foreignKey: fk, onDelete: 'CASCADE' });
        LibraryCard.belongsTo(User, { foreignKey: fk, onDelete: 'CASCADE' });
      },
      { userAttributes: { email: { type: DataTypes.STRING, primaryKey: true }, name: DataTypes.STRING } },
    );
    expect(await checkForeignKey(s, { ...CARD_KEY, column: 'userEmail' })).toBeNull();
  });

  it('tableName and freezeTableName', async () => {
    const { s } = await libraryCards(
      ({ User, LibraryCard }) => {
        User.hasOne(LibraryCard, { foreignKey: full, onDelete: 'CASCADE' });
        LibraryCard.belongsTo(User, { foreignKey: full, onDelete: 'CASCADE' });
      },
      { userOptions: { tableName: 'people' }, cardOptions: { freezeTableName: true } },
    );
    expect(await checkForeignKey(s, { ...CARD_KEY, table: 'LibraryCard', references: 'people' })).toBeNull();
  });

  it('a one-to-many with hasMany and belongsTo agreeing', async () => {
    const { s } = await libraryCards(({ User, LibraryCard }) => {
      User.hasMany(LibraryCard, { foreignKey: 'userId', onDelete: 'CASCADE' });
      LibraryCard.belongsTo(User, { foreignKey: 'userId', onDelete: 'CASCADE' });
    });
    expect(await checkForeignKey(s, { table: 'LibraryCards', references: 'Users', column: 'userId', unique: false, onDelete: 'CASCADE' })).toBeNull();
  });
});

describe('the same column whichever side is defined first (checkOrderIndependent)', () => {
  const CARD = { table: 'LibraryCards', column: 'userId' };

  it("onDelete only on the side defined first: right today, SET NULL in the other order", async () => {
    const { s } = await libraryCards(({ User, LibraryCard }) => {
      User.hasOne(LibraryCard, { foreignKey: 'userId', onDelete: 'CASCADE' });
      LibraryCard.belongsTo(User, { foreignKey: 'userId' });
    });
    expect(await checkForeignKey(s, { table: 'LibraryCards', references: 'Users', column: 'userId', onDelete: 'CASCADE' })).toBeNull();
    const msg = await checkOrderIndependent(s, CARD);
    expect(msg).toContain('LibraryCards.userId is ON DELETE CASCADE only because of the order your associations were defined in');
    expect(msg).toContain("LibraryCard.belongsTo(User, { foreignKey: 'userId' }) would make it ON DELETE SET NULL");
    expect(msg).toContain("onDelete: 'CASCADE' (as now)");
  });

  it('allowNull: false only on one side', async () => {
    const { s } = await libraryCards(({ User, LibraryCard }) => {
      LibraryCard.belongsTo(User, { foreignKey: { name: 'userId', allowNull: false } });
      User.hasOne(LibraryCard, { foreignKey: 'userId' });
    });
    const msg = await checkOrderIndependent(s, CARD);
    expect(msg).toContain('LibraryCards.userId is NOT NULL only because of the order');
    expect(msg).toContain("foreignKey: { name: 'userId', allowNull: false } (as now)");
  });

  for (const style of ['define', 'class'] as const) {
    it(`the same options on both sides, either order, ${style} style: accepted`, async () => {
      for (const hasOneFirst of [true, false]) {
        const { s } = await libraryCards(
          ({ User, LibraryCard }) => {
            const options = () => ({ foreignKey: { name: 'userId', allowNull: false, unique: true }, onDelete: 'CASCADE' });
            if (hasOneFirst) User.hasOne(LibraryCard, options());
            LibraryCard.belongsTo(User, options());
            if (!hasOneFirst) User.hasOne(LibraryCard, options());
          },
          { style },
        );
        expect(await checkOrderIndependent(s, CARD)).toBeNull();
      }
    });
  }

  it('field: user_id, checked by the attribute name: still compares the two sides (names the attribute and its field)', async () => {
    const { s } = await libraryCards(({ User, LibraryCard }) => {
      User.hasOne(LibraryCard, { foreignKey: { name: 'userId', field: 'user_id', allowNull: false }, onDelete: 'CASCADE' });
      LibraryCard.belongsTo(User, { foreignKey: { name: 'userId', field: 'user_id' }, onDelete: 'CASCADE' });
    });
    for (const column of ['userId', 'user_id']) {
      const msg = await checkOrderIndependent(s, { table: 'LibraryCards', column });
      expect(msg).toContain('LibraryCards.user_id is NOT NULL only because of the order');
      expect(msg).toContain("foreignKey: { name: 'userId', field: 'user_id', allowNull: false } (as now)");
    }
  });

  it('underscored: true, checked by the attribute name: the fix names the attribute (underscored derives user_id)', async () => {
    const { s } = await libraryCards(
      ({ User, LibraryCard }) => {
        User.hasOne(LibraryCard, { foreignKey: { name: 'userId', allowNull: false }, onDelete: 'CASCADE' });
        LibraryCard.belongsTo(User, { foreignKey: 'userId', onDelete: 'CASCADE' });
      },
      { userOptions: { underscored: true }, cardOptions: { underscored: true } },
    );
    const msg = await checkOrderIndependent(s, { table: 'library_cards', column: 'userId' });
    expect(msg).toContain('library_cards.user_id is NOT NULL only because of the order');
    expect(msg).toContain("foreignKey: { name: 'userId', allowNull: false } (as now)");
  });

  for (const style of ['define', 'class'] as const) {
    it(`field-mapped keys (underscored: true, or field: 'user_id'), the same options on both sides, belongsTo first, ${style} style: accepted`, async () => {
      for (const mapping of ['underscored', 'field'] as const) {
        const options = () => ({ foreignKey: { name: 'userId', ...(mapping === 'field' ? { field: 'user_id' } : {}), allowNull: false, unique: true }, onDelete: 'CASCADE' });
        const modelOptions = mapping === 'underscored' ? { underscored: true } : {};
        const { s } = await libraryCards(
          ({ User, LibraryCard }) => {
            LibraryCard.belongsTo(User, options());
            User.hasOne(LibraryCard, options());
          },
          { style, userOptions: modelOptions, cardOptions: modelOptions },
        );
        const table = mapping === 'underscored' ? 'library_cards' : 'LibraryCards';
        expect(await checkOrderIndependent(s, { table, column: 'userId' })).toBeNull();
        expect(await checkOrderIndependent(s, { table, column: 'user_id' })).toBeNull();
        expect(await checkForeignKey(s, { ...CARD_KEY, table, references: mapping === 'underscored' ? 'users' : 'Users' })).toBeNull();
      }
    });
  }

  it("one side relies on a default that says the same (hasOne's CASCADE on a NOT NULL key): accepted", async () => {
    const { s } = await libraryCards(({ User, LibraryCard }) => {
      const key = { name: 'userId', allowNull: false };
      LibraryCard.belongsTo(User, { foreignKey: key, onDelete: 'CASCADE' });
      User.hasOne(LibraryCard, { foreignKey: { ...key } });
    });
    expect(await checkOrderIndependent(s, CARD)).toBeNull();
  });

  it('only one side declared: nothing to compare', async () => {
    const { s } = await libraryCards(({ User, LibraryCard }) => {
      LibraryCard.belongsTo(User, { foreignKey: 'userId', onDelete: 'CASCADE' });
    });
    expect(await checkOrderIndependent(s, CARD)).toBeNull();
  });
});
