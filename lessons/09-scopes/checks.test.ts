import { describe, it, expect } from 'vitest';
import type { Model } from 'sequelize';
import { checkAssociation, checkDefaultScopeFilter, checkUnscoped, failIf, useLesson } from '../../runner/kit/index.ts';

const lesson = useLesson<typeof import('./models.ts')>(import.meta.url);

/** Calls a mixin after checking it exists (a missing association fails with the kit's message). */
async function mixin<T>(row: Model, name: string, ...args: unknown[]): Promise<T> {
  expect(row).toHaveMixins([name]);
  return (row as unknown as Record<string, (...a: unknown[]) => Promise<T>>)[name](...args);
}

const names = (rows: Model[]) => rows.map((r) => r.get('name')).sort();

describe('projects', () => {
  async function teamWithProjects() {
    const db = await lesson.open();
    const { Team, Project } = db.models;
    const team = await Team.create({ name: 'Engines' });
    // Whatever the learner named the key (teamId, or Sequelize's default TeamId).
    const fk = (Team.associations.projects ?? Team.associations.activeProjects)?.foreignKey ?? 'teamId';
    await Project.create({ name: 'Difference', status: 'active', [fk]: team.get('id') });
    await Project.create({ name: 'Analytical', status: 'active', [fk]: team.get('id') });
    await Project.create({ name: 'Mill', status: 'done', [fk]: team.get('id') });
    return { db, team };
  }

  it("activeProjects has the scope { status: 'active' }", async () => {
    const { models } = await lesson.open();
    expect(models.Team).toHaveAssociationScope('activeProjects', { status: 'active' });
  });

  it('team.getActiveProjects() returns only the active projects', async () => {
    const { team } = await teamWithProjects();
    const active = await mixin<Model[]>(team, 'getActiveProjects');
    expect(names(active), 'getActiveProjects() should return the two active projects and not the done one.').toEqual(['Analytical', 'Difference']);
  });

  it('team.createActiveProject() makes an active project (a scope also sets its values on create)', async () => {
    const { db, team } = await teamWithProjects();
    const created = await mixin<Model>(team, 'createActiveProject', { name: 'Jacquard', status: 'done' });
    const row = await db.models.Project.findByPk(created.get('id') as number);
    expect(row?.get('status'), 'The scope values are written over what you pass on create').toBe('active');
  });

  it('team.getProjects() returns every project, done ones included', async () => {
    const { db, team } = await teamWithProjects();
    failIf(checkUnscoped(db.models.Team, 'projects'));
    const all = await mixin<Model[]>(team, 'getProjects');
    expect(names(all), 'getProjects() should return all three projects.').toEqual(['Analytical', 'Difference', 'Mill']);
  });
});

