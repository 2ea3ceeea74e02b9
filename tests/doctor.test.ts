/**
 * doctor on the projects in tests/fixtures/projects/: every planted mistake found (id, columns, the
 * declarations named), no finding at all on each clean twin, and bad input as one line with exit 2.
 * Runs on SQLite and again on PostgreSQL (every fixture is checked on the database of the run).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../runner/course/lessons.ts';
import { usesPostgres } from '../runner/kit/db/choice.ts';
import { locate } from '../runner/doctor/locate.ts';
import { runDoctor } from '../runner/doctor/run.ts';
import { projectSequelize, versionNote } from '../runner/doctor/project-sequelize.ts';
import { decoratorLine } from '../runner/doctor/decorator-sites.ts';
import type { DoctorResult, Finding } from '../runner/doctor/result.ts';
import { CLI_ARGS } from './helpers/workbook-cli.ts';

const root = projectRoot();
const fixtures = join(root, 'tests/fixtures/projects');
const database = usesPostgres() ? 'postgres' : 'sqlite';
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

const doctor = (name: string, opts: { auto?: boolean } = {}) => runDoctor(locate(join(fixtures, name)), opts.auto ? {} : { database });

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [...CLI_ARGS, 'doctor', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The findings other than PostgreSQL's index notes (asserted on their own). */
const main = (r: DoctorResult) => r.findings.filter((f) => f.id !== 'unindexed-foreign-key');
const one = (r: DoctorResult, id: string, column?: string): Finding => {
  const found = r.findings.filter((f) => f.id === id && (!column || f.columns.includes(column)));
  expect(found, `${id} ${column ?? ''} in ${JSON.stringify(r.findings.map((f) => [f.id, f.columns]))}`).toHaveLength(1);
  return found[0];
};
const labels = (f: Finding) => f.declarations.map((d) => d.label);
const clean = (r: DoctorResult) => {
  expect(r.problems).toEqual([]);
  expect(r.findings.map((f) => `${f.id} ${f.columns.join(', ')}: ${f.message}`)).toEqual([]);
};

describe('sequelize-cli project (JavaScript, models/index.js)', () => {
  it('finds every planted mistake, with the declarations and their lines', async () => {
    const r = await doctor('cli-js');
    expect(r.loadedFrom).toBe('models/index.js');
    expect(r.problems).toEqual([]);
    const double = one(r, 'double-foreign-key');
    expect(double.columns).toEqual(['Posts.UserId', 'Posts.authorId']);
    expect(double.declarations).toEqual([
      { label: "User.hasMany(Post, { as: 'posts' })", at: 'models/user.js:8' },
      { label: "Post.belongsTo(User, { as: 'author' })", at: 'models/post.js:5' },
    ]);
    expect(double.fix).toContain("foreignKey: 'authorId'");

    const order = one(r, 'order-dependent-option', 'Articles.UserId');
    expect(order.severity).toBe('error');
    expect(labels(order)).toEqual(['Article.belongsTo(User)', "User.hasMany(Article, { onDelete: 'CASCADE' })"]);
    expect(order.message).toMatch(/ON DELETE SET NULL only because of the order.*depends on declaration order/s);
    expect(order.fix).toBe("Article.belongsTo(User, { onDelete: 'CASCADE' })\nUser.hasMany(Article, { onDelete: 'CASCADE' })");
    expect(one(r, 'order-dependent-option', 'Comments.ArticleId').message).toMatch(/Comment\.belongsTo\(Article\) would make it ON DELETE CASCADE/);

    const replaced = one(r, 'alias-replaced');
    expect(replaced.columns).toEqual(['Notes.UserId']);
    expect(replaced.declarations.map((d) => d.at)).toEqual(['models/user.js:6', 'models/user.js:7']);

    const shared = one(r, 'shared-foreign-key-column');
    expect(shared.columns).toEqual(['Images.ownerId']);
    expect(shared.message).toMatch(/references Posts only/);

    const ignored = one(r, 'ignored-option');
    expect(ignored.message).toMatch(/through: \{ foreignKey \}/);
    expect(ignored.fix).toBe("Post.belongsToMany(Tag, { through: 'PostTags', foreignKey: 'postId' });");

    const pair = one(r, 'through-pair-mismatch');
    expect(pair.severity).toBe('warning');
    expect(pair.message).toMatch(/PostTags and TagPosts/);

    expect(one(r, 'set-null-not-null').columns).toEqual(['Profiles.UserId']);
    expect(one(r, 'has-one-not-unique').columns).toEqual(['Profiles.UserId']);

    const hooked = one(r, 'belongs-to-hooked-cascade');
    expect(labels(hooked)).toEqual(["Comment.belongsTo(Article, { onDelete: 'CASCADE', hooks: true })"]);
    expect(hooked.message).toMatch(/Destroying one Comment deleted its Article too/);

    expect(one(r, 'paranoid-cascade').columns).toEqual(['Notes.UserId']);
    expect(main(r).map((f) => f.id).sort()).toEqual(
      ['alias-replaced', 'belongs-to-hooked-cascade', 'double-foreign-key', 'has-one-not-unique', 'ignored-option', 'order-dependent-option', 'order-dependent-option', 'paranoid-cascade', 'set-null-not-null', 'shared-foreign-key-column', 'through-pair-mismatch'].sort(),
    );
    const unindexed = r.findings.filter((f) => f.id === 'unindexed-foreign-key').map((f) => f.columns[0]);
    if (database === 'postgres') expect(unindexed).toContain('Posts.authorId');
    else expect(unindexed).toEqual([]);
  });

  it('finds nothing in the clean twin', async () => clean(await doctor('cli-js-clean')));
});

