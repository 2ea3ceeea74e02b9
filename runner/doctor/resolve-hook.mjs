// Node module-resolution hook for doctor's child process (plain JS: it runs on Node's loader thread).
// A checked project's `import ... from 'sequelize'` gets doctor's shim (the workbook's Sequelize 6 on a
// scratch database), whatever copy or version its own node_modules holds; `sequelize/...` subpaths get
// the workbook's copy, so every class is the same one. The workbook's own modules (runner/) keep the
// real package. require() has the same rule in sequelize-redirect.ts.
const runner = new URL('../', import.meta.url).href;
const shim = new URL('./sequelize-shim.mjs', import.meta.url).href;
const workbook = new URL('../../package.json', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  const fromRunner = context.parentURL?.startsWith(runner) ?? false;
  if (!fromRunner && specifier === 'sequelize') return { url: shim, shortCircuit: true };
  if (/^sequelize\//.test(specifier)) return nextResolve(specifier, { ...context, parentURL: workbook });
  return nextResolve(specifier, context);
}
