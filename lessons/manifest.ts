/**
 * The one ordered list of lessons. The runner, the project's tests and the README index all read it.
 * A lesson lives in lessons/<id>-<slug>/ (explanation README.md, the editable files, checks.test.ts)
 * and its solved editable files in solutions/<id>-<slug>/.
 */
export interface LessonEntry {
  /** Two digits, the lesson's place in the course. */
  id: string;
  slug: string;
  title: string;
  /** The files the learner edits, relative to the lesson folder. */
  files: string[];
  /** Progressive hints: each press of `h` shows the next; the last is almost the answer. */
  hints: string[];
  /** Slow-to-load modules its checks use: watch mode loads them in the waiting process, before a save. */
  preload?: string[];
  /**
   * Edits `npm run mutants` makes that change nothing the lesson's functions can observe, though its
   * proof (schema and declarations) cannot show it: accepted ones count as equivalent, with `why`.
   */
  mutantsEquivalent?: Array<{ file: string; rules?: string[]; match?: string; why: string }>;
  /**
   * Edits `npm run mutants` makes that are outside the lesson's task (a file the learner is given
   * solved, a line the starter gives): listed in its report as out of scope, never judged. Without
   * `rules`, every rule; without `match` (text of the edited line), every place in the file.
   */
  mutantsOutOfScope?: Array<{ file: string; rules?: string[]; match?: string; why: string }>;
}

export const CHECK_FILE = 'checks.test.ts';

