/**
 * Lesson 07 solved. Every function opens a managed transaction (sequelize.transaction(async (t) => ...)):
 * it commits when the callback resolves and rolls back when it throws. Every query inside passes
 * { transaction: t }, mixins included.
 */
import type { CreateOptions, Model, Sequelize } from 'sequelize';
import type { defineModels } from './models.ts';

type Models = ReturnType<typeof defineModels>;

type UserRow = Model & { createProfile(values: object, options?: CreateOptions): Promise<Model> };
type AuthorRow = Model & { createBook(values: object, options?: CreateOptions): Promise<Model> };

export type NewAuthor = {
  name: string;
  books: Array<{ title: string }>;
};

export type SignUpData = {
  username: string;
  email?: string;
  displayName: string;
  bio?: string;
};

export async function createAuthorWithBooks(models: Models, sequelize: Sequelize, data: NewAuthor): Promise<Model> {
  // A nested create: one call inserts the author, then each book with authorId filled in.
  // `include` names the association by its alias. It is not atomic by itself: the transaction is.
  return sequelize.transaction((transaction) => models.Author.create(data, { include: [{ association: 'books' }], transaction }));
}

export async function signUp(models: Models, sequelize: Sequelize, data: SignUpData): Promise<Model> {
  return sequelize.transaction(async (transaction) => {
    const user = (await models.User.create({ username: data.username, email: data.email }, { transaction })) as UserRow;
    await user.createProfile({ displayName: data.displayName, bio: data.bio }, { transaction });
    return user;
  });
}

export async function addBooks(models: Models, sequelize: Sequelize, authorId: number, titles: string[]): Promise<Model[]> {
  return sequelize.transaction(async (transaction) => {
    const author = (await models.Author.findByPk(authorId, { transaction })) as AuthorRow | null;
    if (!author) throw new Error(`No author ${authorId}`);
    const books: Model[] = [];
    for (const title of titles) books.push(await author.createBook({ title }, { transaction }));
    return books;
  });
}

export async function closeAccount(models: Models, sequelize: Sequelize, userId: number): Promise<void> {
  // update(values, options) and destroy(options) read the transaction from their options, beside
  // the where: an extra argument ({ where }, { transaction }) would be ignored.
  await sequelize.transaction(async (transaction) => {
    await models.Profile.destroy({ where: { userId }, transaction });
    await models.User.update({ email: null }, { where: { id: userId }, transaction });
  });
}
