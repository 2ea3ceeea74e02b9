/**
 * Lesson 08 solved. Every association repeats its options on both sides, so the order of definition
 * cannot matter; hooks: true sits on the hasMany (the side of the model being deleted).
 */
import { DataTypes, type Sequelize } from 'sequelize';

export function defineModels(sequelize: Sequelize) {
  const User = sequelize.define(
    'User',
    { name: { type: DataTypes.STRING, allowNull: false } },
    { paranoid: true }, // destroy() sets deletedAt; destroy({ force: true }) really deletes
  );

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
        async afterDestroy(comment, options) {
          await AuditLog.create({ message: `comment ${comment.get('id')} deleted` }, { transaction: options.transaction });
        },
      },
    },
  );

  // Each call gets its own options object: Sequelize writes into the one you pass.
  const userId = { name: 'userId', allowNull: false };
  Post.belongsTo(User, { foreignKey: userId, onDelete: 'CASCADE', onUpdate: 'CASCADE' });
  User.hasMany(Post, { foreignKey: userId, onDelete: 'CASCADE', onUpdate: 'CASCADE' });

  // hooks: true on the hasMany: deleting a post loads its comments and destroys them one by one.
  Comment.belongsTo(Post, { foreignKey: 'postId', onDelete: 'CASCADE' });
  Post.hasMany(Comment, { foreignKey: 'postId', onDelete: 'CASCADE', hooks: true });

  User.hasMany(Comment, { as: 'authoredComments', foreignKey: 'authorId', onDelete: 'SET NULL' });
  Comment.belongsTo(User, { as: 'author', foreignKey: 'authorId', onDelete: 'SET NULL' });

  Category.hasMany(Post, { foreignKey: 'categoryId', onDelete: 'RESTRICT' });
  Post.belongsTo(Category, { foreignKey: 'categoryId', onDelete: 'RESTRICT' });

  return { User, Category, Post, Comment, AuditLog };
}
