import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Eval-sized suites load the knowledge base once per file; keep workers small on a 2-core box.
    pool: 'forks',
    testTimeout: 20_000,
  },
});
