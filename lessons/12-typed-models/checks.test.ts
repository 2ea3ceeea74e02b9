import { describe, it, expect } from 'vitest';
import { callMixin, failIf, fileTypeProblem, probeProblem, typeCheckLesson, useLesson, type TypeProbe } from '../../runner/kit/index.ts';

const lesson = useLesson<typeof import('./models.ts')>(import.meta.url);

/** Small programs that use the learner's models; each must compile exactly as written. */
const probe = (name: string, body: string, explain: string): TypeProbe => ({
  name,
  code: `import { User, Post } from '__FILE__';\ndeclare const u: User;\ndeclare const p: Post;\nexport async function probe(): Promise<void> {\n${body}\n}\n`,
  explain,
});

const probes: TypeProbe[] = [
  probe(
    'create',
    `  const made = await User.create({ name: 'Ada' });\n  void made;`,
    "User.create({ name: 'Ada' }) should compile: id, createdAt and updatedAt are filled in for you, so declare them CreationOptional<...> (declare id: CreationOptional<number>); included rows such as posts are NonAttribute<...>, not columns to create.",
  ),
  probe(
    'name-required',
    `  // @ts-expect-error name is required\n  await User.create({ email: 'ada@example.com' });`,
    "User.create({ email }) without a name compiles, so User's attributes are not typed: extend Model<InferAttributes<User>, InferCreationAttributes<User>> and declare name: string.",
  ),
  probe(
    'title-required',
    `  // @ts-expect-error title is required\n  await Post.create({ body: 'No title' });`,
    "Post.create({ body }) without a title compiles, so Post's attributes are not typed: extend Model<InferAttributes<Post>, InferCreationAttributes<Post>> and declare title: string.",
  ),
  probe(
    'attributes',
    `  const id: number = u.id;\n  const name: string = u.name;\n  const email: string | null = u.email;\n  const title: string = p.title;\n  const authorId: number = p.authorId;\n  void [id, name, email, title, authorId];`,
    'Reading attributes should be typed: u.id is a number, u.name a string, u.email string | null, p.title a string and p.authorId a number. Declare each one on its class (declare authorId: ForeignKey<User[\'id\']>).',
  ),
  probe(
    'user-mixins',
    `  const made: Post = await u.createPost({ title: 'Notes' });\n  const posts: Post[] = await u.getPosts();\n  const n: number = await u.countPosts();\n  void [made, posts, n];`,
    "User's mixins should be typed: declare getPosts: HasManyGetAssociationsMixin<Post>, createPost: HasManyCreateAssociationMixin<Post, 'authorId'> (authorId is filled in for you) and countPosts: HasManyCountAssociationsMixin. createPost takes Post's creation attributes, so Post needs InferCreationAttributes<Post> too.",
  ),
  probe(
    'post-mixins',
    `  const author: User | null = await p.getAuthor();\n  void author;`,
    "Post's mixin should be typed: declare getAuthor: BelongsToGetAssociationMixin<User>.",
  ),
  probe(
    'non-attributes',
    `  const posts: Post[] | undefined = u.posts;\n  const author: User | undefined = p.author;\n  // @ts-expect-error posts is not a column, so it is not something you create\n  User.build({ name: 'Ada', posts: [] });\n  void [posts, author];`,
    "user.posts and post.author hold included rows, not columns: declare posts?: NonAttribute<Post[]> and author?: NonAttribute<User>. (Without NonAttribute, InferAttributes counts them as columns.)",
  ),
];

const report = () => typeCheckLesson(import.meta.url, 'models.ts', probes);
const TYPES = 30_000; // the first type check starts the compiler (a few seconds)
const check = (name: string) => failIf(probeProblem(report(), probes.find((p) => p.name === name)!));

describe('the file', () => {
  it('models.ts type-checks under strict TypeScript', () => failIf(fileTypeProblem(report(), 'models.ts')), TYPES);
});

