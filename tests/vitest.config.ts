// The project's own tests (npm test): runner, check kit, every solution passes, every starter fails;
// then the tests that touch the database again on PostgreSQL (the embedded server, or WORKBOOK_DB's
// DATABASE_URL when CI gives one).
import { defineConfig } from 'vitest/config';

/** The suites that run checks on a real database: they run on SQLite, then on PostgreSQL. */
const onBothDatabases = [
  'tests/course.test.ts',
  'tests/lesson-mistakes.test.ts',
  'tests/lesson-variants.test.ts',
  'tests/classroom.test.ts',
  'tests/cli.test.ts',
  'tests/watch-mode.test.ts',
  'tests/engine-reuse.test.ts',
  'tests/engine-faults.test.ts',
  'tests/book-diagram.test.ts',
  'tests/lesson-claims.test.ts',
];

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    exclude: ['tests/fixtures/**', 'node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // On PostgreSQL, each test file's process starts the server (or checks DATABASE_URL's) before its tests.
    setupFiles: [new URL('./setup-database.ts', import.meta.url).pathname],
    // The course and CLI suites start their own child processes; running files one at a time keeps
    // a 2-core machine from timing them out.
    fileParallelism: false,
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['tests/**/*.test.ts'], exclude: ['tests/fixtures/**', 'node_modules/**', 'tests/postgres/**'], env: { WORKBOOK_DB: 'sqlite' } } },
      { extends: true, test: { name: 'postgres', include: [...onBothDatabases, 'tests/postgres/**/*.test.ts'], env: { WORKBOOK_DB: 'postgres' } } },
    ],
  },
});
