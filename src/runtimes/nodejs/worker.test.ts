/**
 * The Node.js runtime behind the sandbox protocol, in a real worker thread running the same
 * code as the browser worker (serveSandbox + createQuickjsEngine): boot → ready, init →
 * init-done, invoke → log messages then result.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { nodeEngineAssets, nodeSandboxWorkerFactory } from '../../../tests/support/node-sandbox';
import type {
  EnvironmentInit,
  InitDoneMessage,
  InvocationRequest,
  LogMessage,
  ResultMessage,
  SandboxToHost,
  SandboxWorkerHandle,
} from '../../workers/sandbox-protocol';
import { environmentInit, invocation, parseLogLine } from './test-helpers';

/** A sandbox worker with its messages queued, so tests can await the next one of a kind. */
class Sandbox {
  readonly logs: LogMessage[] = [];
  private readonly queue: SandboxToHost[] = [];
  private waiting: (() => void) | undefined;

  constructor(readonly worker: SandboxWorkerHandle) {
    worker.onMessage((message) => {
      if (message.kind === 'log') this.logs.push(message);
      else this.queue.push(message);
      this.waiting?.();
    });
    worker.onError((message) => {
      this.queue.push({ kind: 'fatal', message });
      this.waiting?.();
    });
  }

  async next<K extends SandboxToHost['kind']>(kind: K): Promise<Extract<SandboxToHost, { kind: K }>> {
    for (;;) {
      const message = this.queue.shift();
      if (message) {
        if (message.kind !== kind) throw new Error(`expected ${kind}, got ${JSON.stringify(message)}`);
        return message as Extract<SandboxToHost, { kind: K }>;
      }
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
  }

  async boot(): Promise<number> {
    this.worker.post({ kind: 'boot', runtime: 'nodejs22.x', assets: nodeEngineAssets });
    return (await this.next('ready')).engineLoadMs;
  }

  async init(init: EnvironmentInit): Promise<InitDoneMessage> {
    this.worker.post({ kind: 'init', init });
    return this.next('init-done');
  }

  async invoke(request: InvocationRequest): Promise<ResultMessage> {
    this.worker.post({ kind: 'invoke', invocation: request });
    return this.next('result');
  }
}

const sandboxes: Sandbox[] = [];
afterEach(() => {
  for (const sandbox of sandboxes.splice(0)) sandbox.worker.terminate();
});
function sandbox(): Sandbox {
  const created = new Sandbox(nodeSandboxWorkerFactory('quickjs'));
  sandboxes.push(created);
  return created;
}

describe('nodejs sandbox worker (worker_threads)', () => {
  it('boots, runs the area example cold then warm, and streams its log lines', async () => {
    const box = sandbox();
    expect(await box.boot()).toBeGreaterThan(0);
    const init = await box.init(environmentInit('area'));
    expect(init).toMatchObject({ kind: 'init-done', ok: true });
    for (let i = 0; i < 2; i++) {
      const request = invocation({ length: 6, width: 7 });
      const result = await box.invoke(request);
      expect(result).toMatchObject({ kind: 'result', requestId: request.requestId, status: 'success', payload: '"{\\"area\\":42}"', discard: false });
    }
    expect(box.logs.map((log) => parseLogLine(log.message).message)).toEqual([
      'The area is 42',
      'CloudWatch log group:  /aws/lambda/myLambdaFunction',
      'The area is 42',
      'CloudWatch log group:  /aws/lambda/myLambdaFunction',
    ]);
    expect(box.logs.every((log) => typeof log.timestamp === 'number')).toBe(true);
  });

  it('reports an init error as init-done with ok: false and the error body', async () => {
    const box = sandbox();
    await box.boot();
    const init = await box.init(environmentInit('no-handler'));
    expect(init).toMatchObject({ ok: false, errorType: 'Runtime.HandlerNotFound' });
    expect(box.logs).toHaveLength(1);
    expect(parseLogLine(box.logs[0]!.message)).toMatchObject({ requestId: 'undefined', level: 'ERROR' });
  });

  it('times out while(true){} within 200 ms of the deadline, cooperatively', async () => {
    const box = sandbox();
    await box.boot();
    await box.init(environmentInit('timeout', { timeoutSeconds: 1 }));
    const request = invocation({ kind: 'loop' }, { deadlineEpochMs: Date.now() + 300 });
    const result = await box.invoke(request);
    expect(Date.now() - request.deadlineEpochMs).toBeLessThan(200);
    expect(result).toMatchObject({ status: 'error', errorType: 'Sandbox.Timedout', discard: true });
  });

  it('fails past MemorySize with Runtime.OutOfMemory; a fresh environment then works', async () => {
    const box = sandbox();
    await box.boot();
    await box.init(environmentInit('limits', { memorySizeMb: 128 }));
    const result = await box.invoke(invocation({ kind: 'oom' }, { deadlineEpochMs: Date.now() + 10_000 }));
    expect(result).toMatchObject({ errorType: 'Runtime.OutOfMemory', discard: true, maxMemoryUsedBytes: 128 * 1024 * 1024 });
    box.worker.terminate();
    const fresh = sandbox();
    await fresh.boot();
    await fresh.init(environmentInit('limits'));
    expect((await fresh.invoke(invocation({ kind: 'none' }))).payload).toBe('"fine"');
  });

  it('carries layers, /tmp and "Allow network access" through the protocol into the worker', async () => {
    const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
    const source = [
      "const fs = require('fs');",
      "const { greet } = require('greeting');",
      'exports.handler = async () => {',
      "  fs.appendFileSync('/tmp/count', 'x');",
      "  let fetched;",
      "  try { fetched = await (await fetch('data:text/plain,from%20the%20worker')).text(); } catch (e) { fetched = e.message; }",
      "  return { greeting: greet(), count: fs.readFileSync('/tmp/count', 'utf8').length, fetched };",
      '};',
    ].join('\n');
    const optFiles = { 'nodejs/node_modules/greeting/index.js': encode("exports.greet = () => 'hello from a layer';") };
    const results = [];
    for (const allowNetwork of [true, false]) {
      const box = sandbox();
      await box.boot();
      await box.init(environmentInit('area', { files: { 'index.js': encode(source) }, optFiles, allowNetwork }));
      results.push(JSON.parse((await box.invoke(invocation({}))).payload), JSON.parse((await box.invoke(invocation({}))).payload));
    }
    const off = 'fetch is not available: network access is off for this function. Turn on "Allow network access" in its configuration to let it make requests.';
    expect(results).toEqual([
      { greeting: 'hello from a layer', count: 1, fetched: 'from the worker' },
      { greeting: 'hello from a layer', count: 2, fetched: 'from the worker' },
      { greeting: 'hello from a layer', count: 1, fetched: off },
      { greeting: 'hello from a layer', count: 2, fetched: off },
    ]);
  });
});
