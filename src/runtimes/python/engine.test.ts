/**
 * The python3.14 runtime on the real Pyodide, in a real worker thread: one Pyodide for the
 * whole file (booting costs ~3–5 s); each `init` starts a new environment's code in it.
 * Expected formats come from awslambdaric (aws-lambda-python-runtime-interface-client,
 * awslambdaric/bootstrap.py) and the Lambda developer guide's Python pages.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PythonSandbox, fixtureFiles } from './test-harness';

const NBSP = '\u00a0';
const ISO_TIME = String.raw`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z`;
const LAMBDA_WARNING_PREFIX = 'LAMBDA_WARNING: Unhandled exception. The most likely cause is an issue in the function code.';

let sandbox: PythonSandbox;

beforeAll(async () => {
  sandbox = await PythonSandbox.boot();
});

afterAll(() => sandbox?.terminate());

describe('the getting-started tutorial (https://docs.aws.amazon.com/lambda/latest/dg/getting-started.html)', () => {
  test('the area example returns the JSON string and writes the print and logging lines', async () => {
    const { done } = await sandbox.init(fixtureFiles('area'));
    expect(done).toMatchObject({ ok: true });

    const { result, lines } = await sandbox.invoke({ length: 6, width: 7 });

    expect(result.status).toBe('success');
    expect(result.payload).toBe('"{\\"area\\": 42}"');
    expect(JSON.parse(result.payload)).toBe('{"area": 42}');
    expect(result.discard).toBe(false);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('The area is 42');
    expect(lines[1]).toMatch(
      new RegExp(`^\\[INFO\\]\\t${ISO_TIME}\\t${result.requestId}\\tCloudWatch logs group: /aws/lambda/myLambdaFunction$`),
    );
  });

  test('Max Memory Used is the measured wasm heap, above Pyodide\'s base and below MemorySize', async () => {
    const { result } = await sandbox.invoke({ length: 1, width: 1 });
    expect(result.maxMemoryUsedBytes).toBeGreaterThan(20 * 1024 * 1024);
    expect(result.maxMemoryUsedBytes).toBeLessThanOrEqual(128 * 1024 * 1024);
  });
});

describe('execution environment reuse (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html)', () => {
  test('module code runs once at init; warm invocations keep globals', async () => {
    const { done, logs } = await sandbox.init(fixtureFiles('warm'), { environment: { GREETING: 'hello' } });
    expect(done.ok).toBe(true);
    expect(logs.map((l) => l.message)).toEqual(['module code runs']);

    const first = await sandbox.invoke({ value: 1 });
    const second = await sandbox.invoke({ value: 2 });
    const third = await sandbox.invoke({ value: 3 });

    expect(first.lines).toEqual([]);
    expect(JSON.parse(first.result.payload)).toEqual({ invocations: 1, cached: 1, cwd: '/var/task', greeting: 'hello' });
    expect(JSON.parse(second.result.payload)).toMatchObject({ invocations: 2, cached: 2 });
    expect(JSON.parse(third.result.payload)).toMatchObject({ invocations: 3, cached: 3 });
  });

  test('a dotted handler resolves a module inside packages, with relative imports', async () => {
    const { done } = await sandbox.init(fixtureFiles('package'), { handler: 'pkg.sub.mod.handler' });
    expect(done.ok).toBe(true);
    const { result } = await sandbox.invoke({ name: 'lambda' });
    expect(JSON.parse(result.payload)).toEqual({ message: 'LAMBDA!', module: 'pkg.sub.mod' });
  });

  test('a handler path with slashes is imported as a package path, as awslambdaric does', async () => {
    const { done } = await sandbox.init(fixtureFiles('package'), { handler: 'pkg/sub/mod.handler' });
    expect(done.ok).toBe(true);
  });
});

describe('Init errors, as awslambdaric reports them', () => {
  const initError = async (fixture: string, handler?: string) => {
    const { done, logs } = await sandbox.init(fixtureFiles(fixture), handler ? { handler } : {});
    if (done.ok) throw new Error('expected the init to fail');
    return { done, body: JSON.parse(done.errorBody) as Record<string, unknown>, lines: logs.map((l) => l.message) };
  };

  test('a missing module: Runtime.ImportModuleError', async () => {
    const { done, lines } = await initError('import_error');
    expect(done.errorType).toBe('Runtime.ImportModuleError');
    expect(done.errorBody).toBe(
      '{"errorMessage": "Unable to import module \'lambda_function\': No module named \'does_not_exist\'", ' +
        '"errorType": "Runtime.ImportModuleError", "requestId": "", "stackTrace": []}',
    );
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^\\[WARNING\\]\\t${ISO_TIME}\\t\\t${LAMBDA_WARNING_PREFIX.replace(/\./g, '\\.')}`));
    expect(lines[1]).toBe(
      "[ERROR] Runtime.ImportModuleError: Unable to import module 'lambda_function': No module named 'does_not_exist'\n" +
        'Traceback (most recent call last):',
    );
  });

  test('a syntax error: Runtime.UserCodeSyntaxError with CPython 3.14\'s message and the line', async () => {
    const { done, body, lines } = await initError('syntax_error');
    expect(done.errorType).toBe('Runtime.UserCodeSyntaxError');
    expect(body).toEqual({
      errorMessage: "Syntax error in module 'lambda_function': expected ':' (lambda_function.py, line 3)",
      errorType: 'Runtime.UserCodeSyntaxError',
      requestId: '',
      stackTrace: ['  File "/var/task/lambda_function.py" Line 3\n    def lambda_handler(event, context)\n'],
    });
    expect(lines[1]).toBe(
      "[ERROR] Runtime.UserCodeSyntaxError: Syntax error in module 'lambda_function': expected ':' (lambda_function.py, line 3)\n" +
        'Traceback (most recent call last):\n' +
        `${NBSP.repeat(2)}File "/var/task/lambda_function.py" Line 3\n` +
        `${NBSP.repeat(4)}def lambda_handler(event, context)`,
    );
  });

  test('a missing handler function: Runtime.HandlerNotFound', async () => {
    const { done, body } = await initError('no_handler');
    expect(done.errorType).toBe('Runtime.HandlerNotFound');
    expect(body).toEqual({
      errorMessage: "Handler 'lambda_handler' missing on module 'lambda_function'",
      errorType: 'Runtime.HandlerNotFound',
      requestId: '',
      stackTrace: [],
    });
  });

  test('a missing handler module: Runtime.ImportModuleError naming it', async () => {
    const { done, body } = await initError('area', 'app.handler');
    expect(done.errorType).toBe('Runtime.ImportModuleError');
    expect(body.errorMessage).toBe("Unable to import module 'app': No module named 'app'");
  });

  test('a handler without a dot: Runtime.MalformedHandlerName', async () => {
    const { done, body } = await initError('area', 'lambda_handler');
    expect(done.errorType).toBe('Runtime.MalformedHandlerName');
    expect(body.errorMessage).toBe("Bad handler 'lambda_handler': not enough values to unpack (expected 2, got 1)");
  });

  test('an exception in module code: its type, message and the user frame', async () => {
    const { done, body, lines } = await initError('module_error');
    expect(done.errorType).toBe('KeyError');
    expect(body.errorMessage).toBe("'table'");
    const trace = body.stackTrace as string[];
    expect(trace.at(-1)).toBe('  File "/var/task/lambda_function.py", line 2, in <module>\n    table = config["table"]\n');
    expect(lines[1]?.startsWith("[ERROR] KeyError: 'table'\nTraceback (most recent call last):\n")).toBe(true);
  });

  test('invoking after a failed init returns the init error again', async () => {
    await initError('no_handler');
    const { result } = await sandbox.invoke({});
    expect(result).toMatchObject({ status: 'error', errorType: 'Runtime.HandlerNotFound' });
  });
});

describe('handler errors (https://docs.aws.amazon.com/lambda/latest/dg/python-exceptions.html)', () => {
  const invokeHandler = async (name: string, event: unknown = {}) => {
    const { done } = await sandbox.init(fixtureFiles('errors'), { handler: `lambda_function.${name}` });
    expect(done.ok).toBe(true);
    return sandbox.invoke(event);
  };

  test('an exception: body with user frames only, and the [ERROR] log event', async () => {
    const { result, lines } = await invokeHandler('raise_error');
    expect(result.status).toBe('error');
    expect(result.errorType).toBe('Exception');
    expect(result.discard).toBe(false);
    expect(result.payload).toBe(
      `{"errorMessage": "Something went wrong", "errorType": "Exception", "requestId": "${result.requestId}", ` +
        String.raw`"stackTrace": ["  File \"/var/task/lambda_function.py\", line 5, in raise_error\n    raise Exception(\"Something went wrong\")\n"]}`,
    );
    expect(lines).toEqual([
      '[ERROR] Exception: Something went wrong\n' +
        'Traceback (most recent call last):\n' +
        `${NBSP.repeat(2)}File "/var/task/lambda_function.py", line 5, in raise_error\n` +
        `${NBSP.repeat(4)}raise Exception("Something went wrong")`,
    ]);
  });

  test('a nested error lists every user frame, innermost last', async () => {
    const { result } = await invokeHandler('nested_error');
    const body = JSON.parse(result.payload) as { errorType: string; errorMessage: string; stackTrace: string[] };
    expect(body.errorType).toBe('KeyError');
    expect(body.errorMessage).toBe("'missing'");
    expect(body.stackTrace).toEqual([
      '  File "/var/task/lambda_function.py", line 13, in nested_error\n    return lookup({})\n',
      '  File "/var/task/lambda_function.py", line 9, in lookup\n    return data["missing"]\n',
    ]);
  });

  test('an unserialisable result: Runtime.MarshalError', async () => {
    const { result, lines } = await invokeHandler('unserialisable');
    expect(result.errorType).toBe('Runtime.MarshalError');
    expect(JSON.parse(result.payload)).toEqual({
      errorMessage: 'Unable to marshal response: Object of type set is not JSON serializable',
      errorType: 'Runtime.MarshalError',
      requestId: result.requestId,
      stackTrace: [],
    });
    expect(lines).toEqual([
      '[ERROR] Runtime.MarshalError: Unable to marshal response: Object of type set is not JSON serializable\nTraceback (most recent call last):',
    ]);
  });

  test('an event that is not JSON: Runtime.UnmarshalError', async () => {
    const { result } = await invokeHandler('echo', 'not json');
    expect(result.errorType).toBe('Runtime.UnmarshalError');
    expect(JSON.parse(result.payload).errorMessage).toBe('Unable to unmarshal input: Expecting value: line 1 column 1 (char 0)');
  });

  test('None serialises as null; Decimal as its digits; non-ASCII escaped as simplejson does', async () => {
    expect((await invokeHandler('returns_none')).result.payload).toBe('null');
    expect((await invokeHandler('returns_decimal')).result.payload).toBe('{"price": 19.90, "text": "caf\\u00e9"}');
  });

  test('the event round-trips with Python\'s separators', async () => {
    const { result } = await invokeHandler('echo', { a: [1, 2], b: { c: null } });
    expect(result.payload).toBe('{"a": [1, 2], "b": {"c": null}}');
  });

  test('an async def handler is not awaited, as on Lambda: Runtime.MarshalError', async () => {
    const { result } = await invokeHandler('async_handler');
    expect(result.errorType).toBe('Runtime.MarshalError');
    expect(JSON.parse(result.payload).errorMessage).toBe(
      'Unable to marshal response: Object of type coroutine is not JSON serializable',
    );
  });

  test('sys.exit ends the runtime: Runtime.ExitError with the exit status', async () => {
    const { result } = await invokeHandler('exits');
    expect(result).toMatchObject({ status: 'error', errorType: 'Runtime.ExitError', discard: true });
    expect(JSON.parse(result.payload)).toEqual({
      errorType: 'Runtime.ExitError',
      errorMessage: `RequestId: ${result.requestId} Error: Runtime exited with error: exit status 3`,
    });
  });
});

describe('logging (https://docs.aws.amazon.com/lambda/latest/dg/python-logging.html)', () => {
  test('the root logger defaults to WARNING, formatted as Lambda\'s text format', async () => {
    await sandbox.init(fixtureFiles('logging'), { handler: 'lambda_function.default_levels' });
    const { result, lines } = await sandbox.invoke({});
    const id = result.requestId;
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^\\[WARNING\\]\\t${ISO_TIME}\\t${id}\\twarning shown$`));
    expect(lines[1]).toMatch(new RegExp(`^\\[ERROR\\]\\t${ISO_TIME}\\t${id}\\terror shown$`));
  });

  test('AWS_LAMBDA_LOG_LEVEL sets the root level', async () => {
    await sandbox.init(fixtureFiles('logging'), {
      handler: 'lambda_function.default_levels',
      environment: { AWS_LAMBDA_LOG_LEVEL: 'DEBUG' },
    });
    const { lines } = await sandbox.invoke({});
    expect(lines.map((l) => l.split('\t')[0])).toEqual(['[DEBUG]', '[INFO]', '[WARNING]', '[ERROR]']);
  });

  test('print, stderr and logging: raw lines and records in the order written, all before the result', async () => {
    await sandbox.init(fixtureFiles('logging'), { handler: 'lambda_function.info_level' });
    const { result, lines } = await sandbox.invoke({});
    const id = result.requestId;
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^\\[INFO\\]\\t${ISO_TIME}\\t${id}\\tinfo shown$`)),
      expect.stringMatching(new RegExp(`^\\[INFO\\]\\t${ISO_TIME}\\t${id}\\tchild propagates$`)),
      'to stdout',
      'to stderr',
      'first',
      'second',
      'context.log line',
      'no newline',
    ]);
  });

  test('a multi-line record is one log event', async () => {
    await sandbox.init(fixtureFiles('logging'), { handler: 'lambda_function.multiline' });
    const { lines } = await sandbox.invoke({});
    expect(lines).toEqual([expect.stringMatching(/^\[INFO\]\t.*\tline one\nline two$/)]);
  });
});

describe('the context object (https://docs.aws.amazon.com/lambda/latest/dg/python-context.html)', () => {
  test('snake_case fields and a remaining time counting down to the deadline', async () => {
    await sandbox.init(fixtureFiles('context'), { memorySizeMb: 256 });
    const deadlineEpochMs = Date.now() + 3000;
    const clientContext = JSON.stringify({ custom: { k: 'v' }, env: { platform: 'web' }, client: { installation_id: 'i-1' } });
    const { result } = await sandbox.invoke(
      {},
      { deadlineEpochMs, invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:myLambdaFunction:prod', clientContext },
    );
    const context = JSON.parse(result.payload) as Record<string, unknown> & { remaining: [number, number] };
    expect(context).toMatchObject({
      function_name: 'myLambdaFunction',
      function_version: '$LATEST',
      invoked_function_arn: 'arn:aws:lambda:us-east-1:123456789012:function:myLambdaFunction:prod',
      memory_limit_in_mb: '256',
      aws_request_id: result.requestId,
      log_group_name: '/aws/lambda/myLambdaFunction',
      log_stream_name: '2024/08/31/[$LATEST]0123456789abcdef0123456789abcdef',
      identity: [null, null],
      client_context: { custom: { k: 'v' }, env: { platform: 'web' }, installation_id: 'i-1' },
    });
    const [before, after] = context.remaining;
    expect(before).toBeGreaterThan(2500);
    expect(before).toBeLessThanOrEqual(3000);
    expect(before - after).toBeGreaterThanOrEqual(45);
  });
});

describe('the standard library works offline', () => {
  test('json, re, datetime, decimal, hashlib, sqlite3; local time is UTC as on Lambda', async () => {
    await sandbox.init(fixtureFiles('stdlib'));
    const { result } = await sandbox.invoke({});
    expect(result.status).toBe('success');
    expect(JSON.parse(result.payload)).toMatchObject({
      json: { a: [1, 2] },
      re: ['1', '22', '333'],
      date: '2024-08-31',
      total: '7.50',
      sha256: '554e79e652b29f3a01dcf98e494b9928a1dc12cc83b83e730574c9b37ca6359f',
      sqlite: expect.stringMatching(/^3\./),
      // Known difference: %Z is Emscripten's "UTC-0000" where Lambda prints "UTC".
      utc: { tzname: ['UTC', 'UTC'], timezone: 0, zone: ['UTC-0000', 'UTC-0000'], now_is_utc: true, localtime_is_gmtime: true },
    });
  });
});

describe('the sandbox seal (docs/ARCHITECTURE.md, "Isolation")', () => {
  const OFF = `Network access is off for this function. Turn on "Allow network access" in its configuration to use fetch, pyodide.http or urllib (Lambdalite).`;
  const NO_CODE = 'JsException: EvalError: Code generation from strings is disabled in the Lambdalite sandbox';

  test('every way out a handler might try fails: network, storage, the host channel, code evaluation', async () => {
    await sandbox.init(fixtureFiles('sandbox'));
    const { result } = await sandbox.invoke({});
    expect(result.status).toBe('success');
    expect(JSON.parse(result.payload)).toEqual({
      'from js import fetch': `JsException: TypeError: ${OFF}`,
      'js.indexedDB': 'AttributeError: indexedDB',
      'js.localStorage': 'AttributeError: localStorage',
      'js.caches': 'AttributeError: caches',
      'js.document': 'AttributeError: document',
      'js.postMessage': 'AttributeError: postMessage',
      'js.importScripts': 'AttributeError: importScripts',
      'js.XMLHttpRequest': `JsException: TypeError: ${OFF}`,
      'js.WebSocket': 'AttributeError: WebSocket',
      'js.globalThis': 'AttributeError: globalThis',
      'pyodide.code.run_js': "ImportError: cannot import name 'eval' from 'js' (unknown location)",
      'pyodide.http.pyfetch': `AbortError: ${OFF}`,
      urllib: `URLError: <urlopen error ${OFF}>`,
      'Function constructor': NO_CODE,
      'Reflect.construct(Function)': NO_CODE,
      'setTimeout(string)': NO_CODE,
    });
  });

  test('no dangerous API is reachable through the JS object graph of `js` and `pyodide_js`', async () => {
    await sandbox.init(fixtureFiles('sandbox'), { handler: 'lambda_function.walk_handler', timeoutSeconds: 60 });
    const { result } = await sandbox.invoke({ limit: 1500 });
    expect(JSON.parse(result.payload)).toEqual({
      // Names only: Emscripten's FS.close closes a file of the in-memory FS, and IDBFS's
      // indexedDB() looks the global up when called, which the seal removed.
      'dangerous names reachable': { close: 'pyodide_js.FS.close', indexedDB: 'pyodide_js._module.IDBFS.indexedDB' },
      'objects walked': 1500,
      'IDBFS.indexedDB()': 'JsException: ReferenceError: indexedDB is not defined',
    });
  });

  test('the next environment of the same worker is still sealed and still works', async () => {
    await sandbox.init(fixtureFiles('area'));
    const { result } = await sandbox.invoke({ length: 2, width: 3 });
    expect(result.payload).toBe('"{\\"area\\": 6}"');
  });
});
