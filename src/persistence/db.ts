/**
 * The only module that opens Lambdalite's IndexedDB database. It owns the schema
 * version and the upgrade path; every migration has a test (db.test.ts).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { FunctionRecord, FunctionVersionRecord } from '../domain/function-model';
import type {
  AsyncEventRecord,
  CodeSigningConfigRecord,
  FunctionResourceKind,
  LayerVersionRecord,
  MetricBucket,
  StoredFunctionResource,
} from '../control-plane/ports';
import type { LogEvent, SavedTestEvent, WorkspaceSettings } from '../workers/protocol';

export const DB_NAME = 'lambdalite';
/**
 * Schema history: 1 — functions, code, logEvents, settings; 2 — testEvents (the console's
 * saved test events, per function); 3 — versions, functionResources (aliases, policies, URL and
 * event invoke configs, provisioned concurrency), layerVersions + layerContent,
 * codeSigningConfigs, asyncEvents (the durable queue of Event invocations); 4 — metrics (per-minute
 * data points by function, minute and executed version; indexed by minute for retention).
 */
export const DB_VERSION = 4;

export interface StoredLogEvent extends LogEvent {
  id?: number;
}

export interface LambdaliteSchema extends DBSchema {
  functions: { key: string; value: FunctionRecord };
  /**
   * Deployment packages (zip bytes): `<name>` for $LATEST, `<name>:<version>` for a published
   * version (names cannot contain ':', so the keys never collide).
   */
  code: { key: string; value: Uint8Array };
  logEvents: {
    key: number;
    value: StoredLogEvent;
    indexes: { byGroupTime: [string, number] };
  };
  settings: { key: string; value: WorkspaceSettings };
  testEvents: {
    key: [string, string];
    value: SavedTestEvent & { functionName: string };
    indexes: { byFunction: string };
  };
  versions: { key: [string, number]; value: FunctionVersionRecord };
  functionResources: {
    key: [string, FunctionResourceKind, string];
    value: StoredFunctionResource;
    indexes: { byFunction: string };
  };
  layerVersions: { key: [string, number]; value: LayerVersionRecord };
  /** Layer archives keyed `<layerName>:<version>`. */
  layerContent: { key: string; value: Uint8Array };
  codeSigningConfigs: { key: string; value: CodeSigningConfigRecord };
  asyncEvents: {
    key: number;
    value: AsyncEventRecord;
    indexes: { byFunction: string };
  };
  metrics: {
    key: [string, number, string];
    value: MetricBucket;
    indexes: { byMinute: number };
  };
}

export type LambdaliteDb = IDBPDatabase<LambdaliteSchema>;

/** Each schema version's step from the one before; a database upgrades through every step in order. */
const MIGRATIONS: Record<number, (database: LambdaliteDb) => void> = {
  1(database) {
    database.createObjectStore('functions', { keyPath: 'name' });
    database.createObjectStore('code');
    const logs = database.createObjectStore('logEvents', { keyPath: 'id', autoIncrement: true });
    logs.createIndex('byGroupTime', ['logGroupName', 'timestamp']);
    database.createObjectStore('settings');
  },
  2(database) {
    const events = database.createObjectStore('testEvents', { keyPath: ['functionName', 'name'] });
    events.createIndex('byFunction', 'functionName');
  },
  3(database) {
    database.createObjectStore('versions', { keyPath: ['functionName', 'version'] });
    const resources = database.createObjectStore('functionResources', { keyPath: ['functionName', 'kind', 'key'] });
    resources.createIndex('byFunction', 'functionName');
    database.createObjectStore('layerVersions', { keyPath: ['layerName', 'version'] });
    database.createObjectStore('layerContent');
    database.createObjectStore('codeSigningConfigs', { keyPath: 'id' });
    const queue = database.createObjectStore('asyncEvents', { keyPath: 'id', autoIncrement: true });
    queue.createIndex('byFunction', 'functionName');
  },
  4(database) {
    const metrics = database.createObjectStore('metrics', { keyPath: ['functionName', 'minute', 'version'] });
    metrics.createIndex('byMinute', 'minute');
  },
};

/**
 * Opens (creating or upgrading) the database. A newer tab that needs a higher version
 * makes this connection close itself rather than block the other tab's upgrade.
 */
export async function openLambdaliteDb(name: string = DB_NAME, version: number = DB_VERSION): Promise<LambdaliteDb> {
  const db = await openDB<LambdaliteSchema>(name, version, {
    upgrade(database, oldVersion, newVersion) {
      for (let step = oldVersion + 1; step <= (newVersion ?? version); step++) MIGRATIONS[step]?.(database);
    },
    blocking() {
      db.close();
    },
  });
  return db;
}
