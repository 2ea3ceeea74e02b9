import { describe, it, expect } from 'vitest';
import type { Association, Model, ModelStatic } from 'sequelize';
import { useLesson, type PolymorphicSpec } from '../../runner/kit/index.ts';

const lesson = useLesson<typeof import('./models.ts')>(import.meta.url);
const spec: PolymorphicSpec = { child: 'Comment', idColumn: 'commentableId', typeColumn: 'commentableType', parents: { image: 'Image', video: 'Video' } };

/** The parent's hasMany to Comment, whatever its alias. */
function commentsOf(parent: ModelStatic<Model>): Association | undefined {
  return Object.values(parent.associations).find((a) => a.target.name === 'Comment' && a.associationType === 'HasMany');
}

/** The name of a mixin of the parent's hasMany to Comment: accessor('get') is getComments for as: 'comments'. */
function accessor(parent: ModelStatic<Model>, which: 'get' | 'create'): string {
  const a = commentsOf(parent) as unknown as { accessors: Record<string, string> } | undefined;
  return a?.accessors[which] ?? (which === 'get' ? 'getComments' : 'createComment');
}

/** Fails with the kit's message while commentableId still REFERENCES a table (rows could not even be stored). */
async function unconstrained(db: Awaited<ReturnType<typeof lesson.open>>) {
  const refs = (await db.schema.foreignKeys('Comments')).filter((k) => k.from === 'commentableId');
  if (refs.length) await expect(db).toBePolymorphic(spec);
}

async function call<T>(row: Model, name: string, ...args: unknown[]): Promise<T> {
  expect(row).toHaveMixins([name]);
  return (row as unknown as Record<string, (...a: unknown[]) => Promise<T>>)[name](...args);
}

/** Image 1 and Video 1 share an id. One comment on each, and one on Image 2. */
async function gallery() {
  const db = await lesson.open();
  await unconstrained(db);
  const { Image, Video, Comment } = db.models;
  const sunset = await Image.create({ title: 'Sunset' });
  const cats = await Video.create({ title: 'Cats' });
  const bridge = await Image.create({ title: 'Bridge' });
  expect(sunset.get('id')).toBe(cats.get('id'));
  const onSunset = await Comment.create({ body: 'Lovely light', commentableType: 'image', commentableId: sunset.get('id') });
  const onCats = await Comment.create({ body: 'So fluffy', commentableType: 'video', commentableId: cats.get('id') });
  const onBridge = await Comment.create({ body: 'Nice', commentableType: 'image', commentableId: bridge.get('id') });
  db.statements.length = 0;
  return { db, sunset, cats, bridge, onSunset, onCats, onBridge };
}

const bodies = (rows: Model[]) => rows.map((r) => r.get('body')).sort();

describe('one id column, two tables', () => {
  it('Comments.commentableId has no foreign key constraint', async () => {
    const db = await lesson.open();
    await unconstrained(db);
  });

  it('a comment on video 7 is accepted although there is no image 7', async () => {
    const db = await lesson.open();
    await unconstrained(db);
    const video = await db.models.Video.create({ id: 7, title: 'Seven' });
    await expect(db.models.Comment.create({ body: 'Hi', commentableType: 'video', commentableId: video.get('id') })).resolves.toBeTruthy();
  });
});

describe('getComments', () => {
  it("each parent's hasMany carries its type scope", async () => {
    const db = await lesson.open();
    await expect(db).toBePolymorphic(spec);
  });

  it("image.getComments() returns the image's comments only, even when a video has the same id", async () => {
    const { db, sunset, cats } = await gallery();
    await expect(db).toBePolymorphic(spec);
    expect(bodies(await call<Model[]>(sunset, accessor(db.models.Image, 'get'))), "Image 1's comments should not include the comment on Video 1.").toEqual(['Lovely light']);
    expect(bodies(await call<Model[]>(cats, accessor(db.models.Video, 'get'))), "Video 1's comments should not include the comment on Image 1.").toEqual(['So fluffy']);
  });

  it('eager loading from the parent side does not leak either', async () => {
    const { db } = await gallery();
    await expect(db).toBePolymorphic(spec);
    const association = commentsOf(db.models.Image)!;
    const images = await db.models.Image.findAll({ include: [{ association }], order: [['id', 'ASC']] });
    const first = images[0].get(association.as) as Model[];
    expect(bodies(first), 'Image.findAll({ include: comments }) gave Image 1 the comment on Video 1.').toEqual(['Lovely light']);
  });

  it('video.createComment() fills in commentableType for you', async () => {
    const { db, cats } = await gallery();
    await expect(db).toBePolymorphic(spec);
    const made = await call<Model>(cats, accessor(db.models.Video, 'create'), { body: 'Purr' });
    const row = await db.models.Comment.findByPk(made.get('id') as number);
    expect(row?.get('commentableType'), "A comment made with video.createComment() has no commentableType: the type scope on Video's hasMany sets it.").toBe('video');
  });
});

describe('comment.getCommentable()', () => {
  it('returns the image or the video the comment was written for', async () => {
    const { onSunset, onCats } = await gallery();
    const image = await call<Model | null>(onSunset, 'getCommentable');
    expect(image?.get('title'), 'getCommentable() on a comment with commentableType "image" should return its image.').toBe('Sunset');
    expect(image?.constructor.name).toBe('Image');
    const video = await call<Model | null>(onCats, 'getCommentable');
    expect(video?.get('title'), 'getCommentable() on a comment with commentableType "video" should return its video, not the image with the same id.').toBe('Cats');
    expect(video?.constructor.name).toBe('Video');
  });

  it('returns null when commentableType names no known parent', async () => {
    const { db, onSunset } = await gallery();
    // A getCommentable that always returns null would pass the rest of this check without doing anything.
    expect(await call<Model | null>(onSunset, 'getCommentable'), 'getCommentable() returns null even for a comment on an image: make it return the parent first (the check above says more).').not.toBeNull();
    const odd = await db.models.Comment.create({ body: '?', commentableType: 'podcast', commentableId: 1 });
    expect(await call<Model | null>(odd, 'getCommentable'), 'getCommentable() should return null for an unknown commentableType, not guess.').toBeNull();
  });
});

describe('listComments', () => {
  it('names the right parent for every comment, even when ids collide', async () => {
    const { db } = await gallery();
    const { listComments } = await lesson.module();
    const lines = await listComments(db.models);
    // Fewer lines than comments: not the id collision below, but an include that drops rows.
    expect(
      lines.length,
      `listComments returned ${lines.length} of the 3 comments. An include with a where is an inner join (required: true), so it drops every comment it does not match: add required: false to that include, or include both parents without a where and pick the one commentableType names.`,
    ).toBe(3);
    expect(
      lines.map((l) => `${l.body} → ${l.kind} ${l.on}`),
      'Including both parents joins them on commentableId alone, so "So fluffy" (on Video 1) also gets Image 1. Pick the parent that commentableType names.',
    ).toEqual(['Lovely light → image Sunset', 'So fluffy → video Cats', 'Nice → image Bridge']);
  });

  it('runs one query (include both parents, no query per comment)', async () => {
    const { db } = await gallery();
    const { listComments } = await lesson.module();
    await expect(() => listComments(db.models)).toRunAtMostQueries(db, 1, 'listComments');
  });
});
