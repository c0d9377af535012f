/**
 * The Node.js runtime on the real QuickJS, in-process. Expected shapes come from Lambda's
 * Node.js runtime client (aws-lambda-nodejs-runtime-interface-client 3.x: UserFunction.js,
 * Errors.js, LogPatch.js, CallbackContext.js) and the developer guide pages cited per suite.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { format } from 'node:util';
import { nodeEngineAssets } from '../../../tests/support/node-sandbox';
import type { EnvironmentInit, SandboxEngine } from '../../workers/sandbox-protocol';
import { createQuickjsEngine } from './engine';
import { ISO_TIME, environmentInit, invocation, logCollector, parseLogLine } from './test-helpers';

const engines: SandboxEngine[] = [];
afterEach(() => {
  for (const engine of engines.splice(0)) engine.dispose();
});

async function start(fixture: string, overrides: Partial<EnvironmentInit> = {}) {
  const engine = await createQuickjsEngine(nodeEngineAssets, 'nodejs22.x');
  engines.push(engine);
  const logs = logCollector();
  const init = await engine.init(environmentInit(fixture, overrides), logs.sink);
  const invoke = (payload: unknown, options: Parameters<typeof invocation>[1] = {}) =>
    engine.invoke(invocation(payload, options), logs.sink);
  return { engine, init, logs: logs.lines, sink: logs.sink, invoke };
}

describe('the getting-started area example (docs: getting-started, "Create a Lambda function with the console")', () => {
  it('returns the JSON string Lambda returns and logs two INFO lines with the request id', async () => {
    const { engine, init, logs, sink } = await start('area');
    expect(init).toMatchObject({ ok: true });
    const request = invocation({ length: 6, width: 7 });
    const result = await engine.invoke(request, sink);
    expect(result).toMatchObject({ requestId: request.requestId, status: 'success', payload: '"{\\"area\\":42}"', discard: false });
    expect(result.payload).toBe(JSON.stringify(JSON.stringify({ area: 42 })));
    expect(logs).toHaveLength(2);
    const [first, second] = logs.map(parseLogLine);
    expect(first).toMatchObject({ requestId: request.requestId, level: 'INFO', message: 'The area is 42' });
    expect(first!.time).toMatch(ISO_TIME);
    // util.format joins arguments with a space: the tutorial's 'group: ' + ' ' gives two spaces.
    expect(second).toMatchObject({ level: 'INFO', message: 'CloudWatch log group:  /aws/lambda/myLambdaFunction' });
    expect(result.maxMemoryUsedBytes).toBeGreaterThanOrEqual(16 * 1024 * 1024);
    expect(result.maxMemoryUsedBytes).toBeLessThanOrEqual(128 * 1024 * 1024);
  });
});

describe('execution environment reuse (docs: lambda-runtime-environment, "Invoke phase")', () => {
  it('runs module code once at init (request id undefined) and keeps globals across warm invocations', async () => {
    const { init, logs, invoke } = await start('warm');
    expect(init.ok).toBe(true);
    expect(logs.map(parseLogLine)).toEqual([expect.objectContaining({ requestId: 'undefined', level: 'INFO', message: 'module loaded' })]);
    const payloads = [];
    for (let i = 0; i < 3; i++) payloads.push(JSON.parse((await invoke({})).payload));
    expect(payloads).toEqual([1, 2, 3].map((invocations) => ({ invocations, bootedAt: 'init' })));
    expect(logs).toHaveLength(1);
  });
});

describe('handler resolution (docs: nodejs-handler; UserFunction.js)', () => {
  it('loads CommonJS index.js with relative require and JSON require', async () => {
    const { init, invoke } = await start('cjs');
    expect(init.ok).toBe(true);
    expect(JSON.parse((await invoke({ n: 21 })).payload)).toEqual({
      doubled: 42, name: 'cjs-fixture', file: '/var/task/index.js', dir: '/var/task',
    });
  });

  it('loads index.js as ESM when package.json says "type": "module"', async () => {
    const { invoke } = await start('esm-type-module');
    expect((await invoke({ name: 'Ada' })).payload).toBe('"Hello, Ada!"');
  });

  it('resolves handlers in subfolders (src/app.handler) with relative imports', async () => {
    const { init, invoke } = await start('subfolder', { handler: 'src/app.handler' });
    expect(init.ok).toBe(true);
    expect((await invoke({})).payload).toBe('"hello from src/app.mjs"');
  });

  it('imports CommonJS from ESM (default and named exports) and packages from node_modules', async () => {
    const { invoke } = await start('esm-imports-cjs');
    expect(JSON.parse((await invoke({})).payload)).toEqual({ sum: 5, version: 3, greeting: 'greetings, esm' });
  });

  it('runs callback handlers exported as module.exports = { handler }, honouring package "exports"', async () => {
    const { invoke } = await start('node-modules');
    expect((await invoke({ who: 'you' })).payload).toBe('"hi you (cjs)"');
  });
});

describe('init errors (docs: nodejs-exceptions; Errors.js, UserFunction.js)', () => {
  async function initError(fixture: string) {
    const { init, logs, invoke } = await start(fixture);
    expect(init.ok).toBe(false);
    if (init.ok) throw new Error('unreachable');
    const body = JSON.parse(init.errorBody) as { errorType: string; errorMessage: string; trace: string[] };
    expect(body.errorType).toBe(init.errorType);
    expect(logs).toHaveLength(1);
    const line = parseLogLine(logs[0]!);
    expect(line).toMatchObject({ requestId: 'undefined', level: 'ERROR' });
    expect(line.message.startsWith('Uncaught Exception \t{')).toBe(true);
    const logged = JSON.parse(line.message.slice('Uncaught Exception \t'.length));
    expect(logged).toMatchObject({ errorType: body.errorType, errorMessage: body.errorMessage, stack: body.trace });
    // The first invocation of an environment whose init failed answers with the init error.
    const result = await invoke({});
    expect(result).toMatchObject({ status: 'error', errorType: init.errorType, payload: init.errorBody });
    return body;
  }

  it('reports a syntax error as Runtime.UserCodeSyntaxError', async () => {
    const body = await initError('syntax-error');
    expect(body.errorType).toBe('Runtime.UserCodeSyntaxError');
    expect(body.errorMessage).toMatch(/^SyntaxError: /);
    expect(body.trace[0]).toBe(`Runtime.UserCodeSyntaxError: ${body.errorMessage}`);
  });

  it('reports a missing handler file as Runtime.ImportModuleError with the runtime require stack', async () => {
    const body = await initError('missing-file');
    expect(body).toMatchObject({
      errorType: 'Runtime.ImportModuleError',
      errorMessage: "Error: Cannot find module 'index'\nRequire stack:\n- /var/runtime/index.mjs",
    });
    expect(body.trace.slice(0, 3)).toEqual(["Runtime.ImportModuleError: Error: Cannot find module 'index'", 'Require stack:', '- /var/runtime/index.mjs']);
  });

  it('reports a missing require() as Runtime.ImportModuleError naming the requiring file', async () => {
    const body = await initError('missing-require');
    expect(body).toMatchObject({
      errorType: 'Runtime.ImportModuleError',
      errorMessage: "Error: Cannot find module 'left-pad'\nRequire stack:\n- /var/task/index.js\n- /var/runtime/index.mjs",
    });
  });

  it("reports a missing ESM import as Node's ERR_MODULE_NOT_FOUND, uncaught (the runtime wraps only MODULE_NOT_FOUND)", async () => {
    const body = await initError('missing-import');
    expect(body).toMatchObject({ errorType: 'Error', errorMessage: "Cannot find package 'axios' imported from /var/task/index.mjs" });
    expect(body.trace[0]).toBe("Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'axios' imported from /var/task/index.mjs");
  });

  it('reports a module without the handler export as Runtime.HandlerNotFound', async () => {
    const body = await initError('no-handler');
    expect(body).toMatchObject({ errorType: 'Runtime.HandlerNotFound', errorMessage: 'index.handler is undefined or not exported' });
  });

  it('reports a malformed handler string as Runtime.MalformedHandlerName', async () => {
    const { init } = await start('area', { handler: 'index' });
    expect(init).toMatchObject({ ok: false, errorType: 'Runtime.MalformedHandlerName' });
  });
});

describe('invocation errors (docs: nodejs-exceptions)', () => {
  it('returns errorType/errorMessage/trace and logs "Invoke Error" with the enumerable properties and stack', async () => {
    const { engine, logs, sink } = await start('throws');
    const request = invocation({ value: 7 });
    const result = await engine.invoke(request, sink);
    expect(result).toMatchObject({ status: 'error', errorType: 'ValidationError', discard: false });
    const body = JSON.parse(result.payload);
    expect(Object.keys(body)).toEqual(['errorType', 'errorMessage', 'trace']);
    expect(body).toMatchObject({ errorType: 'ValidationError', errorMessage: 'bad input: 7' });
    expect(body.trace[0]).toBe('ValidationError: bad input: 7');
    expect(body.trace[1]).toMatch(/^ {4}at .*\(file:\/\/\/var\/task\/index\.mjs:\d+:\d+\)$/);
    const line = parseLogLine(logs[0]!);
    expect(line).toMatchObject({ requestId: request.requestId, level: 'ERROR' });
    expect(line.message.startsWith('Invoke Error \t')).toBe(true);
    expect(JSON.parse(line.message.slice('Invoke Error \t'.length))).toEqual({
      errorType: 'ValidationError', errorMessage: 'bad input: 7', code: 'E_INVALID', name: 'ValidationError', stack: body.trace,
    });
  });

  it('reports a thrown non-Error by its typeof, with an empty trace', async () => {
    const { invoke } = await start('throws');
    const result = await invoke({ kind: 'string' });
    expect(JSON.parse(result.payload)).toEqual({ errorType: 'string', errorMessage: 'plain string', trace: [] });
  });

  it('reports runtime TypeErrors thrown synchronously', async () => {
    const { invoke } = await start('throws');
    const body = JSON.parse((await invoke({ kind: 'sync' })).payload);
    expect(body.errorType).toBe('TypeError');
    expect(body.trace[0]).toBe(`TypeError: ${body.errorMessage}`);
  });
});

describe('callback handlers (docs: nodejs-handler, "Callback-based function handlers"; CallbackContext.js)', () => {
  it('waits for the event loop to empty before responding, unless told not to', async () => {
    const { logs, invoke } = await start('callback');
    expect((await invoke({ kind: 'waits' })).payload).toBe('{"kind":"waits"}');
    expect(parseLogLine(logs[0]!).message).toBe('timer ran before the response');
    const started = Date.now();
    expect((await invoke({ kind: 'no-wait' })).payload).toBe('"no-wait"');
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('reports callback errors, context.succeed, and null for a sync handler that returns without calling back', async () => {
    const { invoke } = await start('callback');
    expect(JSON.parse((await invoke({ kind: 'error' })).payload)).toMatchObject({ errorType: 'Error', errorMessage: 'callback error' });
    expect((await invoke({ kind: 'succeed' })).payload).toBe('"via context.succeed"');
    expect(await invoke({ kind: 'sync-return' })).toMatchObject({ status: 'success', payload: 'null' });
  });

  it('fails an unserialisable response as the runtime does', async () => {
    const { invoke } = await start('callback');
    const result = await invoke({ kind: 'circular' });
    expect(result.status).toBe('error');
    expect(JSON.parse(result.payload)).toMatchObject({ errorType: 'Error', errorMessage: 'Unable to stringify response body' });
  });
});

describe('how an invocation completes (CallbackContext.js: onlyAllowFirstCall, Runtime.js)', () => {
  it('keeps only the first of callback, succeed, fail and done', async () => {
    const { logs, invoke } = await start('completion');
    expect(await invoke({ kind: 'first-wins' })).toMatchObject({ status: 'success', payload: '"first"' });
    expect(logs).toEqual([]);
  });

  it("gives the context Lambda's keys, an accessor for callbackWaitsForEmptyEventLoop, and anonymous wrappers", async () => {
    const { invoke } = await start('completion');
    expect(JSON.parse((await invoke({ kind: 'shape' })).payload)).toEqual({
      keys: [
        'callbackWaitsForEmptyEventLoop', 'succeed', 'fail', 'done', 'functionVersion', 'functionName',
        'memoryLimitInMB', 'logGroupName', 'logStreamName', 'clientContext', 'identity',
        'invokedFunctionArn', 'awsRequestId', 'getRemainingTimeInMillis',
      ],
      functions: {},
      lengths: [0, 0, 0, 0],
      names: ['', '', '', ''],
      accessor: ['function', 'function', true],
      remaining: 'number',
    });
  });

  it('reports errors passed to done and fail(), and an error type holding digits and colons', async () => {
    const { invoke } = await start('completion');
    expect(JSON.parse((await invoke({ kind: 'done-error' })).payload)).toMatchObject({ errorType: 'Error', errorMessage: 'via done' });
    expect(JSON.parse((await invoke({ kind: 'fail-nothing' })).payload)).toEqual({ errorType: 'string', errorMessage: 'handled', trace: [] });
    const odd = await invoke({ kind: 'odd-error-name' });
    expect(odd).toMatchObject({ status: 'error', errorType: '12:Odd:Name', discard: false });
    expect(JSON.parse(odd.payload)).toMatchObject({ errorType: '12:Odd:Name', errorMessage: 'odd' });
  });

  it('posts an exception thrown by a timer as the error and discards the environment (the process exits)', async () => {
    const { logs, invoke } = await start('completion');
    const result = await invoke({ kind: 'uncaught' });
    expect(result).toMatchObject({ status: 'error', errorType: 'TypeError', discard: true });
    expect(JSON.parse(result.payload)).toMatchObject({ errorType: 'TypeError', errorMessage: 'thrown by a timer' });
    expect(parseLogLine(logs[0]!).message.startsWith('Uncaught Exception \t')).toBe(true);
  });

  it('turns an unserialisable async result into an error through the promise\'s catch, logged once', async () => {
    const { logs, invoke } = await start('completion', { handler: 'index.asyncHandler' });
    const result = await invoke({ kind: 'circular' });
    expect(result).toMatchObject({ status: 'error', errorType: 'Error', discard: false });
    expect(JSON.parse(result.payload)).toMatchObject({ errorMessage: 'Unable to stringify response body' });
    expect(logs).toHaveLength(1);
    expect(parseLogLine(logs[0]!).message.startsWith('Invoke Error \t')).toBe(true);
  });

  it('answers Runtime.NodeJsExit for an async handler whose promise never settles, and lets succeed beat the return value', async () => {
    const { invoke } = await start('completion', { handler: 'index.asyncHandler' });
    const exit = await invoke({ kind: 'never-settles' });
    expect(exit).toMatchObject({ status: 'error', errorType: 'Runtime.NodeJsExit', discard: false });
    expect((await invoke({ kind: 'succeed-then-return' })).payload).toBe('"explicit"');
    expect((await invoke({ kind: 'timer' })).payload).toBe('{"after":"timer"}');
  });
});

describe('console (docs: nodejs-logging; LogPatch.js)', () => {
  it("formats every argument list exactly as Node's util.format", async () => {
    const { logs, invoke } = await start('format');
    const casesUrl = new URL('../../../tests/fixtures/handlers/nodejs/format/cases.mjs', import.meta.url).href;
    const { cases } = (await import(/* @vite-ignore */ casesUrl)) as { cases: unknown[][] };
    expect((await invoke({})).payload).toBe(String(cases.length));
    expect(logs.map((line) => parseLogLine(line).message)).toEqual(cases.map((args) => format(...args)));
  });

  it('writes one record per call with its level: log/info INFO, warn, error, debug, trace', async () => {
    const { logs, invoke } = await start('console');
    await invoke({});
    const lines = logs.map(parseLogLine);
    expect(lines.map((l) => l.level)).toEqual(['INFO', 'INFO', 'WARN', 'ERROR', 'DEBUG', 'TRACE', 'INFO', 'INFO', 'INFO']);
    expect(lines[0]!.message).toBe('plain text and 42.5 and {"j":1}');
    expect(lines[3]!.message.split('\n')[0]).toBe('TypeError: shown with stack');
    expect(lines[3]!.message.split('\n')[1]).toMatch(/^ {4}at handler \(file:\/\/\/var\/task\/index\.mjs:/);
    expect(lines[6]!.message).toBe('undefined');
    expect(lines[7]!.message).toBe('multi\nline');
  });
});