describe('class style: static init / associate, no registry', () => {
  it('finds the planted mistakes', async () => {
    const r = await doctor('class-style');
    expect(r.loadedFrom).toBe('each file in models');
    expect(r.models.sort()).toEqual(['Account', 'Order', 'User']);
    expect(one(r, 'set-null-not-null').columns).toEqual(['orders.buyer_id']);
    expect(labels(one(r, 'has-one-not-unique'))).toEqual(['User.hasOne(Account)']);
    expect(one(r, 'ignored-option').message).toMatch(/has sourceKey, which Sequelize does not read there/);
    expect(main(r)).toHaveLength(3);
  });

  it('finds nothing in the clean twin', async () => clean(await doctor('class-style-clean')));
});

describe('ES modules in TypeScript, Model.init on an imported instance', () => {
  it('finds the planted mistakes', async () => {
    const r = await doctor('esm-ts');
    expect(r.models.sort()).toEqual(['Post', 'User', 'bookmarks']);
    const double = one(r, 'double-foreign-key');
    expect(double.columns).toEqual(['posts.user_id', 'posts.writer_id']);
    expect(double.declarations.map((d) => d.at)).toEqual(['src/models/post.ts:13', 'src/models/post.ts:14']);
    expect(one(r, 'through-pair-mismatch').columns).toEqual(['bookmarks.user_id', 'bookmarks.post_id']);
    const hooks = one(r, 'ignored-option');
    expect(hooks.message).toMatch(/has hooks: true, which Sequelize does not read there/);
    expect(hooks.fix).toBe("User.hasMany(Post, { onDelete: 'CASCADE', hooks: true });");
    expect(main(r)).toHaveLength(3);
  });

  it('finds nothing in the clean twin', async () => clean(await doctor('esm-ts-clean')));
});

describe('migrations compared with the models', () => {
  it('names every difference', async () => {
    const r = await doctor('migrations');
    expect(r.migrations).toEqual({ files: 2, ran: 2 });
    const got = r.findings.map((f) => `${f.id} ${f.columns.join(',') || f.models.join(',')}`).sort();
    expect(got).toEqual(
      ['migration-foreign-key Posts.userId', 'migration-foreign-key Posts.userId', 'migration-index Posts.userId', 'migration-not-null Posts.userId', 'migration-table Comment', 'migration-unique Users.email'].sort(),
    );
    expect(r.findings.find((f) => f.id === 'migration-table')?.message).toMatch(/There is no table Comments/);
  });

  it('finds nothing when the migrations build what the models describe', async () => clean(await doctor('migrations-clean')));

  it('names a migration that fails, with its error', async () => {
    const r = await doctor('migrations-broken');
    const failed = one(r, 'migration-failed');
    expect(failed.declarations).toEqual([{ label: 'migrations/20240102000000-add-post-title.js' }]);
    expect(failed.message).toMatch(/20240102000000-add-post-title\.js: up failed: .*Posts/);
  });
});

