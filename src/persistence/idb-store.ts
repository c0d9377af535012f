import type { LambdaliteStore } from '../control-plane/ports';
import type { FunctionRecord } from '../domain/function-model';
import type { LogEvent, SavedTestEvent, WorkspaceSettings } from '../workers/protocol';
import type { LambdaliteDb } from './db';
import { IdbRepositories } from './idb-repositories';

export const DEFAULT_SETTINGS: WorkspaceSettings = { region: 'us-east-1', accountId: '123456789012' };
const SETTINGS_KEY = 'workspace';
/** How long log events wait to be written together. */
const LOG_FLUSH_MS = 25;

/** Name of the channel on which tabs tell each other which functions changed. */
const CHANGES_CHANNEL = 'lambdalite-store-changes';

/**
 * The control plane's store on IndexedDB: one transaction per operation, so a crash never
 * leaves half a change. Function records are cached for the hot Invoke path; a write in
 * another tab evicts the entry here through a BroadcastChannel.
 */
export class IdbStore extends IdbRepositories implements LambdaliteStore {
  private readonly records = new Map<string, FunctionRecord>();
  private readonly changes: BroadcastChannel | undefined;
  /** Log writes happen behind the invocations' answers, in order; readers wait for them. */
  private logWrites: Promise<void> = Promise.resolve();
  private pendingLogEvents: LogEvent[] = [];
  private logFlushTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(db: LambdaliteDb) {
    super(db);
    this.changes = typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(CHANGES_CHANNEL);
    if (this.changes) {
      this.changes.onmessage = (event: MessageEvent<string>) => this.records.delete(event.data);
    }
  }

  async getFunction(name: string): Promise<FunctionRecord | undefined> {
    const cached = this.records.get(name);
    if (cached) return cached;
    const record = await this.db.get('functions', name);
    if (record) this.records.set(name, record);
    return record;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.changes?.close();
    await this.flushLogEvents();
    this.db.close();
  }

  async clearWorkspace(): Promise<void> {
    await this.flushLogEvents();
    const names = (await this.db.getAllKeys('functions')).map(String);
    // Every store the schema has, so a store added later is emptied too.
    const stores = [...this.db.objectStoreNames];
    const tx = this.db.transaction(stores, 'readwrite');
    await Promise.all([...stores.map((store) => tx.objectStore(store).clear()), tx.done]);
    for (const name of names) this.changed(name);
  }

  protected changed(name: string): void {
    this.records.delete(name);
    this.changes?.postMessage(name);
  }

  listFunctions(): Promise<FunctionRecord[]> {
    return this.db.getAll('functions');
  }

  getCode(name: string): Promise<Uint8Array | undefined> {
    return this.db.get('code', name);
  }

  async putFunction(record: FunctionRecord, code?: Uint8Array): Promise<void> {
    const tx = this.db.transaction(['functions', 'code'], 'readwrite');
    await Promise.all([
      tx.objectStore('functions').put(record),
      code ? tx.objectStore('code').put(code, record.name) : Promise.resolve(),
      tx.done,
    ]);
    this.changed(record.name);
  }

  async deleteFunction(name: string): Promise<void> {
    const tx = this.db.transaction(
      ['functions', 'code', 'logEvents', 'testEvents', 'versions', 'functionResources', 'asyncEvents', 'metrics'],
      'readwrite',
    );
    const group = `/aws/lambda/${name}`;
    const range = IDBKeyRange.bound([group, -Infinity], [group, Infinity]);
    const logs = tx.objectStore('logEvents');
    const deleteLogs = async (): Promise<void> => {
      for (let cursor = await logs.index('byGroupTime').openKeyCursor(range); cursor; cursor = await cursor.continue()) {
        await logs.delete(cursor.primaryKey);
      }
    };
    const testEvents = tx.objectStore('testEvents');
    const deleteTestEvents = async (): Promise<void> => {
      for (const key of await testEvents.index('byFunction').getAllKeys(name)) await testEvents.delete(key);
    };
    const deleteByFunctionIndex = async (storeName: 'functionResources' | 'asyncEvents'): Promise<void> => {
      const objectStore = tx.objectStore(storeName);
      for (const key of await objectStore.index('byFunction').getAllKeys(name)) await objectStore.delete(key);
    };
    await Promise.all([
      tx.objectStore('functions').delete(name),
      tx.objectStore('code').delete(name),
      // Version packages are keyed `<name>:<n>`; ':' sorts before ';', and names cannot hold either.
      tx.objectStore('code').delete(IDBKeyRange.bound(`${name}:`, `${name};`, false, true)),
      tx.objectStore('versions').delete(IDBKeyRange.bound([name, 0], [name, Infinity])),
      deleteByFunctionIndex('functionResources'),
      deleteByFunctionIndex('asyncEvents'),
      deleteLogs(),
      deleteTestEvents(),
      tx.objectStore('metrics').delete(IDBKeyRange.bound([name, -Infinity], [name, Infinity])),
      tx.done,
    ]);
    this.changed(name);
  }

  /**
   * Queues log events and writes them in one transaction per LOG_FLUSH_MS: a transaction per
   * invocation would cost the hot path more than the invocation itself. Readers flush first.
   */
  appendLogEvents(events: LogEvent[]): void {
    // An invocation ending after close() has nowhere to write.
    if (this.closed) return;
    this.pendingLogEvents.push(...events);
    this.logFlushTimer ??= setTimeout(() => void this.flushLogEvents(), LOG_FLUSH_MS);
  }

  /** Writes the queued log events now, after any write in flight; resolves once committed. */
  flushLogEvents(): Promise<void> {
    clearTimeout(this.logFlushTimer);
    this.logFlushTimer = undefined;
    const events = this.pendingLogEvents.splice(0);
    if (events.length > 0) {
      this.logWrites = this.logWrites.then(async () => {
        try {
          const tx = this.db.transaction('logEvents', 'readwrite', { durability: 'relaxed' });
          await Promise.all([...events.map((event) => tx.store.add({ ...event })), tx.done]);
        } catch (error) {
          console.error(`Lambdalite could not store ${events.length} log events`, error);
        }
      });
    }
    return this.logWrites;
  }

  async getLogEvents(logGroupName: string, since = -Infinity): Promise<LogEvent[]> {
    await this.flushLogEvents();
    const range = IDBKeyRange.bound([logGroupName, since], [logGroupName, Infinity], true, false);
    const stored = await this.db.getAllFromIndex('logEvents', 'byGroupTime', range);
    return stored.map(({ logGroupName: group, logStreamName, timestamp, message }) => ({
      logGroupName: group,
      logStreamName,
      timestamp,
      message,
    }));
  }

  async listTestEvents(functionName: string): Promise<SavedTestEvent[]> {
    const stored = await this.db.getAllFromIndex('testEvents', 'byFunction', functionName);
    return stored.map(({ name, event, lastModified }) => ({ name, event, lastModified }));
  }

  async putTestEvent(functionName: string, event: SavedTestEvent): Promise<void> {
    await this.db.put('testEvents', { ...event, functionName });
  }

  async deleteTestEvent(functionName: string, name: string): Promise<void> {
    await this.db.delete('testEvents', [functionName, name]);
  }

  async getSettings(): Promise<WorkspaceSettings> {
    return (await this.db.get('settings', SETTINGS_KEY)) ?? { ...DEFAULT_SETTINGS };
  }

  async putSettings(settings: WorkspaceSettings): Promise<void> {
    await this.db.put('settings', settings, SETTINGS_KEY);
  }
}
