/**
 * The tab's side of the dev/preview server's bridge (src/sw/dev-api-bridge.ts): the AWS CLI
 * and other callers outside the browser reach the server, not the service worker, so this tab
 * long-polls the server for their requests and answers them with its control plane. On a host
 * without the bridge (any static host) the first poll says so and the tab stops asking.
 */
import {
  BRIDGE_ANSWER_HEADER,
  BRIDGE_JOB_HEADER,
  BRIDGE_MARK_HEADER,
  BRIDGE_PATH,
  decodeHead,
  encodeHead,
  type BridgeJobHead,
} from '../sw/bridge-protocol';
import type { HttpHandler } from './api-relay';

/** Waits between polls after a failure (server restarting, network off), growing to the last. */
const RETRY_DELAYS_MS = [1_000, 5_000, 30_000];

/** Starts polling the server under `appBaseUrl`; returns a function that stops. */
export function startApiBridge(handle: HttpHandler, appBaseUrl: string): () => void {
  const next = new URL(`${BRIDGE_PATH}/next`, appBaseUrl);
  const answerUrl = new URL(`${BRIDGE_PATH}/answer`, appBaseUrl);
  const stop = new AbortController();

  const serve = async (head: BridgeJobHead, body: Uint8Array): Promise<void> => {
    const response = await handle({ method: head.method, path: head.path, headers: head.headers, body }).catch((error: unknown) => ({
      status: 500,
      headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'ServiceException' },
      body: new TextEncoder().encode(JSON.stringify({ Type: 'Service', message: error instanceof Error ? error.message : String(error) })),
    }));
    await fetch(answerUrl, {
      method: 'POST',
      headers: { [BRIDGE_ANSWER_HEADER]: encodeHead({ id: head.id, status: response.status, headers: response.headers }) },
      // A copy on a plain ArrayBuffer, which fetch takes as a body in every typing.
      body: response.body.slice().buffer,
      signal: stop.signal,
    }).catch(() => undefined);
  };

  const loop = async (): Promise<void> => {
    let failures = 0;
    let answeredOnce = false;
    while (!stop.signal.aborted) {
      let poll: Response;
      try {
        poll = await fetch(next, { cache: 'no-store', signal: stop.signal });
      } catch {
        // Never reached (offline from the start, or no server): nothing to bridge.
        if (!answeredOnce || stop.signal.aborted) return;
        const delay = RETRY_DELAYS_MS[Math.min(failures, RETRY_DELAYS_MS.length - 1)] ?? 30_000;
        failures += 1;
        await new Promise((resolve) => setTimeout(resolve, delay));
        continue;
      }
      // A static host (404, or its index.html): no bridge here.
      if (poll.headers.get(BRIDGE_MARK_HEADER) === null) return;
      answeredOnce = true;
      if (poll.status === 204) {
        failures = 0;
        continue;
      }
      const job = poll.headers.get(BRIDGE_JOB_HEADER);
      if (poll.status !== 200 || job === null) {
        // Not what the bridge sends: do not spin on it.
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[RETRY_DELAYS_MS.length - 1]));
        continue;
      }
      failures = 0;
      const body = new Uint8Array(await poll.arrayBuffer());
      // Served concurrently: the next poll goes out at once.
      void serve(decodeHead<BridgeJobHead>(job), body);
    }
  };

  void loop();
  return () => stop.abort();
}
