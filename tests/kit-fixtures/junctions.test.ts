/**
 * checkJunction on many-to-many mistakes: two join tables, one join table reused for two relations,
 * foreignKey/otherKey swapped or missing on one side. And the correct variants accepted.
 */
import { describe, expect, it } from 'vitest';
import { DataTypes, type Model } from 'sequelize';
import { checkIncluded, checkJunction, explainError } from '../../runner/kit/index.ts';
import { closeDatabasesAfterEach, db, ENROLMENTS, enrolments, thrown } from './helpers.ts';

closeDatabasesAfterEach();

const keys = (foreignKey: string, otherKey: string) => ({ through: 'Enrollments', foreignKey, otherKey });

describe('wrong many-to-many', () => {
  it('different through names on the two sides: two join tables', async () => {
    const { s } = await enrolments(({ Student, Course }) => {
      Student.belongsToMany(Course, keys('studentId', 'courseId'));
      Course.belongsToMany(Student, { ...keys('courseId', 'studentId'), through: 'StudentCourses' });
    });
    const msg = await checkJunction(s, ENROLMENTS);
    expect(msg).toContain('There are two join tables, Enrollments and StudentCourses');
    expect(msg).toContain("Course.belongsToMany(Student, { through: 'StudentCourses'");
    expect(msg).toContain("the same through: 'Enrollments'");
  });

  it('a through model defined, but both sides still use lesson 03\'s string through', async () => {
    const { s } = await enrolments(({ Student, Course, s: sequelize }) => {
      sequelize.define('Enrollment', { grade: DataTypes.STRING });
      Student.belongsToMany(Course, { ...keys('studentId', 'courseId'), through: 'StudentCourses' });
      Course.belongsToMany(Student, { ...keys('courseId', 'studentId'), through: 'StudentCourses' });
    });
    const msg = await checkJunction(s, ENROLMENTS);
    expect(msg).toContain("Both sides use through: 'StudentCourses'");
    expect(msg).toContain("the lesson's join table is Enrollments. Use through: Enrollment (the model itself");
  });

  it('the same join table reused for another relation (Teacher↔Course)', async () => {
    const { s } = await enrolments(({ Student, Course, Teacher }) => {
      Student.belongsToMany(Course, keys('studentId', 'courseId'));
      Course.belongsToMany(Student, keys('courseId', 'studentId'));
      Teacher.belongsToMany(Course, keys('teacherId', 'courseId'));
      Course.belongsToMany(Teacher, keys('courseId', 'teacherId'));
    });
    const msg = await checkJunction(s, ENROLMENTS);
    expect(msg).toContain('The join table Enrollments is reused for two relations (Course↔Student and Course↔Teacher)');
    expect(msg).toContain('Give each many-to-many its own through');
  });

  it('the same join table reused for a second relation between the same models', async () => {
    const { s } = await enrolments(({ Student, Course }) => {
      Student.belongsToMany(Course, keys('studentId', 'courseId'));
      Course.belongsToMany(Student, keys('courseId', 'studentId'));
      Student.belongsToMany(Course, { ...keys('studentId', 'courseId'), as: 'favourites' });
    });
    const msg = await checkJunction(s, ENROLMENTS);
    expect(msg).toContain('reused for two relations');
    expect(msg).toContain("as: 'favourites'");
    // Both ways out are named: a filtered view keeps the table (through.scope), another relation gets its own.
    expect(msg).toContain("If 'favourites' is meant as a filtered view of the same links, filter its join rows: through: { model, scope: { ... } }");
    expect(msg).toContain('give it its own through');
  });

  it('foreignKey and otherKey swapped on both sides', async () => {
    const { s } = await enrolments(({ Student, Course }) => {
      Student.belongsToMany(Course, keys('courseId', 'studentId'));
      Course.belongsToMany(Student, keys('studentId', 'courseId'));
    });
    const msg = await checkJunction(s, ENROLMENTS);
    expect(msg).toContain('Enrollments.studentId references Courses, not Students: foreignKey and otherKey are swapped');
  });

  it('swapped on the side defined second: the database shows it', async () => {
    const { s } = await enrolments(({ Student, Course }) => {
      Student.belongsToMany(Course, keys('studentId', 'courseId'));
      Course.belongsToMany(Student, keys('studentId', 'courseId'));
    });
    const msg = await checkJunction(s, ENROLMENTS);
    expect(msg).toContain("swapped in Course.belongsToMany(Student, { through: 'Enrollments', foreignKey: 'studentId', otherKey: 'courseId' })");
  });

  it('swapped on the side defined first: the table looks right, the declaration writes the wrong column', async () => {
    const { s } = await enrolments(({ Student, Course }) => {
      Student.belongsToMany(Course, keys('courseId', 'studentId'));
      Course.belongsToMany(Student, keys('courseId', 'studentId'));
    });
    const msg = await checkJunction(s, ENROLMENTS);
    expect(msg).toContain("Student.belongsToMany(Course, { through: 'Enrollments', foreignKey: 'courseId', otherKey: 'studentId' }) has foreignKey and otherKey swapped");
    expect(msg).toContain("stores a Student's id in courseId");
  });

  it('keys missing on the side defined second: Sequelize derives CourseId', async () => {
    const { s } = await enrolments(({ Student, Course }) => {
      Student.belongsToMany(Course, keys('studentId', 'courseId'));
      Course.belongsToMany(Student, { through: 'Enrollments' });
    });
    const msg = await checkJunction(s, ENROLMENTS);
    expect(msg).toContain('Enrollments points at Courses with CourseId, but the lesson expects courseId');
    expect(msg).toContain("Course.belongsToMany(Student, { through: 'Enrollments' }) has no foreignKey or otherKey");
  });

  it('keys missing on the side defined first: Sequelize itself crashes, explainError says why', async () => {
    const e = await thrown(() =>
      enrolments(({ Student, Course }) => {
        Course.belongsToMany(Student, { through: 'Enrollments' });
        Student.belongsToMany(Course, keys('studentId', 'courseId'));
      }),
    );
    const msg = explainError(e);
    expect(msg).toContain('one side gives foreignKey/otherKey and the other side does not');
    expect(msg).toContain("(Sequelize said: Cannot read properties of undefined (reading 'field'))");
  });

  it('keys missing on both sides', async () => {
    const { s } = await enrolments(({ Student, Course }) => {
      Student.belongsToMany(Course, { through: 'Enrollments' });
      Course.belongsToMany(Student, { through: 'Enrollments' });
    });
    expect(await checkJunction(s, ENROLMENTS)).toContain('Enrollments points at Students with StudentId, but the lesson expects studentId');
  });

  it('a join model with its own id and two hasMany: the same pair can be stored twice', async () => {
    const { s } = await enrolments(({ Student, Course, s }) => {
      const Enrollment = s.define('Enrollment', { grade: DataTypes.STRING });
      Student.hasMany(Enrollment, { foreignKey: 'studentId' });
      Course.hasMany(Enrollment, { foreignKey: 'courseId' });
    });
    expect(await checkJunction(s, ENROLMENTS)).toContain("Enrollments's primary key is (id), so the same pair could be stored twice");
  });

  it('no belongsToMany at all', async () => {
    const { s } = await enrolments(() => {});
    expect(await checkJunction(s, ENROLMENTS)).toContain('There is no Enrollments join table yet');
  });
});

