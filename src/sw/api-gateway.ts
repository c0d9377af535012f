/// <reference lib="webworker" />
/**
 * The service worker's side of the Lambda REST API at `<app>/api/*`: it turns the fetch into a
 * WireRequest, hands it to an open Lambdalite tab (whose control-plane worker answers it, see
 * src/client/api-relay.ts) and answers that tab's WireResponse. There is no server: with no
 * app tab open the answer is a 503 saying to open the app.
 */
import type { WireRequest, WireResponse } from '../wire/http';
import {
  ACCEPT_TIMEOUT_MS,
  RELAY_PROTOCOL_VERSION,
  type RelayOffer,
  type SwToTab,
  type TabToSw,
} from './relay-protocol';

/** The response headers the AWS SDK reads, which a cross-origin caller could not see otherwise. */
const EXPOSED_HEADERS = [
  'x-amzn-RequestId',
  'X-Amz-Function-Error',
  'X-Amz-Log-Result',
  'X-Amz-Executed-Version',
  'x-amzn-ErrorType',
  'Retry-After',
].join(', ');

/**
 * Only same-origin pages in the service worker's scope are its clients, so these matter only
 * for pages the browser treats as cross-origin while still controlled (sandboxed iframes of
 * the app, `null` origins). They cost nothing and let such a page read Lambda's headers.
 */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS',
  'Access-Control-Expose-Headers': EXPOSED_HEADERS,
  'Access-Control-Max-Age': '86400',
};

/** The waits of the relay; tests shorten them. */
export interface GatewayTimings {
  /** How long to wait for some tab to accept a request (then 503). */
  acceptMs: number;
  /** How often to check that the tab working on a request is still open. */
  tabAlivePollMs: number;
  /**
   * When to give up on the tab's answer. Chromium and Firefox end a fetch event whose answer is
   * not ready after 5 minutes (measured here: `Failed to fetch` at 309 s for a 330 s Invoke),
   * and the SDK would then retry the request; answering first says why, and is not retried.
   */
  answerLimitMs: number;
}

/** The status of the answer past the browser's limit (non-standard, as proxies use it for a timeout). */
export const ANSWER_LIMIT_STATUS = 599;

export const DEFAULT_TIMINGS: GatewayTimings = { acceptMs: ACCEPT_TIMEOUT_MS, tabAlivePollMs: 2_000, answerLimitMs: 290_000 };

/** The part of the service worker's global scope the gateway uses (a fake in unit tests). */
export interface GatewayScope {
  registration: { scope: string };
  clients: {
    matchAll(options: ClientQueryOptions): Promise<readonly { id: string; url: string; postMessage(message: unknown, transfer: Transferable[]): void }[]>;
    get(id: string): Promise<unknown>;
  };
}

/**
 * The path below `<scope>api` with its query string (`/2015-03-31/functions?MaxItems=5`), or
 * undefined when the URL is not part of the API. The scope is the app's folder, so the API
 * works wherever the app is hosted (`https://host/sub/api/...` under `https://host/sub/`).
 */
export function apiPathOf(url: URL, scope: string): string | undefined {
  const root = new URL('api', scope);
  if (url.origin !== root.origin) return undefined;
  if (url.pathname !== root.pathname && !url.pathname.startsWith(`${root.pathname}/`)) return undefined;
  const below = url.pathname.slice(root.pathname.length);
  return `${below === '' ? '/' : below}${url.search}`;
}

/** Lambda's error shape (x-amzn-ErrorType + `{ Type, message }`), which the SDK turns into a typed exception. */
export function lambdaErrorResponse(status: number, errorType: string, type: string, message: string): Response {
  return new Response(JSON.stringify({ Type: type, message }), {
    status,
    headers: {
      ...CORS_HEADERS,
      'Content-Type': 'application/json',
      'x-amzn-ErrorType': errorType,
      'x-amzn-RequestId': crypto.randomUUID(),
    },
  });
}

/** Lambda's REST-JSON request as plain data: lower-case header names, the body's bytes. */
export async function toWireRequest(request: Request, path: string): Promise<WireRequest> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  const method = request.method.toUpperCase();
  const body = method === 'GET' || method === 'HEAD' ? new Uint8Array(0) : new Uint8Array(await request.arrayBuffer());
  return { method, path, headers, body };
}

/** The tab's answer as a fetch Response, with the CORS headers added. */
export function fromWireResponse(wire: WireResponse): Response {
  const headers = new Headers(wire.headers);
  for (const [name, value] of Object.entries(CORS_HEADERS)) headers.set(name, value);
  // These statuses must not carry a body (the Response constructor throws otherwise).
  const bodiless = wire.status === 204 || wire.status === 205 || wire.status === 304;
  // Copy into a plain ArrayBuffer-backed view: the body may arrive as a view on a larger buffer.
  return new Response(bodiless ? null : wire.body.slice(), { status: wire.status, headers });
}

