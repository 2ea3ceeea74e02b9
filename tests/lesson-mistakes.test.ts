/**
 * Lessons judged on realistic wrong answers, through the real engine: each row is a lesson's solution
 * with one mistake edited in. The lesson must fail, and some failing check must name the mistake.
 * (The kit's own fixtures test its diagnostics; this file tests that each lesson's checks reach them.)
 */
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { findLesson } from '../runner/course/lessons.ts';
import { sharedJudge } from './helpers/shared-judge.ts';
import { usesPostgres } from '../runner/kit/db/choice.ts';
import { solutionWith } from './helpers/course-copies.ts';

interface Mistake {
  lesson: string;
  file: string;
  /** What the learner wrote instead: [the solution's text, the wrong text]. */
  replace: [string, string];
  /** What some failing check's message must say. */
  says: RegExp;
  /** A mistake that exists on one database only (the wrong text is what the other one needs). */
  only?: 'sqlite' | 'postgres';
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
  "02: underscored: true and no foreignKey (the attribute is PublisherId; sequelize#11574, #7362)": {
    lesson: '02',
    file: 'models.ts',
    replace: ["Publisher.hasMany(Magazine, { foreignKey: 'publisherId' });\n  Magazine.belongsTo(Publisher, { foreignKey: 'publisherId' });", 'Publisher.hasMany(Magazine);\n  Magazine.belongsTo(Publisher);'],
    says: /Magazine\.create\(\{ title, publisherId \}\) stored publisher_id NULL: Magazine has no attribute publisherId, so Sequelize ignored it\. Its key's attribute is PublisherId \(with underscored: true and no foreignKey, Sequelize names the attribute from the model.*Write foreignKey: 'publisherId' on both sides/,
  },
  "02: underscored: true and foreignKey: 'publisher_id' (the attribute is publisher_id)": {
    lesson: '02',
    file: 'models.ts',
    replace: ["Publisher.hasMany(Magazine, { foreignKey: 'publisherId' });\n  Magazine.belongsTo(Publisher, { foreignKey: 'publisherId' });", "Publisher.hasMany(Magazine, { foreignKey: 'publisher_id' });\n  Magazine.belongsTo(Publisher, { foreignKey: 'publisher_id' });"],
    says: /stored publisher_id NULL: Magazine has no attribute publisherId.*Its key's attribute is publisher_id \(foreignKey: 'publisher_id' names the attribute itself publisher_id/,
  },
  "02: underscored: true and foreignKey on the belongsTo only (createMagazine() sets PublisherId)": {
    lesson: '02',
    file: 'models.ts',
    replace: ["Publisher.hasMany(Magazine, { foreignKey: 'publisherId' });", 'Publisher.hasMany(Magazine);'],
    says: /acme\.createMagazine\(\{ title \}\) left the magazine's publisherId undefined: Publisher\.hasMany\(Magazine\) has no foreignKey, so it sets its own attribute, PublisherId, a second name for the column publisher_id\. Write foreignKey: 'publisherId' on both sides/,
  },
  "02: underscored: true and foreignKey on the hasMany only (setPublisher() sets PublisherId)": {
    lesson: '02',
    // On SQLite the saved magazine comes back with publisherId filled from publisher_id; on PostgreSQL it stays null.
    only: 'postgres',
    file: 'models.ts',
    replace: ["Magazine.belongsTo(Publisher, { foreignKey: 'publisherId' });", 'Magazine.belongsTo(Publisher);'],
    says: /magazine\.setPublisher\(acme\) left the magazine's publisherId null: Magazine\.belongsTo\(Publisher\) has no foreignKey, so it sets its own attribute, PublisherId/,
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
  "04: transcript without the course included (reading e.get('course') throws)": {
    lesson: '04',
    file: 'queries.ts',
    replace: ["{ where: { studentId }, include: [{ association: 'course' }] }", '{ where: { studentId } }'],
    says: /transcript\(\) threw: TypeError: .*Load each enrolment's course in the same query, include: \[\{ association: 'course' \}\]/,
  },
  '04: studentsWithGrade ordered by name descending (the message shows the course id it was called with)': {
    lesson: '04',
    file: 'queries.ts',
    replace: ["order: [['name', 'ASC']]", "order: [['name', 'DESC']]"],
    says: /studentsWithGrade\(models, \d+, 'A'\) \(course \d+ is Databases\) returned bob, ada: the right students, in the wrong order/,
  },
  "04: retakes with an id on Enrollment but no unique: false (belongsToMany keeps the pair unique; sequelize#3220)": {
    lesson: '04',
    file: 'models.ts',
    replace: ['const through = { model: Enrollment, unique: false };', 'const through = Enrollment;'],
    says: /Enrollments keeps \(studentId, courseId\) unique, so cy cannot retake Databases: belongsToMany adds that unique index even when Enrollment has an id of its own\. Pass through: \{ model: Enrollment, unique: false \} on both sides/,
  },
  "04: retakes with unique: false but no id of Enrollment's own (the pair is still the primary key)": {
    lesson: '04',
    file: 'models.ts',
    replace: ['    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },\n', ''],
    says: /Enrollments' primary key is \(studentId, courseId\), so a student and a course can be paired only once: cy cannot retake Databases\. Give Enrollment a key of its own, id: \{ type: DataTypes\.INTEGER, primaryKey: true, autoIncrement: true \}/,
  },
  "04: retakes with unique: false on one side only (the other still adds the unique index)": {
    lesson: '04',
    file: 'models.ts',
    replace: ['  Course.belongsToMany(Student, { through, as', '  Course.belongsToMany(Student, { through: Enrollment, as'],
    says: /Enrollments keeps \(studentId, courseId\) unique, so cy cannot retake Databases.*on both sides/,
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
  "07: signUp's createProfile without { transaction } (PostgreSQL: a plain foreign-key error, explained)": {
    lesson: '07',
    // On in-memory SQLite the insert sees the uncommitted user (one connection): the statement log names it (the row below).
    only: 'postgres',
    file: 'services.ts',
    replace: ['await user.createProfile({ displayName: data.displayName, bio: data.bio }, { transaction });', 'await user.createProfile({ displayName: data.displayName, bio: data.bio });'],
    says: /signUp failed: the database refused a row of Profiles for its foreign key, because that statement ran outside the transaction\. Without \{ transaction: t \} it runs on another connection, which cannot see the rows the transaction has inserted and not yet committed/,
  },
  "07: signUp's createProfile without { transaction } (SQLite: the statement log)": {
    lesson: '07',
    only: 'sqlite',
    file: 'services.ts',
    replace: ['await user.createProfile({ displayName: data.displayName, bio: data.bio }, { transaction });', 'await user.createProfile({ displayName: data.displayName, bio: data.bio });'],
    says: /1 of 2 queries ran outside the transaction.*user\.createProfile\(values, \{ transaction: t \}\)/,
  },
  "07: closeAccount's update with the transaction as a third argument (sequelize#4759)": {
    lesson: '07',
    file: 'services.ts',
    replace: ['await models.User.update({ email: null }, { where: { id: userId }, transaction });', 'await (models.User.update as (...a: unknown[]) => Promise<unknown>)({ email: null }, { where: { id: userId } }, { transaction });'],
    says: /1 of 2 queries ran outside the transaction.*That one is an UPDATE: Model\.update\(values, options\) reads the transaction from its second argument.*update\(values, \{ where \}, \{ transaction: t \}\), is ignored/,
  },
  "07: closeAccount's destroy with the transaction as a second argument (sequelize#4759)": {
    lesson: '07',
    file: 'services.ts',
    replace: ['await models.Profile.destroy({ where: { userId }, transaction });', 'await (models.Profile.destroy as (...a: unknown[]) => Promise<unknown>)({ where: { userId } }, { transaction });'],
    says: /1 of 2 queries ran outside the transaction.*That one is a DELETE: Model\.destroy\(options\) reads the transaction from its one argument.*destroy\(\{ where \}, \{ transaction: t \}\), is ignored/,
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
  "09: hasMany(Project.scope('active')) instead of the association's scope option": {
    lesson: '09',
    file: 'models.ts',
    replace: [
      "Team.hasMany(Project, { foreignKey: 'teamId', as: 'activeProjects', scope: { status: 'active' } });",
      "Project.addScope('active', { where: { status: 'active' } });\n  Team.hasMany(Project.scope('active'), { foreignKey: 'teamId', as: 'activeProjects' });",
    ],
    says: /has no association scope: its target is Project\.scope\('active'\), a model scope\. .*createActiveProject\(\) keeps whatever status it is given\. Give the association its own scope option: Team\.hasMany\(Project, \{ as: 'activeProjects', scope: \{ status: "active" \} \}\)/,
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
    file: 'models/user.ts',
    replace: ["User.hasMany(models.Post, { as: 'posts', foreignKey: 'authorId' })", "User.hasMany(models.Post, { as: 'posts', foreignKey: 'authorId', onDelete: 'CASCADE' })"],
    says: /Posts\.authorId is ON DELETE CASCADE only because of the order your associations were defined in/,
  },
  "01: cardNumber without unique (the starter's attribute, dropped)": {
    lesson: '01',
    file: 'models.ts',
    replace: ['cardNumber: { type: DataTypes.STRING, unique: true },', 'cardNumber: { type: DataTypes.STRING },'],
    says: /LibraryCards\.cardNumber is not unique, but the task keeps every value different: give LibraryCard's cardNumber unique: true/,
  },
  "02: Books.title allowing NULL (the starter's allowNull: false, dropped)": {
    lesson: '02',
    file: 'models.ts',
    replace: ['title: { type: DataTypes.STRING, allowNull: false },', 'title: { type: DataTypes.STRING },'],
    says: /Books\.title allows NULL, but the task keeps it NOT NULL: give Book's title allowNull: false/,
  },
  '08: Post.hasOne(User) where a post belongs to a user (a stray key on Users)': {
    lesson: '08',
    file: 'models.ts',
    replace: ['  Post.belongsTo(User, { foreignKey: userId,', '  Post.hasOne(User, { foreignKey: userId,'],
    says: /Users has a foreign key userId to Posts that the task does not ask for: it comes from Post\.hasOne\(User, \{ foreignKey: 'userId' \}\).*a post belongs to a user, so write Post\.belongsTo\(User, \{ foreignKey: 'userId' \}\)/,
  },
  '08: Category.hasOne(Post) where a category has many posts (the same schema, other mixins)': {
    lesson: '08',
    file: 'models.ts',
    replace: ["Category.hasMany(Post, { foreignKey: 'categoryId'", "Category.hasOne(Post, { foreignKey: 'categoryId'"],
    says: /Category\.hasOne\(Post, \{ foreignKey: 'categoryId' \}\) says a category has one post, but in this task a category has many.*Write Category\.hasMany\(Post, \.\.\.\)/,
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
  "14: Comments.postId written with references but no onDelete (NO ACTION)": {
    lesson: '14',
    file: 'migrations/01-create-tables.ts',
    replace: ["postId: key('Posts') });", "postId: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'Posts', key: 'id' }, onUpdate: 'CASCADE' } });"],
    says: /Comments\.postId has no ON DELETE CASCADE: the model says CASCADE\. Add onDelete: 'CASCADE' next to its references \(references alone gives NO ACTION\)/,
  },
  '14: Posts.authorId allowing NULL': {
    lesson: '14',
    file: 'migrations/01-create-tables.ts',
    replace: ["authorId: key('Users') });", "authorId: { ...key('Users'), allowNull: true } });"],
    says: /Posts\.authorId allows NULL: the model says NOT NULL\. Add allowNull: false/,
  },
  '14: Users.email without unique': {
    lesson: '14',
    file: 'migrations/01-create-tables.ts',
    replace: ['email: { type: DataTypes.STRING, allowNull: false, unique: true },', 'email: { type: DataTypes.STRING, allowNull: false },'],
    says: /Users\.email is not unique: the model says unique\. Add unique: true/,
  },
  '14: no index on Posts.authorId (createTable does not make one)': {
    lesson: '14',
    file: 'migrations/01-create-tables.ts',
    replace: ["await queryInterface.addIndex('Posts', ['authorId']);", ''],
    says: /Posts\.authorId has no index: the model has one.*addIndex\('Posts', \['authorId'\]\)/,
  },
  '14: the junction table with an id of its own instead of the two keys as primary key': {
    lesson: '14',
    file: 'migrations/01-create-tables.ts',
    replace: ["postId: { ...key('Posts'), primaryKey: true },\n    tagId: { ...key('Tags'), primaryKey: true },", "id,\n    postId: key('Posts'),\n    tagId: key('Tags'),"],
    says: /PostTags's primary key is \(id\): the model's is \(postId, tagId\)\. Give both postId and tagId primaryKey: true/,
  },
  '14: the migration names the key post_id, the model postId': {
    lesson: '14',
    file: 'migrations/01-create-tables.ts',
    replace: ["postId: key('Posts') });\n  await queryInterface.addIndex('Comments', ['postId']);", "post_id: key('Posts') });\n  await queryInterface.addIndex('Comments', ['post_id']);"],
    says: /Comments\.postId is missing: the model has it\. It has post_id instead: the migration names the column differently from the model/,
  },
  "14: post_id in 01 (02's failure names the misnamed column, not includes or separate)": {
    lesson: '14',
    file: 'migrations/01-create-tables.ts',
    replace: ["postId: key('Posts') });\n  await queryInterface.addIndex('Comments', ['postId']);", "post_id: key('Posts') });\n  await queryInterface.addIndex('Comments', ['post_id']);"],
    says: /^(?![\s\S]*separate: true)[\s\S]*02-add-comment-authors\.ts: up failed: .*Comments has no column postId: it has post_id\. The migration that created Comments names the column differently from the model/,
  },
  "14: 01's Comments.postId without onDelete (02's down() is judged against 01, not the models)": {
    lesson: '14',
    // On SQLite 02's down() rebuilds Comments with postId's CASCADE; on PostgreSQL removeColumn leaves postId as 01 made it.
    only: 'sqlite',
    file: 'migrations/01-create-tables.ts',
    replace: ["postId: key('Posts') });", "postId: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'Posts', key: 'id' }, onUpdate: 'CASCADE' } });"],
    says: /^(?![\s\S]*onDelete: 'NO ACTION')[\s\S]*After 02-add-comment-authors\.ts's down\(\), the schema is not what 01 left:\n- Comments\.postId is ON DELETE CASCADE: 01 had ON DELETE NO ACTION\. Put back exactly what was there[\s\S]*01 itself is not what the models say there \(the checks on 01 name it: Comments\.postId\)/,
  },
  "14: 02's changeColumn repeats references (a second foreign key beside the first)": {
    lesson: '14',
    // SQLite's branch rebuilds the table and never calls changeColumn; PostgreSQL adds Comments_authorId_fkey1.
    only: 'postgres',
    file: 'migrations/02-add-comment-authors.ts',
    replace: ["await queryInterface.changeColumn('Comments', 'authorId', { type: DataTypes.INTEGER, allowNull: false });", "await queryInterface.changeColumn('Comments', 'authorId', { ...authorKey, allowNull: false });"],
    says: /Comments\.authorId has 2 foreign-key constraints \(Comments_authorId_fkey, Comments_authorId_fkey1\): the model has one\. On PostgreSQL, changeColumn with references adds a new constraint.*removeConstraint\('Comments', 'Comments_authorId_fkey1'\)/,
  },
  "14: 01's down() forgets the junction table": {
    lesson: '14',
    file: 'migrations/01-create-tables.ts',
    replace: ["['Comments', 'PostTags', 'Tags', 'Posts', 'Users']", "['Comments', 'Tags', 'Posts', 'Users']"],
    // PostgreSQL refuses to drop Tags while PostTags points at it; SQLite drops it, then the next drop trips on PostTags' dangling key.
    says: /down failed: [\s\S]*PostTags still holds a foreign key to it[\s\S]*Drop the tables that hold the keys first \(PostTags before Tags\)/,
  },
  '14: 02 adds Comments.authorId NOT NULL at once, on a table with rows': {
    lesson: '14',
    file: 'migrations/02-add-comment-authors.ts',
    replace: ["{ ...authorKey, allowNull: true }", '{ ...authorKey, allowNull: false }'],
    says: /02-add-comment-authors\.ts: up failed: .*three steps: addColumn allowing NULL, fill it for every row, and only then make it NOT NULL/,
  },
  "14: 02 uses changeColumn on SQLite too (the table rebuild loses postId's CASCADE and the indexes)": {
    lesson: '14',
    // On PostgreSQL changeColumn/removeColumn are right: they change the table in place.
    only: 'sqlite',
    file: 'migrations/02-add-comment-authors.ts',
    replace: ["  if (queryInterface.sequelize.getDialect() === 'sqlite') return rebuildComments(queryInterface, true);\n", ''],
    says: /Comments\.postId has no ON DELETE CASCADE[\s\S]*on SQLite, changeColumn and removeColumn rebuild the whole table from describeTable/,
  },
  '14: 02 never fills authorId before making it NOT NULL': {
    lesson: '14',
    file: 'migrations/02-add-comment-authors.ts',
    replace: ['await queryInterface.sequelize.query(\n    `UPDATE', 'void String(\n    `UPDATE'],
    says: /02-add-comment-authors\.ts: up failed: [\s\S]*NOT NULL[\s\S]*fill it for every row/,
  },
  "14: 02's down() removes the column with removeColumn on SQLite (the rebuild again)": {
    lesson: '14',
    // On PostgreSQL changeColumn/removeColumn are right: they change the table in place.
    only: 'sqlite',
    file: 'migrations/02-add-comment-authors.ts',
    replace: ["  if (queryInterface.sequelize.getDialect() === 'sqlite') return rebuildComments(queryInterface, false);\n", ''],
    says: /After 02-add-comment-authors\.ts's down\(\), the schema is not what 01 left:[\s\S]*Comments\.postId is ON DELETE NO ACTION: 01 had ON DELETE CASCADE[\s\S]*on SQLite, changeColumn and removeColumn rebuild the whole table/,
  },
  "14: 02's down() does nothing": {
    lesson: '14',
    file: 'migrations/02-add-comment-authors.ts',
    replace: ["  if (queryInterface.sequelize.getDialect() === 'sqlite') return rebuildComments(queryInterface, false);\n  await queryInterface.removeColumn('Comments', 'authorId');\n", ''],
    says: /After 02-add-comment-authors\.ts's down\(\), the schema is not what 01 left:[\s\S]*Comments\.authorId is not in the models/,
  },
  '15: authorsWhoWrote with required: false (every author comes back)': {
    lesson: '15',
    file: 'queries.ts',
    replace: ['where: { title: { [Op.like]: `%${word}%` } } }],', 'where: { title: { [Op.like]: `%${word}%` } }, required: false }],'],
    says: /Mia \(no posts\) came back too: the include is a LEFT JOIN that keeps every author/,
  },
  "15: authorsWhoWrote with '$posts.title$' and no include": {
    lesson: '15',
    file: 'queries.ts',
    replace: ["include: [{ association: 'posts', attributes: [], where: { title: { [Op.like]: `%${word}%` } } }],", "where: { '$posts.title$': { [Op.like]: `%${word}%` } },"],
    says: /A '\$posts\.title\$' key names a column of the joined posts: the query must include them/,
  },
  '15: authorsWhoWrote matching the whole title instead of a part of it': {
    lesson: '15',
    file: 'queries.ts',
    replace: ['where: { title: { [Op.like]: `%${word}%` } } }],', 'where: { title: word } }],'],
    says: /authorsWhoWrote\(models, 'SQL'\) returned nobody; expected Ada and Zoe.*Ada \(one post\), Zoe \(3 posts\) is missing|returned nobody; expected Ada and Zoe/,
  },
  '15: authorsPage without distinct: true (count is the joined rows)': {
    lesson: '15',
    file: 'queries.ts',
    replace: ['    distinct: true,\n', ''],
    says: /authorsPage says count 8; there are 5 authors\..*findAndCountAll with an include counts joined rows unless you pass distinct: true/,
  },
  '15: authorsPage with subQuery: false (the limit cuts joined rows)': {
    lesson: '15',
    file: 'queries.ts',
    replace: ['    distinct: true,\n', '    distinct: true,\n    subQuery: false,\n'],
    // Which of Bob's posts survives the cut is the database's row order (Birds on SQLite, Gardening on PostgreSQL).
    says: /returned Bob with (Birds|Gardening); Bob wrote Birds, Gardening\. With subQuery: false the limit cuts the joined rows/,
  },
  '15: authorsPage with a required include (authors without posts vanish)': {
    lesson: '15',
    file: 'queries.ts',
    replace: ["include: [{ association: 'posts' }],\n    distinct: true,", "include: [{ association: 'posts', required: true }],\n    distinct: true,"],
    says: /Mia \(no posts\) is not counted: a required include \(an INNER JOIN\) drops authors without posts/,
  },
  '15: authorsPage without an order (pages follow the ids, not the names)': {
    lesson: '15',
    file: 'queries.ts',
    replace: ["    distinct: true,\n    order: [['name', 'ASC']],\n", '    distinct: true,\n'],
    says: /authorsPage\(models, 1, 2\) returned .*; page 1 of the authors by name is Ada and Bob/,
  },
  '15: authorsPage without the posts': {
    lesson: '15',
    file: 'queries.ts',
    replace: ["include: [{ association: 'posts' }],\n    distinct: true,", 'distinct: true,'],
    says: /authorsPage returned Ada without posts loaded: include: \[\{ association: 'posts' \}\]/,
  },
  "15: postCounts with COUNT('*') (an author with no posts counts 1)": {
    lesson: '15',
    file: 'queries.ts',
    replace: ["fn('COUNT', col('posts.id'))", "fn('COUNT', '*')"],
    says: /postCounts says Mia wrote 1; Mia wrote 0\. COUNT\(\*\) counts the one joined row/,
  },
  '15: postCounts with a required include (authors with no posts left out)': {
    lesson: '15',
    file: 'queries.ts',
    replace: ["include: [{ association: 'posts', attributes: [] }],\n    group", "include: [{ association: 'posts', attributes: [], required: true }],\n    group"],
    says: /postCounts leaves out Mia \(no posts\)\. An include with required: true \(an INNER JOIN\) drops authors without posts/,
  },
  '15: postCounts without group (one row for everyone)': {
    lesson: '15',
    file: 'queries.ts',
    replace: ["    group: ['Author.id'],\n", ''],
    // SQLite answers with one row; PostgreSQL refuses the query (a grouping error) and the kit names the same fix.
    says: usesPostgres()
      ? /postCounts\(models\) threw: PostgreSQL refuses to return Author\.name beside an aggregate such as COUNT when no GROUP BY covers it.*COUNT without group counts every joined row together\. Add group: \['Author\.id'\]/
      : /postCounts returned one row .* for 5 authors: COUNT without group counts every joined row together\. Add group: \['Author\.id'\]/,
  },
  "15: postCounts returning COUNT as the driver gives it (a bigint string on PostgreSQL)": {
    lesson: '15',
    // SQLite's COUNT comes back a number; node-pg returns PostgreSQL's bigint as a string.
    only: 'postgres',
    file: 'queries.ts',
    replace: ['return rows.map((r) => ({ name: r.name, posts: Number(r.posts) }));', 'return rows.map((r) => ({ name: r.name, posts: r.posts as number }));'],
    says: /postCounts gives Ada's posts as "1", a string: the task says a number\. On PostgreSQL, COUNT returns a bigint, and the pg driver hands bigints over as strings.*Number\(row\.posts\).*cast\(fn\('COUNT', col\('posts\.id'\)\), 'INTEGER'\)/,
  },
  "15: postCounts grouped by the post's id too (one row per author and post)": {
    lesson: '15',
    file: 'queries.ts',
    replace: ["group: ['Author.id'],", "group: ['Author.id', 'posts.id'],"],
    says: /postCounts returned Bob on 2 rows and Zoe on 3 rows: the same author on several rows means the GROUP BY holds more than the author's key.*group: \['Author\.id'\]/,
  },
  "15: postCounts including the posts' columns (PostgreSQL refuses them beside COUNT)": {
    lesson: '15',
    // SQLite returns one arbitrary post's columns per group and the right counts.
    only: 'postgres',
    file: 'queries.ts',
    replace: ["include: [{ association: 'posts', attributes: [] }],\n    group", "include: [{ association: 'posts' }],\n    group"],
    says: /^(?![\s\S]*Add group: \['posts\.id'\])[\s\S]*PostgreSQL refuses to return posts\.id, a column of the included posts, beside an aggregate such as COUNT.*Give that include attributes: \[\] \(\{ association: 'posts', attributes: \[\] \}\)/,
  },
  "15: firstAuthorsWhoWrote with '$posts.title$' in the top-level where and a limit (sequelize#5423)": {
    lesson: '15',
    file: 'queries.ts',
    replace: ["include: [{ association: 'posts', attributes: [], where: { title: { [Op.like]: `%${text}%` } } }],\n    order: [['name', 'ASC']],\n    limit: n,", "where: { '$posts.title$': { [Op.like]: `%${text}%` } },\n    include: [{ association: 'posts', attributes: [] }],\n    order: [['name', 'ASC']],\n    limit: n,"],
    // SQLite: no such column: posts.title; PostgreSQL: missing FROM-clause entry for table "posts".
    says: /firstAuthorsWhoWrote\(models, 'SQL', 1\) threw: .*(no such column: posts\.title|missing FROM-clause entry for table "posts")\. With a limit, Sequelize selects the authors in a subquery .*Put the where inside the include/,
  },
  "15: firstAuthorsWhoWrote with '$posts.title$' and subQuery: false (the limit counts joined rows)": {
    lesson: '15',
    file: 'queries.ts',
    replace: ["include: [{ association: 'posts', attributes: [], where: { title: { [Op.like]: `%${text}%` } } }],\n    order: [['name', 'ASC']],\n    limit: n,", "where: { '$posts.title$': { [Op.like]: `%${text}%` } },\n    include: [{ association: 'posts', attributes: [] }],\n    order: [['name', 'ASC']],\n    limit: n,\n    subQuery: false,"],
    says: /firstAuthorsWhoWrote\(models, 'r', 2\) returned Bob; the first 2 authors by name with a post containing 'r' are Bob and Cy\. Bob's 2 matching posts \(Gardening, Birds\) took the places: with subQuery: false the limit counts joined rows/,
  },
  "15: firstAuthorsWhoWrote reading every match and cutting the list in JavaScript": {
    lesson: '15',
    file: 'queries.ts',
    replace: ["include: [{ association: 'posts', attributes: [], where: { title: { [Op.like]: `%${text}%` } } }],\n    order: [['name', 'ASC']],\n    limit: n,", "include: [{ association: 'posts', attributes: [], where: { title: { [Op.like]: `%${text}%` } } }],\n    order: [['name', 'ASC']],\n  }).then((all) => all.slice(0, n));\n  void ({"],
    says: /firstAuthorsWhoWrote\(models, 'SQL', 1\) ran no query with a LIMIT: .*Pass limit: n to findAll/,
  },
  '15: postCounts with countPosts() per author (N+1)': {
    lesson: '15',
    file: 'queries.ts',
    replace: [
      "const rows = (await models.Author.findAll({",
      "const authors = await models.Author.findAll({ order: [['name', 'ASC']] });\n  const counted = await Promise.all(authors.map(async (a) => ({ name: a.get('name') as string, posts: await (a as Model & { countPosts(): Promise<number> }).countPosts() })));\n  if (counted.length >= 0) return counted;\n  const rows = (await models.Author.findAll({",
    ],
    says: /postCounts\(models\) ran 6 queries; the lesson allows at most 1\. The same query on Posts ran 5 times, once per row: an N\+1 loop/,
  },
};

const temps: string[] = [];
const judge = sharedJudge();
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A lessons root holding the lesson's solution with the mistake edited in. */
function withMistake(m: Mistake): string {
  return solutionWith(m.lesson, m.file, (text) => {
    // The solution must still contain the text: a silent no-op edit would test the solution itself.
    expect(text, `the solution of ${m.lesson} no longer contains the text this mistake replaces`).toContain(m.replace[0]);
    return text.replace(m.replace[0], () => m.replace[1]); // a function: no $-patterns in the wrong text
  }, temps);
}

describe('a wrong answer fails with a message that names it', () => {
  const database = usesPostgres() ? 'postgres' : 'sqlite';
  it.concurrent.each(Object.entries(mistakes).filter(([, m]) => !m.only || m.only === database))('%s', async (_name, m) => {
    const verdict = await judge(findLesson(m.lesson), withMistake(m));
    expect(verdict.problem, verdict.problem).toBeUndefined();
    expect(verdict.passed).toBe(false);
    const messages = verdict.checks.filter((c) => c.state === 'fail').map((c) => c.message ?? '');
    expect(messages.join('\n---\n')).toMatch(m.says);
  });
});
