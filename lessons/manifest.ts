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
      'Pass the same `foreignKey` to both sides. As an object it can carry column options too: `foreignKey: { name: \'userId\', allowNull: false, unique: true }`. `unique` is what makes it really one-to-one.',
      'User.hasOne(LibraryCard, { foreignKey: { name: \'userId\', allowNull: false, unique: true }, onDelete: \'CASCADE\' }) and LibraryCard.belongsTo(User, { foreignKey: { name: \'userId\', allowNull: false, unique: true }, onDelete: \'CASCADE\' }).',
    ],
  },
  // --- part 1: lessons 02-06 (one-to-many, many-to-many, through models, self-references, eager loading) ---
  // --- end of part 1 ---
  // --- part 2: lessons 07-13 (creating, cascades, scopes, polymorphism, pitfalls, typed models, capstone) ---
  // --- end of part 2 ---
];

export function lessonFolder(l: Pick<LessonEntry, 'id' | 'slug'>): string {
  return `${l.id}-${l.slug}`;
}
