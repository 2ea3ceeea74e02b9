/**
 * Lesson 04: a through model. An enrolment is more than a link: it has a grade and a date.
 *
 * Your task (read README.md first: `npm run workbook -- read 04`):
 *   TODO 1. Give Enrollment its own data: `grade` (text, may be NULL) and `enrolledAt` (a date,
 *           NOT NULL, defaulting to now).
 *   TODO 2. Make Enrollment the join table: `through: Enrollment` (the model, not a string) on both sides.
 *   TODO 3. The super many-to-many: Student.hasMany(Enrollment) and Enrollment.belongsTo(Student),
 *           the same for Course, on the same keys (studentId, courseId). Deleting a student or a
 *           course deletes their enrolments.
 *   (TODO 4 is in queries.ts.)
 *   TODO 5. Retakes: a student may enrol in the same course again, a second enrolment with its own
 *           grade. Make the join table able to store the same pair twice.
 */
import { DataTypes, type Sequelize } from 'sequelize';

export function defineModels(sequelize: Sequelize) {
  const Student = sequelize.define('Student', {
    name: { type: DataTypes.STRING, allowNull: false },
  });

  const Course = sequelize.define('Course', {
    title: { type: DataTypes.STRING, allowNull: false },
  });

  const Enrollment = sequelize.define('Enrollment', {
    // TODO 1
  });

  // Lesson 03's many-to-many. Its join table has nowhere to keep a grade.
  Student.belongsToMany(Course, { through: 'StudentCourses', as: 'courses', foreignKey: 'studentId', otherKey: 'courseId' });
  Course.belongsToMany(Student, { through: 'StudentCourses', as: 'students', foreignKey: 'courseId', otherKey: 'studentId' });

  // TODO 3

  return { Student, Course, Enrollment };
}
