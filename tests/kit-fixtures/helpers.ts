/**
 * Small model sets for the kit's fixture suite. Each fixture builds the models a learner might write
 * on a fresh in-memory database, syncs it, and hands it to one of the kit's diagnostics.
 */
import { afterEach } from 'vitest';
import { DataTypes, Model, Sequelize, type ModelStatic } from 'sequelize';
import { newSequelize, type Statement } from '../../runner/kit/lesson-db.ts';

export type M = ModelStatic<Model>;

const opened: Sequelize[] = [];

/** Call once at the top of a fixture file: closes every database a check opened. */
export function closeDatabasesAfterEach(): void {
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
  });
}

export function db(): Sequelize {
  const s = new Sequelize({ dialect: 'sqlite', storage: ':memory:', logging: false });
  opened.push(s);
  return s;
}

/** A database whose statements are captured (for query counts and transactions). */
export async function recordingDb(): Promise<{ sequelize: Sequelize; statements: Statement[] }> {
  const statements: Statement[] = [];
  const sequelize = await newSequelize(statements);
  opened.push(sequelize);
  return { sequelize, statements };
}

export type Style = 'define' | 'class';

/** Defines a model in define() style or class/init style; same table either way. */
export function model(s: Sequelize, name: string, attributes: Record<string, unknown>, style: Style = 'define', options: Record<string, unknown> = {}): M {
  if (style === 'define') return s.define(name, attributes as never, options);
  const C = { [name]: class extends Model {} }[name];
  C.init(attributes as never, { sequelize: s, modelName: name, ...options });
  return C as M;
}

/** Lesson 01's world: a User and a LibraryCard; `wire` declares the association the learner wrote. */
export async function libraryCards(
  wire: (m: { User: M; LibraryCard: M; s: Sequelize }) => void,
  opts: { style?: Style; cardAttributes?: Record<string, unknown>; userAttributes?: Record<string, unknown>; userOptions?: Record<string, unknown>; cardOptions?: Record<string, unknown> } = {},
) {
  const s = db();
  const User = model(s, 'User', opts.userAttributes ?? { name: DataTypes.STRING, email: DataTypes.STRING }, opts.style, opts.userOptions);
  const LibraryCard = model(s, 'LibraryCard', { cardNumber: DataTypes.STRING, ...opts.cardAttributes }, opts.style, opts.cardOptions);
  wire({ User, LibraryCard, s });
  await s.sync();
  return { s, User, LibraryCard };
}

/** The seed tutorial's world: a User and a Profile. */
export async function profiles(wire: (m: { User: M; Profile: M }) => void) {
  const s = db();
  const User = s.define('User', { name: DataTypes.STRING });
  const Profile = s.define('Profile', { bio: DataTypes.STRING });
  wire({ User, Profile });
  await s.sync();
  return { s, User, Profile };
}

/** A many-to-many world: Students, Courses (and Teachers, for the reused join table). */
export async function enrolments(wire: (m: { Student: M; Course: M; Teacher: M; s: Sequelize }) => void, opts: { sync?: boolean } = {}) {
  const s = db();
  const Student = s.define('Student', { name: DataTypes.STRING });
  const Course = s.define('Course', { title: DataTypes.STRING });
  const Teacher = s.define('Teacher', { name: DataTypes.STRING });
  wire({ Student, Course, Teacher, s });
  if (opts.sync ?? true) await s.sync();
  return { s, Student, Course, Teacher };
}

/** The one-to-one the lesson asks for: one unique, NOT NULL userId on LibraryCards, ON DELETE CASCADE. */
export const CARD_KEY = { table: 'LibraryCards', references: 'Users', column: 'userId', unique: true, allowNull: false, onDelete: 'CASCADE' } as const;

/** The many-to-many the lessons ask for. */
export const ENROLMENTS = { table: 'Enrollments', keys: { studentId: 'Students', courseId: 'Courses' } };

/** Runs `fn` and returns what it threw (fails the fixture when it does not throw). */
export async function thrown(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected the learner code to throw, and it did not');
}
