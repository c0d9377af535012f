/**
 * Lambda's CloudWatch metrics as the control plane records them
 * (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html), on the real
 * control plane and IndexedDB store (fake-indexeddb).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { EnvironmentPort, PoolInvocation, PoolOutcome } from './ports';
import { testControlPlane, type TestControlPlane } from '../../tests/support/control-plane';
import { call, createFunction, expectError, manualClock, publish } from '../../tests/support/resource-helpers';
import { openLambdaliteDb } from '../persistence/db';
import { IdbStore } from '../persistence/idb-store';
import { METRICS_FLUSH_MS, METRICS_RETENTION_MS, MINUTE_MS, minuteOf, type MetricsReport } from './metrics';
import type { InvocationSummary } from './ports';

/**
 * Runs no code: the event says how the invocation went ({"ms": 12, "fail": true}); with
 * "hold" it waits until `release()` so tests can have invocations in flight together.
 */
function scriptedEnvironments(clock: { now(): number }) {
  const held: Array<() => void> = [];
  const port: EnvironmentPort & { release(): void; held: number } = {
    get held() {
      return held.length;
    },
    release: () => held.splice(0).forEach((resolve) => resolve()),
    invoke: async (invocation: PoolInvocation): Promise<PoolOutcome> => {
      const event = JSON.parse(invocation.request.payload) as { ms?: number; fail?: boolean; hold?: boolean; cold?: boolean };
      if (event.hold) await new Promise<void>((resolve) => held.push(resolve));
      const now = clock.now();
      return {
        status: event.fail ? 'error' : 'success',
        payload: event.fail ? JSON.stringify({ errorType: 'Error', errorMessage: 'boom' }) : '"ok"',
        ...(event.fail ? { errorType: 'Error' } : {}),
        coldStart: event.cold ?? false,
        ...(event.cold ? { initDurationMs: 150.5 } : {}),
        initFailed: false,
        durationMs: event.ms ?? 1,
        maxMemoryUsedMb: 42,
        logStreamName: `2026/11/22/[${invocation.functionVersion}]00000000000000000000000000000000`,
        initLines: [],
        invokeLines: [],
        startedAt: now,
        endedAt: now,
      };
    },
    retire: () => undefined,
    dispose: () => undefined,
  };
  return port;
}

async function invoke(cp: TestControlPlane, name: string, event: object, qualifier?: string): Promise<void> {
  await cp.client.invoke({
    FunctionName: name,
    Payload: new TextEncoder().encode(JSON.stringify(event)),
    ...(qualifier === undefined ? {} : { Qualifier: qualifier }),
  });
}

