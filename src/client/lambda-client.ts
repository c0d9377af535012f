/**
 * The main thread's one handle on the control-plane worker. Components call these
 * methods and never see postMessage; failures arrive as thrown `LambdaError`s
 * carrying Lambda's error type, HTTP status and message.
 */
import { wrap, type Remote } from 'comlink';
import { LambdaError, type ApiResult } from '../domain/errors';
import type { ControlPlaneApi, ControlPlaneWorkerApi } from '../workers/protocol';

/** `ApiResult<V>` → `V`; any other answer stays as it is. */
type Unwrapped<T> = [Extract<T, { ok: true }>] extends [never]
  ? T
  : Extract<T, { ok: true }> extends { value: infer V }
    ? V
    : never;

/** ControlPlaneApi with every `ApiResult<T>` unwrapped to `T` (errors thrown). */
export type LambdaliteClient = {
  [K in keyof ControlPlaneApi]: ControlPlaneApi[K] extends (...args: infer A) => Promise<infer R>
    ? (...args: A) => Promise<Unwrapped<R>>
    : never;
};

function isApiResult(value: unknown): value is ApiResult<unknown> {
  return typeof value === 'object' && value !== null && 'ok' in value && typeof value.ok === 'boolean';
}

/** Wraps any ControlPlaneApi implementation (remote or in-process) into a throwing client. */
export function unwrapApi(api: ControlPlaneApi | Remote<ControlPlaneApi>): LambdaliteClient {
  return new Proxy({} as LambdaliteClient, {
    get(_target, property: string) {
      if (property === 'then') return undefined;
      return async (...args: unknown[]) => {
        const target = api as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
        const method = target[property];
        if (!method) throw new TypeError(`No control-plane operation ${property}`);
        const answer = await method.apply(target, args);
        if (!isApiResult(answer)) return answer;
        if (answer.ok) return answer.value;
        throw LambdaError.fromShape(answer.error);
      };
    },
  });
}

let shared: LambdaliteClient | undefined;
let sharedRemote: Remote<ControlPlaneWorkerApi> | undefined;

/**
 * The app's client, starting the control-plane worker on first use. `appBaseUrl` is where
 * the app is served from (the engines' files live under it): the page's own folder by default.
 */
export function lambdaliteClient(appBaseUrl: string = new URL('./', document.baseURI).href): LambdaliteClient {
  if (!shared) {
    const worker = new Worker(new URL('../workers/control-plane.worker.ts', import.meta.url), {
      type: 'module',
      name: 'lambdalite-control-plane',
    });
    const remote = wrap<ControlPlaneWorkerApi>(worker);
    // Messages are handled in order, so calls made right after start() wait for it in the
    // worker; a failed start (no IndexedDB) makes every call reject with that error.
    remote.start(appBaseUrl).catch(() => undefined);
    shared = unwrapApi(remote);
    sharedRemote = remote;
  }
  return shared;
}

/**
 * The app's control-plane worker itself (started as by `lambdaliteClient`), for what is not
 * part of ControlPlaneApi: the API relay's `handleHttpRequest`.
 */
export function controlPlaneWorker(appBaseUrl?: string): Remote<ControlPlaneWorkerApi> {
  lambdaliteClient(appBaseUrl);
  if (!sharedRemote) throw new TypeError('Lambdalite: the control-plane worker did not start');
  return sharedRemote;
}
