import { checkOrderIndependent } from './kit/index.ts';
import { newSequelize } from './kit/lesson-db.ts';
const [, , file, ...pairs] = process.argv;
const mod = await import(file);
const s = newSequelize([]);
await mod.defineModels(s);
await s.sync();
for (const p of pairs) { const [table, column] = p.split('.'); console.log(p, '→', await checkOrderIndependent(s, { table, column })); }
