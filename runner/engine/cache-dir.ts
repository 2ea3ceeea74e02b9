/**
 * Where the engine keeps what it learns between runs (compiled package code, how long each lesson's
 * checks take): node_modules/.cache, as other tools do. Deleting it only costs speed.
 * WORKBOOK_CACHE_DIR puts it elsewhere (the benchmark's first-run measure starts from an empty one).
 */
import { fileURLToPath } from 'node:url';

export const cacheDir = process.env.WORKBOOK_CACHE_DIR || fileURLToPath(new URL('../../node_modules/.cache/sequelize-workbook', import.meta.url));
