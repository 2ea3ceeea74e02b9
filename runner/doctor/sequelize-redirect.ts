/**
 * Gives a checked project doctor's Sequelize: `require('sequelize')` and `import 'sequelize'` from
 * anywhere but the workbook's runner/ resolve to the shim (the workbook's Sequelize 6 opening the
 * scratch database), and `sequelize/...` subpaths to the workbook's copy. ES modules through the resolve
 * hook; require() does not see that hook on Node 20, so Module._resolveFilename is wrapped too.
 */
import Module, { createRequire, register } from 'node:module';
import { dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const runnerDir = dirname(dirname(fileURLToPath(import.meta.url))) + sep;
const shimPath = fileURLToPath(new URL('./sequelize-shim.cjs', import.meta.url));
const workbookRequire = createRequire(new URL('../../package.json', import.meta.url));

type Resolve = (request: string, parent: { filename?: string | null } | undefined, ...rest: unknown[]) => string;

export function redirectSequelize(): void {
  register('./resolve-hook.mjs', import.meta.url);
  const mod = Module as unknown as { _resolveFilename: Resolve };
  const original = mod._resolveFilename;
  mod._resolveFilename = function (request, parent, ...rest) {
    const fromRunner = parent?.filename?.startsWith(runnerDir) ?? false;
    if (!fromRunner && request === 'sequelize') return shimPath;
    if (request.startsWith('sequelize/')) return workbookRequire.resolve(request);
    return original.call(this, request, parent, ...rest);
  };
}
