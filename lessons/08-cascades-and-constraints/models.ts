/**
 * Lesson 08: what happens to the rows that point at a row you delete.
 *
 * Your task (read README.md first: `npm run workbook -- read 08`):
 *   TODO 1. Posts.userId: NOT NULL, ON DELETE CASCADE, ON UPDATE CASCADE. The options below are
 *           written on one side only, and it is the wrong side: check what the database got.
 *   TODO 2. Users are paranoid: destroy() closes an account (sets deletedAt) and keeps the posts;
 *           destroy({ force: true }) erases it and, through the database, its posts.
 *   TODO 3. Deleting a post deletes its comments AND runs each comment's afterDestroy hook
 *           (it writes the audit log). Deleting one comment must never touch its post.
 *   TODO 4. Comments.authorId: erasing a user keeps the comments they wrote on other people's
 *           posts, with authorId set to NULL.
 *   TODO 5. Posts.categoryId: a category that still has posts cannot be deleted.
 */
import { DataTypes, type Sequelize } from 'sequelize';

export function defineModels(sequelize: Sequelize) {
  const User = sequelize.define('User', {
    name: { type: DataTypes.STRING, allowNull: false },
  });

  const Category = sequelize.define('Category', {
    name: { type: DataTypes.STRING, allowNull: false },
  });

  const Post = sequelize.define('Post', {
    title: { type: DataTypes.STRING, allowNull: false },
  });

  const AuditLog = sequelize.define('AuditLog', {
    message: DataTypes.STRING,
  });

  const Comment = sequelize.define(
    'Comment',
    { body: DataTypes.TEXT },
    {
      hooks: {
        // Given: every deleted comment is written to the audit log. Keep it.
        async afterDestroy(comment, options) {
          await AuditLog.create({ message: `comment ${comment.get('id')} deleted` }, { transaction: options.transaction });
        },
      },
    },
  );

  // A post and its author. Read the order: which side does Sequelize see first?
  Post.belongsTo(User, { foreignKey: 'userId' });
  User.hasMany(Post, { foreignKey: { name: 'userId', allowNull: false }, onDelete: 'CASCADE' });

  // Comments on a post. "hooks: true so the comments' hooks run when a post is deleted"... is it?
  Comment.belongsTo(Post, { foreignKey: 'postId', onDelete: 'CASCADE', hooks: true });
  Post.hasMany(Comment, { foreignKey: 'postId' });

  // Who wrote a comment. (The first line was copied from the posts above.)
  User.hasMany(Comment, { as: 'authoredComments', foreignKey: 'authorId', onDelete: 'CASCADE' });
  Comment.belongsTo(User, { as: 'author', foreignKey: 'authorId', onDelete: 'SET NULL' });

  // A post's category (optional).
  Category.hasMany(Post, { foreignKey: 'categoryId' });
  Post.belongsTo(Category, { foreignKey: 'categoryId' });

  return { User, Category, Post, Comment, AuditLog };
}
