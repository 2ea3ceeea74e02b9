/** Calls an association mixin on a real row, failing with the kit's explanation when it does not exist. */
import type { Model, ModelStatic } from 'sequelize';
import { LessonFailure } from '../failure.ts';
import { checkMixins } from './association.ts';
import { Article } from './similar.ts';

/**
 * `await callMixin<Model[]>(author, 'getBooks')`: a missing mixin fails the check with the kit's message
 * (the alias decides the name) instead of crashing it with "is not a function".
 */
export async function callMixin<T = unknown>(row: Model, name: string, ...args: unknown[]): Promise<T> {
  const fn = (row as unknown as Record<string, unknown>)[name];
  if (typeof fn !== 'function' && Object.prototype.hasOwnProperty.call(row, name)) {
    const model = (row.constructor as ModelStatic<Model>).name;
    throw new LessonFailure(
      `${model.toLowerCase()}.${name} is an own property of the row (set to ${String(fn)}), so \`await ${model.toLowerCase()}.${name}()\` throws "is not a function": ` +
        `a class field (\`${name}!: ...\`) shadows the method Sequelize puts on ${model}'s prototype. Write \`declare ${name}: ...\`: declare only tells TypeScript the method exists, and emits nothing.`,
    );
  }
  if (typeof fn !== 'function') {
    throw new LessonFailure(checkMixins(row, [name]) ?? `${Article((row.constructor as ModelStatic<Model>).name)} has no ${name}().`);
  }
  return (fn as (...a: unknown[]) => Promise<T>).apply(row, args);
}
