/**
 * The dev/preview server's bridge for callers outside the browser (the AWS CLI, the SDK in
 * Node): their requests to `<server>/api` reach the server, never the service worker, so the
 * server holds each one until an open Lambdalite tab takes it (src/client/api-bridge.ts polls)
 * and answers. Shared by the server plugin (dev-api-bridge.ts) and the tab.
 *
 *   tab → server: GET  <app>/__lambdalite/bridge/next     long poll: 200 with a job, or 204
 *   tab → server: POST <app>/__lambdalite/bridge/answer   the job's answer
 *
 * Bodies travel as raw bytes; what describes them rides in one header as URI-encoded JSON.
 */

/** Below the app's base URL. */
export const BRIDGE_PATH = '__lambdalite/bridge';

/** Present on every answer of the bridge, so a tab on a host without it stops asking. */
export const BRIDGE_MARK_HEADER = 'x-lambdalite-bridge';

/** On a job (server → tab): the request's method, path and headers, and the job's id. */
export const BRIDGE_JOB_HEADER = 'x-lambdalite-job';

/** On an answer (tab → server): the job's id, the response's status and headers. */
export const BRIDGE_ANSWER_HEADER = 'x-lambdalite-answer';

/** How long the server holds a poll with no job before answering 204 (the tab asks again). */
export const BRIDGE_POLL_MS = 25_000;

export interface BridgeJobHead {
  id: string;
  method: string;
  /** Below `/api`, with the query string. */
  path: string;
  headers: Record<string, string>;
}

export interface BridgeAnswerHead {
  id: string;
  status: number;
  headers: Record<string, string>;
}

export function encodeHead(head: BridgeJobHead | BridgeAnswerHead): string {
  return encodeURIComponent(JSON.stringify(head));
}

export function decodeHead<T extends BridgeJobHead | BridgeAnswerHead>(value: string): T {
  return JSON.parse(decodeURIComponent(value)) as T;
}
