/**
 * Exercises Sequelize's path for the database the checks run on once (driver load, dialect modules,
 * query generator, association code, schema reads; on PostgreSQL also this process's scratch
 * database and its first connection), so that a learner's first check does not pay for it.
 */
import { DataTypes } from 'sequelize';
import { currentDialect } from '../kit/dialect/index.ts';

export async function warmUp(): Promise<void> {
  const dialect = currentDialect();
  const sequelize = await dialect.open(() => undefined);
  const A = sequelize.define('WarmA', { name: { type: DataTypes.STRING, allowNull: false, unique: true, validate: { notEmpty: true } } });
  const B = sequelize.define('WarmB', { n: DataTypes.INTEGER }, { paranoid: true });
  A.hasMany(B, { foreignKey: { name: 'aId', allowNull: false }, onDelete: 'CASCADE' });
  B.belongsTo(A, { foreignKey: { name: 'aId', allowNull: false }, onDelete: 'CASCADE' });
  A.belongsToMany(A, { through: 'WarmPairs', as: 'peers', foreignKey: 'x', otherKey: 'y' });
  await sequelize.sync();
  const a = await A.create({ name: 'a' });
  await B.create({ n: 1, aId: a.get('id') });
  await A.findAll({ include: [B, 'peers'] });
  const schema = dialect.reader(sequelize);
  // Every kind of schema read a check makes (on PostgreSQL, each planned once for the connection).
  await schema.tables();
  await schema.foreignKeys('WarmBs');
  await schema.uniqueSets('WarmAs');
  await schema.columns('WarmAs');
  await schema.indexes('WarmAs');
  await sequelize.transaction(async (t) => A.destroy({ where: {}, transaction: t }));
  await sequelize.close();
}
