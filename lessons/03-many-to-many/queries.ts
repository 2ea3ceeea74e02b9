/**
 * Lesson 03, TODO 3: load a student with their courses in ONE query, without the join table's
 * columns on each course (the caller wants course data, not enrolment bookkeeping).
 * Return null when there is no such student.
 */
import type { defineModels } from './models.ts';

type Models = ReturnType<typeof defineModels>;

export async function getStudentWithCourses(models: Models, id: number) {
  // This loads the student, with their courses. Look at what each course carries.
  return models.Student.findByPk(id, { include: [models.Course] });
}
