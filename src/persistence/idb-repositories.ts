/**
 * The repositories added with the whole API (schema version 3): versions, per-function
 * resources, layers, code signing configurations and the durable Event queue. IdbStore
 * extends this class, so the control plane sees one store and each transaction stays in
 * the module that owns the database.
 */
import type {
  AsyncEventRecord,
  AsyncEventStore,
  CodeSigningConfigRecord,
  CodeSigningConfigStore,
  FunctionResourceData,
  FunctionResourceKind,
  FunctionResourceStore,
  IdentifiedLogEvent,
  LayerStore,
  LogReadStore,
  MetricBucket,
  MetricsStore,
  LayerVersionRecord,
  SigningProfileStore,
  StoredFunctionResource,
  VersionStore,
} from '../control-plane/ports';
import type { SigningProfileRecord } from '../domain/code-signing';
import type { FunctionRecord, FunctionVersionRecord } from '../domain/function-model';
import type { WorkspaceSettings } from '../workers/protocol';
import type { LambdaliteDb } from './db';

/** The `code` store's key of a published version's package. */
export function versionCodeKey(functionName: string, version: number): string {
  return `${functionName}:${version}`;
}

/** The `settings` store's key of the signing profiles (no schema change: settings is a key-value store). */
const SIGNING_PROFILES_KEY = 'signing-profiles';

function layerContentKey(layerName: string, version: number): string {
  return `${layerName}:${version}`;
}

