/**
 * Timeout and MemorySize on the real Pyodide, each in its own worker thread (an environment
 * that hit a limit is discarded). The workers boot in parallel to keep the suite short.
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { outOfMemoryErrorBody, timeoutErrorBody } from '../../domain/runtime-errors';
import { PythonSandbox, fixtureFiles } from './test-harness';

const MIB = 1024 * 1024;
const limits = fixtureFiles('limits');

let timeouts: PythonSandbox;
let oom: PythonSandbox;
let oomCaught: PythonSandbox;
let roomy: PythonSandbox;

beforeAll(async () => {
  [timeouts, oom, oomCaught, roomy] = await Promise.all([
    PythonSandbox.boot(),
    PythonSandbox.boot(),
    PythonSandbox.boot(),
    PythonSandbox.boot(),
  ]);
});

afterAll(() => {
  for (const sandbox of [timeouts, oom, oomCaught, roomy]) sandbox?.terminate();
});

describe('Timeout: the deadline interrupts Python cooperatively', () => {
  test('`while True: pass` stops within 200 ms of the deadline with Sandbox.Timedout', async () => {
    await timeouts.init(limits, { handler: 'lambda_function.spin', timeoutSeconds: 1 });
    const deadlineEpochMs = Date.now() + 1000;
    const { result, lines } = await timeouts.invoke({}, { deadlineEpochMs });
    const lateMs = Date.now() - deadlineEpochMs;

    expect(lateMs).toBeGreaterThanOrEqual(0);
    expect(lateMs).toBeLessThan(200);
    expect(result).toMatchObject({ status: 'error', errorType: 'Sandbox.Timedout', discard: true });
    expect(result.payload).toBe(timeoutErrorBody(result.requestId, 1));
    expect(JSON.parse(result.payload)).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: `RequestId: ${result.requestId} Error: Task timed out after 1.00 seconds`,
    });
    // The line printed before the loop arrives; no traceback of the interrupt is logged.
    expect(lines).toEqual(['spinning']);
  });

  test('a handler catching Exception does not catch the interrupt', async () => {
    await timeouts.init(limits, { handler: 'lambda_function.spin_catch_exception', timeoutSeconds: 1 });
    const deadlineEpochMs = Date.now() + 500;
    const { result } = await timeouts.invoke({}, { deadlineEpochMs });
    expect(Date.now() - deadlineEpochMs).toBeLessThan(200);
    expect(result.errorType).toBe('Sandbox.Timedout');
  });
});

describe('MemorySize: the wasm heap cannot grow past it', () => {
  test('allocating 200 MB with 128 MB fails with Runtime.OutOfMemory and Max Memory Used = Memory Size', async () => {
    await oom.init(limits, { handler: 'lambda_function.allocate', memorySizeMb: 128 });
    const { result, lines } = await oom.invoke({});
    expect(result).toMatchObject({
      status: 'error',
      errorType: 'Runtime.OutOfMemory',
      discard: true,
      maxMemoryUsedBytes: 128 * MIB,
    });
    expect(result.payload).toBe(outOfMemoryErrorBody(result.requestId));
    // The runtime is killed on Lambda: no [ERROR] MemoryError event from the runtime.
    expect(lines).toEqual(['allocating']);
  });

  test('catching the MemoryError does not save the environment, and the heap stayed under the cap', async () => {
    await oomCaught.init(limits, { handler: 'lambda_function.allocate_caught_report', memorySizeMb: 128 });
    const { result, lines } = await oomCaught.invoke({});
    expect(result).toMatchObject({ status: 'error', errorType: 'Runtime.OutOfMemory', discard: true });
    expect(result.payload).toBe(outOfMemoryErrorBody(result.requestId));
    const heap = Number(/caught MemoryError; heap (\d+) bytes/.exec(lines.join('\n'))?.[1]);
    expect(heap).toBeGreaterThan(20 * MIB);
    expect(heap).toBeLessThanOrEqual(128 * MIB);
  });

  test('growing close to the cap is not mistaken for running out', async () => {
    // 85 MB of 1 MB chunks on a ~30 MB base: near 128 MB Emscripten's 20%/10% over-growth is
    // refused while a smaller attempt for the same request is allowed (runs first: the heap
    // never shrinks).
    await roomy.init(limits, { handler: 'lambda_function.allocate_chunks', memorySizeMb: 128 });
    const { result } = await roomy.invoke({ megabytes: 85 });
    expect(result).toMatchObject({ status: 'success', discard: false });
    expect(result.maxMemoryUsedBytes).toBeLessThanOrEqual(128 * MIB);
  });
  test('the same 200 MB fits in 512 MB; Max Memory Used is the measured heap', async () => {
    await roomy.init(limits, { handler: 'lambda_function.allocate_chunks', memorySizeMb: 512 });
    const { result } = await roomy.invoke({ megabytes: 200 });
    expect(result.status).toBe('success');
    const { heap } = JSON.parse(result.payload) as { heap: number };
    expect(result.maxMemoryUsedBytes).toBe(heap);
    expect(heap).toBeGreaterThan(200 * MIB);
    expect(heap).toBeLessThanOrEqual(512 * MIB);
  });

});