/** A tab that accepted the request, and the port to talk to it on. */
interface AcceptedTab {
  clientId: string;
  port: MessagePort;
}

/**
 * Offers the request to every window client of the app and keeps the first one that accepts
 * within `timings.acceptMs`. Pages in scope that are not the app (a JSON file, another page)
 * never accept, so they cannot hang the request; the offers to the other tabs are withdrawn.
 */
async function findAppTab(sw: GatewayScope, timings: GatewayTimings): Promise<AcceptedTab | undefined> {
  const scope = sw.registration.scope;
  const clients = (await sw.clients.matchAll({ type: 'window', includeUncontrolled: true })).filter((client) =>
    client.url.startsWith(scope),
  );
  if (clients.length === 0) return undefined;
  const ports: MessagePort[] = [];
  const winner = await new Promise<AcceptedTab | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), timings.acceptMs);
    for (const client of clients) {
      const channel = new MessageChannel();
      ports.push(channel.port1);
      channel.port1.onmessage = (event: MessageEvent<TabToSw>) => {
        if (event.data.kind !== 'accept') return;
        clearTimeout(timer);
        resolve({ clientId: client.id, port: channel.port1 });
      };
      const offer: RelayOffer = { kind: 'lambdalite-api-offer', version: RELAY_PROTOCOL_VERSION };
      client.postMessage(offer, [channel.port2]);
    }
  });
  for (const port of ports) {
    if (port === winner?.port) continue;
    const withdrawn: SwToTab = { kind: 'withdrawn' };
    port.postMessage(withdrawn);
    port.close();
  }
  return winner;
}

/**
 * Sends the request to the tab that accepted it and waits for its answer while the tab works
 * on it. If the tab is closed or reloaded meanwhile, the answer is a 503. The one deadline is
 * the browser's: past `answerLimitMs` (just under the 5 minutes a service worker may take to
 * answer) the caller gets an error saying so, while the invocation runs on in the tab.
 */
function exchange(sw: GatewayScope, tab: AcceptedTab, request: WireRequest, timings: GatewayTimings): Promise<Response> {
  return new Promise<Response>((resolve) => {
    const limit = setTimeout(() => {
      finish(
        lambdaErrorResponse(
          // A 5xx the AWS SDK does not retry (it retries 500 and 502–504, and a network error):
          // a retry would start the long invocation again.
          ANSWER_LIMIT_STATUS,
          'ServiceException',
          'Service',
          `The browser ends a service worker's answer after 5 minutes, so no answer through ${sw.registration.scope}api can take longer; ` +
            'the request is still being handled in the Lambdalite tab, and an invocation writes its result to its log group. ' +
            'Use InvocationType Event for longer invocations.',
        ),
      );
    }, timings.answerLimitMs);
    const poll = setInterval(() => {
      void sw.clients.get(tab.clientId).then((client) => {
        if (client) return;
        finish(
          lambdaErrorResponse(
            503,
            'ServiceException',
            'Service',
            'The Lambdalite tab serving this request was closed before it answered; open the app and retry.',
          ),
        );
      });
    }, timings.tabAlivePollMs);
    let finished = false;
    const finish = (response: Response): void => {
      if (finished) return;
      finished = true;
      clearTimeout(limit);
      clearInterval(poll);
      tab.port.onmessage = null;
      tab.port.close();
      resolve(response);
    };
    tab.port.onmessage = (event: MessageEvent<TabToSw>) => {
      const answer = event.data;
      if (answer.kind === 'response') finish(fromWireResponse(answer.response));
      else if (answer.kind === 'failed') finish(lambdaErrorResponse(500, 'ServiceException', 'Service', answer.message));
    };
    const message: SwToTab = { kind: 'request', request };
    tab.port.postMessage(message, [request.body.buffer]);
  });
}

/** Answers one fetch of `<app>/api/*` (`path` is the part below `/api`, with the query string). */
export async function answerApiRequest(
  sw: GatewayScope,
  request: Request,
  path: string,
  timings: GatewayTimings = DEFAULT_TIMINGS,
): Promise<Response> {
  // A preflight: same-origin callers never send one, but a page the browser treats as
  // cross-origin would, and it must succeed for the real request to follow.
  if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: CORS_HEADERS });
  const wire = await toWireRequest(request, path);
  const tab = await findAppTab(sw, timings);
  if (!tab) {
    return lambdaErrorResponse(
      503,
      'ServiceException',
      'Service',
      `Lambdalite is not open: open ${sw.registration.scope} in a browser tab; the API is served by the open app.`,
    );
  }
  return exchange(sw, tab, wire, timings);
}
