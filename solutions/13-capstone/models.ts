/**
 * Lesson 13 solved. Every relationship: both sides, one named key, the same options on each side
 * (each call with its own options object). The database does all the deleting through CASCADE.
 */
import { DataTypes, type Sequelize } from 'sequelize';

export function defineModels(sequelize: Sequelize) {
  const User = sequelize.define('User', {
    username: { type: DataTypes.STRING, allowNull: false, unique: true },
  });
  const Profile = sequelize.define('Profile', {
    displayName: DataTypes.STRING,
    bio: DataTypes.TEXT,
  });
  const Post = sequelize.define('Post', {
    title: { type: DataTypes.STRING, allowNull: false },
    body: DataTypes.TEXT,
  });
  const Comment = sequelize.define('Comment', {
    body: { type: DataTypes.TEXT, allowNull: false },
  });
  const Tag = sequelize.define('Tag', {
    name: { type: DataTypes.STRING, allowNull: false, unique: true },
  });

  const userId = { name: 'userId', allowNull: false, unique: true };
  User.hasOne(Profile, { as: 'profile', foreignKey: userId, onDelete: 'CASCADE' });
  Profile.belongsTo(User, { as: 'user', foreignKey: userId, onDelete: 'CASCADE' });

  const authorId = { name: 'authorId', allowNull: false };
  User.hasMany(Post, { as: 'posts', foreignKey: authorId, onDelete: 'CASCADE' });
  Post.belongsTo(User, { as: 'author', foreignKey: authorId, onDelete: 'CASCADE' });

  const postId = { name: 'postId', allowNull: false };
  Post.hasMany(Comment, { as: 'comments', foreignKey: postId, onDelete: 'CASCADE' });
  Comment.belongsTo(Post, { as: 'post', foreignKey: postId, onDelete: 'CASCADE' });

  User.hasMany(Comment, { as: 'comments', foreignKey: authorId, onDelete: 'CASCADE' });
  Comment.belongsTo(User, { as: 'author', foreignKey: authorId, onDelete: 'CASCADE' });

  // belongsToMany join rows cascade on both sides by default.
  Post.belongsToMany(Tag, { through: 'PostTags', as: 'tags', foreignKey: 'postId', otherKey: 'tagId' });
  Tag.belongsToMany(Post, { through: 'PostTags', as: 'posts', foreignKey: 'tagId', otherKey: 'postId' });

  User.belongsToMany(User, { through: 'Followers', as: 'followers', foreignKey: 'followingId', otherKey: 'followerId' });
  User.belongsToMany(User, { through: 'Followers', as: 'following', foreignKey: 'followerId', otherKey: 'followingId' });

  return { User, Profile, Post, Comment, Tag };
}
