/**
 * Exercises Sequelize's SQLite path once (native driver load, dialect modules, query generator,
 * association code) so that a learner's first check in this process does not pay for it.
 */
import { DataTypes, QueryTypes, Sequelize } from 'sequelize';

export async function warmUp(): Promise<void> {
  const sequelize = new Sequelize({ dialect: 'sqlite', storage: ':memory:', logging: () => undefined });
  const A = sequelize.define('WarmA', { name: { type: DataTypes.STRING, allowNull: false, unique: true, validate: { notEmpty: true } } });
  const B = sequelize.define('WarmB', { n: DataTypes.INTEGER }, { paranoid: true });
  A.hasMany(B, { foreignKey: { name: 'aId', allowNull: false }, onDelete: 'CASCADE' });
  B.belongsTo(A, { foreignKey: { name: 'aId', allowNull: false }, onDelete: 'CASCADE' });
  A.belongsToMany(A, { through: 'WarmPairs', as: 'peers', foreignKey: 'x', otherKey: 'y' });
  await sequelize.sync();
  const a = await A.create({ name: 'a' });
  await B.create({ n: 1, aId: a.get('id') });
  await A.findAll({ include: [B, 'peers'] });
  await sequelize.query('PRAGMA foreign_key_list(`WarmBs`)', { type: QueryTypes.SELECT });
  await sequelize.transaction(async (t) => A.destroy({ where: {}, transaction: t }));
  await sequelize.close();
}
