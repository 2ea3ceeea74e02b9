import { describe, it, expect } from 'vitest';
import type { Model } from 'sequelize';
import { useLesson, callMixin, aliasOf, explainError, failIf, LessonFailure } from '../../runner/kit/index.ts';

const lesson = useLesson<typeof import('./models.ts')>(import.meta.url);
const queries = () => lesson.module<typeof import('./queries.ts')>('queries.ts');

// Not a composite key: a retake stores the same pair twice (the 'retakes' checks).
const JUNCTION = { table: 'Enrollments', keys: { studentId: 'Students', courseId: 'Courses' }, columns: ['grade', 'enrolledAt'], compositeKey: false };

type Db = Awaited<ReturnType<typeof lesson.open>>;

/** An enrolment can be made with no through data (cy's Poetry): grade may be NULL, and a NOT NULL enrolledAt has a default. */
async function bareEnrolmentWorks(db: Db) {
  const grade = await db.schema.column('Enrollments', 'grade');
  failIf(grade?.notNull ? 'Enrollments.grade is NOT NULL, but an enrolment has no grade until it is graded (ada.addCourse(poetry) gives none): remove allowNull: false from grade.' : null);
  const at = await db.schema.column('Enrollments', 'enrolledAt');
  const attr = db.models.Enrollment.getAttributes().enrolledAt as { defaultValue?: unknown } | undefined;
  failIf(at?.notNull && attr?.defaultValue === undefined ? 'Enrollments.enrolledAt is NOT NULL with no default, so an enrolment made without it (ada.addCourse(poetry)) is refused: add defaultValue: DataTypes.NOW.' : null);
}

/** A database whose Enrollments table is the join table, with ada (A in Databases, B in Compilers) and bob (A in Databases). */
async function school() {
  const db = await lesson.open();
  await expect(db).toHaveJunction(JUNCTION);
  await bareEnrolmentWorks(db);
  const { Student, Course } = db.models;
  const [ada, bob, cy] = await Promise.all(['ada', 'bob', 'cy'].map((name) => Student.create({ name })));
  const [databases, compilers, poetry] = await Promise.all(['Databases', 'Compilers', 'Poetry'].map((title) => Course.create({ title })));
  await callMixin(ada, 'addCourse', databases, { through: { grade: 'A' } });
  await callMixin(ada, 'addCourse', compilers, { through: { grade: 'B' } });
  await callMixin(bob, 'addCourse', databases, { through: { grade: 'A' } });
  await callMixin(cy, 'addCourse', databases, { through: { grade: 'C' } });
  await callMixin(cy, 'addCourse', poetry);
  db.statements.length = 0;
  return { db, ada, bob, cy, databases, compilers, poetry };
}

const names = (rows: Model[]) => rows.map((s) => s.get('name'));

describe('the through model', () => {
  it('Enrollments is the join table: studentId and courseId, plus grade and enrolledAt', async () => {
    const db = await lesson.open();
    await expect(db).toHaveJunction(JUNCTION);
    await bareEnrolmentWorks(db);
  });

  it('enrolledAt is required, and an enrolment made without it gets the current time', async () => {
    const db = await lesson.open();
    await expect(db).toHaveJunction(JUNCTION);
    const column = await db.schema.column('Enrollments', 'enrolledAt');
    failIf(column?.notNull ? null : 'Enrollments.enrolledAt allows NULL: give it allowNull: false (and defaultValue: DataTypes.NOW).');
    await bareEnrolmentWorks(db);
    const ada = await db.models.Student.create({ name: 'ada' });
    const poetry = await db.models.Course.create({ title: 'Poetry' });
    await callMixin(ada, 'addCourse', poetry);
    const row = await db.models.Enrollment.findOne();
    const at = row?.get('enrolledAt');
    // DATE gives a Date; DATEONLY ("the day they enrolled") gives 'YYYY-MM-DD': both are a date.
    failIf(at instanceof Date || (typeof at === 'string' && /^\d{4}-\d{2}-\d{2}/.test(at)) ? null : `ada.addCourse(poetry) stored an enrolment with enrolledAt ${JSON.stringify(at ?? null)}: give it type: DataTypes.DATE and defaultValue: DataTypes.NOW.`);
  });
});

