/**
 * What the console's "Inside Lambda" view reads from the pool besides the live environments:
 * the ones that ended recently and why (idle reclaim, timeout, an update), with the real
 * QuickJS sandboxes. https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_ROLE, testControlPlane, zipOf, type TestControlPlane } from '../../tests/support/control-plane';
import { nodeEngineAssets, nodeSandboxWorkerFactory } from '../../tests/support/node-sandbox';
import { EnvironmentPool } from './environment-pool';

const HANDLER = `export const handler = async (event) => {
  if (event.spin) for (;;) {}
  return 'ok';
};`;

let cp: TestControlPlane | undefined;
let pool: EnvironmentPool | undefined;
afterEach(async () => {
  await cp?.dispose();
  cp = undefined;
});

async function setUp(idleReclaimMs = 60_000): Promise<TestControlPlane> {
  pool = new EnvironmentPool({ workerFactory: nodeSandboxWorkerFactory, assets: nodeEngineAssets, idleReclaimMs });
  cp = await testControlPlane({ environments: pool });
  await cp.client.createFunction({
    FunctionName: 'fn',
    Runtime: 'nodejs22.x',
    Role: TEST_ROLE,
    Handler: 'index.handler',
    Timeout: 1,
    Code: { ZipFile: zipOf({ 'index.mjs': HANDLER }) },
  });
  // The idle reclaim time comes from the workspace settings (whole minutes); tests set the pool's own.
  pool.configure({ idleReclaimMs });
  return cp;
}

const payload = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe('recently discarded environments', () => {
  it('a warm reuse counts on one environment; an update replaces it, a timeout discards the next', async () => {
    const { client } = await setUp();
    await client.invoke({ FunctionName: 'fn' });
    await client.invoke({ FunctionName: 'fn' });
    const [live] = pool!.describe();
    expect(live).toMatchObject({ functionName: 'fn', functionVersion: '$LATEST', state: 'idle', invocations: 2, initializationType: 'on-demand' });
    expect(pool!.recentlyDiscarded()).toEqual([]);

    await client.updateFunctionConfiguration({ FunctionName: 'fn', Description: 'changed' });
    expect(pool!.describe()).toEqual([]);
    expect(pool!.recentlyDiscarded()).toMatchObject([{ id: live!.id, reason: 'updated', invocations: 2 }]);

    const answer = await client.invoke({ FunctionName: 'fn', Payload: payload({ spin: true }) });
    expect(answer.FunctionError).toBe('Unhandled');
    expect(pool!.recentlyDiscarded().map((e) => e.reason)).toEqual(['timeout', 'updated']);
  }, 30_000);

  it('an idle environment is reclaimed after the idle time, and said so', async () => {
    const { client } = await setUp(150);
    await client.invoke({ FunctionName: 'fn' });
    expect(pool!.describe()).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(pool!.describe()).toEqual([]);
    expect(pool!.recentlyDiscarded()).toMatchObject([{ functionName: 'fn', reason: 'idle-reclaim', state: 'idle', invocations: 1 }]);
  }, 30_000);

  it('an environment already idle follows a new idle time set in Settings', async () => {
    const { client } = await setUp(60_000);
    await client.invoke({ FunctionName: 'fn' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(pool!.describe()).toHaveLength(1);
    // Shortened below how long it has already been idle: it goes at once.
    pool!.configure({ idleReclaimMs: 50 });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(pool!.describe()).toEqual([]);
    expect(pool!.recentlyDiscarded()).toMatchObject([{ functionName: 'fn', reason: 'idle-reclaim' }]);
  }, 30_000);

  it('Pyodide is "not-loaded" until a Python function needs it', async () => {
    await setUp();
    expect(pool!.pyodideStatus()).toEqual({ state: 'not-loaded', loadedBytes: 0, totalBytes: 0 });
  });
});
