/**
 * Lesson 13 solved: two queries whatever the number of posts. One for the ids the user follows,
 * one for the posts with everything they show, joined in.
 */
import type { Model } from 'sequelize';
import type { defineModels } from './models.ts';

type Models = ReturnType<typeof defineModels>;

export async function feed(models: Models, userId: number): Promise<Model[]> {
  const me = await models.User.findByPk(userId, {
    attributes: ['id'],
    include: [{ association: 'following', attributes: ['id'], through: { attributes: [] } }],
  });
  const ids = ((me?.get('following') as Model[] | undefined) ?? []).map((u) => u.get('id') as number);
  if (!ids.length) return [];
  return models.Post.findAll({
    where: { authorId: ids },
    include: [
      { association: 'author', attributes: ['id', 'username'], include: [{ association: 'profile' }] },
      { association: 'tags', through: { attributes: [] } },
      { association: 'comments', include: [{ association: 'author', attributes: ['id', 'username'] }] },
    ],
    order: [
      ['createdAt', 'DESC'],
      ['id', 'DESC'],
    ],
  });
}
