/**
 * The part-2 diagnostics (scopes, cascade hooks, polymorphism, types) on small realistic model sets:
 * each mistake is rejected with a message that names it, and the correct variant is accepted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataTypes, Sequelize, type Model, type ModelStatic } from 'sequelize';
import {
  checkAssociationScope,
  checkCascadeHooks,
  checkLoopingHooks,
  checkDeleteEffect,
  checkHookedCascade,
  checkParanoidCascade,
  checkPolymorphic,
  checkSharedOptions,
  checkThroughScope,
  checkDefaultScopeFilter,
  checkUnscoped,
  fileTypeProblem,
  outsideTransaction,
  probeProblem,
  typeCheck,
  type PolymorphicSpec,
  type TypeProbe,
} from '../runner/kit/index.ts';
import { newSequelize, type Statement } from '../runner/kit/lesson-db.ts';

const open: Sequelize[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});
function db(): Sequelize {
  const s = new Sequelize({ dialect: 'sqlite', storage: ':memory:', logging: false });
  open.push(s);
  return s;
}

describe('scopes', () => {
  function teams(wire: (m: { Team: ModelStatic<Model>; User: ModelStatic<Model>; TeamMember: ModelStatic<Model>; Project: ModelStatic<Model> }) => void) {
    const s = db();
    const User = s.define('User', { name: DataTypes.STRING, active: DataTypes.BOOLEAN });
    const Team = s.define('Team', { name: DataTypes.STRING });
    const Project = s.define('Project', { name: DataTypes.STRING, status: DataTypes.STRING });
    const TeamMember = s.define('TeamMember', { active: DataTypes.BOOLEAN, role: DataTypes.STRING });
    wire({ Team, User, TeamMember, Project });
    return { Team, User };
  }

  it('rejects a belongsToMany scope that filters the target (the tutorial\'s members)', () => {
    const { Team } = teams(({ Team, User, TeamMember }) => Team.belongsToMany(User, { through: TeamMember, as: 'activeMembers', scope: { active: true } }));
    const msg = checkThroughScope(Team, 'activeMembers', { active: true });
    expect(msg).toMatch(/filters the TARGET rows \(User\.active\)/);
    expect(msg).toMatch(/through: \{ model: <your TeamMember model>, scope: \{ active: true \} \}/);
  });

  it('a target scope left next to the right through.scope: remove it, nothing to move', () => {
    const { Team } = teams(({ Team, User, TeamMember }) =>
      Team.belongsToMany(User, { through: { model: TeamMember, scope: { active: true } }, as: 'activeMembers', scope: { active: true } }),
    );
    const msg = checkThroughScope(Team, 'activeMembers', { active: true });
    expect(msg).toContain('has the right through.scope { active: true }, and also a scope { active: true }');
    expect(msg).toContain('Remove the outer scope');
    expect(msg).not.toContain('Move it');
  });

  it('a default scope that filters rows is named; one that only hides attributes is accepted', () => {
    const s = db();
    const Filtering = s.define('User', { name: DataTypes.STRING, active: DataTypes.BOOLEAN }, { defaultScope: { where: { active: true } } });
    expect(checkDefaultScopeFilter(Filtering)).toContain("User's default scope filters rows (where: { active: true })");
    const s2 = db();
    const Hiding = s2.define('User', { name: DataTypes.STRING, passwordHash: DataTypes.STRING }, { defaultScope: { attributes: { exclude: ['passwordHash'] } } });
    expect(checkDefaultScopeFilter(Hiding)).toBeNull();
  });

  it('rejects a through scope on a join table without that column (a string through)', () => {
    const { Team } = teams(({ Team, User }) => Team.belongsToMany(User, { through: { model: 'Memberships', scope: { active: true } }, as: 'activeMembers' }));
    expect(checkThroughScope(Team, 'activeMembers', { active: true })).toMatch(/Memberships has no active column/);
  });

  it('rejects a missing through scope, and names the association', () => {
    const { Team } = teams(({ Team, User, TeamMember }) => Team.belongsToMany(User, { through: TeamMember, as: 'activeMembers' }));
    expect(checkThroughScope(Team, 'activeMembers', { active: true })).toMatch(/has no through scope.*getActiveMembers\(\)/);
  });

  it('accepts through: { model, scope }', () => {
    const { Team } = teams(({ Team, User, TeamMember }) => Team.belongsToMany(User, { through: { model: TeamMember, scope: { active: true } }, as: 'activeMembers' }));
    expect(checkThroughScope(Team, 'activeMembers', { active: true })).toBeNull();
  });

  it('rejects a hasMany without its scope, and one with the wrong values', () => {
    const { Team: a } = teams(({ Team, Project }) => Team.hasMany(Project, { as: 'activeProjects' }));
    expect(checkAssociationScope(a, 'activeProjects', { status: 'active' })).toMatch(/has no scope, so getActiveProjects\(\) returns every Project/);
    const { Team: b } = teams(({ Team, Project }) => Team.hasMany(Project, { as: 'activeProjects', scope: { status: 'done' } }));
    expect(checkAssociationScope(b, 'activeProjects', { status: 'active' })).toMatch(/has scope \{ status: "done" \}.*use scope: \{ status: "active" \}/);
  });

  it('accepts the right hasMany scope', () => {
    const { Team } = teams(({ Team, Project }) => Team.hasMany(Project, { as: 'activeProjects', scope: { status: 'active' } }));
    expect(checkAssociationScope(Team, 'activeProjects', { status: 'active' })).toBeNull();
  });

  it('rejects a scope on the association meant to return everything', () => {
    const { Team } = teams(({ Team, User }) => Team.belongsToMany(User, { through: 'TeamMembers', as: 'members', scope: { active: true } }));
    expect(checkUnscoped(Team, 'members')).toMatch(/getMembers\(\) hides every User.*filters the TARGET rows \(User\.active\)/);
    const { Team: ok } = teams(({ Team, User }) => Team.belongsToMany(User, { through: 'TeamMembers', as: 'members' }));
    expect(checkUnscoped(ok, 'members')).toBeNull();
  });
});

describe('cascade hooks', () => {
  function blog() {
    const s = db();
    const Post = s.define('Post', { title: DataTypes.STRING });
    const Comment = s.define('Comment', { body: DataTypes.STRING }, { hooks: { afterDestroy: () => undefined } });
    return { s, Post, Comment };
  }

  it('rejects hooks: true with CASCADE on belongsTo, naming what it really does', () => {
    const { s, Post, Comment } = blog();
    Post.hasMany(Comment, { foreignKey: 'postId', onDelete: 'CASCADE' });
    Comment.belongsTo(Post, { foreignKey: 'postId', onDelete: 'CASCADE', hooks: true });
    expect(checkCascadeHooks(s)).toMatch(/deleting a Comment loads its Post and destroys it/);
    expect(checkHookedCascade(Post, Comment)).toMatch(/deleting a Comment loads its Post/);
  });

  it('checkLoopingHooks names only the delete that can loop (hooks: true with CASCADE on the belongsTo)', () => {
    const looping = blog();
    looping.Post.hasMany(looping.Comment, { foreignKey: 'postId', onDelete: 'CASCADE', hooks: true });
    looping.Comment.belongsTo(looping.Post, { foreignKey: 'postId', onDelete: 'CASCADE', hooks: true });
    expect(checkLoopingHooks(looping.s)).toMatch(/deleting a Comment loads its Post.*a delete that never ends/s);
    const harmless = blog();
    harmless.Post.hasMany(harmless.Comment, { foreignKey: 'postId', onDelete: 'CASCADE', hooks: true });
    harmless.Comment.belongsTo(harmless.Post, { foreignKey: 'postId', hooks: true });
    expect(checkLoopingHooks(harmless.s)).toBeNull();
    // Only the belongsTo hooked: deleting a comment destroys its post, and the database takes the rest.
    // Wrong, but it cannot loop: it must not stand in front of every other check's own message.
    const oneSided = blog();
    oneSided.Comment.belongsTo(oneSided.Post, { foreignKey: 'postId', onDelete: 'CASCADE', hooks: true });
    oneSided.Post.hasMany(oneSided.Comment, { foreignKey: 'postId' });
    expect(checkLoopingHooks(oneSided.s)).toBeNull();
    expect(checkCascadeHooks(oneSided.s)).toMatch(/deleting a Comment loads its Post and destroys it/);
  });

  it('rejects hooks: true with CASCADE on belongsToMany, naming that it destroys the targets themselves', async () => {
    const s = db();
    const User = s.define('User', { name: DataTypes.STRING });
    const Team = s.define('Team', { name: DataTypes.STRING });
    Team.belongsToMany(User, { through: 'TeamMembers', as: 'members', onDelete: 'CASCADE', hooks: true });
    User.belongsToMany(Team, { through: 'TeamMembers', as: 'teams' });
    expect(checkCascadeHooks(s)).toMatch(/deleting a Team loads its User rows and destroys them, the User rows themselves/);
    // What the message says is what Sequelize does.
    await s.sync();
    const team = (await Team.create({ name: 'Engines' })) as Model & { addMember(u: Model): Promise<void> };
    await team.addMember(await User.create({ name: 'ada' }));
    await team.destroy();
    expect(await User.count()).toBe(0);
    const inert = db();
    const U = inert.define('User', { name: DataTypes.STRING });
    const T = inert.define('Team', { name: DataTypes.STRING });
    T.belongsToMany(U, { through: 'TeamMembers', hooks: true });
    expect(checkCascadeHooks(inert)).toMatch(/which deletes never use on a belongsToMany without onDelete: 'CASCADE'/);
  });

  it('rejects hooks: true on belongsTo without CASCADE as doing nothing', () => {
    const { s, Post, Comment } = blog();
    Post.hasMany(Comment, { foreignKey: 'postId' });
    Comment.belongsTo(Post, { foreignKey: 'postId', hooks: true });
    expect(checkCascadeHooks(s)).toMatch(/does nothing on a belongsTo/);
  });

  it('rejects hooks: true on a hasMany without onDelete CASCADE of its own', () => {
    const { s, Post, Comment } = blog();
    Comment.belongsTo(Post, { foreignKey: 'postId', onDelete: 'CASCADE' });
    Post.hasMany(Comment, { foreignKey: 'postId', hooks: true });
    expect(checkCascadeHooks(s)).toMatch(/has hooks: true but no onDelete of its own/);
  });

  it('rejects hooks: true on a hasOne without CASCADE (its default SET NULL is named)', () => {
    const { s, Post, Comment } = blog();
    Post.hasOne(Comment, { foreignKey: 'postId', hooks: true });
    Comment.belongsTo(Post, { foreignKey: 'postId' });
    const msg = checkCascadeHooks(s);
    expect(msg).toContain("Post.hasOne(Comment, { foreignKey: 'postId' }) has hooks: true but onDelete: 'SET NULL'");
    expect(msg).toContain("when this association says onDelete: 'CASCADE': add it next to hooks: true");
  });

  it('rejects one options object shared by two calls (Sequelize turns its hooks on)', () => {
    const { s, Post, Comment } = blog();
    const opts = { foreignKey: 'postId', onDelete: 'CASCADE' };
    Comment.belongsTo(Post, opts);
    Post.hasMany(Comment, opts);
    expect(checkSharedOptions(s)).toMatch(/were given the same options object/);
    expect(checkCascadeHooks(s)).toMatch(/same options object/);
  });

  it('rejects a plain database cascade where the child hooks must run', () => {
    const { Post, Comment } = blog();
    Post.hasMany(Comment, { foreignKey: 'postId', onDelete: 'CASCADE' });
    Comment.belongsTo(Post, { foreignKey: 'postId', onDelete: 'CASCADE' });
    expect(checkHookedCascade(Post, Comment)).toMatch(/runs none of Comment's hooks.*hooks: true/);
  });

  it('accepts hooks: true with CASCADE on the hasMany', () => {
    const { s, Post, Comment } = blog();
    Post.hasMany(Comment, { foreignKey: 'postId', onDelete: 'CASCADE', hooks: true });
    Comment.belongsTo(Post, { foreignKey: 'postId', onDelete: 'CASCADE' });
    expect(checkCascadeHooks(s)).toBeNull();
    expect(checkHookedCascade(Post, Comment)).toBeNull();
  });

  it('rejects expecting a paranoid parent to cascade on destroy(), accepts force and plain models', async () => {
    const s = db();
    const User = s.define('User', { name: DataTypes.STRING }, { paranoid: true });
    const Post = s.define('Post', { title: DataTypes.STRING });
    User.hasMany(Post, { foreignKey: 'userId', onDelete: 'CASCADE' });
    Post.belongsTo(User, { foreignKey: 'userId', onDelete: 'CASCADE' });
    expect(checkParanoidCascade(User, Post)).toMatch(/User is paranoid, so destroy\(\) only sets its deletedAt/);
    expect(checkParanoidCascade(User, Post, { force: true })).toBeNull();
    expect(checkParanoidCascade(Post, User)).toBeNull();
    // And the delete matchers really soft-delete a paranoid parent (force undefined must not hard-delete).
    await s.sync();
    const ada = await User.create({ name: 'Ada' });
    const post = await Post.create({ title: 'x', userId: ada.get('id') });
    expect(await checkDeleteEffect(ada, post, 'keep')).toBeNull();
  });
});

describe('polymorphic', () => {
  const spec: PolymorphicSpec = { child: 'Comment', idColumn: 'commentableId', typeColumn: 'commentableType', parents: { image: 'Image', video: 'Video' } };
  async function gallery(wire: (m: { Image: ModelStatic<Model>; Video: ModelStatic<Model>; Comment: ModelStatic<Model> }) => void) {
    const s = db();
    const Image = s.define('Image', { title: DataTypes.STRING });
    const Video = s.define('Video', { title: DataTypes.STRING });
    const Comment = s.define('Comment', { body: DataTypes.STRING, commentableType: DataTypes.STRING, commentableId: DataTypes.INTEGER });
    wire({ Image, Video, Comment });
    await s.sync();
    return s;
  }
  const right = (type: string) => ({ foreignKey: 'commentableId', constraints: false, scope: { commentableType: type } });

  it('rejects a polymorphic id with a foreign key constraint', async () => {
    const s = await gallery(({ Image, Video, Comment }) => {
      Image.hasMany(Comment, { foreignKey: 'commentableId', scope: { commentableType: 'image' } });
      Video.hasMany(Comment, right('video'));
    });
    const msg = await checkPolymorphic(s, spec);
    expect(msg).toMatch(/Comments\.commentableId REFERENCES Images/);
    expect(msg).toMatch(/constraints: false.*missing on Image\.hasMany\(Comment/);
  });

  it('rejects constraints: false on the parents only: the child\'s belongsTo still adds REFERENCES, and is named', async () => {
    const s = await gallery(({ Image, Video, Comment }) => {
      Image.hasMany(Comment, right('image'));
      Video.hasMany(Comment, right('video'));
      Comment.belongsTo(Image, { foreignKey: 'commentableId', as: 'image' });
      Comment.belongsTo(Video, { foreignKey: 'commentableId', constraints: false, as: 'video' });
    });
    const msg = await checkPolymorphic(s, spec);
    expect(msg).toContain('Comments.commentableId REFERENCES Images, so the database only accepts ids of Images');
    expect(msg).toContain("(missing on Comment.belongsTo(Image, { as: 'image', foreignKey: 'commentableId' }))");
    expect(msg).not.toContain('Image.hasMany(Comment');
  });

  it('rejects a parent without the type scope (ids collide)', async () => {
    const s = await gallery(({ Image, Video, Comment }) => {
      Image.hasMany(Comment, { foreignKey: 'commentableId', constraints: false });
      Video.hasMany(Comment, right('video'));
    });
    expect(await checkPolymorphic(s, spec)).toMatch(/Image\.hasMany\(Comment.*has no scope on commentableType.*leak/);
  });

  it('rejects a copy-pasted scope value', async () => {
    const s = await gallery(({ Image, Video, Comment }) => {
      Image.hasMany(Comment, right('image'));
      Video.hasMany(Comment, right('image'));
    });
    expect(await checkPolymorphic(s, spec)).toMatch(/Video's Comment rows are stored with commentableType 'video'/);
  });

  it('rejects the type scope on the belongsTo side (it filters the parent table, which has no type column)', async () => {
    const s = await gallery(({ Image, Video, Comment }) => {
      Image.hasMany(Comment, right('image'));
      Video.hasMany(Comment, right('video'));
      Comment.belongsTo(Video, { foreignKey: 'commentableId', constraints: false, as: 'video', scope: { commentableType: 'video' } });
    });
    const msg = await checkPolymorphic(s, spec);
    expect(msg).toContain("has scope { commentableType: 'video' }: on a belongsTo, scope filters the target, Video rows, and Video has no commentableType column");
    expect(msg).toContain('Put the type scope on the parent side');
  });

  it('rejects a parent using its own key column', async () => {
    const s = await gallery(({ Image, Video, Comment }) => {
      Image.hasMany(Comment, right('image'));
      Video.hasMany(Comment, { constraints: false, scope: { commentableType: 'video' } });
    });
    expect(await checkPolymorphic(s, spec)).toMatch(/uses the key VideoId, not commentableId/);
  });

  it('accepts constraints: false with a type scope on each parent', async () => {
    const s = await gallery(({ Image, Video, Comment }) => {
      Image.hasMany(Comment, right('image'));
      Video.hasMany(Comment, right('video'));
      Comment.belongsTo(Image, { foreignKey: 'commentableId', constraints: false, as: 'image' });
      Comment.belongsTo(Video, { foreignKey: 'commentableId', constraints: false, as: 'video' });
    });
    expect(await checkPolymorphic(s, spec)).toBeNull();
  });
});

describe('types', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  function file(code: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'kit-types-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'models.ts'), code);
    return join(dir, 'models.ts');
  }
  const probes: TypeProbe[] = [
    {
      name: 'name-required',
      code: "import { User } from '__FILE__';\nexport async function f() {\n  // @ts-expect-error name is required\n  await User.create({});\n}\n",
      explain: 'User.create({}) compiles: User is untyped.',
    },
    { name: 'read', code: "import { User } from '__FILE__';\ndeclare const u: User;\nexport const n: string = u.name;\n", explain: 'u.name is not a string.' },
  ];
  const typed = `import { Model, type InferAttributes, type InferCreationAttributes, type CreationOptional } from 'sequelize';
export class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: CreationOptional<number>;
  declare name: string;
}
`;

  it('rejects an untyped model: the @ts-expect-error line compiles, the attribute read does not', () => {
    const report = typeCheck(file("import { Model } from 'sequelize';\nexport class User extends Model {}\n"), probes);
    expect(probeProblem(report, probes[0])).toMatch(/User is untyped\.\n {2}TypeScript says: this line should be a type error, but it compiles/);
    expect(probeProblem(report, probes[1])).toMatch(/Property 'name' does not exist on type 'User'/);
  });

  it('rejects a file that does not compile, naming the line', () => {
    const report = typeCheck(file(typed.replace('declare name: string;', 'name: string;')), []);
    expect(fileTypeProblem(report, 'models.ts')).toMatch(/models\.ts does not type-check.*\n {2}- line 4: .*declare/);
  });

  it('a foreign key declared as a plain column: init lacks it; names the column and ForeignKey<...>', () => {
    const withPost = `${typed}export class Post extends Model<InferAttributes<Post>, InferCreationAttributes<Post>> {
  declare id: CreationOptional<number>;
  declare authorId: number;
}
export function init(sequelize: import('sequelize').Sequelize) {
  Post.init(
    {
      id: { type: 'INTEGER', primaryKey: true, autoIncrement: true },
    },
    { sequelize },
  );
}
`;
    const problem = fileTypeProblem(typeCheck(file(withPost), []), 'models.ts');
    expect(problem).toContain('Post.init(...) does not list authorId, which the Post class declares as a column');
    expect(problem).toContain("`declare authorId: ForeignKey<Other['id']>`");
    expect(problem).toContain('(in: Post.init( {)');
  });

  it('an automatic column (id, timestamps) left out of init: says to list it, not to make it a ForeignKey', () => {
    const withoutId = `${typed}export function init(sequelize: import('sequelize').Sequelize) {
  User.init(
    {
      name: 'STRING',
    },
    { sequelize },
  );
}
`;
    const problem = fileTypeProblem(typeCheck(file(withoutId), []), 'models.ts');
    expect(problem).toContain('User.init(...) does not list id, which the User class declares. Sequelize adds id by itself');
    expect(problem).toContain('id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true }');
    expect(problem).not.toContain('ForeignKey');
  });

  it('association data declared as a column: the failing create names the property TypeScript misses', () => {
    const withPosts = typed.replace('declare name: string;', 'declare name: string;\n  declare posts: object[];');
    const creates: TypeProbe = { name: 'create', code: "import { User } from '__FILE__';\nexport async function f() {\n  await User.create({ name: 'Ada' });\n}\n", explain: 'create fails.' };
    expect(probeProblem(typeCheck(file(withPosts), [creates]), creates)).toMatch(/is not assignable to parameter of type .* \(missing: posts\)/);
  });

  it('accepts a typed model', () => {
    const report = typeCheck(file(typed), probes);
    expect(fileTypeProblem(report)).toBeNull();
    expect(probes.map((p) => probeProblem(report, p))).toEqual([null, null]);
  });
});

describe('transactions on in-memory SQLite', () => {
  it('a query that forgot { transaction: t } inside a managed transaction counts as outside it', async () => {
    const statements: Statement[] = [];
    const s = await newSequelize(statements);
    open.push(s);
    const Note = s.define('Note', { text: DataTypes.STRING });
    await s.sync();
    statements.length = 0;
    await s.transaction(async (t) => {
      await Note.create({ text: 'in' }, { transaction: t });
      await Note.create({ text: 'forgot' });
    });
    const queries = statements.filter((x) => /^INSERT/.test(x.sql));
    expect(outsideTransaction(queries)).toMatch(/1 of 2 queries ran outside the transaction/);
  });
});