describe('sequelize-typescript decorators', () => {
  it('without sequelize-typescript in the project: one line saying to install it, nothing else', async () => {
    const r = await doctor('decorators');
    expect(r.problems).toEqual([{ kind: 'package', message: `The models use sequelize-typescript, which is not installed in this project: run npm install in ${join(fixtures, 'decorators')}.` }]);
    expect(r.models).toEqual([]);
  });

  // Needs sequelize-typescript and reflect-metadata, which the workbook does not install: point
  // DOCTOR_STT_NODE_MODULES at a node_modules that has them (npm install sequelize-typescript reflect-metadata).
  const installed = process.env.DOCTOR_STT_NODE_MODULES;
  if (!installed) process.stderr.write(`tests/doctor.test.ts (${database}): the installed sequelize-typescript case is skipped: set DOCTOR_STT_NODE_MODULES to a node_modules with sequelize-typescript and reflect-metadata to run it.\n`);
  it.runIf(Boolean(installed))('with it installed: compiled with TypeScript (decorator metadata) and checked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'doctor-decorators-'));
    temps.push(dir);
    cpSync(join(fixtures, 'decorators'), dir, { recursive: true });
    symlinkSync(installed!, join(dir, 'node_modules'), 'dir');
    const r = await runDoctor(locate(dir), { database });
    expect(r.problems).toEqual([]);
    expect(r.models.sort()).toEqual(['Author', 'Book', 'Review']);
    expect(one(r, 'order-dependent-option', 'Books.authorId').declarations).toEqual([
      // The decorators' lines, not the `new Sequelize({ models })` that made the calls.
      { label: "Author.hasMany(Book, { onDelete: 'CASCADE', as: 'books', foreignKey: { name: 'authorId' } })", at: 'src/models/author.ts:10' },
      { label: "Book.belongsTo(Author, { onDelete: 'SET NULL', as: 'author', foreignKey: { name: 'authorId' } })", at: 'src/models/book.ts:13' },
    ]);
    const hasOne = one(r, 'has-one-not-unique');
    expect(hasOne.columns).toEqual(['Reviews.authorId']);
    expect(hasOne.declarations.map((d) => d.at)).toEqual(['src/models/author.ts:14']);
  });

  it("a decorator's line, from the decorated property's: above it among its other decorators, over several lines too", () => {
    const source = [
      'export class Post extends Model {', // 1
      '  @Column', // 2
      '  declare title: string;', // 3
      '', // 4
      '  @BelongsToMany(() => Tag, {', // 5
      '    through: () => PostTag,', // 6
      '  })', // 7
      '  // the tags', // 8
      '  declare tags: Tag[];', // 9
      '  @ForeignKey(() => User)', // 10
      '  @BelongsTo(() => User)', // 11
      '  @Column', // 12
      '  declare userId: number;', // 13
      '  @Rel(() => User)', // 14: an aliased import
      '  declare owner: User;', // 15
      '}',
    ].join('\n');
    expect(decoratorLine(source, 9, 'BelongsToMany')).toBe(5);
    expect(decoratorLine(source, 13, 'BelongsTo')).toBe(11);
    expect(decoratorLine(source, 15, 'BelongsTo')).toBe(15);
    // Never past the member before it.
    expect(decoratorLine(source, 3, 'BelongsToMany')).toBe(3);
  });
});

describe('a config that points at a MySQL server that does not exist', () => {
  it('still loads, checks on PostgreSQL unless told otherwise, and says what is not checked', async () => {
    const r = await doctor('mysql-unreachable');
    expect(r.projectDialect).toBe('mysql');
    expect(r.notes.join('\n')).toMatch(/The project uses mysql/);
    const order = one(r, 'order-dependent-option');
    expect(order.columns).toEqual(['invoices.customer_id']);
    // MySQL indexes every foreign key itself: no index notes for a MySQL project.
    expect(r.findings.filter((f) => f.id === 'unindexed-foreign-key')).toEqual([]);
  });

  it('finds nothing in the clean twin', async () => clean(await doctor('mysql-unreachable-clean')));
});

describe.runIf(database === 'postgres')('the database follows the project', () => {
  it('a project whose dialect is postgres (or mysql) is checked on PostgreSQL without --db', async () => {
    expect((await doctor('esm-ts-clean', { auto: true })).database).toBe('postgres');
    expect((await doctor('mysql-unreachable-clean', { auto: true })).database).toBe('postgres');
  });
});

