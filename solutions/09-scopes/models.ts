/**
 * Lesson 09 solved. Two associations per relationship: one plain, one scoped, each with its own
 * alias. The membership flag lives on the through model and is filtered with through.scope.
 */
import { DataTypes, type Sequelize } from 'sequelize';

export function defineModels(sequelize: Sequelize) {
  const User = sequelize.define(
    'User',
    {
      name: { type: DataTypes.STRING, allowNull: false },
      active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      passwordHash: DataTypes.STRING,
    },
    {
      // Applies to every query on User, includes and association getters too.
      defaultScope: { attributes: { exclude: ['passwordHash'] } },
      // User.scope('withPassword') replaces the default scope.
      scopes: { withPassword: { attributes: { include: ['passwordHash'] } } },
    },
  );

  const Team = sequelize.define('Team', {
    name: { type: DataTypes.STRING, allowNull: false },
  });

  const Project = sequelize.define('Project', {
    name: { type: DataTypes.STRING, allowNull: false },
    status: { type: DataTypes.STRING, allowNull: false, defaultValue: 'active' },
  });

  const TeamMember = sequelize.define('TeamMember', {
    role: { type: DataTypes.STRING, allowNull: false, defaultValue: 'member' },
    /** The MEMBERSHIP is current (false: they left the team; the row is kept for history). */
    active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
  });

  const members = { foreignKey: 'teamId', otherKey: 'userId' };
  Team.belongsToMany(User, { through: TeamMember, as: 'members', ...members });
  Team.belongsToMany(User, { through: { model: TeamMember, scope: { active: true } }, as: 'activeMembers', ...members });
  User.belongsToMany(Team, { through: TeamMember, as: 'teams', foreignKey: 'userId', otherKey: 'teamId' });

  Team.hasMany(Project, { foreignKey: 'teamId', as: 'projects' });
  Team.hasMany(Project, { foreignKey: 'teamId', as: 'activeProjects', scope: { status: 'active' } });
  Project.belongsTo(Team, { foreignKey: 'teamId', as: 'team' });

  return { User, Team, Project, TeamMember };
}
