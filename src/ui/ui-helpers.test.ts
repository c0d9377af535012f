import { describe, expect, it } from 'vitest';
import { decodeLogResult, formatPayload, parseReport, toExecutionResult } from './invoke-output';
import { handlerFile, unzipPackage, zipPackage } from './package-files';
import { hrefOf, parseHash } from './routes';
import { consoleRoleArn, NODEJS_HELLO_WORLD, PYTHON_HELLO_WORLD, runtimeLabel, starterPackage } from './runtimes';
import { parseLambdaTime, timeAgo } from './time';

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('runtimes as the console shows and creates them', () => {
  it('labels runtime ids like the console menu', () => {
    expect(['nodejs22.x', 'nodejs20.x', 'python3.14'].map(runtimeLabel)).toEqual(['Node.js 22.x', 'Node.js 20.x', 'Python 3.14']);
  });

  it('creates the console hello world with its handler and file', () => {
    expect(starterPackage('nodejs22.x')).toEqual({ handler: 'index.handler', fileName: 'index.mjs', code: NODEJS_HELLO_WORLD });
    expect(starterPackage('python3.14')).toEqual({
      handler: 'lambda_function.lambda_handler',
      fileName: 'lambda_function.py',
      code: PYTHON_HELLO_WORLD,
    });
    expect(NODEJS_HELLO_WORLD).toContain("body: JSON.stringify('Hello from Lambda!'),");
    expect(PYTHON_HELLO_WORLD).toContain("'body': json.dumps('Hello from Lambda!')");
  });

  it('names the execution role <name>-role-<8 [a-z0-9]> under service-role/', () => {
    expect(consoleRoleArn('123456789012', 'myFn')).toMatch(/^arn:aws:iam::123456789012:role\/service-role\/myFn-role-[a-z0-9]{8}$/);
    expect(consoleRoleArn('1', 'f', () => 0.999999)).toBe('arn:aws:iam::1:role/service-role/f-role-99999999');
  });
});

describe('deployment packages in the editor', () => {
  it('round-trips text files and keeps binary files as bytes', () => {
    const binary = new Uint8Array([0, 1, 2, 255]);
    const zip = zipPackage([
      { path: 'index.mjs', text: 'export const handler = 1;' },
      { path: 'lib/data.bin', text: undefined, bytes: binary },
    ]);
    const files = unzipPackage(zip);
    expect(files.map((f) => f.path)).toEqual(['index.mjs', 'lib/data.bin']);
    expect(files[0]?.text).toBe('export const handler = 1;');
    expect(files[1]?.text).toBeUndefined();
    expect(files[1]?.bytes).toEqual(binary);
  });

  it('opens the file the handler names, as Lambda resolves it', () => {
    expect(handlerFile('index.handler', ['a.js', 'index.mjs'])).toBe('index.mjs');
    expect(handlerFile('index.handler', ['index.js'])).toBe('index.js');
    expect(handlerFile('lambda_function.lambda_handler', ['lambda_function.py', 'util.py'])).toBe('lambda_function.py');
    expect(handlerFile('src/app.handler', ['package.json', 'src/app.mjs'])).toBe('src/app.mjs');
    expect(handlerFile('missing.handler', ['a.py'])).toBe('a.py');
  });
});

describe('the execution result', () => {
  const report =
    'REPORT RequestId: 5c012b0a-18f7-4805-b2f6-40912935034a\tDuration: 20.67 ms\tBilled Duration: 21 ms\tMemory Size: 128 MB\tMax Memory Used: 66 MB\tInit Duration: 163.87 ms\t';

  it('decodes LogResult (base64 UTF-8)', () => {
    expect(decodeLogResult(b64('START RequestId: x Version: $LATEST\nπ ✓\n'))).toBe('START RequestId: x Version: $LATEST\nπ ✓\n');
    expect(decodeLogResult(undefined)).toBe('');
  });

  it('shows a returned string as a quoted JSON string, objects indented', () => {
    expect(formatPayload(bytes(JSON.stringify(JSON.stringify({ area: 42 }))))).toBe('"{\\"area\\":42}"');
    expect(formatPayload(bytes('{"statusCode":200,"body":"\\"Hello from Lambda!\\""}'))).toBe(
      '{\n  "statusCode": 200,\n  "body": "\\"Hello from Lambda!\\""\n}',
    );
    expect(formatPayload(bytes('not json'))).toBe('not json');
    expect(formatPayload(undefined)).toBe('null');
  });

  it('reads the REPORT figures', () => {
    expect(parseReport(`START\n${report}\n`)).toEqual({
      duration: '20.67 ms',
      billedDuration: '21 ms',
      memorySize: '128 MB',
      maxMemoryUsed: '66 MB',
      initDuration: '163.87 ms',
    });
    expect(parseReport('no report')).toEqual({});
  });

  it('is Failed when the function returned an error', () => {
    const failed = toExecutionResult({
      StatusCode: 200,
      FunctionError: 'Unhandled',
      LogResult: b64(report),
      Payload: bytes('{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: r Error: Task timed out after 1.00 seconds"}'),
      $metadata: { httpStatusCode: 200, requestId: 'r' },
    });
    expect(failed.status).toBe('Failed');
    expect(failed.requestId).toBe('r');
    expect(failed.response).toContain('"errorType": "Sandbox.Timedout"');
  });
});

describe('hash routes', () => {
  it('parses and builds the console-shaped routes', () => {
    expect(parseHash('')).toEqual({ page: 'functions' });
    expect(parseHash('#/functions')).toEqual({ page: 'functions' });
    expect(parseHash('#/create/function')).toEqual({ page: 'create' });
    expect(parseHash('#/functions/my-fn?tab=configure')).toEqual({ page: 'function', name: 'my-fn', tab: 'configure' });
    expect(parseHash('#/functions/my-fn?tab=bogus')).toEqual({ page: 'function', name: 'my-fn', tab: 'code' });
    expect(hrefOf({ page: 'function', name: 'a_b', tab: 'testing' })).toBe('#/functions/a_b?tab=testing');
    expect(parseHash(hrefOf({ page: 'function', name: 'x', tab: 'code' }))).toEqual({ page: 'function', name: 'x', tab: 'code' });
  });
});

describe('Last modified', () => {
  it("reads Lambda's +0000 timestamps and says how long ago", () => {
    const at = parseLambdaTime('2024-08-31T23:39:45.313+0000');
    expect(at).toBe(Date.UTC(2024, 7, 31, 23, 39, 45, 313));
    expect(timeAgo('2024-08-31T23:39:45.313+0000', at + 3 * 60_000)).toBe('3 minutes ago');
    expect(timeAgo('2024-08-31T23:39:45.313+0000', at + 2_000)).toBe('just now');
  });
});
