/** The association check kit: everything a lesson's checks.test.ts imports. */
import './matchers.ts';

export { useLesson, type LessonDb, type Statement } from './lesson-db.ts';
export { Schema, type ForeignKey, type Column, type Index } from './schema.ts';
export { inventory, type AssociationInfo, type AssociationType } from './associations.ts';
export { LessonFailure, failIf } from './failure.ts';
export { checkForeignKey, type ForeignKeySpec } from './diagnose/foreign-key.ts';
export { checkOrderIndependent } from './diagnose/definition-order.ts';
export { checkAssociation, checkMixins, type AssociationSpec } from './diagnose/association.ts';
export { checkDeleteEffect, observeDelete, type DeleteEffect } from './diagnose/deletes.ts';
export { checkJunction, type JunctionSpec } from './diagnose/junction.ts';
export { recordQueries, budgetProblem, outsideTransaction, leftOpen, refusedOutsideTransaction } from './diagnose/queries.ts';
export { explainError } from './diagnose/errors.ts';
export { checkAssociationScope, checkThroughScope, checkUnscoped, checkDefaultScopeFilter } from './diagnose/scopes.ts';
export { checkCascadeHooks, checkHookedCascade, checkLoopingHooks, checkParanoidCascade, checkSharedOptions } from './diagnose/cascade-hooks.ts';
export { checkPolymorphic, type PolymorphicSpec } from './diagnose/polymorphic.ts';
export { checkIncluded, checkThroughHidden, checkIncludedAttributes, aliasOf } from './diagnose/eager.ts';
export { checkMirror, checkMirrorRows, type MirrorSpec } from './diagnose/self-reference.ts';
export { callMixin } from './diagnose/mixins.ts';
export { typeCheck, typeCheckLesson, fileTypeProblem, probeProblem, type TypeProbe, type TypeReport } from './diagnose/types.ts';
export { migrator, snapshot, schemaDifferences, type Migration, type SchemaSnapshot, type SchemaDifference } from './diagnose/migrations.ts';
export { taskSchemaProblem, definedShape, databaseShape, type TaskShape, type TaskKey, type TaskColumn } from './diagnose/task-schema.ts';
