import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    // Pyodide takes ~5 s to load; suites load it once per file.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
