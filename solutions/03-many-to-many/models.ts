/**
 * Lesson 03 solved. Both sides name the same join table and the same two columns: foreignKey is
 * the column pointing at the model you call belongsToMany on, otherKey the one pointing at the other.
 */
import { DataTypes, type Sequelize } from 'sequelize';

export function defineModels(sequelize: Sequelize) {
  const Student = sequelize.define('Student', {
    name: { type: DataTypes.STRING, allowNull: false },
  });

  const Course = sequelize.define('Course', {
    title: { type: DataTypes.STRING, allowNull: false },
  });

  Student.belongsToMany(Course, { through: 'StudentCourses', as: 'courses', foreignKey: 'studentId', otherKey: 'courseId' });
  Course.belongsToMany(Student, { through: 'StudentCourses', as: 'students', foreignKey: 'courseId', otherKey: 'studentId' });

  return { Student, Course };
}
