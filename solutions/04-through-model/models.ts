/**
 * Lesson 04 solved. Enrollment is a model of its own, used as the join table (through: Enrollment),
 * and also associated directly with both sides: the "super many-to-many". Every declaration of a key
 * carries the same name and onDelete, so the order of definition cannot matter.
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
    // A key of its own (a retake is a second row for the same pair): declared, so belongsToMany keeps
    // it instead of making (studentId, courseId) the primary key.
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    grade: DataTypes.STRING,
    enrolledAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
  });

  // unique: false: without it belongsToMany adds a unique index on (studentId, courseId) all the same.
  const through = { model: Enrollment, unique: false };
  Student.belongsToMany(Course, { through, as: 'courses', foreignKey: 'studentId', otherKey: 'courseId' });
  Course.belongsToMany(Student, { through, as: 'students', foreignKey: 'courseId', otherKey: 'studentId' });

  Student.hasMany(Enrollment, { as: 'enrollments', foreignKey: 'studentId', onDelete: 'CASCADE' });
  Enrollment.belongsTo(Student, { as: 'student', foreignKey: 'studentId', onDelete: 'CASCADE' });
  Course.hasMany(Enrollment, { as: 'enrollments', foreignKey: 'courseId', onDelete: 'CASCADE' });
  Enrollment.belongsTo(Course, { as: 'course', foreignKey: 'courseId', onDelete: 'CASCADE' });

  return { Student, Course, Enrollment };
}