describe('context and process.env (docs: nodejs-context, configuration-envvars)', () => {
  it('exposes the context fields and counts getRemainingTimeInMillis down to the deadline', async () => {
    const { engine, sink } = await start('context', { environment: { GREETING: 'hello', AWS_REGION: 'us-east-1' } });
    const request = invocation({}, { deadlineEpochMs: Date.now() + 2000 });
    const result = await engine.invoke(request, sink);
    const ctx = JSON.parse(result.payload);
    expect(ctx).toMatchObject({
      functionName: 'myLambdaFunction',
      functionVersion: '$LATEST',
      invokedFunctionArn: request.invokedFunctionArn,
      memoryLimitInMB: '128',
      awsRequestId: request.requestId,
      logGroupName: '/aws/lambda/myLambdaFunction',
      logStreamName: '2024/08/31/[$LATEST]0123456789abcdef0123456789abcdef',
      identity: 'undefined',
      callbackWaitsForEmptyEventLoop: true,
      env: 'hello',
      region: 'us-east-1',
    });
    expect(ctx.before).toBeGreaterThan(1800);
    expect(ctx.before).toBeLessThanOrEqual(2000);
    expect(ctx.before - ctx.after).toBeGreaterThanOrEqual(45);
  });

  it('parses a client context', async () => {
    const { invoke } = await start('context');
    const result = await invoke({}, { clientContext: JSON.stringify({ custom: { a: 1 } }) });
    expect(JSON.parse(result.payload).clientContext).toEqual({ custom: { a: 1 } });
  });
});

