// The project's own tests (npm test): runner, check kit, every solution passes, every starter fails;
// then the tests that touch the database again on PostgreSQL (the embedded server, or WORKBOOK_DB's
// DATABASE_URL when CI gives one).
import { availableParallelism } from 'node:os';
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
  'tests/doctor.test.ts',
  'tests/book-project.test.ts',
];

/**
 * Files run side by side, so a busy machine must not turn an honest run (lesson 12 type-checks with
 * TypeScript's compiler) into a time-out; engine children and CLI runs inherit these. The tests of the
 * time limits themselves (engine-faults, grading's --timeout) set their own.
 */
const roomyLimits = { WORKBOOK_RUN_TIMEOUT_MS: '120000', WORKBOOK_CHECK_TIMEOUT_MS: '30000' };

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    exclude: ['tests/fixtures/**', 'node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // On PostgreSQL, each test file's process finds the run's server in its environment (or, run on
    // its own, starts one) before its tests.
    setupFiles: [new URL('./setup-database.ts', import.meta.url).pathname],
    // Files side by side, one per core: no two share a database (each engine child has its own
    // in-memory SQLite or scratch PostgreSQL database), a port (servers take a free one) or a folder
    // (copies are made with mkdtemp). Much of a file's time is waiting on its child processes.
    fileParallelism: true,
    reporters: ['default', new URL('./slowest-files.ts', import.meta.url).pathname],
    maxWorkers: Number(process.env.WORKBOOK_TEST_WORKERS) || Math.max(2, Math.floor(availableParallelism() / 2)),
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['tests/**/*.test.ts'], exclude: ['tests/fixtures/**', 'node_modules/**', 'tests/postgres/**'], env: { ...roomyLimits, WORKBOOK_DB: 'sqlite' } } },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: [...onBothDatabases, 'tests/postgres/**/*.test.ts'],
          env: { ...roomyLimits, WORKBOOK_DB: 'postgres' },
          globalSetup: [new URL('./global-database.ts', import.meta.url).pathname],
        },
      },
    ],
  },
});
