import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      // Node resolves chrono-node's "./*" subpath export (src/answers/date-input.ts imports only
      // the English locale, to start faster); Vite's resolver does not, so tests name the file.
      'chrono-node/en': fileURLToPath(new URL('./node_modules/chrono-node/dist/esm/locales/en/index.js', import.meta.url)),
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Eval-sized suites load the knowledge base once per file; keep workers small on a 2-core box.
    pool: 'forks',
    testTimeout: 20_000,
  },
});