describe('per-minute Lambda metrics', () => {
  let cp: TestControlPlane;
  afterEach(() => cp?.dispose());

  async function setUp() {
    const clock = manualClock();
    const environments = scriptedEnvironments(clock);
    cp = await testControlPlane({ environments, controlPlane: { clock } });
    await createFunction(cp, 'fn');
    return { clock, environments };
  }

  it('counts Invocations, Errors and the success rate per minute, and Duration percentiles', async () => {
    const { clock } = await setUp();
    const start = clock.now();
    for (const ms of [10, 20, 30]) await invoke(cp, 'fn', { ms });
    await invoke(cp, 'fn', { ms: 400, fail: true });
    clock.advance(MINUTE_MS);
    await invoke(cp, 'fn', { ms: 5 });

    const report: MetricsReport = await cp.client.getMetrics('fn', start - 5 * MINUTE_MS, clock.now());
    expect(report.timestamps).toHaveLength(7);
    expect(report.timestamps.at(-2)).toBe(minuteOf(start));
    expect(report.invocations).toEqual([0, 0, 0, 0, 0, 4, 1]);
    expect(report.errors).toEqual([0, 0, 0, 0, 0, 1, 0]);
    expect(report.successRate).toEqual([null, null, null, null, null, 75, 100]);
    expect(report.durationP50.slice(0, 5)).toEqual([null, null, null, null, null]);
    // Nearest rank of [10, 20, 30, 400]: p50 is 20, p99 400 (within the histogram's 2%, clamped to the max).
    expect(Math.abs(report.durationP50[5]! - 20) / 20).toBeLessThan(0.02);
    expect(report.durationP99[5]).toBe(400);
    expect(report.durationAvg[5]).toBe(115);
    expect(report.durationP50[6]).toBe(5);
    expect(report.totals).toMatchObject({ invocations: 5, errors: 1, throttles: 0, successRate: 80, durationMax: 400 });
    expect(report.versions).toEqual(['$LATEST']);
  });

  it('keeps percentiles within 2% over many invocations and across minutes', async () => {
    const { clock } = await setUp();
    const start = clock.now();
    for (let ms = 1; ms <= 200; ms++) {
      await invoke(cp, 'fn', { ms });
      if (ms % 50 === 0) clock.advance(MINUTE_MS);
    }
    const { totals } = await cp.client.getMetrics('fn', start, clock.now());
    expect(totals.invocations).toBe(200);
    expect(Math.abs(totals.durationP50! - 100) / 100).toBeLessThan(0.02);
    expect(Math.abs(totals.durationP99! - 198) / 198).toBeLessThan(0.02);
    expect(totals.durationAvg).toBeCloseTo(100.5, 5);
  });

  it('has ExecutedVersion as a dimension: every version by default, one when asked', async () => {
    const { clock } = await setUp();
    await publish(cp, 'fn');
    await invoke(cp, 'fn', {});
    await invoke(cp, 'fn', { fail: true }, '1');
    await invoke(cp, 'fn', {}, '1');
    const all = await cp.client.getMetrics('fn', clock.now() - MINUTE_MS, clock.now());
    expect(all.totals).toMatchObject({ invocations: 3, errors: 1 });
    expect(all.versions).toEqual(['$LATEST', '1']);
    const v1 = await cp.client.getMetrics('fn', clock.now() - MINUTE_MS, clock.now(), { version: '1' });
    expect(v1.totals).toMatchObject({ invocations: 2, errors: 1, successRate: 50 });
    expect(v1.versions).toEqual(['$LATEST', '1']);
    const recent = await cp.client.listRecentInvocations('fn', 10);
    expect(recent.map((r) => r.version).sort()).toEqual(['$LATEST', '1', '1']);
  });

  it('counts Throttles apart from Invocations, and lists them among recent invocations', async () => {
    const { clock } = await setUp();
    await call(cp, 'PutFunctionConcurrency', { FunctionName: 'fn', ReservedConcurrentExecutions: 0 });
    await expectError(invoke(cp, 'fn', {}), 'TooManyRequestsException', 429);
    await expectError(invoke(cp, 'fn', {}), 'TooManyRequestsException', 429);
    const { totals } = await cp.client.getMetrics('fn', clock.now() - MINUTE_MS, clock.now());
    expect(totals).toMatchObject({ invocations: 0, errors: 0, throttles: 2, successRate: null });
    const recent = await cp.client.listRecentInvocations('fn', 5);
    expect(recent.map((r) => [r.outcome, r.errorType])).toEqual([
      ['throttled', 'ReservedFunctionConcurrentInvocationLimitExceeded'],
      ['throttled', 'ReservedFunctionConcurrentInvocationLimitExceeded'],
    ]);
  });

  it('records the highest ConcurrentExecutions of the minute', async () => {
    const { clock, environments } = await setUp();
    const running = [invoke(cp, 'fn', { hold: true }), invoke(cp, 'fn', { hold: true }), invoke(cp, 'fn', { hold: true })];
    while (environments.held < 3) await new Promise((resolve) => setTimeout(resolve, 1));
    environments.release();
    await Promise.all(running);
    await invoke(cp, 'fn', {});
    const report = await cp.client.getMetrics('fn', clock.now(), clock.now());
    expect(report.concurrentExecutions).toEqual([3]);
    expect(report.totals.maxConcurrentExecutions).toBe(3);
  });

  it('lists recent invocations newest first with the REPORT figures, Init Duration on cold starts and the error type', async () => {
    const { clock } = await setUp();
    await invoke(cp, 'fn', { ms: 12.3, cold: true });
    clock.advance(1000);
    await invoke(cp, 'fn', { ms: 2, fail: true });
    const recent: InvocationSummary[] = await cp.client.listRecentInvocations('fn', 10);
    expect(recent).toHaveLength(2);
    expect(recent[0]).toMatchObject({ outcome: 'error', errorType: 'Error', durationMs: 2, billedDurationMs: 2, version: '$LATEST' });
    expect(recent[0]!.initDurationMs).toBeUndefined();
    expect(recent[1]).toMatchObject({
      outcome: 'success',
      durationMs: 12.3,
      billedDurationMs: 13,
      memorySizeMb: 128,
      maxMemoryUsedMb: 42,
      initDurationMs: 150.5,
      invocationType: 'RequestResponse',
    });
    expect(recent[1]!.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('counts Event invocations when the queued event runs', async () => {
    const { clock } = await setUp();
    await cp.client.invoke({ FunctionName: 'fn', InvocationType: 'Event', Payload: new TextEncoder().encode('{"fail":true}') });
    let recent: InvocationSummary[] = [];
    for (let i = 0; i < 100 && recent.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      recent = await cp.client.listRecentInvocations('fn', 5);
    }
    expect(recent).toMatchObject([{ invocationType: 'Event', outcome: 'error' }]);
    expect((await cp.client.getMetrics('fn', clock.now(), clock.now())).totals).toMatchObject({ invocations: 1, errors: 1 });
  });

  it('keeps points in memory and writes them in one batch shortly after, surviving a reopen', async () => {
    const clock = manualClock();
    const environments = scriptedEnvironments(clock);
    cp = await testControlPlane({ environments, controlPlane: { clock } });
    await createFunction(cp, 'fn');
    for (let i = 0; i < 5; i++) await invoke(cp, 'fn', {});
    const minute = minuteOf(clock.now());
    // Nothing written yet: the Invoke path only touched memory.
    expect(await cp.store.listMetricBuckets('fn', minute, minute)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, METRICS_FLUSH_MS + 100));
    const stored = await cp.store.listMetricBuckets('fn', minute, minute);
    expect(stored.map((b) => b.invocations)).toEqual([5]);

    const dbName = (cp as TestControlPlane & { dbName: string }).dbName;
    cp.dispose();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const reopened = new IdbStore(await openLambdaliteDb(dbName));
    expect((await reopened.listMetricBuckets('fn', minute, minute)).map((b) => b.invocations)).toEqual([5]);
    await reopened.close();
  });

  it('adds up what two tabs record for the same minute, rather than one overwriting the other', async () => {
    const clock = manualClock();
    cp = await testControlPlane({ environments: scriptedEnvironments(clock), controlPlane: { clock } });
    await createFunction(cp, 'fn');
    const dbName = (cp as TestControlPlane & { dbName: string }).dbName;
    const other = await testControlPlane({ dbName, environments: scriptedEnvironments(clock), controlPlane: { clock } });
    try {
      await Promise.all([invoke(cp, 'fn', { ms: 10 }), invoke(other, 'fn', { ms: 30, fail: true }), invoke(other, 'fn', { ms: 20 })]);
      await Promise.all([cp.controlPlane.getMetrics('fn', clock.now(), clock.now()), other.controlPlane.getMetrics('fn', clock.now(), clock.now())]);
      const { totals } = await cp.client.getMetrics('fn', clock.now(), clock.now());
      expect(totals).toMatchObject({ invocations: 3, errors: 1, durationP50: expect.closeTo(20, 0) });
      expect(await cp.client.listRecentInvocations('fn', 10)).toHaveLength(3);
    } finally {
      other.dispose();
    }
  });

  it('drops data points older than 15 days', async () => {
    const { clock } = await setUp();
    const first = clock.now();
    await invoke(cp, 'fn', {});
    await cp.client.getMetrics('fn', first, first);
    clock.advance(METRICS_RETENTION_MS + 2 * 3_600_000);
    await invoke(cp, 'fn', {});
    const report = await cp.client.getMetrics('fn', clock.now() - 60 * MINUTE_MS, clock.now());
    expect(report.totals.invocations).toBe(1);
    expect(await cp.store.listMetricBuckets('fn', minuteOf(first), minuteOf(first))).toEqual([]);
  });

  it('deletes the metrics with the function, those still in memory too', async () => {
    const { clock } = await setUp();
    await createFunction(cp, 'neighbour');
    await invoke(cp, 'fn', {});
    await invoke(cp, 'neighbour', {});
    await cp.client.deleteFunction({ FunctionName: 'fn' });
    await createFunction(cp, 'fn');
    const report = await cp.client.getMetrics('fn', clock.now() - MINUTE_MS, clock.now());
    expect(report.totals.invocations).toBe(0);
    expect(await cp.client.listRecentInvocations('fn', 10)).toEqual([]);
    expect((await cp.client.getMetrics('neighbour', clock.now(), clock.now())).totals.invocations).toBe(1);
  });

  it('leaves nothing behind for an invocation that ends after its function was deleted', async () => {
    const { clock, environments } = await setUp();
    const running = invoke(cp, 'fn', { hold: true });
    while (environments.held < 1) await new Promise((resolve) => setTimeout(resolve, 1));
    await cp.client.deleteFunction({ FunctionName: 'fn' });
    environments.release();
    await running.catch(() => undefined);
    await createFunction(cp, 'fn');
    expect((await cp.client.getMetrics('fn', clock.now(), clock.now())).totals.invocations).toBe(0);
  });

  it('answers ResourceNotFoundException for a function that does not exist, and refuses a reversed window', async () => {
    const { clock } = await setUp();
    await expectError(cp.client.getMetrics('nope', 0, 1), 'ResourceNotFoundException', 404);
    await expectError(cp.client.getMetrics('fn', clock.now(), clock.now() - 1), 'InvalidParameterValueException', 400);
  });
});