describe('the join table\'s onDelete', () => {
  it('RESTRICT on a belongsToMany: the message names the declaration and the fix', async () => {
    const { s } = await enrolments(({ Student, Course }) => {
      Student.belongsToMany(Course, { ...keys('studentId', 'courseId'), onDelete: 'RESTRICT' });
      Course.belongsToMany(Student, keys('courseId', 'studentId'));
    });
    const msg = await checkJunction(s, { ...ENROLMENTS, onDelete: 'CASCADE' });
    expect(msg).toContain('Deleting a row of Students does ON DELETE RESTRICT to its Enrollments rows; the lesson wants CASCADE.');
    expect(msg).toContain("studentId comes from Student.belongsToMany(Course, { through: 'Enrollments'");
    expect(msg).toContain("set onDelete: 'CASCADE'");
  });
});

describe('eager loading a many-to-many with attributes: [] on the include', () => {
  it('no targets come back: the message says where attributes: [] belongs', async () => {
    const { Student } = await enrolments(({ Student, Course }) => {
      Student.belongsToMany(Course, { ...keys('studentId', 'courseId'), as: 'courses' });
      Course.belongsToMany(Student, { ...keys('courseId', 'studentId'), as: 'students' });
    });
    const ada = (await Student.create({ name: 'ada' })) as Model & { createCourse(v: object): Promise<Model> };
    await ada.createCourse({ title: 'Poetry' });
    const found = await Student.findByPk(ada.get('id') as number, { include: [{ association: 'courses', attributes: [], through: { attributes: [] } }] });
    const msg = checkIncluded(found, 'courses', 'getStudentWithCourses');
    expect(msg).toContain("getStudentWithCourses returned a Student without 'courses' loaded");
    expect(msg).toContain('attributes: [] on the include leaves out the Course rows themselves');
  });
});

