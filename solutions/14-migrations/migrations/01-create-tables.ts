/**
 * Migration 01, solved: the tables the models describe, with every key's rules written out.
 * Parents before children on the way up; children before parents on the way down.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

type Params = { context: QueryInterface };

const id = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true };
const timestamps = { createdAt: { type: DataTypes.DATE, allowNull: false }, updatedAt: { type: DataTypes.DATE, allowNull: false } };
/** references alone gives NO ACTION: the rules the models use must be written here too. */
const key = (table: string) => ({
  type: DataTypes.INTEGER,
  allowNull: false,
  references: { model: table, key: 'id' },
  onDelete: 'CASCADE',
  onUpdate: 'CASCADE',
});

export async function up({ context: queryInterface }: Params): Promise<void> {
  await queryInterface.createTable('Users', {
    id,
    name: { type: DataTypes.STRING, allowNull: false },
    email: { type: DataTypes.STRING, allowNull: false, unique: true },
    ...timestamps,
  });
  await queryInterface.createTable('Posts', { id, title: { type: DataTypes.STRING, allowNull: false }, ...timestamps, authorId: key('Users') });
  // sync() does not index foreign keys, and neither does createTable: a migration must ask.
  await queryInterface.addIndex('Posts', ['authorId']);
  await queryInterface.createTable('Tags', { id, name: { type: DataTypes.STRING, allowNull: false, unique: true }, ...timestamps });
  await queryInterface.createTable('PostTags', {
    ...timestamps,
    // The two keys together are the primary key: a post has a tag once.
    postId: { ...key('Posts'), primaryKey: true },
    tagId: { ...key('Tags'), primaryKey: true },
  });
  // The primary key (postId, tagId) already serves lookups by postId; tagId needs its own.
  await queryInterface.addIndex('PostTags', ['tagId']);
  await queryInterface.createTable('Comments', { id, body: { type: DataTypes.TEXT, allowNull: false }, ...timestamps, postId: key('Posts') });
  await queryInterface.addIndex('Comments', ['postId']);
}

export async function down({ context: queryInterface }: Params): Promise<void> {
  for (const table of ['Comments', 'PostTags', 'Tags', 'Posts', 'Users']) await queryInterface.dropTable(table);
}
