/**
 * Runs in Node, inside `vite` (dev) and `vite preview`: the Lambda API at `<server>/api` for
 * callers that are not browser pages (the AWS CLI with `--endpoint-url`, the SDK in Node).
 * A service worker only sees requests from its own pages, so these reach the server; it holds
 * each one until an open Lambdalite tab takes it (a long poll, src/client/api-bridge.ts) and
 * returns that tab's answer. Browser pages of the app never get here: their service worker
 * answers /api first. A static host has no such bridge (see the README).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Connect, Plugin } from 'vite';
import {
  BRIDGE_ANSWER_HEADER,
  BRIDGE_JOB_HEADER,
  BRIDGE_MARK_HEADER,
  BRIDGE_PATH,
  BRIDGE_POLL_MS,
  decodeHead,
  encodeHead,
  type BridgeAnswerHead,
  type BridgeJobHead,
} from './bridge-protocol';
import { ACCEPT_TIMEOUT_MS } from './relay-protocol';

/** Past Lambda's longest Timeout (900 s) and some: a tab that took a job and vanished. */
const IN_FLIGHT_LIMIT_MS = 960_000;

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS',
  'Access-Control-Expose-Headers': 'x-amzn-RequestId, X-Amz-Function-Error, X-Amz-Log-Result, X-Amz-Executed-Version, x-amzn-ErrorType, Retry-After',
};

interface Job {
  head: BridgeJobHead;
  body: Buffer;
  caller: ServerResponse;
  timer?: ReturnType<typeof setTimeout>;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function lambdaError(response: ServerResponse, status: number, message: string): void {
  if (response.headersSent || response.writableEnded) return;
  response
    .writeHead(status, {
      ...CORS,
      'Content-Type': 'application/json',
      'x-amzn-ErrorType': 'ServiceException',
      'x-amzn-RequestId': randomUUID(),
    })
    .end(JSON.stringify({ Type: 'Service', message }));
}

/**
 * A page of another site may send "simple" requests here (a form post) and the browser would
 * deliver them; it always names its origin, which the CLI and the SDK in Node never do.
 */
function fromAnotherSite(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return request.headers['sec-fetch-site'] === 'cross-site';
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}

class ApiBridge {
  /** Requests waiting for a tab. */
  #queue: Job[] = [];
  /** Tabs waiting for a request. */
  #polls: ServerResponse[] = [];
  #inFlight = new Map<string, Job>();

  handle(request: IncomingMessage, response: ServerResponse, next: () => void): void {
    const path = new URL(request.url ?? '/', 'http://bridge.invalid').pathname;
    const isApi = path === '/api' || path.startsWith('/api/');
    const isBridge = path.startsWith(`/${BRIDGE_PATH}/`);
    if (!isApi && !isBridge) return next();
    if (fromAnotherSite(request)) {
      response.writeHead(403, { 'Content-Type': 'text/plain' }).end('Lambdalite answers its API only to the app itself and to local tools.');
      return;
    }
    const handled = isApi ? this.#onApi(request, response) : this.#onBridge(path, request, response);
    handled.catch((error: unknown) => lambdaError(response, 500, error instanceof Error ? error.message : String(error)));
  }

  async #onApi(request: IncomingMessage, caller: ServerResponse): Promise<void> {
    if (request.method === 'OPTIONS') {
      caller.writeHead(204, CORS).end();
      return;
    }
    const url = new URL(request.url ?? '/', 'http://bridge.invalid');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    const below = url.pathname.slice('/api'.length);
    const job: Job = {
      head: { id: randomUUID(), method: (request.method ?? 'GET').toUpperCase(), path: `${below === '' ? '/' : below}${url.search}`, headers },
      body: await readBody(request),
      caller,
    };
    caller.on('close', () => this.#drop(job));
    const poll = this.#polls.shift();
    if (poll) {
      this.#dispatch(job, poll);
      return;
    }
    this.#queue.push(job);
    job.timer = setTimeout(() => {
      this.#drop(job);
      lambdaError(
        caller,
        503,
        `Lambdalite is not open: open http://${request.headers.host ?? 'localhost'}/ in a browser tab; the API is served by the open app.`,
      );
    }, ACCEPT_TIMEOUT_MS);
  }

  async #onBridge(path: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (path === `/${BRIDGE_PATH}/next` && request.method === 'GET') {
      const job = this.#queue.shift();
      if (job) {
        this.#dispatch(job, response);
        return;
      }
      this.#polls.push(response);
      const timer = setTimeout(() => {
        this.#polls = this.#polls.filter((p) => p !== response);
        response.writeHead(204, { [BRIDGE_MARK_HEADER]: '1', 'Cache-Control': 'no-store' }).end();
      }, BRIDGE_POLL_MS);
      response.on('close', () => {
        clearTimeout(timer);
        this.#polls = this.#polls.filter((p) => p !== response);
      });
      return;
    }
    if (path === `/${BRIDGE_PATH}/answer` && request.method === 'POST') {
      const value = request.headers[BRIDGE_ANSWER_HEADER];
      const body = await readBody(request);
      const head = typeof value === 'string' ? decodeHead<BridgeAnswerHead>(value) : undefined;
      const job = head ? this.#inFlight.get(head.id) : undefined;
      if (!head || !job) {
        response.writeHead(404, { [BRIDGE_MARK_HEADER]: '1' }).end();
        return;
      }
      this.#drop(job);
      if (!job.caller.writableEnded) job.caller.writeHead(head.status, { ...head.headers, ...CORS }).end(body);
      response.writeHead(204, { [BRIDGE_MARK_HEADER]: '1' }).end();
      return;
    }
    response.writeHead(404, { [BRIDGE_MARK_HEADER]: '1' }).end();
  }

  #dispatch(job: Job, poll: ServerResponse): void {
    clearTimeout(job.timer);
    this.#inFlight.set(job.head.id, job);
    job.timer = setTimeout(() => {
      this.#drop(job);
      lambdaError(job.caller, 504, 'The Lambdalite tab that took this request never answered (was it closed?); retry with the app open.');
    }, IN_FLIGHT_LIMIT_MS);
    poll
      .writeHead(200, {
        [BRIDGE_MARK_HEADER]: '1',
        [BRIDGE_JOB_HEADER]: encodeHead(job.head),
        'Content-Type': 'application/octet-stream',
        'Cache-Control': 'no-store',
      })
      .end(job.body);
  }

  #drop(job: Job): void {
    clearTimeout(job.timer);
    this.#queue = this.#queue.filter((j) => j !== job);
    this.#inFlight.delete(job.head.id);
  }
}

/** One bridge as a connect middleware: `/api/*` and the tab's poll and answer; the rest goes on to `next`. */
export function apiBridgeMiddleware(): (request: IncomingMessage, response: ServerResponse, next: () => void) => void {
  const bridge = new ApiBridge();
  return (request, response, next) => bridge.handle(request, response, next);
}

/** The bridge on both of Vite's servers (`npm run dev`, `npm run preview`). */
export function devApiBridge(): Plugin {
  const middleware = apiBridgeMiddleware();
  const install = (server: { middlewares: Connect.Server }): void => {
    server.middlewares.use(middleware);
  };
  return { name: 'lambdalite-api-bridge', configureServer: install, configurePreviewServer: install };
}
