/**
 * Correct answers in other styles pass every check of their lesson, the task-schema guard included:
 * class/init models, the sides in the other order, a key declared as an attribute with references,
 * other aliases where the lesson leaves them to the learner. Each is a whole lesson's files (the
 * solution with one rewrite), run through the real engine.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { findLesson } from '../runner/course/lessons.ts';
import { sharedJudge } from './helpers/shared-judge.ts';
import { solutionWith } from './helpers/course-copies.ts';

/** A replace() pair whose replacement is taken literally (no $-patterns). */
const edit = (from: string, to: string) => [from, () => to] as const;

interface Variant {
  lesson: string;
  file: string;
  /** The whole file, or a function of the solution's text (which must change it). */
  write: string | ((solution: string) => string);
}

const variants: Record<string, Variant> = {
  '01: class/init style, the key written out on each side (not a shared object)': {
    lesson: '01',
    file: 'models.ts',
    write: `import { DataTypes, Model, type Sequelize } from 'sequelize';

export class User extends Model {}
export class LibraryCard extends Model {}

export function defineModels(sequelize: Sequelize) {
  User.init({ name: DataTypes.STRING, email: DataTypes.STRING }, { sequelize, modelName: 'User' });
  LibraryCard.init(
    { cardNumber: { type: DataTypes.STRING, unique: true }, issuedDate: DataTypes.DATE },
    { sequelize, modelName: 'LibraryCard' },
  );
  LibraryCard.belongsTo(User, { foreignKey: { name: 'userId', allowNull: false, unique: true }, onDelete: 'CASCADE' });
  User.hasOne(LibraryCard, { foreignKey: { name: 'userId', allowNull: false, unique: true }, onDelete: 'CASCADE' });
  return { User, LibraryCard };
}
`,
  },
  '02: belongsTo first, and the key declared as an attribute of Book with references': {
    lesson: '02',
    file: 'models.ts',
    write: (s) =>
      s
        .replace("publishYear: DataTypes.INTEGER,\n  });", "publishYear: DataTypes.INTEGER,\n    authorId: { type: DataTypes.INTEGER, references: { model: 'Authors', key: 'id' }, onDelete: 'RESTRICT' },\n  });")
        .replace(
          "  Author.hasMany(Book, { as: 'books', foreignKey: 'authorId', onDelete: 'RESTRICT' });\n  Book.belongsTo(Author, { as: 'author', foreignKey: 'authorId', onDelete: 'RESTRICT' });",
          "  Book.belongsTo(Author, { as: 'author', foreignKey: 'authorId', onDelete: 'RESTRICT' });\n  Author.hasMany(Book, { as: 'books', foreignKey: 'authorId', onDelete: 'RESTRICT' });",
        ),
  },
  "04: other aliases for the plain associations to Enrollment (the lesson leaves them to the learner)": {
    lesson: '04',
    file: 'models.ts',
    write: (s) =>
      s
        .replace("Student.hasMany(Enrollment, { as: 'enrollments'", "Student.hasMany(Enrollment, { as: 'registrations'")
        .replace("Course.hasMany(Enrollment, { as: 'enrollments'", "Course.hasMany(Enrollment, { as: 'roll'"),
  },
  "07: closeAccount on instances: findByPk, getProfile, profile.destroy and user.update, each with the transaction": {
    lesson: '07',
    file: 'services.ts',
    write: (s) =>
      s.replace(
        ...edit(
          "    await models.Profile.destroy({ where: { userId }, transaction });\n    await models.User.update({ email: null }, { where: { id: userId }, transaction });",
          "    const user = (await models.User.findByPk(userId, { transaction })) as (Model & { getProfile(o: object): Promise<Model | null> }) | null;\n    if (!user) return;\n    const profile = await user.getProfile({ transaction });\n    await profile?.destroy({ transaction });\n    await user.update({ email: null }, { transaction });",
        ),
      ),
  },
  "02: the magazines' key as { name: 'publisherId', field: 'publisher_id' } on both sides": {
    lesson: '02',
    file: 'models.ts',
    write: (s) =>
      s.replace(
        ...edit(
          "Publisher.hasMany(Magazine, { foreignKey: 'publisherId' });\n  Magazine.belongsTo(Publisher, { foreignKey: 'publisherId' });",
          "Publisher.hasMany(Magazine, { foreignKey: { name: 'publisherId', field: 'publisher_id' } });\n  Magazine.belongsTo(Publisher, { foreignKey: { name: 'publisherId', field: 'publisher_id' } });",
        ),
      ),
  },
  "02: publisherId declared as Magazine's attribute with field: 'publisher_id'": {
    lesson: '02',
    file: 'models.ts',
    write: (s) =>
      s.replace(
        ...edit(
          "const Magazine = sequelize.define('Magazine', { title: { type: DataTypes.STRING, allowNull: false } }, { underscored: true });",
          "const Magazine = sequelize.define('Magazine', { title: { type: DataTypes.STRING, allowNull: false }, publisherId: { type: DataTypes.INTEGER, field: 'publisher_id' } }, { underscored: true });",
        ),
      ),
  },
  "04: Enrollment's own key named enrollmentId (not id)": {
    lesson: '04',
    file: 'models.ts',
    write: (s) => s.replace(...edit('    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },', '    enrollmentId: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },')),
  },
  '08: every pair of sides in the other order': {
    lesson: '08',
    file: 'models.ts',
    write: (s) => {
      const lines = s.split('\n');
      const pairs = [
        ['  Post.belongsTo(User, {', '  User.hasMany(Post, {'],
        ['  Comment.belongsTo(Post, {', '  Post.hasMany(Comment, {'],
        ['  User.hasMany(Comment, {', '  Comment.belongsTo(User, {'],
        ['  Category.hasMany(Post, {', '  Post.belongsTo(Category, {'],
      ];
      for (const [a, b] of pairs) {
        const i = lines.findIndex((l) => l.startsWith(a));
        const j = lines.findIndex((l) => l.startsWith(b));
        [lines[i], lines[j]] = [lines[j], lines[i]];
      }
      return lines.join('\n');
    },
  },
  "15: authorsWhoWrote with '$posts.title$' in the top-level where (no limit, so no subquery)": {
    lesson: '15',
    file: 'queries.ts',
    write: (s) => s.replace(...edit("include: [{ association: 'posts', attributes: [], where: { title: { [Op.like]: `%${word}%` } } }],", "where: { '$posts.title$': { [Op.like]: `%${word}%` } },\n    include: [{ association: 'posts', attributes: [] }],")),
  },
  '15: authorsPage loading the posts with separate: true': {
    lesson: '15',
    file: 'queries.ts',
    write: (s) => s.replace(...edit("include: [{ association: 'posts' }],\n    distinct: true,", "include: [{ association: 'posts', separate: true }],\n    distinct: true,")),
  },
  "15: postCounts keeping every author attribute, grouped by the author's key": {
    lesson: '15',
    file: 'queries.ts',
    write: (s) => s.replace(...edit("attributes: ['name', [fn('COUNT', col('posts.id')), 'posts']],", "attributes: { include: [[fn('COUNT', col('posts.id')), 'posts']] },")),
  },
  '15: postCounts casting COUNT to INTEGER in the query (a number on both databases, no Number())': {
    lesson: '15',
    file: 'queries.ts',
    write: (s) =>
      s
        .replace(...edit("import { Op, col, fn,", "import { Op, cast, col, fn,"))
        .replace(...edit("[fn('COUNT', col('posts.id')), 'posts']", "[cast(fn('COUNT', col('posts.id')), 'INTEGER'), 'posts']"))
        .replace(...edit('return rows.map((r) => ({ name: r.name, posts: Number(r.posts) }));', 'return rows.map((r) => ({ name: r.name, posts: r.posts as number }));')),
  },
  '15: firstAuthorsWhoWrote loading the matching posts too (no attributes: [])': {
    lesson: '15',
    file: 'queries.ts',
    write: (s) => s.replace(...edit("include: [{ association: 'posts', attributes: [], where: { title: { [Op.like]: `%${text}%` } } }],", "include: [{ association: 'posts', where: { title: { [Op.like]: `%${text}%` } } }],")),
  },
  '15: postCounts grouped by id and name': {
    lesson: '15',
    file: 'queries.ts',
    write: (s) => s.replace(...edit("group: ['Author.id'],", "group: ['Author.id', 'Author.name'],")),
  },
  '14: 01 names the referenced table as an object, { tableName }': {
    lesson: '14',
    file: 'migrations/01-create-tables.ts',
    write: (s) => s.replace(...edit("references: { model: table, key: 'id' },", "references: { model: { tableName: table }, key: 'id' },")),
  },
  '14: 01 names its indexes': {
    lesson: '14',
    file: 'migrations/01-create-tables.ts',
    write: (s) => s.replace(...edit("await queryInterface.addIndex('Posts', ['authorId']);", "await queryInterface.addIndex('Posts', ['authorId'], { name: 'posts_author_id' });")),
  },
};

const temps: string[] = [];
const judge = sharedJudge();
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

function withVariant(v: Variant): string {
  return solutionWith(v.lesson, v.file, (before) => {
    const after = typeof v.write === 'string' ? v.write : v.write(before);
    expect(after, 'the rewrite changed nothing: the solution no longer has the text it rewrites').not.toBe(before);
    return after;
  }, temps);
}

describe('a correct answer in another style passes', () => {
  it.concurrent.each(Object.entries(variants))('%s', async (_name, v) => {
    const verdict = await judge(findLesson(v.lesson), withVariant(v));
    expect(verdict.problem, verdict.problem).toBeUndefined();
    expect(verdict.checks.filter((c) => c.state !== 'pass').map((c) => `${c.name}: ${c.message}`)).toEqual([]);
    expect(verdict.passed).toBe(true);
  });
});
