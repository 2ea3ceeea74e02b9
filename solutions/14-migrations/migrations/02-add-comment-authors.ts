/**
 * Migration 02, solved: comments get an author. The tables already hold rows, so the new key goes
 * in three steps: add it allowing NULL, fill it (a comment is credited to its post's author), and
 * only then make it NOT NULL.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

type Params = { context: QueryInterface };

const authorKey = { type: DataTypes.INTEGER, references: { model: 'Users', key: 'id' }, onDelete: 'CASCADE', onUpdate: 'CASCADE' };

export async function up({ context: queryInterface }: Params): Promise<void> {
  await queryInterface.addColumn('Comments', 'authorId', { ...authorKey, allowNull: true });
  const q = (name: string) => queryInterface.quoteIdentifier(name);
  await queryInterface.sequelize.query(
    `UPDATE ${q('Comments')} SET ${q('authorId')} = (SELECT ${q('authorId')} FROM ${q('Posts')} WHERE ${q('Posts')}.${q('id')} = ${q('Comments')}.${q('postId')})`,
  );
  await notNullAuthors(queryInterface);
  await queryInterface.addIndex('Comments', ['authorId']);
}

export async function down({ context: queryInterface }: Params): Promise<void> {
  if (queryInterface.sequelize.getDialect() === 'sqlite') return rebuildComments(queryInterface, false);
  await queryInterface.removeColumn('Comments', 'authorId');
}

async function notNullAuthors(queryInterface: QueryInterface): Promise<void> {
  if (queryInterface.sequelize.getDialect() === 'sqlite') return rebuildComments(queryInterface, true);
  // Elsewhere NOT NULL is one ALTER; no references here, or Postgres would add a second foreign key.
  await queryInterface.changeColumn('Comments', 'authorId', { type: DataTypes.INTEGER, allowNull: false });
}

/**
 * SQLite cannot change a column in place. Its changeColumn/removeColumn rebuild the table from
 * describeTable, which forgets the other keys' ON DELETE / ON UPDATE and every index. So rebuild it
 * ourselves, whole: a new table, copy the rows, drop the old one, rename, index again.
 * (Comments is safe to drop: no other table references it.)
 */
async function rebuildComments(queryInterface: QueryInterface, withAuthor: boolean): Promise<void> {
  const key = (table: string) => ({ type: DataTypes.INTEGER, allowNull: false, references: { model: table, key: 'id' }, onDelete: 'CASCADE', onUpdate: 'CASCADE' });
  const columns = ['id', 'body', 'createdAt', 'updatedAt', 'postId', ...(withAuthor ? ['authorId'] : [])];
  await queryInterface.createTable('Comments_new', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    body: { type: DataTypes.TEXT, allowNull: false },
    createdAt: { type: DataTypes.DATE, allowNull: false },
    updatedAt: { type: DataTypes.DATE, allowNull: false },
    postId: key('Posts'),
    ...(withAuthor ? { authorId: key('Users') } : {}),
  });
  const list = columns.map((c) => queryInterface.quoteIdentifier(c)).join(', ');
  await queryInterface.sequelize.query(`INSERT INTO ${queryInterface.quoteIdentifier('Comments_new')} (${list}) SELECT ${list} FROM ${queryInterface.quoteIdentifier('Comments')}`);
  await queryInterface.dropTable('Comments');
  await queryInterface.renameTable('Comments_new', 'Comments');
  await queryInterface.addIndex('Comments', ['postId']);
}
