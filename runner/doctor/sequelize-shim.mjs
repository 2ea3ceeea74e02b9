// The ES-module face of sequelize-shim.cjs: everything the real package exports, with its Sequelize
// replaced by the one that opens doctor's scratch database.
import { createRequire } from 'node:module';

const ScratchSequelize = createRequire(import.meta.url)('./sequelize-shim.cjs');

export * from 'sequelize';
export { ScratchSequelize as Sequelize, ScratchSequelize as default };
