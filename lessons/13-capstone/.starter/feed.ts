/**
 * Lesson 13: the feed.
 *
 *   TODO 7. feed(models, userId): the posts written by the users `userId` follows, newest first
 *           (by createdAt, then id), each with its author (and the author's profile), its tags and
 *           its comments (each with its author). At most 2 queries, however many posts there are.
 */
import type { Model } from 'sequelize';
import type { defineModels } from './models.ts';

type Models = ReturnType<typeof defineModels>;

export async function feed(models: Models, userId: number): Promise<Model[]> {
  void models;
  void userId;
  return [];
}
