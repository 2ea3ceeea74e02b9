// Node module-resolution hook (plain JS: it runs on Node's loader thread, before any TS loader).
// Inside the engine's child processes:
// - `import ... from 'vitest'` in a check file (and in the kit) resolves to the engine's small
//   stand-in, so checks run without starting Vitest;
// - 'sequelize' always resolves to this project's copy, so a learner file anywhere (a student's copy
//   being graded, with or without its own node_modules) shares the kit's Sequelize classes.
const shim = new URL('./mini-vitest.ts', import.meta.url).href;
const projectParent = new URL('../../package.json', import.meta.url).href;
const pinned = /^(sequelize|sqlite3)(\/|$)/;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'vitest') return { url: shim, shortCircuit: true };
  if (pinned.test(specifier)) return nextResolve(specifier, { ...context, parentURL: projectParent });
  return nextResolve(specifier, context);
}
