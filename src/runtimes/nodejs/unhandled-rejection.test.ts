/**
 * Unhandled promise rejections as Lambda's Node.js runtime reports them, on the real QuickJS.
 * RIC 3.x (aws-lambda-nodejs-runtime-interface-client) index.mjs registers
 *   process.on('unhandledRejection', (reason, promise) => { error = new UnhandledPromiseRejection(reason, promise);
 *     structuredConsole.logError('Unhandled Promise Rejection', error); errorCallbacks.unhandledRejection(error) })
 * and Runtime.js's callback posts the invocation error, then process.exit(128): the environment
 * is gone, the next invocation is a cold start. Node emits the event once the microtask queue
 * has drained (processPromiseRejections), so a rejection handled in the same turn is not one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PoolInvocation } from '../../control-plane/ports';
import { nodeEngineAssets, nodeSandboxWorkerFactory } from '../../../tests/support/node-sandbox';
import type { SandboxEngine } from '../../workers/sandbox-protocol';
import { EnvironmentPool } from '../environment-pool';
import { createQuickjsEngine } from './engine';
import { environmentInit, invocation, logCollector, parseLogLine } from './test-helpers';

const engines: SandboxEngine[] = [];
const pools: EnvironmentPool[] = [];
afterEach(() => {
  for (const engine of engines.splice(0)) engine.dispose();
  for (const pool of pools.splice(0)) pool.dispose();
});

async function start(handler = 'index.handler') {
  const engine = await createQuickjsEngine(nodeEngineAssets, 'nodejs22.x');
  engines.push(engine);
  const logs = logCollector();
  const init = await engine.init(environmentInit('rejections', { handler }), logs.sink);
  expect(init.ok).toBe(true);
  const invoke = (payload: unknown, request = invocation(payload)) => engine.invoke(request, logs.sink);
  return { logs: logs.lines, invoke };
}

/** The JSON after `Unhandled Promise Rejection \t` in a log line. */
function loggedRejection(line: string): Record<string, unknown> {
  const { level, message } = parseLogLine(line);
  expect(level).toBe('ERROR');
  expect(message.startsWith('Unhandled Promise Rejection \t')).toBe(true);
  return JSON.parse(message.slice('Unhandled Promise Rejection \t'.length)) as Record<string, unknown>;
}