describe('through data', () => {
  it("addCourse(course, { through: { grade: 'A' } }) stores the grade on the enrolment", async () => {
    const { db, ada, compilers } = await school();
    const row = await db.models.Enrollment.findOne({ where: { studentId: ada.get('id') as number, courseId: compilers.get('id') as number } });
    expect(row?.get('grade'), "ada.addCourse(compilers, { through: { grade: 'B' } }) did not store grade B in Enrollments.").toBe('B');
  });

  it('getCourses() returns each course with its Enrollment, grade included', async () => {
    const { ada } = await school();
    const courses = await callMixin<Model[]>(ada, 'getCourses');
    const grades = Object.fromEntries(courses.map((c) => [c.get('title'), (c.get('Enrollment') as Model | undefined)?.get('grade')]));
    expect(grades, "Each course from ada.getCourses() should carry its join row as course.Enrollment (the through model's name), with the grade.").toEqual({ Databases: 'A', Compilers: 'B' });
  });

  it('studentsWithGrade(models, courseId, grade) filters on the join rows (queries.ts)', async () => {
    const { db, databases, compilers } = await school();
    const { studentsWithGrade } = await queries();
    await expect(() => studentsWithGrade(db.models, databases.get('id') as number, 'A')).toRunAtMostQueries(db, 1, 'studentsWithGrade()');
    const listed = (rows: Model[]) => (rows.length ? names(rows).join(', ') : 'nobody');
    // The call as the learner's code received it: the course id, with the course's title in words.
    const call = (course: Model) => `studentsWithGrade(models, ${course.get('id')}, 'A') (course ${course.get('id')} is ${course.get('title')})`;
    const inDatabases = await studentsWithGrade(db.models, databases.get('id') as number, 'A');
    // A through where alone filters each student's courses, not the students: everyone comes back.
    failIf(listed(inDatabases) === 'ada, bob, cy' ? `${call(databases)} returned ada, bob, cy: every student. A where inside through filters each student's courses, not the students, so cy comes back with none. Make the include an inner join: where: { id: courseId } on the include does it (so does required: true), and then only students with a matching enrolment are left.` : null);
    failIf(listed(inDatabases) === 'bob, ada' ? `${call(databases)} returned bob, ada: the right students, in the wrong order. Order them by name: order: [['name', 'ASC']].` : null);
    failIf(listed(inDatabases) === 'ada, bob' ? null : `${call(databases)} returned ${listed(inDatabases)}; in Databases only ada and bob got an A (cy got a C). The grade lives on the join row: filter it inside the include with through: { where: { grade } }.`);
    const inCompilers = await studentsWithGrade(db.models, compilers.get('id') as number, 'A');
    failIf(listed(inCompilers) === 'nobody' ? null : `${call(compilers)} returned ${listed(inCompilers)}; nobody got an A in Compilers (ada got a B there, and an A in Databases). Filter on the course too: where: { id: courseId } in the same include.`);
  });

  it("transcript(models, studentId) lists a student's courses with their grades (queries.ts)", async () => {
    const { db, ada, cy } = await school();
    const { transcript: written } = await queries();
    // A transcript that reads each enrolment's course without including it throws on undefined: say why.
    const transcript: typeof written = async (models, id) => {
      try {
        return await written(models, id);
      } catch (e) {
        throw new LessonFailure(`transcript() threw: ${explainError(e)}. Load each enrolment's course in the same query, include: [{ association: 'course' }], before reading it.`);
      }
    };
    await expect(() => transcript(db.models, ada.get('id') as number)).toRunAtMostQueries(db, 1, 'transcript()');
    const show = (rows: unknown) => JSON.stringify(rows).replaceAll('"', '').replaceAll(',', ', ');
    const ada_ = await transcript(db.models, ada.get('id') as number);
    const adaWants = [{ title: 'Compilers', grade: 'B' }, { title: 'Databases', grade: 'A' }];
    failIf(show(ada_) === show(adaWants) ? null : `ada's transcript should be ${show(adaWants)} (her courses only, ordered by title, each with the grade from its enrolment); transcript() returned ${show(ada_)}.`);
    const cy_ = await transcript(db.models, cy.get('id') as number);
    const cyWants = [{ title: 'Databases', grade: 'C' }, { title: 'Poetry', grade: null }];
    failIf(show(cy_) === show(cyWants) ? null : `cy's transcript should be ${show(cyWants)}: Poetry is not graded yet, so its grade is null; transcript() returned ${show(cy_)}.`);
  });
});

