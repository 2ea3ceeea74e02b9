/** Lesson 00 solved: the database enforces NOT NULL and UNIQUE; Sequelize's validate runs before the INSERT. */
import { DataTypes, type Sequelize } from 'sequelize';

export function defineModels(sequelize: Sequelize) {
  const Book = sequelize.define('Book', {
    title: { type: DataTypes.STRING, allowNull: false, validate: { notEmpty: true } },
    isbn: { type: DataTypes.STRING, allowNull: false, unique: true, validate: { len: [10, 13] } },
    pages: { type: DataTypes.INTEGER, validate: { min: 1 } },
  });

  return { Book };
}
