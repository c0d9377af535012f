/**
 * Bundles tests/e2e/sdk-entry.ts (the real @aws-sdk/client-lambda) into one browser script
 * with Vite's build API in library/IIFE mode, into a temporary folder: test support only,
 * never shipped in dist/. The page gets it with `page.addScriptTag({ path })`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** The global the bundle defines in the page. */
export type TestSdk = typeof import('./sdk-entry');
export const SDK_GLOBAL = 'LambdaliteTestSdk';

const here = dirname(fileURLToPath(import.meta.url));

/** Builds the bundle and answers the path of the script file. */
export async function buildSdkBundle(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'lambdalite-sdk-'));
  await build({
    configFile: false,
    root: here,
    // The app's public/ folder (Pyodide, icons) has no place in the bundle's folder.
    publicDir: false,
    logLevel: 'warn',
    // The SDK's browser build reads `process.env` in a few places guarded by typeof checks;
    // defining NODE_ENV keeps the bundle free of Node-only branches.
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      target: 'es2022',
      lib: { entry: join(here, 'sdk-entry.ts'), name: SDK_GLOBAL, formats: ['iife'], fileName: () => 'sdk.js' },
    },
  });
  return join(outDir, 'sdk.js');
}
