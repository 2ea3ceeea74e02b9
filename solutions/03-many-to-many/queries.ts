/** Lesson 03 solved: one query, and the join table's columns left out of each course. */
import type { defineModels } from './models.ts';

type Models = ReturnType<typeof defineModels>;

export async function getStudentWithCourses(models: Models, id: number) {
  return models.Student.findByPk(id, {
    include: [{ association: 'courses', through: { attributes: [] } }],
  });
}
