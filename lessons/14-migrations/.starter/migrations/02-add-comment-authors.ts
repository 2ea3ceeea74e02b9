/**
 * Lesson 14, migration 02: comments get an author (Comments.authorId: NOT NULL, references Users,
 * ON DELETE CASCADE, ON UPDATE CASCADE, indexed). The tables already hold rows: every comment that
 * exists is credited to the author of its post.
 *
 *   TODO 1. up(): add the column allowing NULL, fill it from Posts, and only then make it NOT NULL.
 *           (Adding it NOT NULL at once fails on a table with rows: what would the old rows hold?)
 *   TODO 2. After each step, does the rest of Comments look as before? On SQLite, changeColumn and
 *           removeColumn rebuild the table (README, sharp edge 5: "SQLite rebuilds the table", and
 *           its worked example).
 *   TODO 3. down(): remove the column again, leaving Comments exactly as 01 made it.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

type Params = { context: QueryInterface };

export async function up({ context: queryInterface }: Params): Promise<void> {
  await queryInterface.addColumn('Comments', 'authorId', {
    type: DataTypes.INTEGER,
    allowNull: false,
    references: { model: 'Users', key: 'id' },
    onDelete: 'CASCADE',
  });
}

export async function down({ context: queryInterface }: Params): Promise<void> {
  // TODO 3
}
