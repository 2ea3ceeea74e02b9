/**
 * Lesson 03: many-to-many. A student takes many courses; a course has many students.
 *
 * Your task (read README.md first: `npm run workbook -- read 03`):
 *   TODO 1. Alias both sides: students get `courses` (student.getCourses()), courses get `students`.
 *   TODO 2. One join table, StudentCourses, with exactly two key columns: studentId and courseId.
 *           Give BOTH declarations foreignKey AND otherKey.
 *   (TODO 3 is in queries.ts.)
 */
import { DataTypes, type Sequelize } from 'sequelize';

export function defineModels(sequelize: Sequelize) {
  const Student = sequelize.define('Student', {
    name: { type: DataTypes.STRING, allowNull: false },
  });

  const Course = sequelize.define('Course', {
    title: { type: DataTypes.STRING, allowNull: false },
  });

  Student.belongsToMany(Course, { through: 'StudentCourses' });
  Course.belongsToMany(Student, { through: 'StudentCourses' });

  return { Student, Course };
}
