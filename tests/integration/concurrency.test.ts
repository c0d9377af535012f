/**
 * Throttling as Lambda does it (https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html):
 * reserved concurrency caps a function's invocations in flight, 0 throttles every one, and the
 * functions without a reservation share what the account has left.
 */
import { InvokeCommand, TooManyRequestsException, type LambdaClient } from '@aws-sdk/client-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import type { EnvironmentPort, PoolInvocation, PoolOutcome } from '../../src/control-plane/ports';
import { lambdaSdkClient } from '../support/sdk-client';
import { TEST_ROLE, testControlPlane, zipOf, type TestControlPlane } from '../support/control-plane';

/** Environments whose invocations finish only when the test lets them. */
function heldEnvironments(): EnvironmentPort & { release(): void; started: PoolInvocation[] } {
  const waiting: Array<() => void> = [];
  const started: PoolInvocation[] = [];
  return {
    started,
    release: () => waiting.splice(0).forEach((resolve) => resolve()),
    invoke: async (invocation): Promise<PoolOutcome> => {
      started.push(invocation);
      await new Promise<void>((resolve) => waiting.push(resolve));
      const now = Date.now();
      return {
        status: 'success', payload: '"done"', coldStart: false, initFailed: false, durationMs: 1, maxMemoryUsedMb: 1,
        logStreamName: 's', initLines: [], invokeLines: [], startedAt: now, endedAt: now,
      };
    },
    retire: () => undefined,
    dispose: () => undefined,
  };
}

let cp: TestControlPlane;
let lambda: LambdaClient;
let environments: ReturnType<typeof heldEnvironments>;
afterEach(() => cp?.dispose());

async function setUp(settings: { accountConcurrency?: number; unreservedMinimum?: number } = {}): Promise<void> {
  environments = heldEnvironments();
  cp = await testControlPlane({ environments });
  if (Object.keys(settings).length > 0) await cp.client.updateSettings(settings);
  lambda = lambdaSdkClient(cp.controlPlane);
}

async function createWithReserved(name: string, reserved?: number): Promise<void> {
  await cp.client.createFunction({ FunctionName: name, Runtime: 'nodejs22.x', Role: TEST_ROLE, Handler: 'index.handler', Code: { ZipFile: zipOf({ 'index.mjs': 'export const handler = async () => 1;' }) } });
  if (reserved !== undefined) {
    const record = await cp.store.getFunction(name);
    await cp.store.putFunction({ ...record!, reservedConcurrency: reserved });
  }
}

async function throttleReason(name: string): Promise<string | undefined> {
  const error = await lambda.send(new InvokeCommand({ FunctionName: name })).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(TooManyRequestsException);
  const throttled = error as TooManyRequestsException;
  expect(throttled.$metadata.httpStatusCode).toBe(429);
  expect(throttled.message).toBe('Rate Exceeded.');
  return throttled.Reason;
}

describe('concurrency limits', () => {
  it('reserved concurrency 1 throttles the second of two invocations at once, and admits one after the first ends', async () => {
    await setUp();
    await createWithReserved('one-at-a-time', 1);
    const first = lambda.send(new InvokeCommand({ FunctionName: 'one-at-a-time' }));
    await expect.poll(() => environments.started.length).toBe(1);
    expect(await throttleReason('one-at-a-time')).toBe('ReservedFunctionConcurrentInvocationLimitExceeded');
    environments.release();
    expect((await first).StatusCode).toBe(200);
    const third = lambda.send(new InvokeCommand({ FunctionName: 'one-at-a-time' }));
    await expect.poll(() => environments.started.length).toBe(2);
    environments.release();
    expect((await third).StatusCode).toBe(200);
  });

  it('reserved concurrency 0 throttles every invocation', async () => {
    await setUp();
    await createWithReserved('off', 0);
    expect(await throttleReason('off')).toBe('ReservedFunctionConcurrentInvocationLimitExceeded');
    expect(environments.started).toHaveLength(0);
  });

  it('functions without a reservation share what the account has left after reservations', async () => {
    await setUp({ accountConcurrency: 10, unreservedMinimum: 2 });
    await createWithReserved('reserved', 7);
    await createWithReserved('shared');
    const running = [1, 2, 3].map(() => lambda.send(new InvokeCommand({ FunctionName: 'shared' })));
    await expect.poll(() => environments.started.length).toBe(3);
    expect(await throttleReason('shared')).toBe('ConcurrentInvocationLimitExceeded');
    // The reserved function still has its own 7.
    const reservedRun = lambda.send(new InvokeCommand({ FunctionName: 'reserved' }));
    await expect.poll(() => environments.started.length).toBe(4);
    expect(cp.controlPlane.concurrency.running()).toBe(4);
    environments.release();
    await Promise.all([...running, reservedRun]);
    expect(cp.controlPlane.concurrency.running()).toBe(0);
  });
});

describe('payload limits', () => {
  it('a response past 6,291,556 bytes is the function error Lambda gives, still with status 200', async () => {
    const big: EnvironmentPort = {
      invoke: async () => {
        const now = Date.now();
        return {
          status: 'success', payload: JSON.stringify('A'.repeat(6_291_556)), coldStart: false, initFailed: false, durationMs: 1,
          maxMemoryUsedMb: 1, logStreamName: 's', initLines: [], invokeLines: [], startedAt: now, endedAt: now,
        };
      },
      retire: () => undefined,
      dispose: () => undefined,
    };
    cp = await testControlPlane({ environments: big });
    lambda = lambdaSdkClient(cp.controlPlane);
    await cp.client.createFunction({ FunctionName: 'big', Runtime: 'nodejs22.x', Role: TEST_ROLE, Handler: 'index.handler', Code: { ZipFile: zipOf({ 'index.mjs': 'export const handler = async () => 1;' }) } });
    const answer = await lambda.send(new InvokeCommand({ FunctionName: 'big' }));
    expect(answer.StatusCode).toBe(200);
    expect(answer.FunctionError).toBe('Unhandled');
    expect(JSON.parse(new TextDecoder().decode(answer.Payload))).toEqual({
      errorMessage: 'Response payload size exceeded maximum allowed payload size (6291556 bytes).',
      errorType: 'Function.ResponseSizeTooLarge',
    });
  });
});
