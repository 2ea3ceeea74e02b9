/**
 * Custom vitest matchers over the kit's diagnostics. Each returns the diagnostic as its failure
 * message, so what the learner reads is the kit's explanation, not "expected x to be y".
 */
import { expect } from 'vitest';
import type { Model, ModelStatic, Sequelize } from 'sequelize';
import type { LessonDb, Statement } from './lesson-db.ts';
import { checkForeignKey, type ForeignKeySpec } from './diagnose/foreign-key.ts';
import { checkAssociation, checkMixins, type AssociationSpec } from './diagnose/association.ts';
import { checkDeleteEffect, type DeleteEffect } from './diagnose/deletes.ts';
import { checkJunction, type JunctionSpec } from './diagnose/junction.ts';
import { budgetProblem, leftOpen, outsideTransaction, recordQueries, refusedOutsideTransaction } from './diagnose/queries.ts';
import { checkAssociationScope, checkThroughScope } from './diagnose/scopes.ts';
import { checkCascadeHooks, checkHookedCascade } from './diagnose/cascade-hooks.ts';
import { checkPolymorphic, type PolymorphicSpec } from './diagnose/polymorphic.ts';
import { checkIncluded, checkThroughHidden } from './diagnose/eager.ts';
import { checkMirrorRows, type MirrorSpec } from './diagnose/self-reference.ts';
import { checkOrderIndependent } from './diagnose/definition-order.ts';

type AnyDb = LessonDb<unknown>;
type Result = { pass: boolean; message: () => string };

const verdict = (problem: string | null, negated: string): Result => ({ pass: problem === null, message: () => problem ?? negated });

async function deleteMatcher(parent: Model, child: Model, want: DeleteEffect, opts?: { force?: boolean }): Promise<Result> {
  return verdict(await checkDeleteEffect(parent, child, want, opts), `expected deleting the parent not to ${want} the child`);
}

expect.extend({
  toHaveAssociation(received: ModelStatic<Model>, spec: AssociationSpec) {
    return verdict(checkAssociation(received, spec), `expected ${received.name} not to have that association`);
  },
  async toHaveForeignKey(received: AnyDb, table: string, spec: Omit<ForeignKeySpec, 'table'>) {
    return verdict(await checkForeignKey(received.sequelize, { ...spec, table }), `expected ${table} not to have that foreign key`);
  },
  async toHaveJunction(received: AnyDb, spec: JunctionSpec) {
    return verdict(await checkJunction(received.sequelize, spec), `expected no join table ${spec.table}`);
  },
  toHaveMixins(received: ModelStatic<Model> | Model, names: string[]) {
    return verdict(checkMixins(received, names), `expected not to have mixins ${names.join(', ')}`);
  },
  toCascadeOnDelete: (parent: Model, child: Model, opts?: { force?: boolean }) => deleteMatcher(parent, child, 'cascade', opts),
  toSetNullOnDelete: (parent: Model, child: Model, opts?: { force?: boolean }) => deleteMatcher(parent, child, 'set null', opts),
  toRestrictDelete: (parent: Model, child: Model, opts?: { force?: boolean }) => deleteMatcher(parent, child, 'restrict', opts),
  toKeepOnDelete: (parent: Model, child: Model, opts?: { force?: boolean }) => deleteMatcher(parent, child, 'keep', opts),
  async toRunAtMostQueries(received: () => unknown, db: { statements: Statement[] }, max: number, what?: string) {
    const { statements } = await recordQueries(db, received);
    return verdict(budgetProblem(statements, max, what, (db as { sequelize?: Sequelize }).sequelize), `expected more than ${max} queries`);
  },
  async toRunInOneTransaction(received: () => unknown, db: { statements: Statement[] }) {
    const start = db.statements.length;
    let statements: Statement[];
    try {
      ({ statements } = await recordQueries(db, received));
    } catch (e) {
      const refused = refusedOutsideTransaction(db.statements.slice(start), e);
      if (refused) return verdict(refused, 'expected queries outside a transaction');
      throw e;
    }
    const opened = db.statements.slice(start).filter((s) => /^(BEGIN|START TRANSACTION)/i.test(s.sql.trim())).length;
    return verdict(outsideTransaction(statements, opened) ?? leftOpen(db.statements.slice(start)), 'expected queries outside a transaction');
  },
  toHaveAssociationScope(received: ModelStatic<Model>, alias: string, scope: Record<string, unknown>) {
    return verdict(checkAssociationScope(received, alias, scope), `expected ${received.name}.${alias} not to have that scope`);
  },
  toHaveThroughScope(received: ModelStatic<Model>, alias: string, scope: Record<string, unknown>) {
    return verdict(checkThroughScope(received, alias, scope), `expected ${received.name}.${alias} not to filter its join rows that way`);
  },
  toCascadeWithHooks(received: ModelStatic<Model>, child: ModelStatic<Model>) {
    return verdict(checkHookedCascade(received, child), `expected deleting a ${received.name} not to run ${child.name}'s hooks`);
  },
  toUseDeleteHooksSoundly(received: AnyDb) {
    return verdict(checkCascadeHooks(received.sequelize), 'expected a misuse of hooks: true');
  },
  async toBePolymorphic(received: AnyDb, spec: PolymorphicSpec) {
    return verdict(await checkPolymorphic(received.sequelize, spec), `expected ${spec.child} not to be polymorphic`);
  },
  toHaveLoaded(received: Model | Model[] | null, path: string, what?: string) {
    return verdict(checkIncluded(received, path, what), `expected ${path} not to be loaded`);
  },
  toHideJoinRows(received: Model | Model[] | null, alias: string, what?: string) {
    return verdict(checkThroughHidden(received, alias, what), `expected ${alias} to carry its join rows`);
  },
  async toKeepKeysInEitherOrder(received: AnyDb, columns: string[]) {
    for (const c of columns) {
      const [table, column] = c.split('.');
      const problem = await checkOrderIndependent(received.sequelize, { table, column });
      if (problem) return verdict(problem, '');
    }
    return verdict(null, `expected ${columns.join(', ')} to depend on the order of definition`);
  },
  async toLinkBothWays(received: Model, other: Model, spec: MirrorSpec) {
    return verdict(await checkMirrorRows(received, other, spec), `expected ${spec.outgoing} and ${spec.incoming} not to mirror each other`);
  },
});