describe('timers and the event loop', () => {
  it('drives promises, setTimeout, setImmediate and queueMicrotask in order', async () => {
    const { invoke } = await start('async-timer');
    const started = Date.now();
    expect(JSON.parse((await invoke({})).payload)).toEqual(['after await 10', 'microtask', 'timeout 20']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });
});

describe('limits, enforced cooperatively (docs: configuration-timeout, configuration-memory)', () => {
  for (const kind of ['loop', 'catch-everything', 'await']) {
    it(`times out a handler that runs "${kind}" within 200 ms of the deadline, and discards the environment`, async () => {
      const { engine, logs, sink } = await start('timeout', { timeoutSeconds: 1 });
      const request = invocation({ kind }, { deadlineEpochMs: Date.now() + 300 });
      const result = await engine.invoke(request, sink);
      expect(Date.now() - request.deadlineEpochMs).toBeLessThan(200);
      expect(result).toMatchObject({
        status: 'error',
        errorType: 'Sandbox.Timedout',
        discard: true,
        payload: `{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: ${request.requestId} Error: Task timed out after 1.00 seconds"}`,
      });
      expect(logs).toEqual([]);
    });
  }

  it('stops a handler that allocates past MemorySize with Runtime.OutOfMemory; a fresh environment then works', async () => {
    const { engine, sink } = await start('limits', { memorySizeMb: 128 });
    const request = invocation({ kind: 'oom' }, { deadlineEpochMs: Date.now() + 10_000 });
    const result = await engine.invoke(request, sink);
    expect(result).toMatchObject({
      status: 'error',
      errorType: 'Runtime.OutOfMemory',
      discard: true,
      maxMemoryUsedBytes: 128 * 1024 * 1024,
      payload: `{"errorType":"Runtime.OutOfMemory","errorMessage":"RequestId: ${request.requestId} Error: Runtime exited with error: signal: killed"}`,
    });
    const fresh = await start('limits');
    expect((await fresh.invoke({ kind: 'none' })).payload).toBe('"fine"');
  });

  it('gives a function its own memory size (a non-default MemorySize gets a fresh instance)', async () => {
    const { init, invoke } = await start('area', { memorySizeMb: 256 });
    expect(init.ok).toBe(true);
    expect((await invoke({ length: 2, width: 3 })).payload).toBe('"{\\"area\\":6}"');
  });

  it('stops runaway module code at the init deadline', async () => {
    const engine = await createQuickjsEngine(nodeEngineAssets, 'nodejs22.x');
    engines.push(engine);
    const init = environmentInit('area', {
      files: { 'index.mjs': new TextEncoder().encode('while (true) {}\nexport const handler = () => 1;') },
      initDeadlineEpochMs: Date.now() + 200,
    });
    const started = Date.now();
    const done = await engine.init(init, () => undefined);
    expect(Date.now() - started).toBeLessThan(400);
    expect(done).toMatchObject({ ok: false, errorType: 'Sandbox.Timedout' });
  });
});

describe('the clock (docs: configuration-envvars, TZ=:UTC)', () => {
  it('keeps local time in UTC whatever the host’s time zone', async () => {
    const hostZone = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      const { invoke } = await start('utc-clock');
      const result = JSON.parse((await invoke({})).payload);
      expect(result).toEqual({ offset: 0, hours: 12, iso: '2024-01-15T12:30:00.000Z' });
    } finally {
      if (hostZone === undefined) delete process.env.TZ;
      else process.env.TZ = hostZone;
    }
  });
});
