/**
 * The dev/preview server's bridge in Node: the real middleware on a real HTTP server and the
 * real tab side (src/client/api-bridge.ts) polling it with fetch, as the AWS CLI's requests
 * would travel; only the control plane is a stand-in.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startApiBridge } from '../client/api-bridge';
import type { HttpHandler } from '../client/api-relay';
import type { WireRequest } from '../wire/http';
import { apiBridgeMiddleware } from './dev-api-bridge';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

/** A dev server with the bridge, and (unless `tab` is false) an open tab answering with `handle`. */
async function devServer(handle: HttpHandler, tab = true): Promise<string> {
  const middleware = apiBridgeMiddleware();
  const base = await listen((request, response) => middleware(request, response, () => response.writeHead(404).end('not found')));
  if (tab) cleanups.push(startApiBridge(handle, base));
  return base;
}

const echo: HttpHandler = async (request) => ({
  status: 201,
  headers: { 'Content-Type': 'application/json', 'x-amzn-RequestId': 'req-9', 'X-Amz-Function-Error': 'Unhandled' },
  body: new TextEncoder().encode(JSON.stringify({ method: request.method, path: request.path, body: new TextDecoder().decode(request.body), sdk: request.headers['x-amz-user-agent'] })),
});

describe('the dev server bridge', () => {
  it('hands a request to the polling tab and returns its answer: status, Lambda headers, body', async () => {
    const base = await devServer(echo);
    const response = await fetch(`${base}api/2015-03-31/functions/f/invocations?Qualifier=2`, {
      method: 'POST',
      body: '{"a":1}',
      headers: { 'X-Amz-User-Agent': 'aws-cli/2' },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-amz-function-error')).toBe('Unhandled');
    expect(response.headers.get('x-amzn-requestid')).toBe('req-9');
    expect(await response.json()).toEqual({ method: 'POST', path: '/2015-03-31/functions/f/invocations?Qualifier=2', body: '{"a":1}', sdk: 'aws-cli/2' });
  });

  it('answers requests that arrive together (the tab polls again while it works)', async () => {
    let seen: WireRequest[] = [];
    const slow: HttpHandler = async (request) => {
      seen = [...seen, request];
      await new Promise((resolve) => setTimeout(resolve, 100));
      return echo(request);
    };
    const base = await devServer(slow);
    const answers = await Promise.all([1, 2, 3].map((n) => fetch(`${base}api/n/${n}`).then((r) => r.json() as Promise<{ path: string }>)));
    expect(answers.map((a) => a.path)).toEqual(['/n/1', '/n/2', '/n/3']);
    expect(seen).toHaveLength(3);
  });

  it('with no tab polling: 503 ServiceException saying to open the app', async () => {
    const base = await devServer(echo, false);
    const response = await fetch(`${base}api/2015-03-31/functions`);
    expect(response.status).toBe(503);
    expect(response.headers.get('x-amzn-errortype')).toBe('ServiceException');
    expect(((await response.json()) as { message: string }).message).toMatch(/^Lambdalite is not open: open http:\/\/127\.0\.0\.1:\d+\/ in a browser tab/);
  });

  it('refuses a request that names another site as its Origin, and takes its own', async () => {
    const base = await devServer(echo);
    const foreign = await fetch(`${base}api/2015-03-31/functions`, { method: 'POST', body: '{}', headers: { Origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    const own = await fetch(`${base}api/2015-03-31/functions`, { method: 'POST', body: '{}', headers: { Origin: new URL(base).origin } });
    expect(own.status).toBe(201);
  });

  it('a tab on a host without the bridge asks once and stops', async () => {
    let asked = 0;
    const base = await listen((_request, response) => {
      asked += 1;
      response.writeHead(404).end('not found');
    });
    cleanups.push(startApiBridge(echo, base));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(asked).toBe(1);
  });

  it('leaves everything else to the next middleware', async () => {
    const base = await devServer(echo);
    expect((await fetch(`${base}index.html`)).status).toBe(404);
  });
});
