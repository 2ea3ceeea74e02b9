/**
 * Lesson 10 solved. One id column for two parents: no foreign key constraint (constraints: false on
 * every association using it), and a type scope on each parent's hasMany. The belongsTo side cannot
 * filter by type, so code that loads parents picks the one the type names.
 */
import { DataTypes, type FindOptions, type Model, type Sequelize } from 'sequelize';

export function defineModels(sequelize: Sequelize) {
  const Image = sequelize.define('Image', { title: DataTypes.STRING, url: DataTypes.STRING });
  const Video = sequelize.define('Video', { title: DataTypes.STRING, url: DataTypes.STRING });
  const Comment = sequelize.define('Comment', {
    body: DataTypes.TEXT,
    commentableType: DataTypes.STRING,
    commentableId: DataTypes.INTEGER,
  });

  Image.hasMany(Comment, { as: 'comments', foreignKey: 'commentableId', constraints: false, scope: { commentableType: 'image' } });
  Video.hasMany(Comment, { as: 'comments', foreignKey: 'commentableId', constraints: false, scope: { commentableType: 'video' } });
  Comment.belongsTo(Image, { as: 'image', foreignKey: 'commentableId', constraints: false });
  Comment.belongsTo(Video, { as: 'video', foreignKey: 'commentableId', constraints: false });

  const getters: Record<string, string> = { image: 'getImage', video: 'getVideo' };
  Object.assign(Comment.prototype, {
    async getCommentable(this: Model, options?: FindOptions): Promise<Model | null> {
      const getter = getters[this.get('commentableType') as string];
      if (!getter) return null;
      return (this as unknown as Record<string, (o?: FindOptions) => Promise<Model | null>>)[getter](options);
    },
  });

  return { Image, Video, Comment };
}

type Models = ReturnType<typeof defineModels>;

export interface CommentLine {
  body: string;
  kind: string;
  on: string | null;
}

export async function listComments(models: Models): Promise<CommentLine[]> {
  // Both parents are joined on commentableId alone, so when ids collide BOTH come back:
  // trust only the one commentableType names.
  const comments = await models.Comment.findAll({ include: ['image', 'video'], order: [['id', 'ASC']] });
  return comments.map((c) => {
    const kind = c.get('commentableType') as string;
    const parent = (kind === 'image' ? c.get('image') : kind === 'video' ? c.get('video') : null) as Model | null;
    return { body: c.get('body') as string, kind, on: (parent?.get('title') as string | undefined) ?? null };
  });
}
