/**
 * A generated Sequelize project the size of the largest real one doctor was tried on (50 models, 180
 * associations), for `npm run bench` (BENCH_ONLY=doctor): sequelize-cli's layout, models/index.js and
 * one factory file per model, every key named on both sides and indexed, so it has no finding.
 * Written into a folder of the caller's; nothing of it is committed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const INDEX = `'use strict';
const fs = require('fs');
const path = require('path');
const Sequelize = require('sequelize');
const config = require(__dirname + '/../config/config.json')[process.env.NODE_ENV || 'development'];
const sequelize = new Sequelize(config.database, config.username, config.password, config);
const db = {};
for (const file of fs.readdirSync(__dirname).filter((f) => f !== 'index.js' && f.endsWith('.js'))) {
  const model = require(path.join(__dirname, file))(sequelize, Sequelize.DataTypes);
  db[model.name] = model;
}
for (const name of Object.keys(db)) if (db[name].associate) db[name].associate(db);
db.sequelize = sequelize;
module.exports = db;
`;

export interface GeneratedProject {
  models: number;
  associations: number;
}

export function writeDoctorProject(dir: string, dialect: 'sqlite' | 'postgres', models = 50, pairs = 70, manyToMany = 20): GeneratedProject {
  mkdirSync(join(dir, 'models'), { recursive: true });
  mkdirSync(join(dir, 'config'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "name": "doctor-bench-project", "private": true }\n');
  writeFileSync(join(dir, 'config/config.json'), JSON.stringify({ development: { dialect, host: 'db.invalid', database: 'bench' } }));
  writeFileSync(join(dir, 'models/index.js'), INDEX);
  const name = (i: number) => `Model${String(i).padStart(2, '0')}`;
  const declarations = new Map<number, string[]>();
  const keysOf = new Map<number, string[]>();
  const add = (i: number, line: string) => declarations.set(i, [...(declarations.get(i) ?? []), line]);
  // One-to-many pairs: parent i, child (i + step) % models, the key named and options the same on both sides.
  for (let p = 0; p < pairs; p++) {
    const parent = p % models;
    const child = (parent + 1 + Math.floor(p / models) * 7) % models;
    const key = `${name(parent).toLowerCase()}Ref${p}Id`;
    keysOf.set(child, [...(keysOf.get(child) ?? []), key]);
    add(parent, `${name(parent)}.hasMany(models.${name(child)}, { as: 'children${p}', foreignKey: '${key}', onDelete: 'CASCADE' });`);
    add(child, `${name(child)}.belongsTo(models.${name(parent)}, { as: 'parent${p}', foreignKey: '${key}', onDelete: 'CASCADE' });`);
  }
  // Many-to-many pairs through a join model each, its second key indexed.
  const joins: string[] = [];
  for (let m = 0; m < manyToMany; m++) {
    const a = (m * 3) % models;
    const b = (m * 3 + 11) % models;
    const through = `Link${m}`;
    joins.push(through);
    add(a, `${name(a)}.belongsToMany(models.${name(b)}, { through: models.${through}, as: 'linked${m}', foreignKey: 'aId', otherKey: 'bId' });`);
    add(b, `${name(b)}.belongsToMany(models.${name(a)}, { through: models.${through}, as: 'linkers${m}', foreignKey: 'bId', otherKey: 'aId' });`);
  }
  for (let i = 0; i < models; i++) {
    const indexes = (keysOf.get(i) ?? []).map((k) => `{ fields: ['${k}'] }`).join(', ');
    writeFileSync(
      join(dir, 'models', `${name(i).toLowerCase()}.js`),
      `'use strict';
module.exports = (sequelize, DataTypes) => {
  const ${name(i)} = sequelize.define('${name(i)}', { title: { type: DataTypes.STRING, allowNull: false }, body: DataTypes.TEXT, rank: DataTypes.INTEGER }, { indexes: [${indexes}] });
  ${name(i)}.associate = (models) => {
    ${(declarations.get(i) ?? []).join('\n    ')}
  };
  return ${name(i)};
};
`,
    );
  }
  for (const through of joins) {
    writeFileSync(join(dir, 'models', `${through.toLowerCase()}.js`), `'use strict';\nmodule.exports = (sequelize) => sequelize.define('${through}', {}, { indexes: [{ fields: ['bId'] }] });\n`);
  }
  return { models, associations: pairs * 2 + manyToMany * 2 };
}
