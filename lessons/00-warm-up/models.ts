/**
 * Lesson 00: warm-up. One model, a few rules. No associations yet: this lesson is about the workflow.
 * Edit this file, save, and watch the checks in the runner's window turn green.
 *
 *   TODO 1. title: a string that is required (NOT NULL in the database) and never empty.
 *   TODO 2. isbn: a required string, unique in the database, 10 to 13 characters long.
 *   TODO 3. pages: an integer of at least 1.
 */
import { DataTypes, type Sequelize } from 'sequelize';

export function defineModels(sequelize: Sequelize) {
  const Book = sequelize.define('Book', {
    title: DataTypes.STRING,
    // TODO: add isbn and pages here.
  });

  return { Book };
}