describe('the super many-to-many', () => {
  it('Student.hasMany(Enrollment), Course.hasMany(Enrollment), Enrollment.belongsTo(Student) and Enrollment.belongsTo(Course)', async () => {
    const { models } = await lesson.open();
    expect(models.Student).toHaveAssociation({ type: 'HasMany', target: 'Enrollment' });
    expect(models.Course).toHaveAssociation({ type: 'HasMany', target: 'Enrollment' });
    expect(models.Enrollment).toHaveAssociation({ type: 'BelongsTo', target: 'Student' });
    expect(models.Enrollment).toHaveAssociation({ type: 'BelongsTo', target: 'Course' });
  });

  it('they use the join table\'s own keys: one studentId, one courseId', async () => {
    const db = await lesson.open();
    await expect(db).toHaveForeignKey('Enrollments', { references: 'Students', column: 'studentId' });
    await expect(db).toHaveForeignKey('Enrollments', { references: 'Courses', column: 'courseId' });
  });

  it('student.getEnrollments() returns the rows, and enrollment.getCourse() their course', async () => {
    const { db, ada } = await school();
    // The lesson names no alias here ('enrollments' or 'enrolments' alike): the mixins follow whichever was chosen.
    const getter = (alias: string) => `get${alias[0].toUpperCase()}${alias.slice(1)}`;
    const [toRows, toCourse] = [getter(aliasOf(db.models.Student, 'HasMany', 'Enrollment')), getter(aliasOf(db.models.Enrollment, 'BelongsTo', 'Course'))];
    const rows = await callMixin<Model[]>(ada, toRows);
    const pairs = await Promise.all(rows.map(async (e) => [(await callMixin<Model | null>(e, toCourse))?.get('title'), e.get('grade')]));
    expect(pairs.sort(), `ada.${toRows}() should give her two enrolments, and each one's ${toCourse}() its course.`).toEqual([['Compilers', 'B'], ['Databases', 'A']]);
  });

  it('Enrollment.findAll can include the student and the course in one query', async () => {
    const { db } = await school();
    const { Enrollment } = db.models;
    const [student, course] = [aliasOf(Enrollment, 'BelongsTo', 'Student'), aliasOf(Enrollment, 'BelongsTo', 'Course')];
    const find = () => Enrollment.findAll({ where: { grade: 'A' }, include: [{ association: student }, { association: course }] });
    await expect(find).toRunAtMostQueries(db, 1, 'Enrollment.findAll({ include: [student, course] })');
    const rows = await find();
    expect(rows).toHaveLoaded(student, 'Enrollment.findAll({ include: [student, course] })');
    expect(rows).toHaveLoaded(course, 'Enrollment.findAll({ include: [student, course] })');
    const seen = rows.map((r) => `${(r.get(student) as Model).get('name')} ${(r.get(course) as Model).get('title')}`).sort();
    expect(seen, 'The A grades are ada and bob, both in Databases.').toEqual(['ada Databases', 'bob Databases']);
  });
});

