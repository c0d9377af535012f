/**
 * The only module that opens Lambdalite's IndexedDB database. It owns the schema
 * version and the upgrade path; every migration has a test (db.test.ts).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { FunctionRecord } from '../domain/function-model';
import type { LogEvent, WorkspaceSettings } from '../workers/protocol';

export const DB_NAME = 'lambdalite';
export const DB_VERSION = 1;

export interface StoredLogEvent extends LogEvent {
  id?: number;
}

export interface LambdaliteSchema extends DBSchema {
  functions: { key: string; value: FunctionRecord };
  /** Deployment packages (zip bytes) keyed by function name. */
  code: { key: string; value: Uint8Array };
  logEvents: {
    key: number;
    value: StoredLogEvent;
    indexes: { byGroupTime: [string, number] };
  };
  settings: { key: string; value: WorkspaceSettings };
}

export type LambdaliteDb = IDBPDatabase<LambdaliteSchema>;

/**
 * Opens (creating or upgrading) the database. A newer tab that needs a higher version
 * makes this connection close itself rather than block the other tab's upgrade.
 */
export async function openLambdaliteDb(name: string = DB_NAME): Promise<LambdaliteDb> {
  const db = await openDB<LambdaliteSchema>(name, DB_VERSION, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) {
        database.createObjectStore('functions', { keyPath: 'name' });
        database.createObjectStore('code');
        const logs = database.createObjectStore('logEvents', { keyPath: 'id', autoIncrement: true });
        logs.createIndex('byGroupTime', ['logGroupName', 'timestamp']);
        database.createObjectStore('settings');
      }
    },
    blocking() {
      db.close();
    },
  });
  return db;
}
