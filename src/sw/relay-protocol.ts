/**
 * The messages between the service worker and an open Lambdalite tab that relay one request
 * of the Lambda REST API (`<app>/api/*`). Shared by src/sw (the service worker side) and
 * src/client/api-relay.ts (the tab side), so both agree on every shape.
 *
 * One exchange, on a MessageChannel of its own per tab asked:
 *   SW → every app tab (client.postMessage, port transferred): RelayOffer
 *   tab → SW on the port: { kind: 'accept' }            (only a tab running the app answers)
 *   SW → the first tab that accepted:  { kind: 'request', request }   (body buffer transferred)
 *   SW → the others:                   { kind: 'withdrawn' }
 *   tab → SW: { kind: 'response', response } (body transferred) or { kind: 'failed', message }
 */
import type { WireRequest, WireResponse } from '../wire/http';

/** Posted by the service worker to each window client that might be the app. */
export interface RelayOffer {
  kind: 'lambdalite-api-offer';
  /** Protocol version, so an old tab and a new service worker do not misread each other. */
  version: 1;
}

/** Posted by a tab to the service worker (not on a port) while it works on a relayed request. */
export interface RelayKeepAlive {
  kind: 'lambdalite-api-keepalive';
}

export type SwToTab = { kind: 'request'; request: WireRequest } | { kind: 'withdrawn' };

export type TabToSw = { kind: 'accept' } | { kind: 'response'; response: WireResponse } | { kind: 'failed'; message: string };

export const RELAY_PROTOCOL_VERSION = 1;

/** How long the service worker waits for some tab to accept a request before answering 503. */
export const ACCEPT_TIMEOUT_MS = 2_000;

/**
 * How often a tab working on a relayed request sends the service worker a keep-alive message:
 * each is an event, which restarts the browser's idle timer (~30 s) for the service worker.
 */
export const KEEPALIVE_INTERVAL_MS = 10_000;

export function isRelayOffer(data: unknown): data is RelayOffer {
  return typeof data === 'object' && data !== null && (data as { kind?: unknown }).kind === 'lambdalite-api-offer';
}

export function isRelayKeepAlive(data: unknown): data is RelayKeepAlive {
  return typeof data === 'object' && data !== null && (data as { kind?: unknown }).kind === 'lambdalite-api-keepalive';
}
