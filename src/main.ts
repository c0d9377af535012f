/// <reference types="vite-plugin-pwa/vanillajs" />
/** Lambdalite's page: the console UI on the control-plane worker's client. */
import { transfer } from 'comlink';
import { mount } from 'svelte';
import { registerSW } from 'virtual:pwa-register';
import { startApiBridge } from './client/api-bridge';
import { startApiRelay, type HttpHandler } from './client/api-relay';
import { controlPlaneWorker, lambdaliteClient } from './client/lambda-client';
import App from './ui/App.svelte';
import UpdatePrompt from './ui/UpdatePrompt.svelte';

const target = document.getElementById('app');
if (!target) throw new TypeError('Lambdalite: #app element missing from index.html');

const client = lambdaliteClient();

// This tab answers the Lambda REST API at <app>/api: requests of pages, relayed by the service
// worker (listening starts before the worker is registered, so the first request after install
// finds this tab), and under `npm run dev`/`preview` those of the AWS CLI, through the server.
const handleHttp: HttpHandler = (request) => controlPlaneWorker().handleHttpRequest(transfer(request, [request.body.buffer]));
startApiRelay(handleHttp);
startApiBridge(handleHttp, new URL('./', document.baseURI).href);

export default mount(App, { target, props: { client } });

/** How often an open tab asks whether a new version was deployed (the browser also checks on each load). */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

// The service worker (offline cache and /api). A new version waits for "Reload to update".
mount(UpdatePrompt, {
  target: document.body.appendChild(document.createElement('div')),
  props: {
    register: ({ onNeedRefresh, onNeedReload }: { onNeedRefresh: () => void; onNeedReload: () => void }) =>
      registerSW({
        immediate: true,
        onNeedRefresh,
        onNeedReload,
        onRegisteredSW: (_url, registration) => {
          if (!registration) return;
          setInterval(() => {
            if (navigator.onLine) registration.update().catch(() => undefined);
          }, UPDATE_CHECK_MS);
        },
      }),
  },
});