describe('correct many-to-many accepted', () => {
  it('both sides with through, foreignKey and otherKey', async () => {
    const { s } = await enrolments(({ Student, Course }) => {
      Student.belongsToMany(Course, keys('studentId', 'courseId'));
      Course.belongsToMany(Student, keys('courseId', 'studentId'));
    });
    expect(await checkJunction(s, { ...ENROLMENTS, onDelete: 'CASCADE' })).toBeNull();
  });

  it('only foreignKey on each side (otherKey paired by Sequelize)', async () => {
    const { s } = await enrolments(({ Student, Course }) => {
      Course.belongsToMany(Student, { through: 'Enrollments', foreignKey: 'courseId' });
      Student.belongsToMany(Course, { through: 'Enrollments', foreignKey: 'studentId' });
    });
    expect(await checkJunction(s, ENROLMENTS)).toBeNull();
  });

  it('a through model with its own data and id (the pair kept unique)', async () => {
    const { s } = await enrolments(({ Student, Course, s }) => {
      const Enrollment = s.define('Enrollment', { id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true }, grade: DataTypes.STRING });
      Student.belongsToMany(Course, { ...keys('studentId', 'courseId'), through: Enrollment });
      Course.belongsToMany(Student, { ...keys('courseId', 'studentId'), through: Enrollment });
    });
    expect(await checkJunction(s, { ...ENROLMENTS, columns: ['grade'] })).toBeNull();
  });

  it('a second relation through its own table (a wishlist) is not a mistake', async () => {
    const { s } = await enrolments(({ Student, Course }) => {
      Student.belongsToMany(Course, keys('studentId', 'courseId'));
      Course.belongsToMany(Student, keys('courseId', 'studentId'));
      Student.belongsToMany(Course, { through: 'Wishlists', as: 'wishlist', foreignKey: 'studentId', otherKey: 'courseId' });
    });
    expect(await checkJunction(s, ENROLMENTS)).toBeNull();
  });

  it('a through model, and a string through naming its TABLE on the other side: two models, the columns lost', async () => {
    const { s } = await enrolments(({ Student, Course, s }) => {
      const Enrollment = s.define('Enrollment', { grade: DataTypes.STRING });
      Course.belongsToMany(Student, { ...keys('courseId', 'studentId'), through: 'Enrollments' });
      Student.belongsToMany(Course, { ...keys('studentId', 'courseId'), through: Enrollment });
    });
    const msg = await checkJunction(s, { ...ENROLMENTS, columns: ['grade'] });
    expect(msg).toContain('Two models use the table Enrollments: your Enrollment (with grade) and Enrollments');
    expect(msg).toContain("a string through names a model, not a table");
    expect(msg).toContain('Pass your model itself there: through: Enrollment.');
  });

  it('a scoped second relation through the same model is not a reuse', async () => {
    const { s } = await enrolments(({ Student, Course, s }) => {
      const Enrollment = s.define('Enrollment', { status: DataTypes.STRING });
      Student.belongsToMany(Course, { ...keys('studentId', 'courseId'), through: Enrollment });
      Course.belongsToMany(Student, { ...keys('courseId', 'studentId'), through: Enrollment });
      Student.belongsToMany(Course, { through: { model: Enrollment, scope: { status: 'active' } }, as: 'activeCourses', foreignKey: 'studentId', otherKey: 'courseId' });
    });
    expect(await checkJunction(s, ENROLMENTS)).toBeNull();
  });

  it('underscored: true models and join table: the keys are checked by their columns (student_id, course_id)', async () => {
    const s = db();
    const Student = s.define('Student', { name: DataTypes.STRING }, { underscored: true });
    const Course = s.define('Course', { title: DataTypes.STRING }, { underscored: true });
    Course.belongsToMany(Student, { through: 'enrollments', foreignKey: 'courseId', otherKey: 'studentId' });
    Student.belongsToMany(Course, { through: 'enrollments', foreignKey: 'studentId', otherKey: 'courseId' });
    await s.sync();
    expect(await checkJunction(s, { table: 'enrollments', keys: { student_id: 'students', course_id: 'courses' }, onDelete: 'CASCADE' })).toBeNull();
  });

  it('a self-association (followers / following) through one table', async () => {
    const { s } = await enrolments(({ s }) => {
      const User = s.define('User', { name: DataTypes.STRING });
      User.belongsToMany(User, { through: 'Followers', as: 'followers', foreignKey: 'followingId', otherKey: 'followerId' });
      User.belongsToMany(User, { through: 'Followers', as: 'following', foreignKey: 'followerId', otherKey: 'followingId' });
    });
    expect(await checkJunction(s, { table: 'Followers', keys: { followerId: 'Users', followingId: 'Users' } })).toBeNull();
  });
});
