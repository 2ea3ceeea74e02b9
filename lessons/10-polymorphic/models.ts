/**
 * Lesson 10: polymorphic associations. One Comments table for comments on images AND videos.
 *
 * Your task (read README.md first: `npm run workbook -- read 10`):
 *   TODO 1. commentableId holds an image id or a video id: it must not REFERENCE either table.
 *   TODO 2. image.getComments() returns the image's comments only, even when a video has the same
 *           id (and video.getComments() likewise). createComment() fills in commentableType.
 *   TODO 3. comment.getCommentable() returns the image or the video the comment was written for
 *           (null when commentableType is neither).
 *   TODO 4. listComments(models): every comment with the title and kind of its parent, in ONE query,
 *           right even when an image and a video share an id.
 */
import { DataTypes, type Model, type Sequelize } from 'sequelize';

export function defineModels(sequelize: Sequelize) {
  const Image = sequelize.define('Image', { title: DataTypes.STRING, url: DataTypes.STRING });
  const Video = sequelize.define('Video', { title: DataTypes.STRING, url: DataTypes.STRING });
  const Comment = sequelize.define('Comment', {
    body: DataTypes.TEXT,
    commentableType: DataTypes.STRING, // 'image' | 'video'
    commentableId: DataTypes.INTEGER,
  });

  // A first attempt: both parents use commentableId.
  Image.hasMany(Comment, { foreignKey: 'commentableId' });
  Video.hasMany(Comment, { foreignKey: 'commentableId' });
  Comment.belongsTo(Image, { foreignKey: 'commentableId' });
  Comment.belongsTo(Video, { foreignKey: 'commentableId' });

  // TODO 3
  Object.assign(Comment.prototype, {
    async getCommentable(this: Model): Promise<Model | null> {
      return null;
    },
  });

  return { Image, Video, Comment };
}

type Models = ReturnType<typeof defineModels>;

export interface CommentLine {
  body: string;
  kind: string;
  /** The title of the image or video the comment is on. */
  on: string | null;
}

/** TODO 4: every comment, ordered by id, with its parent's title. */
export async function listComments(models: Models): Promise<CommentLine[]> {
  const comments = await models.Comment.findAll({ include: [{ model: models.Image }, { model: models.Video }], order: [['id', 'ASC']] });
  return comments.map((c) => {
    const parent = (c.get('Image') ?? c.get('Video')) as Model | null;
    return { body: c.get('body') as string, kind: c.get('commentableType') as string, on: (parent?.get('title') as string | undefined) ?? null };
  });
}
