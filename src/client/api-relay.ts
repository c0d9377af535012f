/**
 * The tab's side of the Lambda REST API at `<app>/api`: the service worker offers each request
 * to the open app tabs (src/sw/api-gateway.ts); this tab accepts, hands the request to its
 * control-plane worker (`handleHttpRequest`) and posts the answer back. Only a tab running
 * this code accepts, which is how the service worker tells the app from other pages in scope.
 */
import type { WireRequest, WireResponse } from '../wire/http';
import {
  KEEPALIVE_INTERVAL_MS,
  RELAY_PROTOCOL_VERSION,
  isRelayOffer,
  type RelayKeepAlive,
  type SwToTab,
  type TabToSw,
} from '../sw/relay-protocol';

/** Answers one API request (the control-plane worker's `handleHttpRequest`). */
export type HttpHandler = (request: WireRequest) => Promise<WireResponse>;

/**
 * Starts answering the service worker's API requests in this tab; returns a function that
 * stops. Without service worker support (an insecure origin, a browser setting) it does nothing.
 */
export function startApiRelay(handle: HttpHandler, container: ServiceWorkerContainer | undefined = navigator.serviceWorker): () => void {
  if (!container) return () => undefined;
  let inFlight = 0;
  let keepAlive: ReturnType<typeof setInterval> | undefined;

  // While a request is being worked on (an Invoke can run for 15 minutes), keep telling the
  // service worker: each message is an event, which keeps the browser from stopping it as idle.
  const working = (delta: 1 | -1): void => {
    inFlight += delta;
    if (inFlight > 0 && keepAlive === undefined) {
      keepAlive = setInterval(() => {
        const message: RelayKeepAlive = { kind: 'lambdalite-api-keepalive' };
        container.controller?.postMessage(message);
      }, KEEPALIVE_INTERVAL_MS);
    } else if (inFlight === 0 && keepAlive !== undefined) {
      clearInterval(keepAlive);
      keepAlive = undefined;
    }
  };

  const serve = async (port: MessagePort, request: WireRequest): Promise<void> => {
    working(1);
    try {
      const response = await handle(request);
      const answer: TabToSw = { kind: 'response', response };
      port.postMessage(answer, [response.body.buffer]);
    } catch (error) {
      const answer: TabToSw = { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
      port.postMessage(answer);
    } finally {
      port.close();
      working(-1);
    }
  };

  const onMessage = (event: MessageEvent<unknown>): void => {
    const port = event.ports[0];
    if (!isRelayOffer(event.data) || !port) return;
    if (event.data.version !== RELAY_PROTOCOL_VERSION) {
      // A service worker of another version: let another tab (or the 503) answer it.
      port.close();
      return;
    }
    port.onmessage = (message: MessageEvent<SwToTab>) => {
      if (message.data.kind === 'request') void serve(port, message.data.request);
      else port.close();
    };
    const accept: TabToSw = { kind: 'accept' };
    port.postMessage(accept);
  };

  container.addEventListener('message', onMessage);
  // Messages from the service worker are held until the page says it is listening.
  container.startMessages();
  return () => {
    container.removeEventListener('message', onMessage);
    if (keepAlive !== undefined) clearInterval(keepAlive);
  };
}
