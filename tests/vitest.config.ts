// The project's own tests (npm test): runner, check kit, every solution passes, every starter fails.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/fixtures/**', 'node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // The course and CLI suites start their own child processes; running files one at a time keeps
    // a 2-core machine from timing them out.
    fileParallelism: false,
  },
});