describe('deleting', () => {
  it('Enrollments.studentId and Enrollments.courseId say ON DELETE CASCADE', async () => {
    const db = await lesson.open();
    await expect(db).toHaveForeignKey('Enrollments', { references: 'Students', column: 'studentId', onDelete: 'CASCADE' });
    await expect(db).toHaveForeignKey('Enrollments', { references: 'Courses', column: 'courseId', onDelete: 'CASCADE' });
  });

  it('each hasMany/belongsTo on Enrollments asks for CASCADE itself, so the order of definition cannot matter', async () => {
    const db = await lesson.open();
    await expect(db).toHaveForeignKey('Enrollments', { references: 'Students', column: 'studentId', onDelete: 'CASCADE' });
    await expect(db).toHaveForeignKey('Enrollments', { references: 'Courses', column: 'courseId', onDelete: 'CASCADE' });
    // Whichever declaration comes first creates the column. The belongsToMany defaults to CASCADE, a
    // hasMany/belongsTo to SET NULL: defined before the belongsToMany, theirs would be the one kept.
    const plain = db.associations().filter((a) => a.fkTable === 'Enrollments' && (a.type === 'HasMany' || a.type === 'BelongsTo'));
    const wouldBe = (a: (typeof plain)[number]) => a.options.onDelete ?? (a.options.allowNull === false ? (a.type === 'BelongsTo' ? 'NO ACTION' : 'CASCADE') : 'SET NULL');
    const off = plain.filter((a) => wouldBe(a) !== 'CASCADE');
    failIf(off.length ? `${off.map((a) => `${a.label} (ON DELETE ${wouldBe(a)})`).join(', ')} would not cascade if defined before the belongsToMany. The database says CASCADE now only because the belongsToMany came first and created the keys; define them the other way round and the keys are created without CASCADE. Add onDelete: 'CASCADE' to ${off.length === 1 ? 'it' : 'each of them'}.` : null);
  });

  it('a student deletes their enrolments, and keeps the courses', async () => {
    const { db, ada, compilers } = await school();
    await expect(db).toHaveForeignKey('Enrollments', { references: 'Students', column: 'studentId', onDelete: 'CASCADE' });
    const row = (await db.models.Enrollment.findOne({ where: { studentId: ada.get('id') as number, courseId: compilers.get('id') as number } }))!;
    await expect(ada).toCascadeOnDelete(row);
    expect(await db.models.Enrollment.count(), "Only ada's two enrolments should go.").toBe(3);
    expect(await db.models.Course.count(), 'Deleting a student deleted a course.').toBe(3);
  });

  it('a course deletes its enrolments, and keeps the students', async () => {
    const { db, bob, databases } = await school();
    await expect(db).toHaveForeignKey('Enrollments', { references: 'Courses', column: 'courseId', onDelete: 'CASCADE' });
    const row = (await db.models.Enrollment.findOne({ where: { studentId: bob.get('id') as number } }))!;
    await expect(databases).toCascadeOnDelete(row);
    expect(await db.models.Student.count(), 'Deleting a course deleted a student.').toBe(3);
  });
});

describe('retakes', () => {
  it('a student can enrol in the same course again: a second enrolment, with its own grade', async () => {
    const { db, cy, databases } = await school();
    const pair = 'courseId,studentId';
    const sorted = (cols: string[]) => [...cols].sort().join();
    const pk = await db.schema.primaryKey('Enrollments');
    failIf(
      sorted(pk) === pair
        ? `Enrollments' primary key is (${pk.join(', ')}), so a student and a course can be paired only once: cy cannot retake Databases. Give Enrollment a key of its own, id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true } (declared, belongsToMany keeps it instead of making the pair the key), and pass through: { model: Enrollment, unique: false } on both sides.`
        : null,
    );
    failIf(
      (await db.schema.uniqueSets('Enrollments')).some((set) => sorted(set) === pair)
        ? 'Enrollments keeps (studentId, courseId) unique, so cy cannot retake Databases: belongsToMany adds that unique index even when Enrollment has an id of its own. Pass through: { model: Enrollment, unique: false } on both sides.'
        : null,
    );
    const ids = { studentId: cy.get('id') as number, courseId: databases.get('id') as number };
    await db.models.Enrollment.create({ ...ids, grade: 'A' });
    const grades = (await db.models.Enrollment.findAll({ where: ids })).map((e) => e.get('grade')).sort();
    expect(grades, "cy's two enrolments in Databases (C, then A on the retake) should both be kept.").toEqual(['A', 'C']);
  });
});
