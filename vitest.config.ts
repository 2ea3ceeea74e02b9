// For learners and editors: `npx vitest` (and the VS Code Vitest extension) runs the lessons' checks
// against lessons/. Set WORKBOOK_FROM=<dir> to run them against another copy (e.g. solutions).
import { defineConfig } from 'vitest/config';
import { watchEditables } from './runner/kit/watch-editables.ts';

export default defineConfig({
  plugins: [watchEditables()],
  test: {
    // On PostgreSQL (WORKBOOK_DB=postgres) the server starts once here, before the workers.
    globalSetup: ['./runner/kit/db/vitest-global-setup.ts'],
    include: ['lessons/*/checks.test.ts'],
    pool: 'threads',
    isolate: false,
    fileParallelism: false,
  },
});
