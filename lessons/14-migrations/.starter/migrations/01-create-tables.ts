/**
 * Lesson 14, migration 01: create the tables that models.ts describes (read README.md first:
 * `npm run workbook -- read 14`). The checks run up() on an empty database and compare the result
 * with what sync() makes of the models, column by column, key by key.
 *
 *   TODO 1. Users and Tags: check NOT NULL and unique against the models.
 *   TODO 2. Posts.authorId: NOT NULL, references Users, ON DELETE CASCADE, ON UPDATE CASCADE.
 *           (references alone gives NO ACTION.)
 *   TODO 3. PostTags: the two keys together are the primary key, and both cascade.
 *   TODO 4. Comments: write it (body, the timestamps, postId like Posts.authorId but to Posts).
 *   TODO 5. An index on every foreign-key column that no primary key starts with:
 *           await queryInterface.addIndex('Posts', ['authorId']);
 *   TODO 6. down(): drop every table up() creates, children first.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

type Params = { context: QueryInterface };

const timestamps = { createdAt: { type: DataTypes.DATE, allowNull: false }, updatedAt: { type: DataTypes.DATE, allowNull: false } };

export async function up({ context: queryInterface }: Params): Promise<void> {
  await queryInterface.createTable('Users', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    name: { type: DataTypes.STRING, allowNull: false },
    email: { type: DataTypes.STRING, allowNull: false },
    ...timestamps,
  });
  await queryInterface.createTable('Posts', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    title: { type: DataTypes.STRING, allowNull: false },
    ...timestamps,
    authorId: { type: DataTypes.INTEGER, references: { model: 'Users', key: 'id' } },
  });
  await queryInterface.createTable('Tags', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    name: { type: DataTypes.STRING, allowNull: false, unique: true },
    ...timestamps,
  });
  await queryInterface.createTable('PostTags', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    ...timestamps,
    postId: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'Posts', key: 'id' } },
    tagId: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'Tags', key: 'id' } },
  });
  // TODO 4: Comments
}

export async function down({ context: queryInterface }: Params): Promise<void> {
  await queryInterface.dropTable('Posts');
  await queryInterface.dropTable('Users');
}
