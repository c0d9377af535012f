/**
 * Builds the real control plane for Node tests: the IndexedDB store on fake-indexeddb
 * and an environment pool whose sandboxes are real worker threads.
 */
import 'fake-indexeddb/auto';
import { zipSync, strToU8 } from 'fflate';
import { unwrapApi, type LambdaliteClient } from '../../src/client/lambda-client';
import type { EnvironmentPort } from '../../src/control-plane/ports';
import { ControlPlane, type ControlPlaneOptions } from '../../src/control-plane/provider';
import { openLambdaliteDb } from '../../src/persistence/db';
import { IdbStore } from '../../src/persistence/idb-store';
import { EnvironmentPool, type PoolOptions } from '../../src/runtimes/environment-pool';
import { nodeEngineAssets, nodeSandboxWorkerFactory } from './node-sandbox';

let counter = 0;

export interface TestControlPlane {
  client: LambdaliteClient;
  controlPlane: ControlPlane;
  store: IdbStore;
  /** Resolves once pending writes are done and the database is closed. */
  dispose(): Promise<void>;
}

/** A control plane on a fresh database (or on `dbName` to reopen one, as a reload does). */
export async function testControlPlane(
  options: {
    dbName?: string;
    pool?: Partial<PoolOptions>;
    environments?: EnvironmentPort;
    /** The control plane's own options; states turn Active at once unless a test asks otherwise. */
    controlPlane?: ControlPlaneOptions;
  } = {},
): Promise<TestControlPlane & { dbName: string }> {
  const dbName = options.dbName ?? `lambdalite-test-${process.pid}-${++counter}`;
  const db = await openLambdaliteDb(dbName);
  const store = new IdbStore(db);
  const environments =
    options.environments ??
    new EnvironmentPool({ workerFactory: nodeSandboxWorkerFactory, assets: nodeEngineAssets, ...options.pool });
  const controlPlane = await ControlPlane.create(store, environments, {
    stateTransitionMs: 0,
    apiBaseUrl: 'http://lambdalite.test/api/',
    ...options.controlPlane,
  });
  return {
    dbName,
    client: unwrapApi(controlPlane),
    controlPlane,
    store,
    dispose: async () => {
      await controlPlane.dispose();
      await store.close();
    },
  };
}

/** A zip of the given files, as the console or `zip` would make it. */
/** A fixed entry time makes the same files give the same bytes: a zip stamps each entry with the
 *  time to two seconds, so two packages built a moment apart would otherwise differ. */
const ZIP_ENTRY_TIME = new Date('2024-01-01T00:00:00Z');

export function zipOf(files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([path, text]) => [path, strToU8(text)])), { mtime: ZIP_ENTRY_TIME });
}

export const TEST_ROLE = 'arn:aws:iam::123456789012:role/service-role/lambdalite-test-role';

/** An environment port for tests of operations that never run code. */
export const noEnvironments: EnvironmentPort = {
  invoke: () => Promise.reject(new Error('this test does not run code')),
  retire: () => undefined,
  dispose: () => undefined,
};