describe('members', () => {
  /** ada: all fine. bea: account disabled, still on the team. cy: account fine, left the team. */
  async function teamWithMembers() {
    const db = await lesson.open();
    // Without its columns, adding members fails with a bare SQL error: name the join table's problem instead.
    await expect(db).toHaveJunction({ table: 'TeamMembers', keys: { teamId: 'Teams', userId: 'Users' }, columns: ['role', 'active'] });
    const { Team, User } = db.models;
    const team = await Team.create({ name: 'Engines' });
    const ada = await User.create({ name: 'ada', passwordHash: 'h1' });
    const bea = await User.create({ name: 'bea', passwordHash: 'h2', active: false });
    const cy = await User.create({ name: 'cy', passwordHash: 'h3' });
    for (const u of [ada, bea, cy]) await mixin(team, 'addMember', u, { through: { role: 'dev' } });
    const jt = await db.schema.columns('TeamMembers');
    if (jt.some((c) => c.name === 'active')) {
      await db.query('UPDATE `TeamMembers` SET `active` = ? WHERE `userId` = ?', { replacements: [false, cy.get('id')] });
    }
    return { db, team };
  }

  it('TeamMembers is a through model with role and active columns', async () => {
    const db = await lesson.open();
    await expect(db).toHaveJunction({ table: 'TeamMembers', keys: { teamId: 'Teams', userId: 'Users' }, columns: ['role', 'active'] });
  });

  it('members has no scope: it is the whole team', async () => {
    const { models } = await lesson.open();
    failIf(checkUnscoped(models.Team, 'members'));
  });

  it('team.getMembers() returns every member, whatever their account or membership', async () => {
    const { db, team } = await teamWithMembers();
    failIf(checkUnscoped(db.models.Team, 'members'));
    failIf(checkDefaultScopeFilter(db.models.User));
    expect(names(await mixin<Model[]>(team, 'getMembers')), 'getMembers() should return ada, bea and cy.').toEqual(['ada', 'bea', 'cy']);
  });

  it('activeMembers filters the MEMBERSHIP (TeamMembers.active) with through.scope', async () => {
    const { models } = await lesson.open();
    expect(models.Team).toHaveThroughScope('activeMembers', { active: true });
  });

  it('team.getActiveMembers() returns who is still on the team, even with a disabled account', async () => {
    const { db, team } = await teamWithMembers();
    expect(db.models.Team).toHaveThroughScope('activeMembers', { active: true });
    failIf(checkDefaultScopeFilter(db.models.User));
    const unset = await db.query('SELECT `userId` FROM `TeamMembers` WHERE `active` IS NULL');
    failIf(unset.length ? `TeamMembers.active is NULL for ${unset.length} of the memberships added without it (team.addMember(user, { through: { role } })), so through.scope { active: true } leaves them out. Give active defaultValue: true in the through model.` : null);
    const current = names(await mixin<Model[]>(team, 'getActiveMembers'));
    expect(current, 'ada and bea are on the team (bea\'s account is disabled, not her membership); cy left the team.').toEqual(['ada', 'bea']);
  });

  it("users get getTeams(), through the alias 'teams' the task names", async () => {
    const { db } = await teamWithMembers();
    // Without as: 'teams' the getter is still getTeams(), but include: ['teams'] would not find it.
    failIf(checkAssociation(db.models.User, { type: 'BelongsToMany', target: 'Team', alias: 'teams' }));
    const ada = (await db.models.User.findOne({ where: { name: 'ada' } }))!;
    const teams = await mixin<Model[]>(ada, 'getTeams');
    expect(names(teams)).toEqual(['Engines']);
  });
});

describe('the default scope', () => {
  async function oneUser() {
    const db = await lesson.open();
    await db.models.User.create({ name: 'ada', passwordHash: 'secret-hash' });
    return db;
  }
  const hasHash = (row: Model | null) => row !== null && 'passwordHash' in row.get({ plain: true });

  it('User.findOne() leaves passwordHash out', async () => {
    const db = await oneUser();
    const row = await db.models.User.findOne();
    expect(
      hasHash(row),
      "User.findOne() returned passwordHash. Add a default scope to User's options: defaultScope: { attributes: { exclude: ['passwordHash'] } }.",
    ).toBe(false);
  });

  it('and so do association getters and includes: the default scope applies there too', async () => {
    const db = await oneUser();
    const team = await db.models.Team.create({ name: 'Engines' });
    const ada = (await db.models.User.unscoped().findOne())!;
    await mixin(team, 'addMember', ada);
    const [member] = await mixin<Model[]>(team, 'getMembers');
    expect(member, 'getMembers() returned nobody').toBeTruthy();
    expect(hasHash(member), 'team.getMembers() returned passwordHash: the User default scope is missing.').toBe(false);
    const withMembers = await db.models.Team.findOne({ include: [{ association: 'members' }] });
    const included = (withMembers?.get('members') as Model[] | undefined)?.[0] ?? null;
    expect(hasHash(included), 'An include of members returned passwordHash: the User default scope is missing.').toBe(false);
  });

  it("User.scope('withPassword') brings passwordHash back", async () => {
    const db = await oneUser();
    const scopes = Object.keys((db.models.User.options as { scopes?: object }).scopes ?? {});
    expect(scopes, "User has no scope named 'withPassword'. Add scopes: { withPassword: { attributes: { include: ['passwordHash'] } } } to User's options.").toContain('withPassword');
    const row = await db.models.User.scope('withPassword').findOne();
    expect(row?.get('passwordHash'), "User.scope('withPassword').findOne() did not return passwordHash.").toBe('secret-hash');
  });
});
