import { describe, it, expect } from 'vitest';
import type { Model } from 'sequelize';
import { useLesson, callMixin, failIf } from '../../runner/kit/index.ts';

const lesson = useLesson<typeof import('./models.ts')>(import.meta.url);
const queries = () => lesson.module<typeof import('./queries.ts')>('queries.ts');

const JUNCTION = { table: 'StudentCourses', keys: { studentId: 'Students', courseId: 'Courses' } };

/** ada takes Databases and Compilers, bob takes Databases; nobody takes Poetry. */
async function school() {
  const db = await lesson.open();
  const { Student, Course } = db.models;
  const [ada, bob] = await Promise.all(['ada', 'bob'].map((name) => Student.create({ name })));
  const [databases, compilers, poetry] = await Promise.all(['Databases', 'Compilers', 'Poetry'].map((title) => Course.create({ title })));
  try {
    await callMixin(ada, 'addCourses', [databases, compilers]);
    await callMixin(bob, 'addCourse', databases);
  } catch (e) {
    // A key left for Sequelize to borrow or derive is the usual cause: name it, not the SQL symptom.
    const keys = keysProblem(db);
    failIf(keys ? `Enrolling ada and bob failed (${e instanceof Error ? e.message : String(e)}). The cause: ${keys}` : null);
    throw e;
  }
  db.statements.length = 0;
  return { db, ada, bob, databases, compilers, poetry };
}

/** Each belongsToMany must name both of its keys; null when they do. */
function keysProblem(db: Awaited<ReturnType<typeof lesson.open>>): string | null {
  const keyOf: Record<string, string> = { Student: 'studentId', Course: 'courseId' };
  const problems = db.associations().filter((a) => a.type === 'BelongsToMany').flatMap((a) => {
    const missing = [!a.explicit.foreignKey && `foreignKey: '${keyOf[a.source]}'`, !a.explicit.otherKey && `otherKey: '${keyOf[a.target]}'`].filter(Boolean);
    return missing.length ? [`${a.label} needs ${missing.join(' and ')}.`] : [];
  });
  return problems.length ? `${problems.join(' ')} The table comes out right only because Sequelize paired the two sides and borrowed a missing name from the other side's foreignKey; alone (one side declared, or a typo in through) a declaration invents one from the model name, such as CourseId.` : null;
}

const titles = (rows: Model[] | null | undefined) => (rows ?? []).map((c) => c.get('title')).sort();
const names = (rows: Model[]) => rows.map((s) => s.get('name')).sort();
const joinRows = async (db: Awaited<ReturnType<typeof lesson.open>>) => await db.query('SELECT * FROM `StudentCourses`');

describe('the association', () => {
  it("students have 'courses' and courses have 'students', both belongsToMany", async () => {
    const { models } = await lesson.open();
    expect(models.Student).toHaveAssociation({ type: 'BelongsToMany', target: 'Course', alias: 'courses' });
    expect(models.Course).toHaveAssociation({ type: 'BelongsToMany', target: 'Student', alias: 'students' });
  });

  it('one join table, StudentCourses, with the columns studentId → Students and courseId → Courses', async () => {
    const db = await lesson.open();
    await expect(db).toHaveJunction({ ...JUNCTION, compositeKey: false });
  });

  it('each belongsToMany names both of its keys, foreignKey and otherKey', async () => {
    const db = await lesson.open();
    await expect(db).toHaveJunction({ ...JUNCTION, compositeKey: false });
    // The table can be right without them: Sequelize pairs the two sides and borrows a missing otherKey.
    failIf(keysProblem(db));
  });

  it('the pair (studentId, courseId) is the key: the same enrolment cannot be stored twice', async () => {
    const db = await lesson.open();
    await expect(db).toHaveJunction(JUNCTION);
    const ada = await db.models.Student.create({ name: 'ada' });
    const course = await db.models.Course.create({ title: 'Databases' });
    const insert = () =>
      db.query('INSERT INTO `StudentCourses` (`studentId`, `courseId`, `createdAt`, `updatedAt`) VALUES (?, ?, ?, ?)', {
        replacements: [ada.get('id'), course.get('id'), '2024-01-01', '2024-01-01'],
      });
    await insert();
    await expect(insert(), 'The database accepted the same (studentId, courseId) pair twice.').rejects.toThrow();
  });
});

