import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { devApiBridge } from './src/sw/dev-api-bridge';
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

/**
 * One service worker for the whole app (src/service-worker.ts): the offline cache and the
 * Lambda API at `<app>/api`. Everything the app can load is precached, the engines included
 * (pyodide.asm.wasm alone is ~9.6 MB, past workbox's 2 MiB default), so after one visit
 * Node.js and Python functions run with the network off.
 */
function serviceWorker(): Plugin[] {
  return VitePWA({
    strategies: 'injectManifest',
    srcDir: 'src',
    filename: 'service-worker.ts',
    // A new version waits for the page's "Reload to update" (src/ui/UpdatePrompt.svelte).
    registerType: 'prompt',
    // main.ts registers through virtual:pwa-register.
    injectRegister: false,
    injectManifest: {
      // The manifest and its icons are added by the plugin itself.
      globPatterns: ['**/*.{html,js,mjs,css,wasm,zip,json}'],
      maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
    },
    manifest: {
      name: 'Lambdalite',
      short_name: 'Lambdalite',
      description: 'AWS Lambda emulated in a browser tab: create, edit and test Node.js and Python functions, offline.',
      theme_color: '#232f3e',
      background_color: '#f2f3f3',
      display: 'standalone',
      start_url: './',
      scope: './',
      icons: [
        { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
    // `npm run dev` registers the worker too, so /api works there; nothing is precached in dev.
    devOptions: { enabled: true, type: 'module', navigateFallback: 'index.html' },
  });
}

export default defineConfig(({ mode }) => ({
  base: './',
  // devApiBridge: /api on the dev and preview servers for the AWS CLI (a service worker sees only pages).
  plugins: [svelte(), engineAssets(), serviceWorker(), devApiBridge()],
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
