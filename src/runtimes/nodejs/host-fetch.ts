/**
 * The host half of the guest's `fetch`: QuickJS cannot reach the network, so a request the
 * handler makes is performed here, with the sandbox worker's own `fetch`, and its answer
 * (status, headers, the whole body) handed back to the guest's promise.
 *
 * Sealed: with the function's "Allow network access" off (the default) there is no network
 * here at all and every request is refused; with it on, requests still never carry the
 * page's credentials, and never reach Lambdalite's own origin (its /api would let a handler
 * read other functions). The browser's CORS rules apply on top, as they do to any page.
 */
import type { QuickJSContext, QuickJSDeferredPromise, QuickJSHandle } from 'quickjs-emscripten-core';

/** A network the guest may use: the worker's fetch, and the origin it must never reach. */
export interface NetworkAccess {
  fetch: typeof globalThis.fetch;
  /** Lambdalite's own origin (the worker's `location.origin`), refused. */
  ownOrigin?: string;
}

/** What the guest sends (guest/web.ts, fetch). */
interface GuestRequest {
  url: string;
  method: string;
  headers: [string, string][];
}

/** Why a request failed, as the guest turns it into an error. */
export interface FetchFailure {
  /** `off`: network access is off; `refused`: a URL the sandbox never fetches; `failed`: the network failed. */
  kind: 'off' | 'refused' | 'failed';
  message: string;
}

export const NETWORK_OFF_MESSAGE =
  'fetch is not available: network access is off for this function. Turn on "Allow network access" in its configuration to let it make requests.';

export class HostFetch {
  network: NetworkAccess | undefined;
  private readonly open = new Set<QuickJSDeferredPromise>();
  private wake: (() => void) | undefined;

  /** A request is in flight: the event loop must stay alive for it. */
  get inFlight(): boolean {
    return this.open.size > 0;
  }

  /** Resolves when a request settles or after `ms`, whichever comes first. */
  settledWithin(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const previous = this.wake;
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        previous?.();
        done();
      };
    });
  }

  /** Starts a request; returns the guest promise, settled later with `{ meta, body }` or a failure's JSON. */
  start(context: QuickJSContext, requestJson: string, body: Uint8Array | undefined): QuickJSHandle {
    const deferred = context.newPromise();
    const request = JSON.parse(requestJson) as GuestRequest;
    const refusal = this.refusal(request.url);
    if (refusal) {
      rejectWith(context, deferred, refusal);
      return deferred.handle;
    }
    const network = this.network;
    if (!network) throw new Error('unreachable: refusal() checks the network');
    this.open.add(deferred);
    const init: RequestInit = {
      method: request.method,
      headers: request.headers,
      redirect: 'follow',
      credentials: 'omit',
      ...(body !== undefined ? { body: body as Uint8Array<ArrayBuffer> } : {}),
    };
    network
      .fetch(request.url, init)
      .then(async (response) => {
        const bytes = await response.arrayBuffer();
        const meta = JSON.stringify({
          status: response.status,
          statusText: response.statusText,
          url: response.url || request.url,
          redirected: response.redirected,
          headers: [...response.headers],
        });
        this.settle(deferred, () => {
          const answer = context.newObject();
          const metaHandle = context.newString(meta);
          const bodyHandle = context.newArrayBuffer(bytes);
          context.setProp(answer, 'meta', metaHandle);
          context.setProp(answer, 'body', bodyHandle);
          metaHandle.dispose();
          bodyHandle.dispose();
          deferred.resolve(answer);
          answer.dispose();
        });
      })
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        this.settle(deferred, () => rejectWith(context, deferred, { kind: 'failed', message }));
      });
    return deferred.handle;
  }

  /** The environment is going away: its requests' answers are dropped. */
  abandon(): void {
    for (const deferred of this.open) deferred.dispose();
    this.open.clear();
    this.wake?.();
  }

  private settle(deferred: QuickJSDeferredPromise, fn: () => void): void {
    if (!this.open.delete(deferred)) return; // abandoned with its environment
    fn();
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private refusal(url: string): FetchFailure | undefined {
    if (!this.network) return { kind: 'off', message: NETWORK_OFF_MESSAGE };
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return { kind: 'refused', message: `Invalid URL: ${url}` };
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:' && parsed.protocol !== 'data:') {
      return { kind: 'refused', message: 'unknown scheme' };
    }
    if (this.network.ownOrigin !== undefined && parsed.origin === this.network.ownOrigin) {
      return { kind: 'refused', message: "Lambdalite's own origin cannot be fetched from a function" };
    }
    return undefined;
  }
}

function rejectWith(context: QuickJSContext, deferred: QuickJSDeferredPromise, failure: FetchFailure): void {
  const reason = context.newString(JSON.stringify(failure));
  deferred.reject(reason);
  reason.dispose();
}