export abstract class IdbRepositories
  implements
    VersionStore,
    FunctionResourceStore,
    LayerStore,
    CodeSigningConfigStore,
    SigningProfileStore,
    AsyncEventStore,
    MetricsStore,
    LogReadStore
{
  protected constructor(protected readonly db: LambdaliteDb) {}

  /** Called after a write that changes what a function's readers see (other tabs evict caches). */
  protected abstract changed(functionName: string): void;

  /** Writes the queued log events; readers of the log call it first. */
  abstract flushLogEvents(): Promise<void>;

  listVersions(functionName: string): Promise<FunctionVersionRecord[]> {
    return this.db.getAll('versions', IDBKeyRange.bound([functionName, 0], [functionName, Infinity]));
  }

  getVersion(functionName: string, version: number): Promise<FunctionVersionRecord | undefined> {
    return this.db.get('versions', [functionName, version]);
  }

  getVersionCode(functionName: string, version: number): Promise<Uint8Array | undefined> {
    return this.db.get('code', versionCodeKey(functionName, version));
  }

  async publishVersion(version: FunctionVersionRecord, code: Uint8Array, latest: FunctionRecord): Promise<void> {
    const tx = this.db.transaction(['versions', 'code', 'functions'], 'readwrite');
    await Promise.all([
      tx.objectStore('versions').put(version),
      tx.objectStore('code').put(code, versionCodeKey(version.functionName, version.version)),
      tx.objectStore('functions').put(latest),
      tx.done,
    ]);
    this.changed(latest.name);
  }

  async deleteVersion(functionName: string, version: number): Promise<void> {
    const tx = this.db.transaction(['versions', 'code', 'functionResources'], 'readwrite');
    const resources = tx.objectStore('functionResources');
    const qualifier = String(version);
    const deleteResources = async (): Promise<void> => {
      for (const key of await resources.index('byFunction').getAllKeys(functionName)) {
        if (key[2] === qualifier && key[1] !== 'alias') await resources.delete(key);
      }
    };
    await Promise.all([
      tx.objectStore('versions').delete([functionName, version]),
      tx.objectStore('code').delete(versionCodeKey(functionName, version)),
      deleteResources(),
      tx.done,
    ]);
    this.changed(functionName);
  }

  async getResource<K extends FunctionResourceKind>(
    functionName: string,
    kind: K,
    key: string,
  ): Promise<FunctionResourceData[K] | undefined> {
    const row = (await this.db.get('functionResources', [functionName, kind, key])) as StoredFunctionResource<K> | undefined;
    return row?.data;
  }

  async listResources<K extends FunctionResourceKind>(
    functionName: string,
    kind: K,
  ): Promise<Array<{ key: string; data: FunctionResourceData[K] }>> {
    const rows = (await this.db.getAll(
      'functionResources',
      IDBKeyRange.bound([functionName, kind, ''], [functionName, kind, '\uffff']),
    )) as StoredFunctionResource<K>[];
    return rows.map(({ key, data }) => ({ key, data }));
  }

  async putResource<K extends FunctionResourceKind>(
    functionName: string,
    kind: K,
    key: string,
    data: FunctionResourceData[K],
  ): Promise<void> {
    const row: StoredFunctionResource<K> = { functionName, kind, key, data };
    await this.db.put('functionResources', row as StoredFunctionResource);
    this.changed(functionName);
  }

  async deleteResource(functionName: string, kind: FunctionResourceKind, key: string): Promise<void> {
    await this.db.delete('functionResources', [functionName, kind, key]);
    this.changed(functionName);
  }

  async deleteQualifierResources(functionName: string, qualifier: string): Promise<void> {
    const tx = this.db.transaction('functionResources', 'readwrite');
    for (const key of await tx.store.index('byFunction').getAllKeys(functionName)) {
      if (key[2] === qualifier && key[1] !== 'alias') await tx.store.delete(key);
    }
    await tx.done;
    this.changed(functionName);
  }

  listLayerVersions(layerName?: string): Promise<LayerVersionRecord[]> {
    return layerName === undefined
      ? this.db.getAll('layerVersions')
      : this.db.getAll('layerVersions', IDBKeyRange.bound([layerName, 0], [layerName, Infinity]));
  }

  getLayerVersion(layerName: string, version: number): Promise<LayerVersionRecord | undefined> {
    return this.db.get('layerVersions', [layerName, version]);
  }

  getLayerContent(layerName: string, version: number): Promise<Uint8Array | undefined> {
    return this.db.get('layerContent', layerContentKey(layerName, version));
  }

  async putLayerVersion(record: LayerVersionRecord, content?: Uint8Array): Promise<void> {
    const tx = this.db.transaction(['layerVersions', 'layerContent'], 'readwrite');
    await Promise.all([
      tx.objectStore('layerVersions').put(record),
      content ? tx.objectStore('layerContent').put(content, layerContentKey(record.layerName, record.version)) : undefined,
      tx.done,
    ]);
  }

  async purgeLayerVersion(layerName: string, version: number): Promise<void> {
    const tx = this.db.transaction(['layerVersions', 'layerContent'], 'readwrite');
    await Promise.all([
      tx.objectStore('layerVersions').delete([layerName, version]),
      tx.objectStore('layerContent').delete(layerContentKey(layerName, version)),
      tx.done,
    ]);
  }

  async dropLayerContent(record: LayerVersionRecord): Promise<void> {
    const tx = this.db.transaction(['layerVersions', 'layerContent'], 'readwrite');
    await Promise.all([
      tx.objectStore('layerVersions').put(record),
      tx.objectStore('layerContent').delete(layerContentKey(record.layerName, record.version)),
      tx.done,
    ]);
  }

  listCodeSigningConfigs(): Promise<CodeSigningConfigRecord[]> {
    return this.db.getAll('codeSigningConfigs');
  }

  getCodeSigningConfig(id: string): Promise<CodeSigningConfigRecord | undefined> {
    return this.db.get('codeSigningConfigs', id);
  }

  async putCodeSigningConfig(record: CodeSigningConfigRecord): Promise<void> {
    await this.db.put('codeSigningConfigs', record);
  }

  async deleteCodeSigningConfig(id: string): Promise<void> {
    await this.db.delete('codeSigningConfigs', id);
  }

  async listSigningProfiles(): Promise<SigningProfileRecord[]> {
    // The settings store's value type is WorkspaceSettings; this key holds the profile list instead.
    return ((await this.db.get('settings', SIGNING_PROFILES_KEY)) as unknown as SigningProfileRecord[] | undefined) ?? [];
  }

  async putSigningProfile(profile: SigningProfileRecord): Promise<void> {
    await this.updateSigningProfiles((profiles) => [
      ...profiles.filter((existing) => existing.profileVersionArn !== profile.profileVersionArn),
      profile,
    ]);
  }

  async deleteSigningProfile(profileVersionArn: string): Promise<void> {
    await this.updateSigningProfiles((profiles) => profiles.filter((existing) => existing.profileVersionArn !== profileVersionArn));
  }

  /** Read-modify-write of the profile list in one transaction. */
  private async updateSigningProfiles(change: (profiles: SigningProfileRecord[]) => SigningProfileRecord[]): Promise<void> {
    const tx = this.db.transaction('settings', 'readwrite');
    const current = ((await tx.store.get(SIGNING_PROFILES_KEY)) as unknown as SigningProfileRecord[] | undefined) ?? [];
    await Promise.all([tx.store.put(change(current) as unknown as WorkspaceSettings, SIGNING_PROFILES_KEY), tx.done]);
  }

  async enqueueAsyncEvent(record: AsyncEventRecord): Promise<number> {
    const { id: _ignored, ...rest } = record;
    return this.db.add('asyncEvents', rest);
  }

  listAsyncEvents(): Promise<AsyncEventRecord[]> {
    return this.db.getAll('asyncEvents');
  }

  async putAsyncEvent(record: AsyncEventRecord): Promise<void> {
    await this.db.put('asyncEvents', record);
  }

  async deleteAsyncEvent(id: number): Promise<void> {
    await this.db.delete('asyncEvents', id);
  }

  async mergeMetricBuckets(buckets: MetricBucket[], merge: (stored: MetricBucket, added: MetricBucket) => MetricBucket): Promise<void> {
    // One read-modify-write transaction: another tab merging into the same minute waits for it.
    const tx = this.db.transaction('metrics', 'readwrite', { durability: 'relaxed' });
    const merged = async (bucket: MetricBucket): Promise<void> => {
      const stored = await tx.store.get([bucket.functionName, bucket.minute, bucket.version]);
      await tx.store.put(stored ? merge(stored, bucket) : bucket);
    };
    await Promise.all([...buckets.map(merged), tx.done]);
  }

  listMetricBuckets(functionName: string, fromMinute: number, toMinute: number): Promise<MetricBucket[]> {
    // Keys are [function, minute, version]: the upper bound takes every version of the last minute.
    return this.db.getAll('metrics', IDBKeyRange.bound([functionName, fromMinute, ''], [functionName, toMinute, '\uffff']));
  }

  async latestMetricBuckets(functionName: string, count: number): Promise<MetricBucket[]> {
    const found: MetricBucket[] = [];
    const range = IDBKeyRange.bound([functionName, -Infinity], [functionName, Infinity]);
    for (let cursor = await this.db.transaction('metrics').store.openCursor(range, 'prev'); cursor && found.length < count; cursor = await cursor.continue()) {
      found.push(cursor.value);
    }
    return found;
  }

  async deleteMetricsBefore(minute: number): Promise<void> {
    const tx = this.db.transaction('metrics', 'readwrite');
    const index = tx.store.index('byMinute');
    const deleteOld = async (): Promise<void> => {
      for (let cursor = await index.openKeyCursor(IDBKeyRange.upperBound(minute, true)); cursor; cursor = await cursor.continue()) {
        await tx.store.delete(cursor.primaryKey);
      }
    };
    await Promise.all([deleteOld(), tx.done]);
  }

  async readLogEvents(logGroupName: string, afterEventId: number): Promise<{ events: IdentifiedLogEvent[]; lastEventId: number }> {
    await this.flushLogEvents();
    const tx = this.db.transaction('logEvents');
    const lastKey = (await tx.store.openKeyCursor(null, 'prev'))?.key ?? 0;
    let stored;
    if (afterEventId <= 0) {
      // The whole group, through its time index.
      const range = IDBKeyRange.bound([logGroupName, -Infinity], [logGroupName, Infinity]);
      stored = await tx.store.index('byGroupTime').getAll(range);
    } else {
      // Only what was written since: every group's newest events, few, filtered by group.
      stored = (await tx.store.getAll(IDBKeyRange.lowerBound(afterEventId, true))).filter((e) => e.logGroupName === logGroupName);
      stored.sort((a, b) => a.timestamp - b.timestamp || (a.id ?? 0) - (b.id ?? 0));
    }
    await tx.done;
    const events = stored.map(({ id, logGroupName: group, logStreamName, timestamp, message }) => ({
      eventId: id ?? 0,
      logGroupName: group,
      logStreamName,
      timestamp,
      message,
    }));
    return { events, lastEventId: Math.max(lastKey, afterEventId) };
  }
}
