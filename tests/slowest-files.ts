/**
 * A reporter added to Vitest's own: at the end of a run, the slowest test files (project, file, time
 * from its setup to its last test), so whoever makes `npm test` slower sees where.
 */
import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

/** WORKBOOK_SLOWEST=all prints every file (for a before-and-after table). */
const SHOWN = process.env.WORKBOOK_SLOWEST === 'all' ? Infinity : 10;

export default class SlowestFiles implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const rows = modules
      .map((m) => {
        const d = m.diagnostic();
        return { name: `${m.project.name.padEnd(8)} ${relative(process.cwd(), m.moduleId)}`, ms: d.setupDuration + d.collectDuration + d.duration };
      })
      .sort((a, b) => b.ms - a.ms)
      .slice(0, SHOWN);
    if (rows.length === 0) return;
    const lines = rows.map((r) => `  ${(r.ms / 1000).toFixed(1).padStart(6)} s  ${r.name}`);
    process.stdout.write(`\n Slowest test files:\n${lines.join('\n')}\n`);
  }
}