describe('enrolments', () => {
  it('addCourses() and getCourses(): ada sees her two courses', async () => {
    const { ada } = await school();
    expect(titles(await callMixin<Model[]>(ada, 'getCourses')), 'ada.addCourses([databases, compilers]) was called, but ada.getCourses() disagrees.').toEqual(['Compilers', 'Databases']);
    expect(await callMixin<number>(ada, 'countCourses'), 'ada.countCourses() should be 2.').toBe(2);
  });

  it('the other side sees the same rows: databases.getStudents() is ada and bob', async () => {
    const { databases, poetry } = await school();
    expect(
      names(await callMixin<Model[]>(databases, 'getStudents')),
      'Enrolments added from the student side are not seen from the course side: both belongsToMany must use the same through, and mirror-image foreignKey/otherKey.',
    ).toEqual(['ada', 'bob']);
    expect(names(await callMixin<Model[]>(poetry, 'getStudents')), 'Nobody takes Poetry, yet poetry.getStudents() returns someone.').toEqual([]);
  });

  it('hasCourse() and removeCourse(): dropping a course removes the enrolment, not the course', async () => {
    const { db, ada, compilers } = await school();
    expect(await callMixin<boolean>(ada, 'hasCourse', compilers), 'ada takes Compilers, but ada.hasCourse(compilers) is false.').toBe(true);
    await callMixin(ada, 'removeCourse', compilers);
    expect(await callMixin<boolean>(ada, 'hasCourse', compilers), 'After ada.removeCourse(compilers), ada.hasCourse(compilers) is still true.').toBe(false);
    expect(titles(await callMixin<Model[]>(ada, 'getCourses')), 'After ada.removeCourse(compilers), ada.getCourses() should be just Databases.').toEqual(['Databases']);
    expect(await db.models.Course.findByPk(compilers.get('id') as number), 'removeCourse() deleted the course itself; it should only delete the join row.').not.toBeNull();
  });
});

describe('deleting', () => {
  it('the join table cascades: ON DELETE CASCADE on both keys', async () => {
    const db = await lesson.open();
    await expect(db).toHaveJunction({ ...JUNCTION, onDelete: 'CASCADE' });
  });

  it("a student deletes their enrolments, and keeps the courses and the other students' enrolments", async () => {
    const { db, ada } = await school();
    // The rows below only mean something once the join table's keys point the right way.
    await expect(db).toHaveJunction({ ...JUNCTION, compositeKey: false, onDelete: 'CASCADE' });
    await ada.destroy();
    expect(await joinRows(db), "Deleting ada should leave only bob's enrolment in StudentCourses.").toHaveLength(1);
    expect(await db.models.Course.count(), 'Deleting a student deleted courses.').toBe(3);
  });

  it('a course deletes its enrolments, and keeps the students', async () => {
    const { db, ada, databases } = await school();
    // The rows below only mean something once the join table's keys point the right way.
    await expect(db).toHaveJunction({ ...JUNCTION, compositeKey: false, onDelete: 'CASCADE' });
    await databases.destroy();
    expect(await joinRows(db), "Deleting Databases should leave only ada's Compilers enrolment.").toHaveLength(1);
    expect(await db.models.Student.count(), 'Deleting a course deleted students.').toBe(2);
    expect(titles(await callMixin<Model[]>(ada, 'getCourses')), 'After deleting Databases, ada.getCourses() should still list Compilers (and only it).').toEqual(['Compilers']);
  });
});

describe('getStudentWithCourses (queries.ts)', () => {
  it('returns the student with their courses loaded', async () => {
    const { db, ada } = await school();
    const { getStudentWithCourses } = await queries();
    const student = await getStudentWithCourses(db.models, ada.get('id') as number);
    // Loaded first: it also names a plain object (raw: true), which has no get().
    expect(student).toHaveLoaded('courses', 'getStudentWithCourses');
    expect(student?.get('name'), 'getStudentWithCourses(models, ada.id) did not return ada.').toBe('ada');
    expect(titles(student?.get('courses') as Model[]), "ada's courses are Compilers and Databases.").toEqual(['Compilers', 'Databases']);
  });

  it('leaves the join table out: no StudentCourses on each course', async () => {
    const { db, ada } = await school();
    const { getStudentWithCourses } = await queries();
    const student = await getStudentWithCourses(db.models, ada.get('id') as number);
    expect(student).toHideJoinRows('courses', 'getStudentWithCourses');
  });

  it('runs one query', async () => {
    const { db, ada } = await school();
    const { getStudentWithCourses } = await queries();
    await expect(() => getStudentWithCourses(db.models, ada.get('id') as number)).toRunAtMostQueries(db, 1, 'getStudentWithCourses');
  });

  it('returns null for a student who does not exist', async () => {
    const { db } = await school();
    const { getStudentWithCourses } = await queries();
    expect(await getStudentWithCourses(db.models, 999), 'getStudentWithCourses(models, 999) should return null: there is no student 999.').toBeNull();
  });
});
