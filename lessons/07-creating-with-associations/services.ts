/**
 * Lesson 07: creating with associations. Your file: models.ts is ready, write the three functions.
 *
 * Each function gets the models and the Sequelize instance (for sequelize.transaction).
 * This starter is how it is often written: it runs, but read what the checks say.
 *
 *   TODO 1. createAuthorWithBooks: create the author AND its books in one call, all or nothing.
 *   TODO 2. signUp: create the user and their profile in one transaction; if the profile is
 *           invalid, no user may be left behind.
 *   TODO 3. addBooks: add several books to an existing author with the createBook mixin, in one
 *           transaction: one bad title and none of the books are kept.
 *   TODO 4. closeAccount: delete the user's profile and clear their email (NULL), in one transaction.
 */
import type { CreateOptions, Model, Sequelize } from 'sequelize';
import type { defineModels } from './models.ts';

type Models = ReturnType<typeof defineModels>;

/** What the mixins look like on instances (lesson 12 shows how to type them properly). */
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

/** TODO 1: returns the new author. */
export async function createAuthorWithBooks(models: Models, sequelize: Sequelize, data: NewAuthor): Promise<Model> {
  void sequelize;
  return models.Author.create(data);
}

/** TODO 2: returns the new user. */
export async function signUp(models: Models, sequelize: Sequelize, data: SignUpData): Promise<Model> {
  void sequelize;
  const user = (await models.User.create({ username: data.username, email: data.email })) as UserRow;
  await user.createProfile({ displayName: data.displayName, bio: data.bio });
  return user;
}

/** TODO 3: returns the new books. */
export async function addBooks(models: Models, sequelize: Sequelize, authorId: number, titles: string[]): Promise<Model[]> {
  void sequelize;
  const author = (await models.Author.findByPk(authorId)) as AuthorRow | null;
  if (!author) throw new Error(`No author ${authorId}`);
  const books: Model[] = [];
  for (const title of titles) books.push(await author.createBook({ title }));
  return books;
}

/** TODO 4: returns nothing. */
export async function closeAccount(models: Models, sequelize: Sequelize, userId: number): Promise<void> {
  void sequelize;
  await models.Profile.destroy({ where: { userId } });
  await models.User.update({ email: null }, { where: { id: userId } });
}
