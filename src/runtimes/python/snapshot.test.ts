/**
 * Python cold starts from a memory snapshot (Pyodide 314.0.7's private `_makeSnapshot` /
 * `makeMemorySnapshot` / `_loadSnapshot`): the envelope's checks, the keeper's coordination,
 * and real sandboxes in Node worker threads booting the plain way (making a snapshot) and from
 * it, through the real environment pool. A missing, stale or corrupt snapshot never fails an
 * invocation: the sandbox loads the plain way and makes a new one.
 */
import { afterAll, describe, expect, test } from 'vitest';
import type { PoolInvocation } from '../../control-plane/ports';
import type { ReadyMessage } from '../../workers/sandbox-protocol';
import { EnvironmentPool } from '../environment-pool';
import { nodeEngineAssets, nodeSandboxWorkerFactory } from '../../../tests/support/node-sandbox';
import { openSnapshot, sealSnapshot } from './snapshot-envelope';
import { PYTHON_SNAPSHOT_KEY } from './snapshot-key';
import { MemorySnapshotStorage, PythonSnapshots } from './snapshot-store';
import { PythonSandbox, fixtureFiles } from './test-harness';
import { conformanceFixtures, type ExpectedInvocation } from '../../../tests/support/python-conformance';

const payload = (length: number, fill = 7): Uint8Array => new Uint8Array(length).fill(fill);

describe('the snapshot envelope', () => {
  test('round trip: the payload comes back as a view of the same bytes', () => {
    const sealed = sealSnapshot(payload(64));
    const opened = openSnapshot(sealed);
    expect(opened.ok && [...opened.snapshot]).toEqual([...payload(64)]);
  });

  test('another runtime key is stale; a short, damaged or foreign envelope is refused', () => {
    const sealed = sealSnapshot(payload(64), 'pyodide-0.0.0-runtime-00000000');
    expect(openSnapshot(sealed)).toEqual({ ok: false, reason: 'stale: made by another Pyodide or runtime version' });
    const good = sealSnapshot(payload(64));
    expect(openSnapshot(good.slice(0, good.length - 16))).toEqual({ ok: false, reason: 'truncated' });
    const damaged = good.slice();
    damaged[16] = (damaged[16] ?? 0) ^ 0xff;
    expect(openSnapshot(damaged)).toEqual({ ok: false, reason: 'corrupt: checksum mismatch' });
    expect(openSnapshot(payload(64))).toEqual({ ok: false, reason: 'not a Lambdalite snapshot' });
    expect(openSnapshot(new Uint8Array(8))).toEqual({ ok: false, reason: 'too short' });
  });
});

