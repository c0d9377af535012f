import type { LambdaliteStore } from '../control-plane/ports';
import type { FunctionRecord } from '../domain/function-model';
import type { LogEvent, WorkspaceSettings } from '../workers/protocol';
import type { LambdaliteDb } from './db';

export const DEFAULT_SETTINGS: WorkspaceSettings = { region: 'us-east-1', accountId: '123456789012' };
const SETTINGS_KEY = 'workspace';

/** The control plane's store on IndexedDB: one transaction per operation, so a crash never leaves half a change. */
export class IdbStore implements LambdaliteStore {
  constructor(private readonly db: LambdaliteDb) {}

  getFunction(name: string): Promise<FunctionRecord | undefined> {
    return this.db.get('functions', name);
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
  }

  async deleteFunction(name: string): Promise<void> {
    const tx = this.db.transaction(['functions', 'code', 'logEvents'], 'readwrite');
    const group = `/aws/lambda/${name}`;
    const range = IDBKeyRange.bound([group, -Infinity], [group, Infinity]);
    const logs = tx.objectStore('logEvents');
    const deleteLogs = async (): Promise<void> => {
      for (let cursor = await logs.index('byGroupTime').openKeyCursor(range); cursor; cursor = await cursor.continue()) {
        await logs.delete(cursor.primaryKey);
      }
    };
    await Promise.all([
      tx.objectStore('functions').delete(name),
      tx.objectStore('code').delete(name),
      deleteLogs(),
      tx.done,
    ]);
  }

  async appendLogEvents(events: LogEvent[]): Promise<void> {
    if (events.length === 0) return;
    const tx = this.db.transaction('logEvents', 'readwrite', { durability: 'relaxed' });
    await Promise.all([...events.map((event) => tx.store.add({ ...event })), tx.done]);
  }

  async getLogEvents(logGroupName: string, since = -Infinity): Promise<LogEvent[]> {
    const range = IDBKeyRange.bound([logGroupName, since], [logGroupName, Infinity], true, false);
    const stored = await this.db.getAllFromIndex('logEvents', 'byGroupTime', range);
    return stored.map(({ logGroupName: group, logStreamName, timestamp, message }) => ({
      logGroupName: group,
      logStreamName,
      timestamp,
      message,
    }));
  }

  async getSettings(): Promise<WorkspaceSettings> {
    return (await this.db.get('settings', SETTINGS_KEY)) ?? { ...DEFAULT_SETTINGS };
  }

  async putSettings(settings: WorkspaceSettings): Promise<void> {
    await this.db.put('settings', settings, SETTINGS_KEY);
  }
}
