/**
 * Lesson 04, TODO 4: read and filter the enrolments' own data.
 */
import type { defineModels } from './models.ts';

type Models = ReturnType<typeof defineModels>;

/** The students of course `courseId` who got `grade` there, ordered by name. */
export async function studentsWithGrade(models: Models, courseId: number, grade: string) {
  // TODO: only the students of this course, and only those with this grade.
  void courseId;
  void grade;
  return models.Student.findAll({ order: [['name', 'ASC']] });
}

/** A student's courses with their grade (null when not graded yet), ordered by title. */
export async function transcript(models: Models, studentId: number): Promise<Array<{ title: string; grade: string | null }>> {
  // TODO: only this student's courses, each with the grade from their enrolment.
  void studentId;
  const courses = await models.Course.findAll({ order: [['title', 'ASC']] });
  return courses.map((c) => ({ title: c.get('title') as string, grade: null }));
}
