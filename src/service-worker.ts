/// <reference lib="webworker" />
/**
 * Lambdalite's one service worker (built by vite-plugin-pwa's injectManifest into `service-worker.js`):
 * - the offline cache: the app and every runtime file (QuickJS's wasm, Pyodide's interpreter
 *   and standard library) are precached at install, so after one visit the app loads and runs
 *   Node.js and Python functions with the network off;
 * - the Lambda REST API at `<app>/api/*`, relayed to an open Lambdalite tab (src/sw/api-gateway.ts).
 *
 * Updates wait: a new version installs beside the running one and takes over only when a page
 * asks (the "Reload to update" prompt posts SKIP_WAITING), never under a running page.
 */
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';
import { answerApiRequest, apiPathOf } from './sw/api-gateway';
import { isRelayKeepAlive } from './sw/relay-protocol';

declare const self: ServiceWorkerGlobalScope;

// The /api listener comes first and stops the event there, so workbox's router never sees API calls.
self.addEventListener('fetch', (event: FetchEvent) => {
  const path = apiPathOf(new URL(event.request.url), self.registration.scope);
  if (path === undefined) return;
  event.stopImmediatePropagation();
  event.respondWith(answerApiRequest(self, event.request, path));
});

// Precached responses keep the headers they were fetched with, COOP/COEP included, so an
// offline reload is still cross-origin isolated. Query strings (`?embed`, cache busters) are
// ignored when matching, so any URL of the app's files is served from the cache.
// Under `npm run dev` nothing is cached (the worker is there for /api): a cached index.html
// would hide edits to it.
if (import.meta.env.PROD) {
  precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [/.*/], directoryIndex: 'index.html' });
  cleanupOutdatedCaches();
}

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data: unknown = event.data;
  if (typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'SKIP_WAITING') {
    void self.skipWaiting();
  }
  // A tab working on a relayed request sends these: receiving an event is what keeps the
  // browser from stopping an idle service worker (nothing else to do).
  if (isRelayKeepAlive(data)) event.waitUntil(Promise.resolve());
});

// Claiming matters on the very first install: the page that installed the worker becomes its
// client at once, so `<app>/api` works without a reload. On an update the new worker is
// activated only by SKIP_WAITING from the prompt, and the clients follow it anyway.
self.addEventListener('activate', (event: ExtendableEvent) => {
  event.waitUntil(self.clients.claim());
});
