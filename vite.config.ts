import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { cpSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * Pyodide's runtime files are served by the app itself (never a CDN), copied from
 * node_modules into public/ (git-ignored) before every dev start and build. QuickJS's wasm
 * is an ordinary asset import (src/runtimes/browser-sandbox-workers.ts).
 */
function engineAssets(): Plugin {
  const pyodideDir = dirname(require.resolve('pyodide/package.json'));
  const copy = (): void => {
    mkdirSync('public/pyodide', { recursive: true });
    for (const file of ['pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json', 'pyodide.mjs']) {
      cpSync(join(pyodideDir, file), join('public/pyodide', file));
    }
  };
  return { name: 'lambdalite-engine-assets', buildStart: copy, configureServer: copy };
}

/** Cross-origin isolation, so SharedArrayBuffer (Pyodide's interrupt buffer) is available. */
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig(({ mode }) => ({
  base: './',
  plugins: [svelte(), engineAssets()],
  worker: { format: 'es' },
  server: { headers: isolationHeaders, port: 5173, strictPort: true },
  preview: { headers: isolationHeaders, port: 4173, strictPort: true },
  optimizeDeps: { exclude: ['pyodide', 'quickjs-emscripten', '@jitl/quickjs-wasmfile-release-sync'] },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
    // `npm run bench` builds the benchmark page beside the app (never shipped otherwise).
    ...(mode === 'bench' ? { rollupOptions: { input: { main: 'index.html', bench: 'bench/index.html' } } } : {}),
  },
}));
