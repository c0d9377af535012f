/**
 * A real `LambdaClient` from @aws-sdk/client-lambda whose HTTP layer is the wire module instead
 * of the network: the SDK builds, signs and serializes each request exactly as it would for AWS,
 * a custom request handler turns it into a WireRequest, and the WireResponse goes back to the
 * SDK's deserializers. Every SDK compatibility test goes through here.
 */
import { LambdaClient, LambdaServiceException, type LambdaClientConfig } from '@aws-sdk/client-lambda';
// HttpResponse lives in @smithy/core (the SDK's own dependency); @smithy/protocol-http is not installed.
import { HttpResponse } from '@smithy/core/transport';
import type { HttpRequest } from '@smithy/types';
import { handleLambdaHttpRequest } from '../../src/wire/handle';
import type { WireRequest, WireResponse } from '../../src/wire/http';
import type { ControlPlaneApi } from '../../src/workers/protocol';

/** Where the app serves the API; the SDK's paths start with its path, which the wire does not see. */
export const SDK_ENDPOINT = 'http://lambdalite.test/api';
const API_PREFIX = new URL(SDK_ENDPOINT).pathname;

/** An exchange the client made, for tests that look at the wire itself. */
export interface RecordedExchange {
  request: WireRequest;
  response: WireResponse;
}

async function bodyBytes(body: unknown): Promise<Uint8Array> {
  if (body === undefined || body === null) return new Uint8Array();
  if (typeof body === 'string') return new TextEncoder().encode(body);
  if (body instanceof Uint8Array) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (typeof body === 'object' && Symbol.asyncIterator in body) {
    const chunks: Uint8Array[] = [];
    for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
      chunks.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk);
    }
    return Uint8Array.from(chunks.flatMap((chunk) => [...chunk]));
  }
  throw new TypeError(`The SDK sent a body this handler cannot read: ${Object.prototype.toString.call(body)}`);
}

function queryString(query: HttpRequest['query']): string {
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === null) pairs.push(encodeURIComponent(key));
    else for (const item of Array.isArray(value) ? value : [value]) pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(item)}`);
  }
  return pairs.length === 0 ? '' : `?${pairs.join('&')}`;
}

/** The SDK's HttpRequest as the wire module's request (path below the API's root, lower-case headers). */
export async function toWireRequest(request: HttpRequest): Promise<WireRequest> {
  const path = request.path.startsWith(API_PREFIX) ? request.path.slice(API_PREFIX.length) : request.path;
  const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value]));
  return { method: request.method, path: `${path}${queryString(request.query)}`, headers, body: await bodyBytes(request.body) };
}

/**
 * A LambdaClient answering through `handle` (default: the wire module over `api`). Region
 * us-east-1, static credentials, one attempt (a retried request would hide the first answer).
 */
export function lambdaSdkClient(
  target: Pick<ControlPlaneApi, 'execute'> | ((request: WireRequest) => Promise<WireResponse>),
  options: { record?: RecordedExchange[]; config?: Partial<LambdaClientConfig> } = {},
): LambdaClient {
  const handle = typeof target === 'function' ? target : (request: WireRequest) => handleLambdaHttpRequest(request, target);
  return new LambdaClient({
    region: 'us-east-1',
    endpoint: SDK_ENDPOINT,
    credentials: { accessKeyId: 'AKIDLAMBDALITE', secretAccessKey: 'lambdalite-secret' },
    maxAttempts: 1,
    requestHandler: {
      handle: async (request: HttpRequest) => {
        const wireRequest = await toWireRequest(request);
        const response = await handle(wireRequest);
        options.record?.push({ request: wireRequest, response });
        // Node's and the browser's HTTP layers hand the SDK lower-case header names.
        const headers = Object.fromEntries(Object.entries(response.headers).map(([name, value]) => [name.toLowerCase(), value]));
        return { response: new HttpResponse({ statusCode: response.status, headers, body: response.body }) };
      },
    },
    ...options.config,
  });
}

/** The Lambda error a command rejects with (the test fails if it resolves or fails otherwise). */
export async function rejection(promise: Promise<unknown>): Promise<LambdaServiceException> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof LambdaServiceException)) throw new Error(`expected a Lambda error, got ${String(outcome)}`);
  return outcome;
}
