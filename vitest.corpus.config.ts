import { defineConfig } from 'vitest/config';

// The optional corpus suite: real third-party inputs from ../shared/corpus (skipped when absent).
export default defineConfig({
  test: {
    include: ['test/corpus/**/*.test.ts'],
    testTimeout: 300_000,
    pool: 'forks',
  },
});
