/**
 * Lesson 12: typed models. The same User and Post as before, as classes, typed so the compiler
 * knows every attribute and every mixin.
 *
 * Your task (read README.md first: `npm run workbook -- read 12`):
 *   TODO 1. Type both classes: Model<InferAttributes<X>, InferCreationAttributes<X>>.
 *   TODO 2. Declare the attributes with `declare` (not class fields!). id, createdAt and updatedAt are
 *           CreationOptional; Post.authorId is a ForeignKey<User['id']>.
 *   TODO 3. Declare the association data: user.posts and post.author are NonAttribute.
 *   TODO 4. Declare the mixins with their types: getPosts, createPost, countPosts on User;
 *           getAuthor on Post.
 */
import { DataTypes, Model, type Sequelize } from 'sequelize';

export class User extends Model {
  // A first attempt: class fields, as you would in any other TypeScript class.
  name!: string;
  email!: string | null;
}

export class Post extends Model {}

export function defineModels(sequelize: Sequelize) {
  User.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      name: { type: DataTypes.STRING, allowNull: false },
      email: DataTypes.STRING,
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, modelName: 'User' },
  );

  Post.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      title: { type: DataTypes.STRING, allowNull: false },
      body: DataTypes.TEXT,
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, modelName: 'Post' },
  );

  User.hasMany(Post, { as: 'posts', foreignKey: 'authorId' });
  Post.belongsTo(User, { as: 'author', foreignKey: 'authorId' });

  return { User, Post };
}
