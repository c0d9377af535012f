/**
 * The console's first download: what a first visit to the Functions page fetches, without the
 * runtimes (QuickJS's and Pyodide's files and the sandbox workers that host them), must stay
 * within 250 KB of compressed JavaScript and CSS. Sizes are the built files gzipped at level 9,
 * as a static host serves them; the files are the ones the real page requested in Chromium
 * (page and its control-plane worker), so a chunk pulled into the start-up path is counted.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';
import { launchChromium } from './fixtures';

const DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../..', process.env['E2E_DIST'] ?? 'dist');
const BUDGET_BYTES = 250_000;
/** Files of the engines: loaded by the sandboxes, and counted apart. */
const RUNTIME_FILE = /\/pyodide\/|\.wasm$|sandbox/;

describe('the first download', () => {
  it('is at most 250 KB of compressed JavaScript and CSS without the runtimes', async () => {
    const baseUrl = inject('baseUrl');
    const browser = await launchChromium();
    try {
      // The service worker's precache is the offline copy, fetched in the background: not part of it.
      const context = await browser.newContext({ serviceWorkers: 'block' });
      const page = await context.newPage();
      const fetched = new Set<string>();
      let lastFetchAt = Date.now();
      context.on('request', (request) => {
        const url = new URL(request.url());
        if (url.origin === new URL(baseUrl).origin && /\.(m?js|css)$/.test(url.pathname)) {
          fetched.add(url.pathname);
          lastFetchAt = Date.now();
        }
      });
      await page.goto(new URL('#/functions', baseUrl).href);
      await page.getByRole('heading', { name: /^Functions/ }).waitFor();
      // The API bridge long-polls, so the network never goes idle: wait until no script or style has been asked for in 2 s.
      await expect.poll(() => Date.now() - lastFetchAt, { timeout: 30_000, interval: 250 }).toBeGreaterThan(2_000);

      const sizes = [...fetched].map((path) => ({ path, gzip: gzipSync(readFileSync(join(DIST, path)), { level: 9 }).byteLength }));
      const app = sizes.filter((file) => !RUNTIME_FILE.test(file.path));
      const runtimes = sizes.filter((file) => RUNTIME_FILE.test(file.path));
      const total = app.reduce((sum, file) => sum + file.gzip, 0);
      const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} KB`;
      console.log(
        `first download: ${kb(total)} gzip in ${app.length} files (${app.map((f) => `${f.path.replace(/^.*\//, '')} ${kb(f.gzip)}`).join(', ')}); ` +
          `runtimes started alongside: ${runtimes.map((f) => `${f.path.replace(/^.*\//, '')} ${kb(f.gzip)}`).join(', ') || 'none'}`,
      );
      // The page's own entry and the control plane's worker are among what was counted.
      expect(app.some((file) => /index-.*\.js$/.test(file.path))).toBe(true);
      expect(app.some((file) => /control-plane/.test(file.path))).toBe(true);
      expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
      await context.close();
    } finally {
      await browser.close();
    }
  });
});
