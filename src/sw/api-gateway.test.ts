/**
 * The /api relay end to end in Node: the service worker's gateway (api-gateway.ts) against
 * the real tab side (src/client/api-relay.ts), joined by real MessageChannels; only the
 * browser's client list is faked. The e2e suite runs the same code in Chromium.
 */
import { describe, expect, it } from 'vitest';
import { startApiRelay, type HttpHandler } from '../client/api-relay';
import type { WireRequest } from '../wire/http';
import { ANSWER_LIMIT_STATUS, answerApiRequest, apiPathOf, type GatewayScope, type GatewayTimings } from './api-gateway';

const SCOPE = 'https://example.test/sub/';
const FAST: GatewayTimings = { acceptMs: 100, tabAlivePollMs: 20, answerLimitMs: 5_000 };

/** What a window client looks like to the gateway. */
interface FakeClient {
  id: string;
  url: string;
  postMessage(message: unknown, transfer: Transferable[]): void;
}

/** A tab running the app: its ServiceWorkerContainer receives the gateway's messages. */
function appTab(id: string, handle: HttpHandler): FakeClient {
  const container = Object.assign(new EventTarget(), { controller: null, startMessages: () => undefined });
  startApiRelay(handle, container as unknown as ServiceWorkerContainer);
  return {
    id,
    url: `${SCOPE}#/functions`,
    postMessage: (message, transfer) => {
      container.dispatchEvent(new MessageEvent('message', { data: message, ports: transfer as MessagePort[] }));
    },
  };
}

/** A page in scope that is not the app (a JSON file): it never answers. */
function otherPage(id: string): FakeClient {
  return { id, url: `${SCOPE}pyodide/pyodide-lock.json`, postMessage: () => undefined };
}

function scope(clients: FakeClient[], alive: (id: string) => boolean = () => true): GatewayScope {
  return {
    registration: { scope: SCOPE },
    clients: {
      matchAll: async () => clients,
      get: async (id) => (alive(id) ? clients.find((c) => c.id === id) : undefined),
    },
  };
}

const echo: HttpHandler = async (request) => ({
  status: 200,
  headers: { 'Content-Type': 'application/json', 'x-amzn-RequestId': 'req-1' },
  body: new TextEncoder().encode(
    JSON.stringify({ method: request.method, path: request.path, headers: request.headers, body: new TextDecoder().decode(request.body) }),
  ),
});

function post(path: string, body: string, headers: Record<string, string> = {}): Request {
  return new Request(`${SCOPE}api${path}`, { method: 'POST', body, headers });
}

describe('apiPathOf', () => {
  it('is the path below <scope>api with the query string, and undefined outside it', () => {
    expect(apiPathOf(new URL(`${SCOPE}api/2015-03-31/functions?MaxItems=5`), SCOPE)).toBe('/2015-03-31/functions?MaxItems=5');
    expect(apiPathOf(new URL(`${SCOPE}api`), SCOPE)).toBe('/');
    expect(apiPathOf(new URL(`${SCOPE}apis/x`), SCOPE)).toBeUndefined();
    expect(apiPathOf(new URL('https://example.test/api/2015-03-31/functions'), SCOPE)).toBeUndefined();
    expect(apiPathOf(new URL(`${SCOPE}index.html`), SCOPE)).toBeUndefined();
  });
});

