/**
 * checkAssociation and checkMixins: the alias missing, misspelt or different; the wrong type; only
 * one side declared. And the correct declarations, in either order and style, accepted.
 */
import { describe, expect, it } from 'vitest';
import { checkAssociation, checkMixins } from '../../runner/kit/index.ts';
import { closeDatabasesAfterEach, libraryCards, type Style } from './helpers.ts';

closeDatabasesAfterEach();

const HAS_CARD = { type: 'HasOne', target: 'LibraryCard', alias: 'card' } as const;

describe('the alias', () => {
  it('missing: Sequelize named the association after the model', async () => {
    const { User } = await libraryCards(({ User, LibraryCard }) => {
      User.hasOne(LibraryCard);
      LibraryCard.belongsTo(User);
    });
    const msg = checkAssociation(User, HAS_CARD);
    expect(msg).toContain("it has no `as`, so Sequelize named it 'LibraryCard'");
    expect(msg).toContain("Add as: 'card'");
  });

  it("misspelt: as: 'crad'", async () => {
    const { User } = await libraryCards(({ User, LibraryCard }) => {
      User.hasOne(LibraryCard, { as: 'crad' });
      LibraryCard.belongsTo(User);
    });
    const msg = checkAssociation(User, HAS_CARD);
    expect(msg).toContain("the alias 'crad' looks like a misspelling of 'card'");
  });

  it("a different case: as: 'Card'", async () => {
    const { User } = await libraryCards(({ User, LibraryCard }) => {
      User.hasOne(LibraryCard, { as: 'Card' });
      LibraryCard.belongsTo(User);
    });
    expect(checkAssociation(User, HAS_CARD)).toContain("'Card' differs only in case from 'card'");
  });

  it("a different alias: as: 'libraryCard'", async () => {
    const { User } = await libraryCards(({ User, LibraryCard }) => {
      User.hasOne(LibraryCard, { as: 'libraryCard' });
      LibraryCard.belongsTo(User);
    });
    expect(checkAssociation(User, HAS_CARD)).toContain("its alias is 'libraryCard'; the lesson uses 'card'");
  });

  it('mixins: no alias, so getLibraryCard instead of getCard', async () => {
    const { User } = await libraryCards(({ User, LibraryCard }) => {
      User.hasOne(LibraryCard);
      LibraryCard.belongsTo(User);
    });
    const msg = checkMixins(User, ['getCard', 'setCard']);
    expect(msg).toContain('missing getCard, setCard');
    expect(msg).toContain('named after the association');
    expect(msg).toContain('getLibraryCard');
  });

  it('mixins: a hasMany gives plural mixins (getCards), the lesson wants getCard', async () => {
    const { User } = await libraryCards(({ User, LibraryCard }) => {
      User.hasMany(LibraryCard, { as: 'cards' });
      LibraryCard.belongsTo(User);
    });
    expect(checkMixins(User.build(), ['getCard'])).toContain('getCard (you have getCards: the alias decides the name)');
  });
});

describe('the type of association', () => {
  it('hasMany where the lesson wants hasOne', async () => {
    const { User } = await libraryCards(({ User, LibraryCard }) => {
      User.hasMany(LibraryCard);
      LibraryCard.belongsTo(User);
    });
    expect(checkAssociation(User, { type: 'HasOne', target: 'LibraryCard' })).toContain('User.hasMany(LibraryCard) is a hasMany (many, with the key on the other table), but the lesson wants a hasOne');
  });

  it('hasOne where the lesson wants hasMany (the alias right, the type wrong)', async () => {
    const { User } = await libraryCards(({ User, LibraryCard }) => {
      User.hasOne(LibraryCard, { as: 'cards' });
      LibraryCard.belongsTo(User);
    });
    expect(checkAssociation(User, { type: 'HasMany', target: 'LibraryCard', alias: 'cards' })).toContain(
      "User.hasOne(LibraryCard, { as: 'cards' }) is a hasOne (one, with the key on the other table), but the lesson wants a hasMany (many, with the key on the other table): use User.hasMany(LibraryCard, { as: 'cards' })",
    );
  });

  it('belongsTo where the lesson wants hasOne (the key on the wrong table)', async () => {
    const { User } = await libraryCards(({ User, LibraryCard }) => {
      User.belongsTo(LibraryCard);
      LibraryCard.hasOne(User);
    });
    expect(checkAssociation(User, { type: 'HasOne', target: 'LibraryCard' })).toContain('is a belongsTo (one, with the key on this table)');
  });

  it('hasOne where the lesson wants belongsTo', async () => {
    const { LibraryCard } = await libraryCards(({ User, LibraryCard }) => {
      User.hasOne(LibraryCard);
      LibraryCard.hasOne(User);
    });
    expect(checkAssociation(LibraryCard, { type: 'BelongsTo', target: 'User' })).toContain('LibraryCard.hasOne(User) is a hasOne');
  });

  it('only one side declared', async () => {
    const { User } = await libraryCards(({ User, LibraryCard }) => {
      LibraryCard.belongsTo(User);
    });
    const msg = checkAssociation(User, { type: 'HasOne', target: 'LibraryCard' });
    expect(msg).toContain('You declared LibraryCard.belongsTo(User), the other side; a relationship needs both');
  });
});

describe('correct declarations are accepted', () => {
  for (const style of ['define', 'class'] as Style[]) {
    for (const order of ['hasOne first', 'belongsTo first']) {
      it(`${style} style, ${order}`, async () => {
        const { User, LibraryCard } = await libraryCards(({ User, LibraryCard }) => {
          const fk = { name: 'userId', allowNull: false, unique: true };
          if (order === 'hasOne first') User.hasOne(LibraryCard, { as: 'card', foreignKey: fk, onDelete: 'CASCADE' });
          LibraryCard.belongsTo(User, { as: 'holder', foreignKey: fk, onDelete: 'CASCADE' });
          if (order !== 'hasOne first') User.hasOne(LibraryCard, { as: 'card', foreignKey: fk, onDelete: 'CASCADE' });
        }, { style });
        expect(checkAssociation(User, HAS_CARD)).toBeNull();
        expect(checkAssociation(LibraryCard, { type: 'BelongsTo', target: 'User', alias: 'holder' })).toBeNull();
        expect(checkAssociation(LibraryCard, { type: 'BelongsTo', target: 'User' })).toBeNull();
        expect(checkMixins(User, ['getCard', 'setCard', 'createCard'])).toBeNull();
        expect(checkMixins(LibraryCard.build(), ['getHolder', 'setHolder'])).toBeNull();
      });
    }
  }
});
