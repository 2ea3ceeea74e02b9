/**
 * Where the engine keeps what it learns between runs (compiled package code, how long each lesson's
 * checks take): node_modules/.cache, as other tools do. Deleting it only costs speed.
 */
import { fileURLToPath } from 'node:url';

export const cacheDir = fileURLToPath(new URL('../../node_modules/.cache/sequelize-workbook', import.meta.url));
