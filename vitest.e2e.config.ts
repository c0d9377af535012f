import { defineConfig } from 'vitest/config';

/**
 * Real-browser end-to-end tests: headless Chromium (Debian's, through playwright-core)
 * driving the production build served by `vite preview`. Run by `npm run test:e2e`,
 * which builds first.
 */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    // Files run one after another: two cores, and timeouts are measured in the browser.
    fileParallelism: false,
    pool: 'forks',
    // Python's first test loads Pyodide (~5–6 s): allowed for in timeouts, never asserted.
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
