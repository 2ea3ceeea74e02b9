// What a checked project gets for `require('sequelize')` (and, through sequelize-shim.mjs, for
// `import ... from 'sequelize'`): the workbook's Sequelize 6, except that every `new Sequelize(...)`
// opens doctor's scratch database instead of the project's (see scratch.ts, which the child process
// installs on the global below before any project code loads). Plain CommonJS: require() loads it.
'use strict';
const real = require('sequelize');

const STATE = Symbol.for('workbook.doctor.scratch');

class Sequelize extends real.Sequelize {
  constructor(...args) {
    const scratch = globalThis[STATE];
    if (!scratch) throw new Error('doctor: the scratch database is not set up');
    super(scratch.options(args));
    scratch.opened(this);
  }
}
Sequelize.Sequelize = Sequelize;
Sequelize.default = Sequelize;
module.exports = Sequelize;
