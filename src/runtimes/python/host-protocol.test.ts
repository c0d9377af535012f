/**
 * The host believes nothing a sandbox posts unchecked (src/workers/sandbox-protocol.ts,
 * `isSandboxToHost`; src/runtimes/sandbox.ts): a message outside the protocol, a result for
 * another request or an answer nobody asked for ends the environment instead of reaching
 * the control plane. A fake worker plays the compromised sandbox.
 */
import { describe, expect, test } from 'vitest';
import { Sandbox, SandboxLost } from '../sandbox';
import { isSandboxToHost, type HostToSandbox, type SandboxToHost, type SandboxWorkerHandle } from '../../workers/sandbox-protocol';

class FakeWorker implements SandboxWorkerHandle {
  readonly posted: HostToSandbox[] = [];
  terminated = false;
  #onMessage: (message: SandboxToHost) => void = () => {};
  post(message: HostToSandbox): void {
    this.posted.push(message);
  }
  onMessage(handler: (message: SandboxToHost) => void): void {
    this.#onMessage = handler;
  }
  onError(): void {}
  terminate(): void {
    this.terminated = true;
  }
  /** What a compromised sandbox might post: anything at all. */
  send(message: unknown): void {
    this.#onMessage(message as SandboxToHost);
  }
}

const invocation = {
  requestId: 'req-1',
  payload: '{}',
  deadlineEpochMs: Date.now() + 3000,
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f',
};
const result = { kind: 'result', requestId: 'req-1', status: 'success', payload: '1', durationMs: 1, maxMemoryUsedBytes: 1, discard: false };

async function bootedSandbox(): Promise<{ sandbox: Sandbox; worker: FakeWorker }> {
  const worker = new FakeWorker();
  const sandbox = new Sandbox('pyodide', () => worker, 'python3.14', {});
  worker.send({ kind: 'ready', engineLoadMs: 5 });
  await sandbox.booted;
  return { sandbox, worker };
}

describe('isSandboxToHost', () => {
  test('accepts the protocol and nothing else', () => {
    expect(isSandboxToHost({ kind: 'log', timestamp: 1, message: 'x' })).toBe(true);
    expect(isSandboxToHost(result)).toBe(true);
    expect(isSandboxToHost({ kind: 'init-done', ok: false, initDurationMs: 1, errorType: 'E', errorBody: '{}' })).toBe(true);
    expect(isSandboxToHost({ kind: 'invoke', invocation })).toBe(false);
    expect(isSandboxToHost({ kind: 'log', timestamp: '1', message: 'x' })).toBe(false);
    expect(isSandboxToHost({ ...result, payload: { forged: true } })).toBe(false);
    expect(isSandboxToHost({ ...result, status: 'ok' })).toBe(false);
    expect(isSandboxToHost({ kind: 'ready', engineLoadMs: 1, snapshot: 'bytes' })).toBe(false);
    expect(isSandboxToHost(null)).toBe(false);
    expect(isSandboxToHost('result')).toBe(false);
  });
});

describe('the host rejects forged messages', () => {
  test('a result for another request ends the environment; the caller gets SandboxLost', async () => {
    const { sandbox, worker } = await bootedSandbox();
    const answer = sandbox.invoke(invocation, 10_000);
    worker.send({ ...result, requestId: 'someone-elses-request' });
    await expect(answer).rejects.toThrow(new SandboxLost('crashed', 'Sandbox sent a result for another request'));
    expect(worker.terminated).toBe(true);
    expect(sandbox.isAlive).toBe(false);
  });

  test('a message outside the protocol ends the environment', async () => {
    const { sandbox, worker } = await bootedSandbox();
    const answer = sandbox.invoke(invocation, 10_000);
    worker.send({ kind: 'invoke', invocation });
    await expect(answer).rejects.toThrow('Sandbox sent a message outside the protocol');
    expect(worker.terminated).toBe(true);
  });

  test('an answer nobody asked for ends the environment', async () => {
    const { sandbox, worker } = await bootedSandbox();
    worker.send(result);
    expect(worker.terminated).toBe(true);
    expect(sandbox.isAlive).toBe(false);
  });

  test('the right result is accepted, and log lines are kept as the handler wrote them', async () => {
    const { sandbox, worker } = await bootedSandbox();
    const answer = sandbox.invoke(invocation, 10_000);
    worker.send({ kind: 'log', timestamp: 7, message: 'hello' });
    worker.send(result);
    await expect(answer).resolves.toEqual(result);
    expect(sandbox.takeLines()).toEqual([{ timestamp: 7, message: 'hello' }]);
    expect(worker.terminated).toBe(false);
  });

  test('the boot waits for the stored snapshot and carries it', async () => {
    const worker = new FakeWorker();
    const bytes = new Uint8Array([1, 2, 3]);
    new Sandbox('pyodide', () => worker, 'python3.14', {}, Promise.resolve(bytes));
    expect(worker.posted).toEqual([]);
    await Promise.resolve();
    await Promise.resolve();
    expect(worker.posted).toEqual([{ kind: 'boot', runtime: 'python3.14', assets: {}, snapshot: bytes }]);
  });
});