describe('answerApiRequest', () => {
  it('relays method, path, lower-case headers and body to the app tab, and answers its response with CORS headers', async () => {
    const response = await answerApiRequest(
      scope([appTab('a', echo)]),
      post('/2015-03-31/functions/f/invocations?Qualifier=1', '{"x":1}', { 'X-Amz-Invocation-Type': 'RequestResponse' }),
      '/2015-03-31/functions/f/invocations?Qualifier=1',
      FAST,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('x-amzn-requestid')).toBe('req-1');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toContain('X-Amz-Function-Error');
    const seen = (await response.json()) as { method: string; path: string; headers: Record<string, string>; body: string };
    expect(seen).toMatchObject({ method: 'POST', path: '/2015-03-31/functions/f/invocations?Qualifier=1', body: '{"x":1}' });
    expect(seen.headers['x-amz-invocation-type']).toBe('RequestResponse');
  });

  it('a 204 answer has no body', async () => {
    const noContent: HttpHandler = async () => ({ status: 204, headers: {}, body: new Uint8Array(0) });
    const response = await answerApiRequest(scope([appTab('a', noContent)]), new Request(`${SCOPE}api/x`, { method: 'DELETE' }), '/x', FAST);
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });

  it('only one of two app tabs handles a request', async () => {
    let handled = 0;
    const counting: HttpHandler = async (request) => {
      handled += 1;
      return echo(request);
    };
    const response = await answerApiRequest(scope([appTab('a', counting), appTab('b', counting)]), post('/x', '{}'), '/x', FAST);
    expect(response.status).toBe(200);
    expect(handled).toBe(1);
  });

  it('a page in scope that is not the app does not hold the request up: the app tab answers', async () => {
    const response = await answerApiRequest(scope([otherPage('json'), appTab('a', echo)]), post('/x', '{}'), '/x', FAST);
    expect(response.status).toBe(200);
  });

  it.each([
    ['no window at all', [] as FakeClient[]],
    ['only pages that are not the app', [otherPage('json')]],
  ])('with %s: 503 ServiceException saying to open the app, after the accept wait', async (_name, clients) => {
    const started = Date.now();
    const response = await answerApiRequest(scope(clients), post('/x', '{}'), '/x', FAST);
    expect(response.status).toBe(503);
    expect(response.headers.get('x-amzn-errortype')).toBe('ServiceException');
    expect(await response.json()).toEqual({
      Type: 'Service',
      message: `Lambdalite is not open: open ${SCOPE} in a browser tab; the API is served by the open app.`,
    });
    if (clients.length > 0) expect(Date.now() - started).toBeGreaterThanOrEqual(FAST.acceptMs - 5);
  });

  it('the tab closing while it works on a request: 503, not a hang', async () => {
    let open = true;
    const never: HttpHandler = () => new Promise(() => undefined);
    const pending = answerApiRequest(scope([appTab('a', never)], () => open), post('/x', '{}'), '/x', FAST);
    setTimeout(() => (open = false), 50);
    const response = await pending;
    expect(response.status).toBe(503);
    expect(((await response.json()) as { message: string }).message).toContain('was closed before it answered');
  });

  it('an answer slower than the browser allows a service worker: a ServiceException saying why, before the browser cuts it', async () => {
    const slow: HttpHandler = (request) => new Promise((resolve) => setTimeout(() => resolve(echo(request)), 300));
    const response = await answerApiRequest(scope([appTab('a', slow)]), post('/x', '{}'), '/x', { ...FAST, answerLimitMs: 100 });
    // Not 500 or 502–504, which the SDK would retry, starting the long invocation again.
    expect(response.status).toBe(ANSWER_LIMIT_STATUS);
    expect([500, 502, 503, 504]).not.toContain(response.status);
    expect(response.headers.get('x-amzn-errortype')).toBe('ServiceException');
    expect(((await response.json()) as { message: string }).message).toContain('after 5 minutes');
  });

  it('a handler that throws: 500 ServiceException with its message', async () => {
    const broken: HttpHandler = async () => {
      throw new Error('control plane down');
    };
    const response = await answerApiRequest(scope([appTab('a', broken)]), post('/x', '{}'), '/x', FAST);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ Type: 'Service', message: 'control plane down' });
  });

  it('answers a CORS preflight itself', async () => {
    const response = await answerApiRequest(scope([]), new Request(`${SCOPE}api/x`, { method: 'OPTIONS' }), '/x', FAST);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('GET requests carry an empty body', async () => {
    let seen: WireRequest | undefined;
    const record: HttpHandler = async (request) => {
      seen = request;
      return echo(request);
    };
    await answerApiRequest(scope([appTab('a', record)]), new Request(`${SCOPE}api/2015-03-31/functions`), '/2015-03-31/functions', FAST);
    expect(seen?.method).toBe('GET');
    expect(seen?.body.byteLength).toBe(0);
  });
});