describe('at runtime', () => {
  it('attribute values are readable as properties (declare, not class fields)', async () => {
    const { models } = await lesson.open();
    const u = await models.User.create({ name: 'Ada', email: 'ada@example.com' });
    const own = ['id', 'name', 'email', 'createdAt', 'updatedAt'].filter((k) => Object.prototype.hasOwnProperty.call(u, k));
    expect(
      (u as unknown as Record<string, unknown>).name,
      `user.name is ${JSON.stringify((u as unknown as Record<string, unknown>).name)} although the row says 'Ada'${own.length ? `: the class field${own.length > 1 ? 's' : ''} ${own.join(', ')} shadow${own.length > 1 ? '' : 's'} Sequelize's getters` : ''}. Write \`declare name: string\`, not \`name!: string\`: a class field is a real property on every instance and hides the value Sequelize keeps in dataValues.`,
    ).toBe('Ada');
    // Every other column of both models too: one class field among declares hides just that one value.
    const p = await models.Post.create({ title: 'Notes', body: 'Text', authorId: u.get('id') } as never);
    for (const [label, row] of [['user', u], ['post', p]] as const) {
      const columns = Object.keys((row.constructor as typeof models.User).getAttributes());
      const hidden = columns.find((k) => (row as unknown as Record<string, unknown>)[k] !== row.get(k));
      expect(
        hidden,
        hidden &&
          `${label}.${hidden} is ${JSON.stringify((row as unknown as Record<string, unknown>)[hidden])} although the row says ${JSON.stringify(row.get(hidden))}: the class field ${hidden} shadows Sequelize's getter. Write \`declare ${hidden}: ...\`, not \`${hidden}!: ...\`: a class field is a real property on every instance and hides the value Sequelize keeps in dataValues.`,
      ).toBeUndefined();
    }
  });

  it('included rows are readable as properties: user.posts, post.author (declare, not class fields)', async () => {
    const { models } = await lesson.open();
    expect(models.User).toHaveAssociation({ type: 'HasMany', target: 'Post', alias: 'posts' });
    expect(models.Post).toHaveAssociation({ type: 'BelongsTo', target: 'User', alias: 'author' });
    const ada = await models.User.create({ name: 'Ada' });
    await models.Post.create({ title: 'Notes', authorId: ada.get('id') } as never);
    const user = await models.User.findOne({ include: [{ association: 'posts' }] });
    const post = await models.Post.findOne({ include: [{ association: 'author' }] });
    const field = (row: object | null, key: string) => (row && Object.prototype.hasOwnProperty.call(row, key) ? ` the class field ${key} is set to undefined after Sequelize fills it in.` : '');
    expect(
      (user as unknown as Record<string, unknown[] | undefined> | null)?.posts?.length,
      `user.posts is ${JSON.stringify((user as unknown as Record<string, unknown> | null)?.posts)} after User.findOne({ include: 'posts' }), though the post was loaded (user.get('posts') has it):${field(user, 'posts')} Write \`declare posts?: NonAttribute<Post[]>\`: without declare it is a class field.`,
    ).toBe(1);
    // Read through get(): a class field on User (the first runtime check) must not be blamed here.
    const author = (post as unknown as Record<string, { get?: (k: string) => unknown } | undefined> | null)?.author;
    expect(
      typeof author?.get === 'function' ? author.get('name') : undefined,
      `post.author is ${JSON.stringify(author)} after Post.findOne({ include: 'author' }), though the author was loaded (post.get('author') has it):${field(post, 'author')} Write \`declare author?: NonAttribute<User>\`: without declare it is a class field.`,
    ).toBe('Ada');
  });

  it('the mixins you declared exist (the associations are defined)', async () => {
    const { models } = await lesson.open();
    expect(models.User).toHaveMixins(['getPosts', 'createPost', 'countPosts']);
    expect(models.Post).toHaveMixins(['getAuthor']);
    await expect(await lesson.open()).toHaveForeignKey('Posts', { references: 'Users', column: 'authorId' });
  });

  it('the mixins work on real instances: await user.getPosts(), await post.getAuthor() (declare, not class fields)', async () => {
    const { models } = await lesson.open();
    const u = await models.User.create({ name: 'Ada' });
    const p = await models.Post.create({ title: 'Notes', authorId: u.get('id') } as never);
    // callMixin names a class field that shadows the prototype's method (user.getPosts is then undefined).
    await callMixin(u, 'createPost', { title: 'Drafts' });
    const posts = await callMixin<unknown[]>(u, 'getPosts');
    expect(posts.length, `user.getPosts() returned ${posts.length} posts after one createPost(); Ada should have two.`).toBe(2);
    expect(await callMixin<number>(u, 'countPosts'), 'user.countPosts() should count her two posts.').toBe(2);
    const author = await callMixin<{ get: (k: string) => unknown } | null>(p, 'getAuthor');
    expect(author?.get('name'), "post.getAuthor() should return Ada, the post's author.").toBe('Ada');
  });
});

describe('the types', () => {
  it("User.create({ name }) compiles: the database fills in id and the timestamps", () => check('create'), TYPES);
  it('User.create without a name does not compile', () => check('name-required'), TYPES);
  it('Post.create without a title does not compile', () => check('title-required'), TYPES);
  it('attributes have their types (id: number, email: string | null, authorId: number)', () => check('attributes'), TYPES);
  it("user.getPosts(), createPost() and countPosts() are typed", () => check('user-mixins'), TYPES);
  it('post.getAuthor() is typed', () => check('post-mixins'), TYPES);
  it('user.posts and post.author are NonAttribute', () => check('non-attributes'), TYPES);
});