interface KitMatchers<R = unknown> {
  /** `expect(User).toHaveAssociation({ type: 'HasOne', target: 'LibraryCard', alias: 'card' })`; without alias, any alias passes. */
  toHaveAssociation(spec: AssociationSpec): R;
  /** `await expect(db).toHaveForeignKey('LibraryCards', { references: 'Users', column: 'userId', onDelete: 'CASCADE', unique: true })` */
  toHaveForeignKey(table: string, spec: Omit<ForeignKeySpec, 'table'>): Promise<R>;
  /** `await expect(db).toHaveJunction({ table: 'StudentCourses', keys: { studentId: 'Students', courseId: 'Courses' } })` */
  toHaveJunction(spec: JunctionSpec): Promise<R>;
  /** `expect(user).toHaveMixins(['getLibraryCard', 'setLibraryCard'])` */
  toHaveMixins(names: string[]): R;
  /** `await expect(user).toCascadeOnDelete(card)`: deletes user, then looks for card. */
  toCascadeOnDelete(child: Model, opts?: { force?: boolean }): Promise<R>;
  toSetNullOnDelete(child: Model, opts?: { force?: boolean }): Promise<R>;
  toRestrictDelete(child: Model, opts?: { force?: boolean }): Promise<R>;
  toKeepOnDelete(child: Model, opts?: { force?: boolean }): Promise<R>;
  /** `await expect(() => feed(models)).toRunAtMostQueries(db, 1)` */
  toRunAtMostQueries(db: { statements: Statement[] }, max: number, what?: string): Promise<R>;
  /** `await expect(() => signUp(models, data)).toRunInOneTransaction(db)` */
  toRunInOneTransaction(db: { statements: Statement[] }): Promise<R>;
  /** `expect(Team).toHaveAssociationScope('activeProjects', { status: 'active' })` (hasMany/hasOne scope) */
  toHaveAssociationScope(alias: string, scope: Record<string, unknown>): R;
  /** `expect(Team).toHaveThroughScope('activeMembers', { active: true })` (belongsToMany through.scope) */
  toHaveThroughScope(alias: string, scope: Record<string, unknown>): R;
  /** `expect(Post).toCascadeWithHooks(Comment)`: deleting a Post destroys each Comment through Sequelize (hooks run). */
  toCascadeWithHooks(child: ModelStatic<Model>): R;
  /** `expect(db).toUseDeleteHooksSoundly()`: no hooks: true where Sequelize ignores or misuses it. */
  toUseDeleteHooksSoundly(): R;
  /** `await expect(db).toBePolymorphic({ child: 'Comment', idColumn: 'commentableId', typeColumn: 'commentableType', parents: { image: 'Image' } })` */
  toBePolymorphic(spec: PolymorphicSpec): Promise<R>;
  /** `expect(authors).toHaveLoaded('books.reviews')`: every row came back with that include (dotted = nested). */
  toHaveLoaded(path: string, what?: string): R;
  /** `expect(student).toHideJoinRows('courses')`: no target carries its join-table row (through: { attributes: [] }). */
  toHideJoinRows(alias: string, what?: string): R;
  /** `await expect(db).toKeepKeysInEitherOrder(['Posts.userId'])`: both sides ask for the same column, so the order of definition cannot matter. */
  toKeepKeysInEitherOrder(columns: string[]): Promise<R>;
  /** `await expect(ada).toLinkBothWays(bob, { outgoing: 'following', incoming: 'followers', fromKey: 'followerId', toKey: 'followingId' })` */
  toLinkBothWays(other: Model, spec: MirrorSpec): Promise<R>;
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Matchers<T = any> extends KitMatchers<T> {}
}