describe('bad input: one line each, the rest still checked', () => {
  it('a syntax error and an associate that throws are named; the model that loaded is checked', async () => {
    const r = await doctor('bad/syntax-error');
    expect(r.problems).toEqual([
      { kind: 'load', file: 'models/team.js', message: 'SyntaxError: Expected ")" but found ";" (at models/team.js:5)' },
      { kind: 'associate', message: "User.associate threw: User.hasMany called with something that's not a subclass of Sequelize.Model (at models/user.js:5)" },
    ]);
    expect(r.models).toEqual(['User']);
  });

  it('a module that calls process.exit, and a typo in associate', async () => {
    const r = await doctor('bad/throws');
    expect(r.problems.map((p) => `${p.file ?? ''} ${p.message}`)).toEqual([
      "models/exits.js the project's code called process.exit(1)",
      expect.stringMatching(/^ User\.associate threw: User\.hasMany called with something that's not a subclass of Sequelize\.Model \(at models\/user\.js:7\)$/),
    ]);
    // The association declared before the throw still counts.
    expect(r.associations).toBe(2);
  });

  it('exit codes and one-line messages', () => {
    const missing = cli('tests/fixtures/projects/nothing-here');
    expect([missing.code, missing.err.trim()]).toEqual([2, 'tests/fixtures/projects/nothing-here does not exist.']);
    const none = cli('tests/fixtures/projects/bad/no-models');
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/^No models folder in .*give it with --models <dir>/);
    const pkg = cli('tests/fixtures/projects/bad/missing-package');
    expect(pkg.code).toBe(2);
    expect(pkg.out).toMatch(/models\/user\.js: it imports argon2-never-installed, which is not installed in this project: run npm install in .*missing-package\./);
    expect(pkg.out + pkg.err).not.toMatch(/\n\s+at /);
    const v4 = cli('tests/fixtures/projects/bad/v4');
    expect(v4.code).toBe(2);
    expect(v4.out).toMatch(/User defines classMethods, which is Sequelize v4/);
    const hangs = cli('tests/fixtures/projects/bad/hangs', '--timeout', '2');
    expect(hangs.code).toBe(2);
    expect(hangs.err.trim()).toMatch(/^The project's models did not finish loading and checking within 2 s/);
    expect(cli('tests/fixtures/projects/cli-js-clean', '--db', database).code).toBe(0);
  });
});

describe('output for CI: --json, silencing, --diagram', () => {
  it('--json carries the findings; .workbook-doctor.json silences by id and by association, and the report counts them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'doctor-silence-'));
    temps.push(dir);
    cpSync(join(fixtures, 'class-style'), dir, { recursive: true });
    const before = cli(dir, '--json', '--db', database);
    expect(before.code).toBe(1);
    const all = JSON.parse(before.out) as { findings: Finding[]; silenced: number; exitCode: number };
    expect(all.findings.map((f) => f.id).filter((id) => id !== 'unindexed-foreign-key').sort()).toEqual(['has-one-not-unique', 'ignored-option', 'set-null-not-null']);
    expect(all.findings[0]).toMatchObject({ id: expect.any(String), severity: expect.any(String), models: expect.any(Array), columns: expect.any(Array), message: expect.any(String), fix: expect.any(String), lesson: expect.stringMatching(/^\d\d$/) });
    writeFileSync(join(dir, '.workbook-doctor.json'), JSON.stringify({ ignore: ['ignored-option', 'unindexed-foreign-key', { id: 'set-null-not-null', association: 'User.hasMany(Order)' }] }));
    const after = cli(dir, '--db', database);
    expect(after.code).toBe(0);
    expect(after.out).toMatch(/has-one-not-unique/);
    expect(after.out).not.toMatch(/set-null-not-null|ignored-option/);
    expect(after.out).toMatch(/0 errors, 1 warning, 0 notes \(\d+ silenced in \.workbook-doctor\.json\)/);
  });

  it('--diagram is the Mermaid ER diagram with the findings on their keys', () => {
    const r = cli('tests/fixtures/projects/class-style', '--diagram', '--db', database);
    expect(r.out).toMatch(/^%% doctor findings:/);
    expect(r.out).toMatch(/erDiagram/);
    expect(r.out).toMatch(/users \|\|--o\{ orders : "buyer_id ON DELETE SET NULL; DIFFERS: set-null-not-null[",]/);
  });
});

describe('a project written for another Sequelize', () => {
  it('on Sequelize 5: one line saying it is checked with Sequelize 6 and what v6 removed; the rest is checked as usual', async () => {
    const r = await doctor('sequelize-v5');
    expect(r.problems).toEqual([]);
    expect(r.notes).toEqual([expect.stringMatching(/^The project has Sequelize 5\.22\.3 \(package\.json's dependencies\); doctor checks it with the workbook's Sequelize 6, .* removed sequelize\.import, Bluebird's promise methods/)]);
    expect(main(r)).toEqual([]);
    expect(r.schema.find((t) => t.name === 'Posts')?.foreignKeys.map((f) => f.from)).toEqual(['authorId']);
  });

  it('the installed version first, then dependencies and devDependencies; a package.json that is not JSON says nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'doctor-version-'));
    temps.push(dir);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ devDependencies: { sequelize: '~5.21.0' } }));
    expect(projectSequelize(dir)).toEqual({ version: '5.21.0', from: "package.json's devDependencies" });
    mkdirSync(join(dir, 'node_modules', 'sequelize'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'sequelize', 'package.json'), JSON.stringify({ version: '6.37.1' }));
    expect(projectSequelize(dir)).toEqual({ version: '6.37.1', from: 'node_modules/sequelize' });
    expect(versionNote(projectSequelize(dir))).toBeUndefined();
    writeFileSync(join(dir, 'node_modules', 'sequelize', 'package.json'), '{ "version": ');
    writeFileSync(join(dir, 'package.json'), '{ "dependencies": ');
    expect(projectSequelize(dir)).toBeUndefined();
    expect(versionNote({ version: '4.44.4', from: 'node_modules/sequelize' })).toMatch(/Sequelize 4\.44\.4 .*: what differs in 4\.x is not seen\.$/);
  });
});