describe('PythonSnapshots', () => {
  const ready = (fields: Partial<ReadyMessage>): ReadyMessage => ({ kind: 'ready', engineLoadMs: 1, ...fields });

  test('the first boot makes the snapshot; the next boot waits for it; it is stored', async () => {
    const storage = new MemorySnapshotStorage();
    const snapshots = new PythonSnapshots(storage);
    expect(await snapshots.load()).toBeUndefined();
    let waited = false;
    const waiting = snapshots.load().finally(() => (waited = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(waited).toBe(false);
    const made = new Uint8Array([1, 2, 3]);
    const message = ready({ bootedFrom: 'plain', snapshot: made });
    snapshots.offer(message);
    expect(await waiting).toBe(made);
    expect(message.snapshot).toBeUndefined();
    expect(storage.entries.get(PYTHON_SNAPSHOT_KEY)).toBe(made);
    expect(await new PythonSnapshots(storage).load()).toBe(made);
  });

  test('a builder that dies releases the next boot, which builds again', async () => {
    const snapshots = new PythonSnapshots(new MemorySnapshotStorage());
    expect(await snapshots.load()).toBeUndefined();
    const waiting = snapshots.load();
    snapshots.abandon();
    expect(await waiting).toBeUndefined();
  });

  test('boots are handed out one at a time, in order; a boot that never answers is waited for only so long', async () => {
    const storage = new MemorySnapshotStorage();
    const bytes = new Uint8Array([9]);
    storage.entries.set(PYTHON_SNAPSHOT_KEY, bytes);
    const snapshots = new PythonSnapshots(storage, PYTHON_SNAPSHOT_KEY, 50);
    const order: string[] = [];
    const first = snapshots.load().then((b) => order.push('first') && b);
    const second = snapshots.load().then((b) => order.push('second') && b);
    expect(await first).toBe(bytes);
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual(['first']);
    snapshots.offer(ready({ bootedFrom: 'snapshot' }));
    expect(await second).toBe(bytes);
    const third = await snapshots.load();
    expect(third).toBe(bytes);
    expect(order).toEqual(['first', 'second']);
  });

  test('a storage that fails is no snapshot', async () => {
    const snapshots = new PythonSnapshots({
      read: () => Promise.reject(new Error('quota')),
      write: () => Promise.reject(new Error('quota')),
    });
    expect(await snapshots.load()).toBeUndefined();
    snapshots.offer(ready({ bootedFrom: 'plain', snapshot: new Uint8Array(16) }));
    snapshots.offer(ready({ bootedFrom: 'snapshot' }));
    expect(await snapshots.load()).toEqual(new Uint8Array(16));
  });
});

describe('real sandboxes', () => {
  const sandboxes: PythonSandbox[] = [];
  afterAll(() => sandboxes.forEach((s) => s.terminate()));
  let snapshot: Uint8Array | undefined;
  let plainLoadMs = 0;

  test('a plain boot makes a snapshot; a boot from it is several times faster and runs handlers', async () => {
    const plain = await PythonSandbox.boot();
    sandboxes.push(plain);
    expect(plain.ready).toMatchObject({ bootedFrom: 'plain' });
    snapshot = plain.ready?.snapshot;
    expect(snapshot?.byteLength).toBeGreaterThan(20 * 1024 * 1024);
    plainLoadMs = plain.engineLoadMs;

    const restored = await PythonSandbox.boot({ snapshot: snapshot! });
    sandboxes.push(restored);
    // sealKept: nothing on the worker's global object escaped the seal.
    expect(restored.ready).toEqual({ kind: 'ready', engineLoadMs: restored.engineLoadMs, bootedFrom: 'snapshot', sealKept: [] });
    expect(restored.engineLoadMs * 3).toBeLessThan(plainLoadMs);
    console.info(`Pyodide boot in Node: plain ${plainLoadMs.toFixed(0)} ms, from snapshot ${restored.engineLoadMs.toFixed(0)} ms`);

    const { done } = await restored.init(fixtureFiles('area'));
    expect(done.ok).toBe(true);
    const { result, lines } = await restored.invoke({ length: 6, width: 7 });
    expect(result.payload).toBe('"{\\"area\\": 42}"');
    expect(lines[0]).toBe('The area is 42');
  });

  test('a sandbox from the snapshot is sealed like any other', async () => {
    const restored = await PythonSandbox.boot({ snapshot: snapshot! });
    sandboxes.push(restored);
    await restored.init(fixtureFiles('sandbox'));
    const { result } = await restored.invoke({});
    const outcomes = JSON.parse(result.payload) as Record<string, string>;
    expect(outcomes['js.indexedDB']).toBe('AttributeError: indexedDB');
    expect(outcomes['Function constructor']).toBe(
      'JsException: EvalError: Code generation from strings is disabled in the Lambdalite sandbox',
    );

    // The file system too (read-only-fs.ts is installed on every boot, never in the snapshot):
    // the package is laid out, then everything outside /tmp is read-only.
    const fsFixture = conformanceFixtures().find((f) => f.name === 'fs_read_only_task')!;
    expect((await restored.init(fsFixture.files, { optFiles: fsFixture.optFiles })).done.ok).toBe(true);
    const { result: fsResult } = await restored.invoke({});
    const expected = fsFixture.spec.invocations as ExpectedInvocation[];
    expect(fsResult.payload).toBe(expected[0]?.response);
  });

  test('a snapshot Pyodide cannot restore: the plain load, a new snapshot, and the handler runs', async () => {
    // A valid envelope around bytes that are no Pyodide snapshot: Pyodide's own check refuses them.
    const bogus = sealSnapshot(payload(1024, 0));
    const sandbox = await PythonSandbox.boot({ snapshot: bogus });
    sandboxes.push(sandbox);
    expect(sandbox.ready).toMatchObject({ bootedFrom: 'plain', snapshotRefused: 'restore failed: Snapshot has invalid magic number' });
    expect(sandbox.ready?.snapshot?.byteLength).toBeGreaterThan(20 * 1024 * 1024);
    await sandbox.init(fixtureFiles('area'));
    const { result } = await sandbox.invoke({ length: 2, width: 2 });
    expect(result.payload).toBe('"{\\"area\\": 4}"');
    sandbox.terminate();
  });

  test('through the pool: a corrupt stored snapshot is replaced, and the next environment starts from it', async () => {
    const storage = new MemorySnapshotStorage();
    const corrupt = snapshot!.slice();
    corrupt.fill(0xaa, corrupt.length / 2, corrupt.length / 2 + 4096);
    storage.entries.set(PYTHON_SNAPSHOT_KEY, corrupt);
    const snapshots = new PythonSnapshots(storage);
    const pool = new EnvironmentPool({
      workerFactory: nodeSandboxWorkerFactory,
      assets: nodeEngineAssets,
      snapshots: { pyodide: snapshots },
    });
    const invocation = (key: string, requestId: string): PoolInvocation => ({
      environmentKey: key,
      functionName: key,
      functionVersion: '$LATEST',
      runtime: 'python3.14',
      timeoutSeconds: 3,
      memorySizeMb: 128,
      prepareInit: async (logStreamName) => ({
        runtime: 'python3.14',
        handler: 'lambda_function.lambda_handler',
        files: fixtureFiles('area'),
        environment: {},
        functionName: key,
        functionVersion: '$LATEST',
        memorySizeMb: 128,
        timeoutSeconds: 3,
        logGroupName: `/aws/lambda/${key}`,
        logStreamName,
      }),
      request: { requestId, payload: '{"length": 3, "width": 5}', invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${key}` },
    });
    try {
      const first = await pool.invoke(invocation('first', 'req-1'));
      expect(first).toMatchObject({ status: 'success', payload: '"{\\"area\\": 15}"', coldStart: true });
      expect(snapshots.counts).toEqual({ snapshot: 0, plain: 1, refused: 1 });
      expect(snapshots.lastRefusal).toBe('corrupt: checksum mismatch');
      const stored = storage.entries.get(PYTHON_SNAPSHOT_KEY)!;
      expect(openSnapshot(stored).ok).toBe(true);

      const second = await pool.invoke(invocation('second', 'req-2'));
      expect(second).toMatchObject({ status: 'success', payload: '"{\\"area\\": 15}"', coldStart: true });
      expect(snapshots.counts).toEqual({ snapshot: 1, plain: 1, refused: 1 });
      console.info(`Init Duration through the pool: plain ${first.initDurationMs?.toFixed(0)} ms, from snapshot ${second.initDurationMs?.toFixed(0)} ms`);
      expect(second.initDurationMs!).toBeLessThan(first.initDurationMs!);
    } finally {
      pool.dispose();
    }
  });
});
