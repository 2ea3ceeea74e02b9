/** Lesson 04 solved: filtering on the join rows, and reading them through the super many-to-many. */
import type { Model } from 'sequelize';
import type { defineModels } from './models.ts';

type Models = ReturnType<typeof defineModels>;

export async function studentsWithGrade(models: Models, courseId: number, grade: string) {
  return models.Student.findAll({
    include: [{ association: 'courses', where: { id: courseId }, attributes: [], through: { where: { grade } } }],
    order: [['name', 'ASC']],
  });
}

export async function transcript(models: Models, studentId: number) {
  const enrollments = await models.Enrollment.findAll({ where: { studentId }, include: [{ association: 'course' }] });
  return enrollments
    .map((e) => ({ title: (e.get('course') as Model).get('title') as string, grade: (e.get('grade') as string | null) ?? null }))
    .sort((a, b) => a.title.localeCompare(b.title));
}