export const lessons: LessonEntry[] = [
  {
    id: '00',
    slug: 'warm-up',
    title: 'Warm-up: one model, a few rules',
    files: ['models.ts'],
    hints: [
      'Each attribute is a key in the object you pass to `sequelize.define`: `{ title: { type: DataTypes.STRING, allowNull: false } }`.',
      'Validations go in a `validate` object next to `type`: `validate: { min: 1 }` for pages, `validate: { len: [10, 13] }` for the ISBN, and `unique: true` makes the database refuse a second book with the same ISBN.',
      'The whole attribute list: `title: { type: DataTypes.STRING, allowNull: false, validate: { notEmpty: true } }`, `isbn: { type: DataTypes.STRING, allowNull: false, unique: true, validate: { len: [10, 13] } }`, `pages: { type: DataTypes.INTEGER, validate: { min: 1 } }`.',
    ],
  },
  {
    id: '01',
    slug: 'one-to-one',
    title: 'One-to-one: a user and a library card',
    files: ['models.ts'],
    hints: [
      'A one-to-one needs both sides: `User.hasOne(LibraryCard, ...)` gives users `getLibraryCard`, and `LibraryCard.belongsTo(User, ...)` gives cards `getUser`. Both must use the same foreign key, or you get two columns.',
      'Pass the same `foreignKey` to both sides. As an object it can carry column options too: `const userId = { name: \'userId\', allowNull: false, unique: true }`, then `foreignKey: userId` on both. `unique` is what makes it really one-to-one. (Keep it in a const: written inline, `unique` does not compile, as Sequelize\'s typings leave it out of ForeignKeyOptions though it honours it.)',
      'const userId = { name: \'userId\', allowNull: false, unique: true }; then User.hasOne(LibraryCard, { foreignKey: userId, onDelete: \'CASCADE\' }) and LibraryCard.belongsTo(User, { foreignKey: userId, onDelete: \'CASCADE\' }).',
    ],
  },
  // --- part 1: lessons 02-06 (one-to-many, many-to-many, through models, self-references, eager loading) ---
  {
    id: '02',
    slug: 'one-to-many',
    title: 'One-to-many: authors and their books',
    files: ['models.ts'],
    hints: [
      'Both declarations describe one column on Books. Once the belongsTo has the `as: \'author\'` the task asks for, hasMany still derives `AuthorId` (from the model name) while belongsTo derives `authorId` (from the alias): two names for one key. Name it yourself on both sides. The same holds with underscored: true (task 4): it renames columns, not attributes.',
      'Give both sides `foreignKey: \'authorId\'` and `onDelete: \'RESTRICT\'`; the belongsTo also needs `as: \'author\'`. Leave allowNull alone: the default allows NULL, which anonymous books and removeBook() need.',
      'Author.hasMany(Book, { as: \'books\', foreignKey: \'authorId\', onDelete: \'RESTRICT\' }); Book.belongsTo(Author, { as: \'author\', foreignKey: \'authorId\', onDelete: \'RESTRICT\' }); and Publisher.hasMany(Magazine, { foreignKey: \'publisherId\' }); Magazine.belongsTo(Publisher, { foreignKey: \'publisherId\' }).',
    ],
  },
  {
    id: '03',
    slug: 'many-to-many',
    title: 'Many-to-many: students and courses',
    files: ['models.ts', 'queries.ts'],
    hints: [
      'Each belongsToMany needs `as` (courses / students) and both keys: `foreignKey` is the column pointing at the model you call belongsToMany on, `otherKey` the one pointing at the other model. The two declarations are mirror images.',
      'Student side: `foreignKey: \'studentId\', otherKey: \'courseId\'`; Course side: the same two swapped. In queries.ts an aliased association is included by its name, and `through: { attributes: [] }` leaves the join row out.',
      'Student.belongsToMany(Course, { through: \'StudentCourses\', as: \'courses\', foreignKey: \'studentId\', otherKey: \'courseId\' }); Course.belongsToMany(Student, { through: \'StudentCourses\', as: \'students\', foreignKey: \'courseId\', otherKey: \'studentId\' }); and `return models.Student.findByPk(id, { include: [{ association: \'courses\', through: { attributes: [] } }] });`',
    ],
  },
  {
    id: '04',
    slug: 'through-model',
    title: 'A through model: enrolments with a grade',
    files: ['models.ts', 'queries.ts'],
    mutantsOutOfScope: [
      { file: 'models.ts', rules: ['drop-as'], match: 'hasMany(Enrollment', why: "the lesson leaves this alias to the learner (any alias passes, Sequelize's default too)" },
      { file: 'models.ts', rules: ['drop-as'], match: 'Enrollment.belongsTo(Student', why: "the lesson leaves this alias to the learner (its checks find it with aliasOf; nothing in queries.ts reads it)" },
      { file: 'models.ts', rules: ['drop-as'], match: 'Course.belongsToMany(Student', why: "the starter gives this alias and nothing in the task reads it (the default alias 'Students' has the same mixins)" },
    ],
    hints: [
      'Give Enrollment its two attributes, then pass the model itself as `through: Enrollment` on both belongsToMany (a string makes Sequelize build a bare join model of its own). Then add the four plain associations, all on the same studentId and courseId. Retakes need a join table whose primary key is not the pair, and no unique index on it either.',
      'The four new ones: `Student.hasMany(Enrollment, { as: \'enrollments\', foreignKey: \'studentId\', onDelete: \'CASCADE\' })`, `Enrollment.belongsTo(Student, { as: \'student\', foreignKey: \'studentId\', onDelete: \'CASCADE\' })`, and the same two for Course with courseId. In queries.ts filter join rows with `through: { where: { grade } }` inside the include, or start from Enrollment.',
      'Enrollment: `{ grade: DataTypes.STRING, enrolledAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW } }`. studentsWithGrade: `Student.findAll({ include: [{ association: \'courses\', where: { id: courseId }, attributes: [], through: { where: { grade } } }], order: [[\'name\', \'ASC\']] })`. transcript: `Enrollment.findAll({ where: { studentId }, include: [\'course\'] })`, then map each row to `{ title: e.course.title, grade: e.grade }` sorted by title. Retakes: `id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true }` in Enrollment, and `through: { model: Enrollment, unique: false }` on both belongsToMany.',
    ],
  },
  {
    id: '05',
    slug: 'self-reference',
    title: 'Self-reference: followers, following, and managers',
    files: ['models.ts'],
    hints: [
      'Both belongsToMany use through: \'Followers\' and the same two columns; they differ only in which one is foreignKey. foreignKey is the Followers column holding the id of the user you call the method on: in ada.getFollowing() ada is the follower, in bob.getFollowers() bob is the one followed.',
      '`following` is foreignKey: \'followerId\', otherKey: \'followingId\'; `followers` is the same pair swapped. For the manager: hasMany derives UserId even with an alias, so give User.hasMany(User, { as: \'reports\' }) and User.belongsTo(User, { as: \'manager\' }) the same foreignKey: \'managerId\', and onDelete: \'SET NULL\' on both.',
      'User.belongsToMany(User, { through: \'Followers\', as: \'following\', foreignKey: \'followerId\', otherKey: \'followingId\' }); User.belongsToMany(User, { through: \'Followers\', as: \'followers\', foreignKey: \'followingId\', otherKey: \'followerId\' }); User.hasMany(User, { as: \'reports\', foreignKey: \'managerId\', onDelete: \'SET NULL\' }); User.belongsTo(User, { as: \'manager\', foreignKey: \'managerId\', onDelete: \'SET NULL\' }).',
    ],
  },
  {
    id: '06',
    slug: 'eager-loading',
    title: 'Eager loading: everything in one query',
    files: ['queries.ts', 'models.ts'],
    mutantsOutOfScope: [{ file: 'models.ts', why: 'the models are given solved: the task is the queries in queries.ts' }],
    hints: [
      'Everything a function returns must come from ONE findAll/findByPk with an include: no getBooks() and no findAll inside a loop (the checks add authors and count the queries). Then read each failing message: it names the include option that is missing.',
      'Sort by a book column at the top level, naming the association first: `order: [[\'books\', \'publishYear\', \'ASC\']]`. A where inside an include makes it required (an INNER JOIN that drops authors without a match); `required: false` keeps them. Nest genres inside the books include with `through: { attributes: [] }`. A top-level limit counts authors; a limit per author needs `separate: true` inside the include.',
      'getAuthorWithBooks: `models.Author.findByPk(id, { include: [{ association: \'books\' }], order: [[\'books\', \'publishYear\', \'ASC\']] })`. authorsWithBooksAndGenres: `include: [{ association: \'books\', include: [{ association: \'genres\', through: { attributes: [] } }] }]`. authorsWithBooksAfter: `include: [{ association: \'books\', where: { publishYear: { [Op.gt]: year } } }]`, and the same plus `required: false` for allAuthorsWithBooksAfter. authorsWithBookTitles: `attributes: [\'id\', \'title\']` in the include. latestBooksPerAuthor: `include: [{ association: \'books\', separate: true, order: [[\'publishYear\', \'DESC\']], limit: n }]`.',
    ],
  },
  // --- end of part 1 ---
  // --- part 2: lessons 07-13 (creating, cascades, scopes, polymorphism, pitfalls, typed models, capstone) ---
  {
    id: '07',
    slug: 'creating-with-associations',
    title: 'Creating with associations: all or nothing',
    files: ['services.ts', 'models.ts'],
    mutantsOutOfScope: [{ file: 'models.ts', why: 'the models are given solved: the task is the services in services.ts' }],
    hints: [
      'Two separate problems: children that are never created (Author.create ignores `books` unless you pass include), and rows left behind when a later insert fails (only a transaction undoes them).',
      'Wrap each function body in `return sequelize.transaction(async (t) => { ... })`, and give EVERY query inside `{ transaction: t }`, including mixins: `user.createProfile(values, { transaction: t })`. For the nested create: `Author.create(data, { include: [{ association: \'books\' }], transaction: t })`. closeAccount: the transaction goes in the same options object as the where, `destroy({ where: { userId }, transaction: t })` and `update({ email: null }, { where: { id: userId }, transaction: t })`, never in an extra argument.',
      'signUp, everything in one transaction:\n\n```ts\nreturn sequelize.transaction(async (transaction) => {\n  const user = await models.User.create({ username: data.username, email: data.email }, { transaction });\n  await user.createProfile({ displayName: data.displayName, bio: data.bio }, { transaction });\n  return user;\n});\n```\n\naddBooks: the same shape, with `findByPk(authorId, { transaction })` and `author.createBook({ title }, { transaction })` in the loop.',
    ],
  },
  {
    id: '08',
    slug: 'cascades-and-constraints',
    title: 'Cascades and constraints: what a delete does',
    files: ['models.ts'],
    mutantsOutOfScope: [
      { file: 'models.ts', rules: ['drop-as'], why: "the starter gives the comment author's aliases; the task is what a delete does, which no alias changes" },
      { file: 'models.ts', rules: ['drop-transaction'], match: 'AuditLog.create', why: 'the audit hook is given by the starter ("Keep it"), not part of the task' },
    ],
    hints: [
      'Read each failing message: most say which side was defined first. Put the same onDelete (and foreignKey: { name, allowNull }) on BOTH sides of every association, each call with its own options object.',
      'Paranoid is a model option: the third argument of define, `{ paranoid: true }`. hooks: true belongs on `Post.hasMany(Comment, ...)` next to `onDelete: \'CASCADE\'`, never on the belongsTo. The category key wants `onDelete: \'RESTRICT\'`; the comment author key `onDelete: \'SET NULL\'`.',
      'Post.belongsTo(User, { foreignKey: { name: \'userId\', allowNull: false }, onDelete: \'CASCADE\', onUpdate: \'CASCADE\' }) and the same options, written out again in their own object, on User.hasMany(Post, ...); Comment.belongsTo(Post, { foreignKey: \'postId\', onDelete: \'CASCADE\' }) and Post.hasMany(Comment, { foreignKey: \'postId\', onDelete: \'CASCADE\', hooks: true }); onDelete: \'SET NULL\' on both authorId associations; onDelete: \'RESTRICT\' on both categoryId associations.',
    ],
  },
  {
    id: '09',
    slug: 'scopes',
    title: 'Scopes: filtered associations and default scopes',
    files: ['models.ts'],
    mutantsEquivalent: [
      { file: 'models.ts', rules: ['drop-include'], match: 'withPassword', why: "scope('withPassword') replaces the default scope, so attributes: {} returns passwordHash too (the lesson's withPassword check reads it)" },
    ],
    mutantsOutOfScope: [
      { file: 'models.ts', rules: ['drop-as'], match: 'Project.belongsTo(Team', why: "Project.belongsTo(Team) is not in the task (the solution's convenience); without the alias its getter is getTeam() all the same" },
    ],
    hints: [
      'Every filtered list is a second association with its own alias next to an unfiltered one: `projects` and `activeProjects`, `members` and `activeMembers`. The tutorial\'s `scope: { active: true }` on members filters Users.active (the account), which is not what a membership flag means.',
      'Define `const TeamMember = sequelize.define(\'TeamMember\', { role: ..., active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true } })` and use `through: TeamMember` for members and teams, `through: { model: TeamMember, scope: { active: true } }` for activeMembers. Default and named scopes go in User\'s options (third argument of define).',
      'Team.belongsToMany(User, { through: TeamMember, as: \'members\', foreignKey: \'teamId\', otherKey: \'userId\' }); Team.belongsToMany(User, { through: { model: TeamMember, scope: { active: true } }, as: \'activeMembers\', foreignKey: \'teamId\', otherKey: \'userId\' }); User.belongsToMany(Team, { through: TeamMember, as: \'teams\', foreignKey: \'userId\', otherKey: \'teamId\' }); Team.hasMany(Project, { foreignKey: \'teamId\', as: \'projects\' }); and on User: { defaultScope: { attributes: { exclude: [\'passwordHash\'] } }, scopes: { withPassword: { attributes: { include: [\'passwordHash\'] } } } }.',
    ],
  },
  {
    id: '10',
    slug: 'polymorphic',
    title: 'Polymorphic associations: one comments table, many parents',
    files: ['models.ts'],
    mutantsEquivalent: [
      { file: 'models.ts', rules: ['drop-as'], match: '.hasMany(Comment', why: "the default alias 'Comments' gives the same getComments()/createComment() the task asks for; listComments includes the belongsTo aliases, not these" },
    ],
    hints: [
      'commentableId holds ids from two tables, so the database must not check it: `constraints: false` on all four associations. Then each hasMany needs `scope: { commentableType: \'image\' }` (or \'video\') so ids shared by an image and a video do not mix.',
      'getCommentable: read `this.get(\'commentableType\')` and call `getImage` or `getVideo` (give the belongsTo sides `as: \'image\'` and `as: \'video\'`); return null otherwise. listComments: `Comment.findAll({ include: [\'image\', \'video\'], order: [[\'id\', \'ASC\']] })`, then take `c.get(\'image\')` only when the type is image, `c.get(\'video\')` only when it is video.',
      'Image.hasMany(Comment, { as: \'comments\', foreignKey: \'commentableId\', constraints: false, scope: { commentableType: \'image\' } }); Comment.belongsTo(Image, { as: \'image\', foreignKey: \'commentableId\', constraints: false }); the same for Video; then `Object.assign(Comment.prototype, { async getCommentable(this: Model) { const t = this.get(\'commentableType\'); return t === \'image\' ? (this as any).getImage() : t === \'video\' ? (this as any).getVideo() : null; } })`.',
    ],
  },
  {
    id: '11',
    slug: 'model-registry-and-pitfalls',
    title: 'A model registry, and debugging the tutorial\'s social network',
    files: ['models/user.ts', 'models/profile.ts', 'models/post.ts', 'models/index.ts'],
    mutantsEquivalent: [
      { file: 'models/profile.ts', rules: ['drop-as'], match: 'Profile.belongsTo(models.User', why: "the default alias 'User' gives the same profile.getUser() the task asks for, on the same key userId" },
    ],
    mutantsOutOfScope: [
      { file: 'models/user.ts', rules: ['drop-as'], why: "the starter gives the aliases 'profile' and 'posts'; the task is the registry and the tutorial's key bugs" },
    ],
    hints: [
      'Every failing message names the two declarations behind a column. Each relationship is written in two files now: give both sides the same foreignKey, and make followers/following mirror images.',
      'User.hasOne(models.Profile, { as: \'profile\' }) derives profileId from the alias: write `const userId = { name: \'userId\', unique: true }` and pass `foreignKey: userId` to hasOne AND to Profile.belongsTo (a const, because inline `unique` does not compile: Sequelize\'s typings leave it out). Post.belongsTo needs `as: \'author\', foreignKey: \'authorId\'`.',
      'following is `User.belongsToMany(models.User, { through: \'Followers\', as: \'following\', foreignKey: \'followerId\', otherKey: \'followingId\' })`: the key of the user you call it on first. In profile.ts: `const userId = { name: \'userId\', unique: true }; Profile.belongsTo(models.User, { as: \'user\', foreignKey: userId, onDelete: \'CASCADE\' })`, and the same foreignKey and onDelete on User.hasOne.',
    ],
  },
  {
    id: '12',
    slug: 'typed-models',
    title: 'Typed models: let the compiler know your associations',
    files: ['models.ts'],
    preload: ['typescript'],
    hints: [
      'Start with the runtime failure: replace the class fields (`name!: string`) with `declare name: string`. Then give both classes type arguments: `extends Model<InferAttributes<User>, InferCreationAttributes<User>>`.',
      'Declare every column, with `CreationOptional<...>` for id, createdAt and updatedAt and `ForeignKey<User[\'id\']>` for authorId; `declare posts?: NonAttribute<Post[]>` and `declare author?: NonAttribute<User>`; the mixins are `HasManyGetAssociationsMixin<Post>`, `HasManyCreateAssociationMixin<Post, \'authorId\'>`, `HasManyCountAssociationsMixin`, `BelongsToGetAssociationMixin<User>`.',
      'User: declare id: CreationOptional<number>; declare name: string; declare email: string | null; declare createdAt: CreationOptional<Date>; declare updatedAt: CreationOptional<Date>; declare posts?: NonAttribute<Post[]>; declare getPosts: HasManyGetAssociationsMixin<Post>; declare createPost: HasManyCreateAssociationMixin<Post, \'authorId\'>; declare countPosts: HasManyCountAssociationsMixin. Post: id, title: string, body: string | null, authorId: ForeignKey<User[\'id\']>, the timestamps, author?: NonAttribute<User>, getAuthor: BelongsToGetAssociationMixin<User>.',
    ],
  },
  {
    id: '13',
    slug: 'capstone',
    title: 'Capstone: the social platform, end to end',
    files: ['models.ts', 'feed.ts'],
    hints: [
      'Work table row by row, reading the failing checks: each relationship is two declarations with the same `foreignKey: { name, allowNull: false }` and `onDelete: \'CASCADE\'` (a shared const for the foreignKey object is fine; a shared options object is not). The join tables cascade by default.',
      'The feed in two queries: first `User.findByPk(userId, { include: [{ association: \'following\', attributes: [\'id\'] }] })` for the ids, then one `Post.findAll({ where: { authorId: ids }, include: [...], order: [[\'createdAt\', \'DESC\'], [\'id\', \'DESC\']] })`. Return [] early when the list of ids is empty.',
      'The include list: `[{ association: \'author\', include: [{ association: \'profile\' }] }, { association: \'tags\', through: { attributes: [] } }, { association: \'comments\', include: [{ association: \'author\' }] }]`. Followers: `User.belongsToMany(User, { through: \'Followers\', as: \'followers\', foreignKey: \'followingId\', otherKey: \'followerId\' })` and `as: \'following\'` with the keys swapped.',
    ],
  },
  // --- end of part 2 ---
  // --- part 3: lessons 14-15 (associations in production: migrations, queries across associations) ---
  {
    id: '14',
    slug: 'migrations',
    title: 'Migrations: the tables your associations need',
    files: ['migrations/01-create-tables.ts', 'migrations/02-add-comment-authors.ts', 'models.ts'],
    mutantsOutOfScope: [{ file: 'models.ts', why: 'the models are given solved: they are what the migrations must build' }],
    hints: [
      'Read each failing message: it names the table, the column and the option the migration lacks. The models are the truth: every foreign key needs `references`, `onDelete: \'CASCADE\'`, `onUpdate: \'CASCADE\'` and `allowNull: false`; PostTags has no id (its two keys are the primary key); Comments is yours to write; and every foreign-key column gets `await queryInterface.addIndex(table, [column])` (PostTags.postId is covered by the primary key).',
      'Migration 02 in three steps: `addColumn(\'Comments\', \'authorId\', { type: DataTypes.INTEGER, allowNull: true, references: { model: \'Users\', key: \'id\' }, onDelete: \'CASCADE\', onUpdate: \'CASCADE\' })`, then fill it with `queryInterface.sequelize.query(...)`: an UPDATE that sets each comment\'s authorId to its post\'s authorId (quote names with `queryInterface.quoteIdentifier`), then NOT NULL, then the index. On SQLite, changeColumn and removeColumn rebuild Comments and lose postId\'s CASCADE and both indexes: when `queryInterface.sequelize.getDialect() === \'sqlite\'`, rebuild it yourself.',
      'The SQLite rebuild, for up (with authorId) and down (without): `createTable(\'Comments_new\', { id, body, createdAt, updatedAt, postId: { type: DataTypes.INTEGER, allowNull: false, references: { model: \'Posts\', key: \'id\' }, onDelete: \'CASCADE\', onUpdate: \'CASCADE\' }, authorId: { ...the same, to Users } })`, then `INSERT INTO "Comments_new" (columns) SELECT columns FROM "Comments"`, `dropTable(\'Comments\')`, `renameTable(\'Comments_new\', \'Comments\')`, `addIndex(\'Comments\', [\'postId\'])` (and authorId). Elsewhere: `changeColumn(\'Comments\', \'authorId\', { type: DataTypes.INTEGER, allowNull: false })` and `removeColumn(\'Comments\', \'authorId\')`. 01\'s down: `dropTable` Comments, PostTags, Tags, Posts, Users, in that order.',
    ],
  },
  {
    id: '15',
    slug: 'querying-across-associations',
    title: 'Queries across associations: filters, pages and counts',
    files: ['queries.ts', 'models.ts'],
    mutantsOutOfScope: [{ file: 'models.ts', why: 'the models are given solved: the task is the queries in queries.ts' }],
    hints: [
      'Each function goes wrong because a join has one row per author AND post. authorsWhoWrote: a `$posts.title$` where needs the posts included; a where inside the include is simpler. authorsPage: findAndCountAll counts joined rows unless `distinct: true`, and `subQuery: false` makes the limit count joined rows too. postCounts: one query with COUNT and group, no countPosts() in a loop. firstAuthorsWhoWrote: with a limit the authors go in a subquery that has no posts, so `$posts.title$` cannot work there.',
      'authorsWhoWrote: `include: [{ association: \'posts\', attributes: [], where: { title: { [Op.like]: `%${word}%` } } }]` (required by default: authors without a match drop out). authorsPage: drop `subQuery: false`, add `distinct: true`. postCounts: `attributes: [\'name\', [fn(\'COUNT\', col(\'posts.id\')), \'posts\']]`, `include: [{ association: \'posts\', attributes: [] }]`, `group: [\'Author.id\']`, `raw: true`. firstAuthorsWhoWrote: the same include with its where as authorsWhoWrote, and `limit: n` (not `subQuery: false`, which makes the limit count joined rows).',
      'postCounts in full: `const rows = await models.Author.findAll({ attributes: [\'name\', [fn(\'COUNT\', col(\'posts.id\')), \'posts\']], include: [{ association: \'posts\', attributes: [] }], group: [\'Author.id\'], order: [[\'name\', \'ASC\']], raw: true }); return rows.map((r) => ({ name: r.name, posts: Number(r.posts) }));` (COUNT(*) would give an author with no posts 1; Number() because Postgres returns COUNT as a string).',
    ],
  },
  // --- end of part 3 ---
];

export function lessonFolder(l: Pick<LessonEntry, 'id' | 'slug'>): string {
  return `${l.id}-${l.slug}`;
}
