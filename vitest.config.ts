import { defineConfig } from 'vitest/config';

// The project's own suite: runs on a fresh clone, reads nothing outside the project.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/corpus/**', 'node_modules/**', 'dist/**'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
