/**
 * Lesson 12 solved. `declare` tells TypeScript a property exists without emitting a class field,
 * so Sequelize's getters and setters stay in charge of the values.
 */
import {
  DataTypes,
  Model,
  type CreationOptional,
  type ForeignKey,
  type HasManyCountAssociationsMixin,
  type HasManyCreateAssociationMixin,
  type HasManyGetAssociationsMixin,
  type BelongsToGetAssociationMixin,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
  type Sequelize,
} from 'sequelize';

export class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare email: string | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  /** Filled in by include: [{ association: 'posts' }]; not a column. */
  declare posts?: NonAttribute<Post[]>;

  declare getPosts: HasManyGetAssociationsMixin<Post>;
  declare createPost: HasManyCreateAssociationMixin<Post, 'authorId'>;
  declare countPosts: HasManyCountAssociationsMixin;
}

export class Post extends Model<InferAttributes<Post>, InferCreationAttributes<Post>> {
  declare id: CreationOptional<number>;
  declare title: string;
  declare body: string | null;
  declare authorId: ForeignKey<User['id']>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  declare author?: NonAttribute<User>;

  declare getAuthor: BelongsToGetAssociationMixin<User>;
}

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
