/**
 * Lessons judged on realistic wrong answers, through the real engine: each row is a lesson's solution
 * with one mistake edited in. The lesson must fail, and some failing check must name the mistake.
 * (The kit's own fixtures test its diagnostics; this file tests that each lesson's checks reach them.)
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lessonFolder } from '../lessons/manifest.ts';
import { findLesson, solutionDir } from '../runner/course/lessons.ts';
import { runLessons } from '../runner/engine/run-course.ts';

interface Mistake {
  lesson: string;
  file: string;
  /** What the learner wrote instead: [the solution's text, the wrong text]. */
  replace: [string, string];
  /** What some failing check's message must say. */
  says: RegExp;
}

const mistakes: Record<string, Mistake> = {
  '00: an ISBN stored as a number': {
    lesson: '00',
    file: 'models.ts',
    replace: ['isbn: { type: DataTypes.STRING', 'isbn: { type: DataTypes.INTEGER'],
    says: /Books\.isbn is INTEGER, but an ISBN is text.*DataTypes\.STRING/,
  },
  '00: a misspelt validator (notempty), which refuses every book, the valid ones too': {
    lesson: '00',
    file: 'models.ts',
    replace: ['notEmpty: true', 'notempty: true'],
    says: /is not a validator Sequelize knows: did you mean notEmpty\?/,
  },
  "01: the key's options on hasOne only (CASCADE then comes from allowNull: false, and only when hasOne is defined first)": {
    lesson: '01',
    file: 'models.ts',
    replace: [
      "User.hasOne(LibraryCard, { foreignKey: userId, onDelete: 'CASCADE' });\n  LibraryCard.belongsTo(User, { foreignKey: userId, onDelete: 'CASCADE' });",
      "User.hasOne(LibraryCard, { foreignKey: userId });\n  LibraryCard.belongsTo(User, { foreignKey: 'userId', onDelete: 'CASCADE' });",
    ],
    says: /LibraryCards\.userId is NOT NULL only because of the order your associations were defined in: .* would make it allow NULL,.*Write the one you mean on both sides/,
  },
  "02: onDelete: 'RESTRICT' on the hasMany only (right only in this order)": {
    lesson: '02',
    file: 'models.ts',
    replace: ["Book.belongsTo(Author, { as: 'author', foreignKey: 'authorId', onDelete: 'RESTRICT' })", "Book.belongsTo(Author, { as: 'author', foreignKey: 'authorId' })"],
    says: /Books\.authorId is ON DELETE RESTRICT only because of the order your associations were defined in/,
  },
  '02: hasOne where an author has many books': {
    lesson: '02',
    file: 'models.ts',
    replace: ['Author.hasMany(Book,', 'Author.hasOne(Book,'],
    says: /is a hasOne .* but the lesson wants a hasMany/,
  },
  "03: a belongsToMany without its foreignKey (later failures name the key, not the SQL symptom)": {
    lesson: '03',
    file: 'models.ts',
    replace: ["as: 'courses', foreignKey: 'studentId', otherKey: 'courseId' }", "as: 'courses', otherKey: 'courseId' }"],
    says: /Enrolling ada and bob failed \(.*\)\. The cause: Student\.belongsToMany\(Course, .*\) needs foreignKey: 'studentId'/,
  },
  "03: getStudentWithCourses as findByPk, then getCourses() (the query-count message names lesson 03's association, not lesson 02's)": {
    lesson: '03',
    file: 'queries.ts',
    replace: [
      "return models.Student.findByPk(id, {\n    include: [{ association: 'courses', through: { attributes: [] } }],\n  });",
      "const student = await models.Student.findByPk(id);\n  if (student) student.setDataValue('courses' as never, (await (student as never as { getCourses(o: object): Promise<never> }).getCourses({ joinTableAttributes: [] })) as never);\n  return student;",
    ],
    says: /One query reads Students, then another reads Courses: .*findByPk\(id, \{ include: \['courses'\] \}\) rather than findByPk\(id\) and then getCourses\(\)/,
  },
  '04: studentsWithGrade ordered by name descending (the message shows the course id it was called with)': {
    lesson: '04',
    file: 'queries.ts',
    replace: ["order: [['name', 'ASC']]", "order: [['name', 'DESC']]"],
    says: /studentsWithGrade\(models, \d+, 'A'\) \(course \d+ is Databases\) returned bob, ada: the right students, in the wrong order/,
  },
  "05: SET NULL on the manager's hasMany, CASCADE on its belongsTo (right only in this order)": {
    lesson: '05',
    file: 'models.ts',
    replace: ["User.belongsTo(User, { as: 'manager', foreignKey: 'managerId', onDelete: 'SET NULL' })", "User.belongsTo(User, { as: 'manager', foreignKey: 'managerId', onDelete: 'CASCADE' })"],
    says: /managerId is ON DELETE SET NULL only because of the order your associations were defined in/,
  },
  '06: ">=" for "published after" (Op.gte keeps the books of that year itself)': {
    lesson: '06',
    file: 'queries.ts',
    replace: ["include: [{ association: 'books', where: { publishYear: { [Op.gt]: year } } }]", "include: [{ association: 'books', where: { publishYear: { [Op.gte]: year } } }]"],
    says: /published in 1973 itself, not after it: "after" means \{ \[Op\.gt\]: year \}, not \{ \[Op\.gte\]: year \}/,
  },
  '07: signUp returns the profile instead of the user': {
    lesson: '07',
    file: 'services.ts',
    replace: ['await user.createProfile({ displayName: data.displayName, bio: data.bio }, { transaction });\n    return user;', 'return user.createProfile({ displayName: data.displayName, bio: data.bio }, { transaction });'],
    says: /signUp should return the new User .*it returned Profile/,
  },
  '07: addBooks with bulkCreate but no validate: true (the empty title is inserted unchecked)': {
    lesson: '07',
    file: 'services.ts',
    replace: [
      'const books: Model[] = [];\n    for (const title of titles) books.push(await author.createBook({ title }, { transaction }));\n    return books;',
      'return models.Book.bulkCreate(titles.map((title) => ({ title, authorId })), { transaction });',
    ],
    says: /your bulkCreate inserted it unchecked\. bulkCreate skips the model's validations unless you pass validate: true/,
  },
  "08: a Post hook bulk-deletes the comments, so no comment's afterDestroy runs": {
    lesson: '08',
    file: 'models.ts',
    replace: [
      '  return {',
      "  Post.addHook('beforeDestroy', async (post: Model, o: { transaction?: Transaction | null }) => {\n    await Comment.destroy({ where: { postId: post.get('id') as number }, transaction: o.transaction });\n  });\n  return {",
    ],
    says: /bulk DELETE.*individualHooks: true/s,
  },
  '10: listComments includes each parent with a where on commentableType but no required: false (an inner join: no comment is left)': {
    lesson: '10',
    file: 'models.ts',
    replace: [
      "include: ['image', 'video']",
      "include: [{ association: 'image', where: { '$Comment.commentableType$': 'image' } }, { association: 'video', where: { '$Comment.commentableType$': 'video' } }]",
    ],
    says: /listComments returned 0 of the 3 comments\. An include with a where is an inner join.*add required: false/,
  },
  "11: onDelete on User.hasMany(Post) only, so the delete rule depends on which file the registry loads first": {
    lesson: '11',
    file: 'models/post.ts',
    replace: ["Post.belongsTo(models.User, { as: 'author', foreignKey: 'authorId', onDelete: 'CASCADE' })", "Post.belongsTo(models.User, { as: 'author', foreignKey: 'authorId' })"],
    says: /Posts\.authorId is ON DELETE CASCADE only because of the order your associations were defined in/,
  },
  '12: an untyped Post (extends Model with no attribute types)': {
    lesson: '12',
    file: 'models.ts',
    replace: ['export class Post extends Model<InferAttributes<Post>, InferCreationAttributes<Post>> {', 'export class Post extends Model {'],
    says: /without a title compiles, so Post's attributes are not typed/,
  },
  '12: getPosts written as a class field (getPosts!:) instead of declare': {
    lesson: '12',
    file: 'models.ts',
    replace: ['declare getPosts: HasManyGetAssociationsMixin<Post>;', 'getPosts!: HasManyGetAssociationsMixin<Post>;'],
    says: /user\.getPosts is an own property.*a class field .*shadows the method Sequelize puts on User's prototype\. Write `declare getPosts/,
  },
  '12: getAuthor written as a class field (getAuthor!:) instead of declare': {
    lesson: '12',
    file: 'models.ts',
    replace: ['declare getAuthor: BelongsToGetAssociationMixin<User>;', 'getAuthor!: BelongsToGetAssociationMixin<User>;'],
    says: /post\.getAuthor is an own property.*shadows the method Sequelize puts on Post's prototype\. Write `declare getAuthor/,
  },
  "13: a feed that includes the user's own posts": {
    lesson: '13',
    file: 'feed.ts',
    replace: [
      "const ids = ((me?.get('following') as Model[] | undefined) ?? []).map((u) => u.get('id') as number);",
      "const ids = [userId, ...((me?.get('following') as Model[] | undefined) ?? []).map((u) => u.get('id') as number)];",
    ],
    says: /ada's own post \(Mine\) must not be there/,
  },
};

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A lessons root holding the lesson's solution with the mistake edited in. */
function withMistake(m: Mistake): string {
  const lesson = findLesson(m.lesson);
  const root = mkdtempSync(join(tmpdir(), 'workbook-mistake-'));
  temps.push(root);
  const dir = join(root, lessonFolder(lesson));
  cpSync(solutionDir(lesson), dir, { recursive: true });
  const path = join(dir, m.file);
  const text = readFileSync(path, 'utf8');
  // The solution must still contain the text: a silent no-op edit would test the solution itself.
  expect(text, `the solution of ${m.lesson} no longer contains the text this mistake replaces`).toContain(m.replace[0]);
  writeFileSync(path, text.replace(m.replace[0], () => m.replace[1])); // a function: no $-patterns in the wrong text
  return root;
}

describe('a wrong answer fails with a message that names it', () => {
  it.each(Object.entries(mistakes))('%s', async (_name, m) => {
    const [verdict] = await runLessons([findLesson(m.lesson)], { from: withMistake(m) });
    expect(verdict.problem, verdict.problem).toBeUndefined();
    expect(verdict.passed).toBe(false);
    const messages = verdict.checks.filter((c) => c.state === 'fail').map((c) => c.message ?? '');
    expect(messages.join('\n---\n')).toMatch(m.says);
  });
});
