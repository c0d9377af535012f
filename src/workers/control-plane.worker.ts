/**
 * Entry of the control-plane worker: builds the object graph (IndexedDB store, environment
 * pool of sandbox workers, the API) and exposes it to the UI thread through comlink.
 */
import { expose } from 'comlink';
import { ControlPlane } from '../control-plane/provider';
import { openLambdaliteDb } from '../persistence/db';
import { IdbStore } from '../persistence/idb-store';
import { browserEngineAssets, browserSandboxWorkerFactory } from '../runtimes/browser-sandbox-workers';
import { engineOf } from '../domain/runtime-ids';
import { EnvironmentPool } from '../runtimes/environment-pool';
import { PythonSnapshots, browserSnapshotStorage } from '../runtimes/python/snapshot-store';
import { handleLambdaHttpRequest } from '../wire/handle';
import type { WireRequest, WireResponse } from '../wire/http';
import type { ControlPlaneApi, ControlPlaneWorkerApi, StorageMode } from './protocol';

let controlPlane: Promise<ControlPlane> | undefined;

/**
 * The workspace's store. A frame on another site may be refused IndexedDB (browsers that block
 * third-party storage): then the workspace lives in memory for this page's life, and says so,
 * rather than the app failing to start (a tutorial's embedded function still runs).
 */
async function openStore(): Promise<{ store: IdbStore; storage: StorageMode }> {
  try {
    return { store: new IdbStore(await openLambdaliteDb()), storage: 'indexeddb' };
  } catch {
    await import('fake-indexeddb/auto');
    return { store: new IdbStore(await openLambdaliteDb()), storage: 'memory' };
  }
}

async function build(appBaseUrl: string): Promise<ControlPlane> {
  const { store, storage } = await openStore();
  const pythonSnapshots = new PythonSnapshots(browserSnapshotStorage(appBaseUrl));
  const pool = new EnvironmentPool({
    workerFactory: browserSandboxWorkerFactory,
    assets: browserEngineAssets(appBaseUrl),
    // QuickJS boots in ~50 ms: keep one ready. Pyodide (~5 s, 30 MB) is booted only when a
    // Python function first runs, then a spare is kept so the next cold start does not wait.
    prewarm: ['quickjs'],
    keepSpare: ['quickjs', 'pyodide'],
    // Python sandboxes boot from a memory snapshot kept in Cache Storage (~0.5 s, not ~5 s).
    snapshots: { pyodide: pythonSnapshots },
  });
  // Once a snapshot exists a Python boot is cheap (~0.5 s of one core): when the workspace has
  // Python functions, boot a spare in the background so their first cold start does not wait.
  void (async () => {
    const hasPython = (await store.listFunctions()).some((record) => engineOf(record.runtime) === 'pyodide');
    if (hasPython && (await pythonSnapshots.stored())) pool.prewarm('pyodide');
  })().catch(() => undefined);
  return ControlPlane.create(store, pool, { apiBaseUrl: new URL('api/', appBaseUrl).href, storage });
}

function ready(): Promise<ControlPlane> {
  if (!controlPlane) throw new Error('The control plane was used before start()');
  return controlPlane;
}

/** Forwards every API call to the control plane once it is built. */
const api = new Proxy({} as ControlPlaneWorkerApi, {
  get(_target, property: string) {
    if (property === 'start') {
      return async (appBaseUrl: string): Promise<void> => {
        controlPlane ??= build(appBaseUrl);
        await controlPlane;
      };
    }
    if (property === 'handleHttpRequest') {
      // The wire answers even before start(): the error becomes a JSON ServiceException.
      const api = { execute: async (...args: Parameters<ControlPlane['execute']>) => (await ready()).execute(...args) };
      return (request: WireRequest): Promise<WireResponse> => handleLambdaHttpRequest(request, api);
    }
    if (property === 'then') return undefined;
    return async (...args: unknown[]): Promise<unknown> => {
      const target = (await ready()) as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
      const method = target[property as keyof ControlPlaneApi];
      if (typeof method !== 'function') throw new TypeError(`No control-plane operation ${property}`);
      return method.apply(target, args);
    };
  },
});

expose(api);
