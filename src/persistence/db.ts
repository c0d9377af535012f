/**
 * The only module that opens Lambdalite's IndexedDB database. It owns the schema
 * version and the upgrade path; every migration has a test (db.test.ts).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { FunctionRecord } from '../domain/function-model';
import type { LogEvent, SavedTestEvent, WorkspaceSettings } from '../workers/protocol';

export const DB_NAME = 'lambdalite';
/**
 * Schema history: 1 — functions, code, logEvents, settings; 2 — testEvents (the console's
 * saved test events, per function).
 */
export const DB_VERSION = 2;

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
  testEvents: {
    key: [string, string];
    value: SavedTestEvent & { functionName: string };
    indexes: { byFunction: string };
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
