import { describe, it, expect } from 'vitest';
import { UniqueConstraintError, type Model } from 'sequelize';
import { useLesson } from '../../runner/kit/index.ts';

const lesson = useLesson<typeof import('./models.ts')>(import.meta.url);

async function userWithCard() {
  const db = await lesson.open();
  const { User, LibraryCard } = db.models;
  const user = await User.create({ name: 'Ada', email: 'ada@example.com' });
  const card = await LibraryCard.create({ cardNumber: 'C-001', userId: user.get('id') });
  return { db, user, card };
}

describe('the association', () => {
  it('User.hasOne(LibraryCard) and LibraryCard.belongsTo(User) are both declared', async () => {
    const { models } = await lesson.open();
    expect(models.User).toHaveAssociation({ type: 'HasOne', target: 'LibraryCard' });
    expect(models.LibraryCard).toHaveAssociation({ type: 'BelongsTo', target: 'User' });
  });

  it('LibraryCards has exactly one foreign key to Users, named userId', async () => {
    const db = await lesson.open();
    await expect(db).toHaveForeignKey('LibraryCards', { references: 'Users', column: 'userId' });
  });
});

describe('a real one-to-one', () => {
  it('userId is unique in the database', async () => {
    const db = await lesson.open();
    await expect(db).toHaveForeignKey('LibraryCards', { references: 'Users', column: 'userId', unique: true });
  });

  it('a second card for the same user is refused', async () => {
    const { db, user } = await userWithCard();
    await expect(db).toHaveForeignKey('LibraryCards', { references: 'Users', column: 'userId', unique: true });
    const second = db.models.LibraryCard.create({ cardNumber: 'C-002', userId: user.get('id') });
    await expect(second, 'the database accepted a second card for the same user').rejects.toBeInstanceOf(UniqueConstraintError);
  });

  it('a card cannot exist without a user (userId is NOT NULL)', async () => {
    const db = await lesson.open();
    await expect(db).toHaveForeignKey('LibraryCards', { references: 'Users', column: 'userId', allowNull: false });
  });
});

describe('deleting a user', () => {
  it('the foreign key says ON DELETE CASCADE', async () => {
    const db = await lesson.open();
    await expect(db).toHaveForeignKey('LibraryCards', { references: 'Users', column: 'userId', onDelete: 'CASCADE' });
  });

  it('LibraryCards.userId is the same whichever side is defined first', async () => {
    const db = await lesson.open();
    await expect(db).toHaveForeignKey('LibraryCards', { references: 'Users', column: 'userId' });
    await expect(db).toKeepKeysInEitherOrder(['LibraryCards.userId']);
  });

  it('really deletes their card', async () => {
    const { user, card } = await userWithCard();
    await expect(user).toCascadeOnDelete(card);
  });
});

describe('the mixins', () => {
  it('users get getLibraryCard, setLibraryCard and createLibraryCard; cards get getUser', async () => {
    const { models } = await lesson.open();
    expect(models.User).toHaveMixins(['getLibraryCard', 'setLibraryCard', 'createLibraryCard']);
    expect(models.LibraryCard).toHaveMixins(['getUser', 'setUser']);
  });

  it('createLibraryCard and getLibraryCard work on a real user', async () => {
    const db = await lesson.open();
    await expect(db).toHaveForeignKey('LibraryCards', { references: 'Users', column: 'userId' });
    const user = (await db.models.User.create({ name: 'Grace' })) as Model & {
      createLibraryCard(values: object): Promise<Model>;
      getLibraryCard(): Promise<Model | null>;
    };
    await user.createLibraryCard({ cardNumber: 'C-100' });
    const card = await user.getLibraryCard();
    expect(card?.get('cardNumber'), 'getLibraryCard() did not return the card createLibraryCard() made').toBe('C-100');
    expect(card?.get('userId')).toBe(user.get('id'));
  });
});