describe('unhandled promise rejections (RIC index.mjs "unhandledRejection", Errors.js UnhandledPromiseRejection)', () => {
  it('fail a handler still waiting with Runtime.UnhandledPromiseRejection, log the error with reason and promise, and discard the environment', async () => {
    const { logs, invoke } = await start();
    const result = await invoke({ kind: 'callback-waits' });
    expect(result).toMatchObject({ status: 'error', errorType: 'Runtime.UnhandledPromiseRejection', discard: true });
    const body = JSON.parse(result.payload) as { errorType: string; errorMessage: string; trace: string[] };
    expect(body).toMatchObject({ errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: 'Error: before the loop emptied' });
    expect(body.trace[0]).toBe('Runtime.UnhandledPromiseRejection: Error: before the loop emptied');
    expect(logs).toHaveLength(1);
    const logged = loggedRejection(logs[0]!);
    expect(Object.keys(logged)).toEqual(['errorType', 'errorMessage', 'reason', 'promise', 'stack']);
    expect(logged).toMatchObject({
      errorType: 'Runtime.UnhandledPromiseRejection',
      errorMessage: 'Error: before the loop emptied',
      reason: { errorType: 'Error', errorMessage: 'before the loop emptied' },
      promise: {},
    });
    expect((logged.reason as { stack: string[] }).stack[1]).toMatch(/^ {4}at .*\/var\/task\/index\.js:\d+:\d+/);
  });

  it('leave a response already posted in place, log the refused error post, and still discard the environment', async () => {
    const { logs, invoke } = await start();
    const result = await invoke({ kind: 'succeed-first' });
    expect(result).toMatchObject({ status: 'success', payload: '"sent at once"', discard: true });
    expect(logs).toHaveLength(2);
    expect(loggedRejection(logs[0]!)).toMatchObject({ errorMessage: 'Error: after succeed' });
    expect(logs[1]).toMatch(/^\[ERROR\] \[\d{13}\] LAMBDA_RUNTIME Failed to post handler success response\. Http response code: 403\.$/);
  });

  it('report a rejection handled only in a later turn (Node has reported it by then), and only the first of several', async () => {
    const late = await start();
    const result = await late.invoke({ kind: 'caught-next-turn' });
    expect(result).toMatchObject({ errorType: 'Runtime.UnhandledPromiseRejection', discard: true });
    expect(JSON.parse(result.payload)).toMatchObject({ errorMessage: 'Error: caught too late' });

    const two = await start();
    const first = await two.invoke({ kind: 'two' });
    expect(JSON.parse(first.payload)).toMatchObject({ errorMessage: 'Error: first of two' });
    // The runtime exits on the first: the second is never logged.
    expect(two.logs).toHaveLength(1);
  });

  it('report a rejection left by an earlier invocation in the invocation during which it happens', async () => {
    const { logs, invoke } = await start('index.noWait');
    expect(await invoke({ kind: 'previous-invocation' })).toMatchObject({ status: 'success', payload: '"answered"', discard: false });
    const next = invocation({ kind: 'wait' });
    const result = await invoke(undefined, next);
    expect(result).toMatchObject({ errorType: 'Runtime.UnhandledPromiseRejection', discard: true });
    expect(JSON.parse(result.payload)).toMatchObject({ errorMessage: 'Error: from an earlier invocation' });
    expect(parseLogLine(logs.at(-1)!).requestId).toBe(next.requestId);
  });

  it('turn a reason that cannot become a message into the uncaught exception Node reports', async () => {
    const { logs, invoke } = await start();
    const result = await invoke({ kind: 'symbol' });
    expect(result).toMatchObject({ status: 'error', errorType: 'TypeError', discard: true });
    expect(parseLogLine(logs[0]!).message.startsWith('Uncaught Exception \t')).toBe(true);
  });

  it('ignore rejections handled in the same turn and the ones module evaluation consumes, warm after warm', async () => {
    const { logs, invoke } = await start();
    for (let i = 0; i < 3; i++) {
      expect(await invoke({ kind: 'many-handled' })).toMatchObject({ status: 'success', payload: '"all handled"', discard: false });
    }
    expect(await invoke({ kind: 'require-throwing-esm' })).toMatchObject({ status: 'success', payload: '"caught: esm body threw"', discard: false });
    expect(await invoke({ kind: 'none' })).toMatchObject({ status: 'success', payload: '"fine"', discard: false });
    expect(logs).toEqual([]);
  });
});

describe('the environment after an unhandled rejection (docs: lambda-runtime-environment, "Failures")', () => {
  it('is discarded: the next invocation is a cold start with its own Init, which then serves warm', async () => {
    const pool = new EnvironmentPool({ workerFactory: nodeSandboxWorkerFactory, assets: nodeEngineAssets });
    pools.push(pool);
    let sequence = 0;
    const request = (kind: string): PoolInvocation => ({
      environmentKey: 'rejections:$LATEST',
      functionName: 'rejections',
      functionVersion: '$LATEST',
      runtime: 'nodejs22.x',
      timeoutSeconds: 3,
      memorySizeMb: 128,
      prepareInit: async (logStreamName, initializationType) => {
        const { initDeadlineEpochMs: _unused, ...init } = environmentInit('rejections', {
          logStreamName,
          environment: { AWS_LAMBDA_INITIALIZATION_TYPE: initializationType },
        });
        return init;
      },
      request: {
        requestId: `0c01d000-0000-4000-8000-${String(++sequence).padStart(12, '0')}`,
        payload: JSON.stringify({ kind }),
        invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:rejections',
      },
    });
    const first = await pool.invoke(request('none'));
    expect(first).toMatchObject({ status: 'success', coldStart: true });
    const warm = await pool.invoke(request('none'));
    expect(warm).toMatchObject({ status: 'success', coldStart: false });

    const failed = await pool.invoke(request('callback-waits'));
    expect(failed).toMatchObject({ status: 'error', errorType: 'Runtime.UnhandledPromiseRejection', coldStart: false, platformStatus: 'error' });
    expect(failed.invokeLines.map((line) => parseLogLine(line.message).message.split(' \t')[0])).toEqual(['Unhandled Promise Rejection']);
    expect(pool.recentlyDiscarded()).toMatchObject([{ functionName: 'rejections', reason: 'runtime-exit' }]);

    const next = await pool.invoke(request('none'));
    expect(next).toMatchObject({ status: 'success', payload: '"fine"', coldStart: true });
    expect(next.initDurationMs).toBeGreaterThan(0);
    expect(await pool.invoke(request('none'))).toMatchObject({ coldStart: false });
  }, 30_000);
});
