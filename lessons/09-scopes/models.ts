/**
 * Lesson 09: scopes. Teams have projects and members; some lists are filtered.
 *
 * Your task (read README.md first: `npm run workbook -- read 09`):
 *   TODO 1. team.getProjects() returns every project; team.getActiveProjects() only the active
 *           ones (and team.createActiveProject() makes an active one).
 *   TODO 2. team.getMembers() returns every member, whatever the state of their account or of
 *           their membership.
 *   TODO 3. A membership can end without deleting it: a TeamMember through model with `role` and
 *           `active` (default true). team.getActiveMembers() returns the members whose MEMBERSHIP
 *           is active. users get getTeams().
 *   TODO 4. User rows never carry passwordHash unless asked for: a default scope that leaves it
 *           out, and a named scope `withPassword` that brings it back.
 */
import { DataTypes, type Sequelize } from 'sequelize';

export function defineModels(sequelize: Sequelize) {
  const User = sequelize.define('User', {
    name: { type: DataTypes.STRING, allowNull: false },
    /** The ACCOUNT is enabled (false: the user was banned or closed their account). */
    active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    passwordHash: DataTypes.STRING,
  });

  const Team = sequelize.define('Team', {
    name: { type: DataTypes.STRING, allowNull: false },
  });

  const Project = sequelize.define('Project', {
    name: { type: DataTypes.STRING, allowNull: false },
    status: { type: DataTypes.STRING, allowNull: false, defaultValue: 'active' }, // 'active' | 'done'
  });

  // The original tutorial's "association options and customization", as it wrote them:
  Team.belongsToMany(User, {
    through: 'TeamMembers',
    as: 'members',
    foreignKey: 'teamId',
    otherKey: 'userId',
    constraints: true,
    onDelete: 'CASCADE',
    scope: { active: true },
  });

  Team.hasMany(Project, {
    foreignKey: 'teamId',
    as: 'activeProjects',
    scope: { status: 'active' },
  });

  return { User, Team, Project };
}
