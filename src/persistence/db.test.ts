import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DB_VERSION, openLambdaliteDb } from './db';
import { IdbStore } from './idb-store';
import type { FunctionRecord } from '../domain/function-model';
import type { MetricBucket } from '../control-plane/ports';
import { mergeBuckets } from '../control-plane/metrics';

describe('the Lambdalite database', () => {
  it(`creates schema version ${DB_VERSION} with its stores and the log index`, async () => {
    const db = await openLambdaliteDb('schema-test');
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual([
      'asyncEvents',
      'code',
      'codeSigningConfigs',
      'functionResources',
      'functions',
      'layerContent',
      'layerVersions',
      'logEvents',
      'metrics',
      'settings',
      'testEvents',
      'versions',
    ]);
    const tx = db.transaction('logEvents');
    expect([...tx.store.indexNames]).toEqual(['byGroupTime']);
    db.close();
  });

  it('upgrades a version 1 database to version 2 keeping every function, package and log event', async () => {
    const v1 = await openLambdaliteDb('migration-1-2', 1);
    expect([...v1.objectStoreNames]).not.toContain('testEvents');
    const v1Store = new IdbStore(v1);
    await v1Store.putFunction(
      {
        name: 'kept',
        runtime: 'nodejs22.x',
        role: 'arn:aws:iam::123456789012:role/r',
        handler: 'index.handler',
        description: '',
        memorySize: 256,
        timeout: 3,
        environment: { STAGE: 'dev' },
        architectures: ['x86_64'],
        ephemeralStorageMb: 512,
        codeSha256: 'sha',
        codeSize: 3,
        lastModified: 1,
        revisionId: 'r1',
      },
      new Uint8Array([1, 2, 3]),
    );
    v1Store.appendLogEvents([{ logGroupName: '/aws/lambda/kept', logStreamName: 's', timestamp: 1, message: 'START' }]);
    await v1Store.close();

    const v2Store = new IdbStore(await openLambdaliteDb('migration-1-2', 2));
    expect(await v2Store.getFunction('kept')).toMatchObject({ memorySize: 256, environment: { STAGE: 'dev' } });
    expect(await v2Store.getCode('kept')).toEqual(new Uint8Array([1, 2, 3]));
    expect((await v2Store.getLogEvents('/aws/lambda/kept')).map((e) => e.message)).toEqual(['START']);
    expect(await v2Store.listTestEvents('kept')).toEqual([]);
    await v2Store.close();
  });

  it('upgrades a version 2 database to version 3 keeping functions, packages and test events', async () => {
    const v2Store = new IdbStore(await openLambdaliteDb('migration-2-3', 2));
    await v2Store.putFunction(sampleRecord('kept'), new Uint8Array([4, 5]));
    await v2Store.putTestEvent('kept', { name: 'hello', event: '{}', lastModified: 1 });
    await v2Store.close();

    const v3Store = new IdbStore(await openLambdaliteDb('migration-2-3'));
    expect(await v3Store.getFunction('kept')).toMatchObject({ name: 'kept', memorySize: 256 });
    expect(await v3Store.getCode('kept')).toEqual(new Uint8Array([4, 5]));
    expect((await v3Store.listTestEvents('kept')).map((e) => e.name)).toEqual(['hello']);
    expect(await v3Store.listVersions('kept')).toEqual([]);
    expect(await v3Store.listResources('kept', 'alias')).toEqual([]);
    await v3Store.close();
  });

  it('upgrades a version 3 database to version 4 keeping functions and logs, with an empty metrics store', async () => {
    const v3 = await openLambdaliteDb('migration-3-4', 3);
    expect([...v3.objectStoreNames]).not.toContain('metrics');
    const v3Store = new IdbStore(v3);
    await v3Store.putFunction(sampleRecord('kept'), new Uint8Array([7]));
    v3Store.appendLogEvents([{ logGroupName: '/aws/lambda/kept', logStreamName: 's', timestamp: 1, message: 'START' }]);
    await v3Store.close();

    const v4Store = new IdbStore(await openLambdaliteDb('migration-3-4', 4));
    expect(await v4Store.getFunction('kept')).toMatchObject({ name: 'kept' });
    expect((await v4Store.getLogEvents('/aws/lambda/kept')).map((e) => e.message)).toEqual(['START']);
    expect(await v4Store.listMetricBuckets('kept', 0, Number.MAX_SAFE_INTEGER)).toEqual([]);
    const bucket = { ...emptyBucket('kept', 60_000, '$LATEST'), invocations: 2 };
    await v4Store.mergeMetricBuckets([bucket], mergeBuckets);
    await v4Store.mergeMetricBuckets([bucket], mergeBuckets);
    expect((await v4Store.listMetricBuckets('kept', 0, 60_000)).map((b) => b.invocations)).toEqual([4]);
    await v4Store.close();
  });

  it('deletes a function with every version, package, resource and queued event, and nothing of its neighbours', async () => {
    const store = new IdbStore(await openLambdaliteDb('cascade-test'));
    for (const name of ['fn', 'fn-2']) {
      await store.putFunction(sampleRecord(name), new Uint8Array([1]));
      await store.publishVersion({ ...sampleRecord(name), functionName: name, version: 1 }, new Uint8Array([2]), {
        ...sampleRecord(name),
        lastPublishedVersion: 1,
      });
      await store.putResource(name, 'alias', 'live', {
        name: 'live',
        functionVersion: '1',
        description: '',
        revisionId: 'r',
      });
      await store.enqueueAsyncEvent({ functionName: name, payload: '{}', requestId: 'id', enqueuedAt: 1, attempts: 0, notBefore: 1 });
      await store.mergeMetricBuckets([{ ...emptyBucket(name, 60_000, '$LATEST'), invocations: 1 }], mergeBuckets);
    }
    await store.deleteFunction('fn');
    expect(await store.getFunction('fn')).toBeUndefined();
    expect(await store.getVersion('fn', 1)).toBeUndefined();
    expect(await store.getVersionCode('fn', 1)).toBeUndefined();
    expect(await store.listResources('fn', 'alias')).toEqual([]);
    expect((await store.listAsyncEvents()).map((e) => e.functionName)).toEqual(['fn-2']);
    expect(await store.listMetricBuckets('fn', 0, 60_000)).toEqual([]);
    expect((await store.listMetricBuckets('fn-2', 0, 60_000)).map((b) => b.invocations)).toEqual([1]);
    expect(await store.getVersionCode('fn-2', 1)).toEqual(new Uint8Array([2]));
    expect((await store.listResources('fn-2', 'alias')).map((r) => r.key)).toEqual(['live']);
    expect((await store.getFunction('fn-2'))?.lastPublishedVersion).toBe(1);
    await store.close();
  });

  it('closes itself when another tab needs a newer version, instead of blocking it', async () => {
    const db = await openLambdaliteDb('upgrade-test');
    const newer = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('upgrade-test', DB_VERSION + 1);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error('blocked by the older connection'));
    });
    expect(newer.version).toBe(DB_VERSION + 1);
    newer.close();
    expect(() => db.transaction('functions')).toThrow();
  });

  it('keeps log events queued by invocations and returns them in order, after a reopen too', async () => {
    const store = new IdbStore(await openLambdaliteDb('logs-test'));
    const group = '/aws/lambda/fn';
    store.appendLogEvents([
      { logGroupName: group, logStreamName: 's', timestamp: 1, message: 'START' },
      { logGroupName: group, logStreamName: 's', timestamp: 2, message: 'END' },
    ]);
    store.appendLogEvents([{ logGroupName: '/aws/lambda/other', logStreamName: 's', timestamp: 1, message: 'x' }]);
    expect((await store.getLogEvents(group)).map((e) => e.message)).toEqual(['START', 'END']);
    expect((await store.getLogEvents(group, 1)).map((e) => e.message)).toEqual(['END']);
    store.appendLogEvents([{ logGroupName: group, logStreamName: 's', timestamp: 3, message: 'REPORT' }]);
    await store.close();
    const reopened = new IdbStore(await openLambdaliteDb('logs-test'));
    expect((await reopened.getLogEvents(group)).map((e) => e.message)).toEqual(['START', 'END', 'REPORT']);
    await reopened.close();
  });
});

function sampleRecord(name: string): FunctionRecord {
  return {
    name,
    runtime: 'nodejs22.x',
    role: 'arn:aws:iam::123456789012:role/r',
    handler: 'index.handler',
    description: '',
    memorySize: 256,
    timeout: 3,
    environment: {},
    architectures: ['x86_64'],
    ephemeralStorageMb: 512,
    codeSha256: 'sha',
    codeSize: 1,
    lastModified: 1,
    revisionId: 'r1',
  };
}

function emptyBucket(functionName: string, minute: number, version: string): MetricBucket {
  return {
    functionName,
    minute,
    version,
    invocations: 0,
    errors: 0,
    throttles: 0,
    durationCount: 0,
    durationSum: 0,
    durationMin: Number.POSITIVE_INFINITY,
    durationMax: 0,
    durationBins: {},
    maxConcurrency: 0,
    recent: [],
  };
}
