/**
 * Invoke end to end through the real control plane: IndexedDB (fake-indexeddb), the
 * environment pool, and sandboxes in real worker threads running QuickJS and Pyodide.
 * Expected shapes: https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html,
 * https://docs.aws.amazon.com/lambda/latest/dg/python-handler.html and the getting-started
 * tutorial's output (../shared/seeds/003).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LambdaError } from '../../src/domain/errors';
import type { InvokeResult } from '../../src/workers/protocol';
import { TEST_ROLE, testControlPlane, zipOf, type TestControlPlane } from '../support/control-plane';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/control-plane/${name}`, import.meta.url), 'utf8');
/** The seed tutorial's area handlers, verbatim (shared with the runtimes' own suites). */
const tutorial = (path: string): string => readFileSync(new URL(`../fixtures/handlers/${path}`, import.meta.url), 'utf8');
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const ISO = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z';

let cp: TestControlPlane;
beforeAll(async () => {
  cp = await testControlPlane({ pool: { keepSpare: ['pyodide'] } });
});
afterAll(() => cp?.dispose());

async function deploy(name: string, runtime: string, files: Record<string, string>, extra: Record<string, unknown> = {}) {
  const python = runtime.startsWith('python');
  return cp.client.createFunction({
    FunctionName: name,
    Runtime: runtime as 'nodejs22.x',
    Role: TEST_ROLE,
    Handler: python ? 'lambda_function.lambda_handler' : 'index.handler',
    Code: { ZipFile: zipOf(files) },
    ...extra,
  });
}

async function invoke(name: string, event: unknown = {}): Promise<InvokeResult & { payload: unknown; log: string }> {
  const result = await cp.client.invoke({
    FunctionName: name,
    Payload: new TextEncoder().encode(JSON.stringify(event)),
    LogType: 'Tail',
  });
  return {
    ...result,
    payload: JSON.parse(new TextDecoder().decode(result.Payload)),
    log: Buffer.from(result.LogResult ?? '', 'base64').toString('utf8'),
  };
}

describe('the getting-started tutorial’s area function', () => {
  it('Node.js returns "{\\"area\\":42}" and logs as the console shows', async () => {
    await deploy('area-node', 'nodejs22.x', { 'index.mjs': tutorial('nodejs/area/index.mjs') });
    const result = await invoke('area-node', { length: 6, width: 7 });
    expect(result.StatusCode).toBe(200);
    expect(result.FunctionError).toBeUndefined();
    expect(result.ExecutedVersion).toBe('$LATEST');
    expect(new TextDecoder().decode(result.Payload)).toBe('"{\\"area\\":42}"');
    const id = result.$metadata.requestId;
    expect(id).toMatch(new RegExp(`^${UUID}$`));
    const lines = result.log.trimEnd().split('\n');
    expect(lines[0]).toBe(`START RequestId: ${id} Version: $LATEST`);
    expect(lines[1]).toMatch(new RegExp(`^${ISO}\\t${id}\\tINFO\\tThe area is 42$`));
    expect(lines[2]).toMatch(new RegExp(`^${ISO}\\t${id}\\tINFO\\tCloudWatch log group:  /aws/lambda/area-node$`));
    expect(lines[3]).toBe(`END RequestId: ${id}`);
    expect(lines[4]).toMatch(
      new RegExp(
        `^REPORT RequestId: ${id}\\tDuration: \\d+\\.\\d\\d ms\\tBilled Duration: \\d+ ms\\tMemory Size: 128 MB\\tMax Memory Used: \\d+ MB\\tInit Duration: \\d+\\.\\d\\d ms$`,
      ),
    );
    expect(lines).toHaveLength(5);
  });

  it('Python returns "{\\"area\\": 42}" with print raw and logging in Lambda’s format', async () => {
    await deploy('area-python', 'python3.14', { 'lambda_function.py': tutorial('python/area/lambda_function.py') });
    const result = await invoke('area-python', { length: 6, width: 7 });
    expect(result.FunctionError).toBeUndefined();
    expect(new TextDecoder().decode(result.Payload)).toBe('"{\\"area\\": 42}"');
    const id = result.$metadata.requestId;
    const lines = result.log.trimEnd().split('\n');
    expect(lines[0]).toBe(`START RequestId: ${id} Version: $LATEST`);
    expect(lines).toContain('The area is 42');
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^\\[INFO\\]\\t${ISO}\\t${id}\\tCloudWatch logs group: /aws/lambda/area-python$`)));
    expect(lines.at(-2)).toBe(`END RequestId: ${id}`);
    expect(lines.at(-1)).toMatch(/^REPORT RequestId: .*\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: \d+\.\d\d ms$/);
  });

  it('stores the invocations in the log group, INIT_START on the cold start', async () => {
    const events = await cp.client.getLogEvents('area-node');
    const messages = events.map((event) => event.message);
    expect(messages[0]).toMatch(/^INIT_START Runtime Version: nodejs:22\./);
    expect(messages.some((m) => m.startsWith('START RequestId:'))).toBe(true);
    expect(messages.at(-1)).toMatch(/^REPORT RequestId:/);
    expect(new Set(events.map((event) => event.logStreamName)).size).toBe(1);
    expect(events[0]!.logStreamName).toMatch(/^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/);
  });
});

describe.each([
  ['nodejs22.x', { 'index.mjs': 'counter.mjs' }],
  ['python3.14', { 'lambda_function.py': 'counter.py' }],
] as const)('%s execution environments', (runtime, files) => {
  const name = `counter-${runtime.replace('.', '-')}`;
  const pkg = Object.fromEntries(Object.entries(files).map(([path, file]) => [path, fixture(file)]));

  it('run module code once per environment and keep globals warm; a configuration change starts a new one', async () => {
    await deploy(name, runtime, pkg, { Environment: { Variables: { STAGE: 'one' } } });
    const first = await invoke(name);
    const second = await invoke(name);
    expect(first.log).toContain('Init Duration:');
    expect(second.log).not.toContain('Init Duration:');
    expect(second.payload).toMatchObject({ invocations: 2, stage: 'one' });
    expect(Object.values(second.payload as object)[0]).toBe(1);

    await cp.client.updateFunctionConfiguration({ FunctionName: name, Environment: { Variables: { STAGE: 'two' } } });
    const afterUpdate = await invoke(name);
    expect(afterUpdate.log).toContain('Init Duration:');
    expect(afterUpdate.payload).toMatchObject({ invocations: 1, stage: 'two' });
  });
});

describe('each Node.js runtime reports its own version', () => {
  const REPORT = `export const handler = async () => ({
  version: process.version,
  executionEnv: process.env.AWS_EXECUTION_ENV,
  nodePath: process.env.NODE_PATH.split(':')[0],
});
`;
  it.each([
    ['nodejs20.x', 'v20.', 'node20'],
    ['nodejs22.x', 'v22.', 'node22'],
    ['nodejs24.x', 'v24.', 'node24'],
  ])('%s: process.version %s*, AWS_EXECUTION_ENV and its layer folder first on NODE_PATH', async (runtime, major, folder) => {
    const name = `version-${runtime.replace('.', '-')}`;
    await deploy(name, runtime, { 'index.mjs': REPORT });
    const { payload } = await invoke(name);
    const reported = payload as { version: string; executionEnv: string; nodePath: string };
    expect(reported.version.startsWith(major)).toBe(true);
    expect(reported.executionEnv).toBe(`AWS_Lambda_${runtime}`);
    expect(reported.nodePath).toBe(`/opt/nodejs/${folder}/node_modules`);
  });
});

describe('timeouts end the invocation and discard the environment', () => {
  const expectTimedOut = (result: Awaited<ReturnType<typeof invoke>>, startedAt: number) => {
    const elapsed = performance.now() - startedAt;
    const id = result.$metadata.requestId;
    expect(result.StatusCode).toBe(200);
    expect(result.FunctionError).toBe('Unhandled');
    expect(new TextDecoder().decode(result.Payload)).toBe(
      JSON.stringify({ errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${id} Error: Task timed out after 1.00 seconds` }),
    );
    expect(result.log).toMatch(new RegExp(`\\n${ISO} ${id} Task timed out after 1\\.00 seconds\\nEND RequestId: ${id}\\n`));
    expect(result.log).toMatch(/\tStatus: timeout\n$/);
    // The deadline is 1 s after the invocation reached its environment; well within 200 ms past it.
    expect(elapsed).toBeLessThan(1000 + 200 + 150);
  };

  it('Node.js while(true){} (and the next invocation is a cold start that succeeds)', async () => {
    await deploy('spin-node', 'nodejs22.x', {
      'index.mjs': 'export const handler = async (event) => { if (event.spin) { while (true) {} } return "ok"; };\n',
    }, { Timeout: 1 });
    await invoke('spin-node'); // warm up so the timing below is the invocation alone
    const started = performance.now();
    expectTimedOut(await invoke('spin-node', { spin: true }), started);
    const next = await invoke('spin-node');
    expect(next.payload).toBe('ok');
    expect(next.log).toContain('Init Duration:');
  });

  it('Python catching every exception around while True, and time.sleep', async () => {
    await deploy('spin-python', 'python3.14', { 'lambda_function.py': fixture('loop-catch-all.py') }, { Timeout: 1 });
    await deploy('sleep-python', 'python3.14', { 'lambda_function.py': fixture('sleep.py') }, { Timeout: 1 });
    let started = performance.now();
    const spin = await invoke('spin-python');
    // The first call also loads Pyodide: time only the invocation, from the REPORT's Duration.
    expect(spin.log).toContain('spinning');
    expect(Number(/Duration: ([\d.]+) ms/.exec(spin.log)![1])).toBeLessThan(1200);
    started = performance.now();
    const sleep = await invoke('sleep-python');
    expect(sleep.log).toContain('going to sleep');
    expect(new TextDecoder().decode(sleep.Payload)).toContain('Task timed out after 1.00 seconds');
    expect(Number(/Duration: ([\d.]+) ms/.exec(sleep.log)![1])).toBeLessThan(1200);
    void started;
    await cp.client.updateFunctionCode({
      FunctionName: 'sleep-python',
      ZipFile: zipOf({ 'lambda_function.py': 'def lambda_handler(event, context):\n    return "awake"\n' }),
    });
    const next = await invoke('sleep-python');
    expect(next.payload).toBe('awake');
  });
});

describe('Invoke’s other answers', () => {
  it('DryRun answers 204 without running; Event answers 202', async () => {
    const dry = await cp.client.invoke({ FunctionName: 'area-node', InvocationType: 'DryRun' });
    expect(dry.StatusCode).toBe(204);
    expect(dry.Payload).toBeUndefined();
    const event = await cp.client.invoke({ FunctionName: 'area-node', InvocationType: 'Event', Payload: new TextEncoder().encode('{"length":1,"width":2}') });
    expect(event.StatusCode).toBe(202);
  });

  it('rejects a payload that is not JSON with InvalidRequestContentException', async () => {
    const error = await cp.client
      .invoke({ FunctionName: 'area-node', Payload: new TextEncoder().encode('{not json') })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LambdaError);
    expect(error).toMatchObject({ type: 'InvalidRequestContentException', status: 400 });
    expect((error as LambdaError).message).toMatch(/^Could not parse request body into json/);
  });

  it('a handler that throws answers 200 with FunctionError Unhandled and Node.js’s error body', async () => {
    await deploy('thrower', 'nodejs22.x', { 'index.mjs': 'export const handler = async () => { throw new TypeError("bad input"); };\n' });
    const result = await invoke('thrower');
    expect(result.StatusCode).toBe(200);
    expect(result.FunctionError).toBe('Unhandled');
    expect(result.payload).toMatchObject({ errorType: 'TypeError', errorMessage: 'bad input' });
    expect((result.payload as { trace: string[] }).trace[0]).toBe('TypeError: bad input');
    expect(result.log).toMatch(/\tERROR\tInvoke Error \t\{"errorType":"TypeError","errorMessage":"bad input"/);
  });

  it('a missing handler module gives Runtime.ImportModuleError on every invocation', async () => {
    await deploy('no-module', 'nodejs22.x', { 'other.mjs': 'export const x = 1;\n' });
    for (let i = 0; i < 2; i++) {
      const result = await invoke('no-module');
      expect(result.FunctionError).toBe('Unhandled');
      expect(result.payload).toMatchObject({ errorType: 'Runtime.ImportModuleError' });
      expect(result.log).toMatch(/INIT_REPORT Init Duration: [\d.]+ ms\tPhase: invoke\tStatus: error\tError Type: Runtime.ImportModuleError/);
    }
  });
});

describe('memory past MemorySize', () => {
  it('fails with Runtime.OutOfMemory, Max Memory Used equal to Memory Size, and spares everything else', async () => {
    await deploy('hog-node', 'nodejs22.x', {
      'index.mjs':
        'const kept = [];\nexport const handler = async (event) => {\n  if (!event.hog) return "fine";\n  for (;;) kept.push(new Uint8Array(1024 * 1024));\n};\n',
    });
    const result = await invoke('hog-node', { hog: true });
    const id = result.$metadata.requestId;
    expect(result.FunctionError).toBe('Unhandled');
    expect(result.payload).toEqual({
      errorType: 'Runtime.OutOfMemory',
      errorMessage: `RequestId: ${id} Error: Runtime exited with error: signal: killed`,
    });
    expect(result.log).toMatch(/\tMemory Size: 128 MB\tMax Memory Used: 128 MB\t/);
    expect(result.log).toMatch(/\tStatus: error\tError Type: Runtime.OutOfMemory\n$/);
    // The environment was discarded: the next invocation starts cold and works.
    const next = await invoke('hog-node');
    expect(next.payload).toBe('fine');
    expect(next.log).toContain('Init Duration:');
    // Another function never noticed.
    expect((await invoke('area-node', { length: 2, width: 3 })).payload).toBe('{"area":6}');
  });
});

describe('an execution environment that cannot start', () => {
  it('answers Runtime.ExitError and says in the log what stopped it', async () => {
    const broken = await testControlPlane({
      pool: { assets: { quickjsWasmUrl: '/nonexistent/emscripten-module.wasm' } },
    });
    try {
      await broken.client.createFunction({
        FunctionName: 'no-engine',
        Runtime: 'nodejs22.x',
        Role: TEST_ROLE,
        Handler: 'index.handler',
        Code: { ZipFile: zipOf({ 'index.mjs': 'export const handler = async () => 1;\n' }) },
      });
      const result = await broken.client.invoke({ FunctionName: 'no-engine', LogType: 'Tail' });
      const id = result.$metadata.requestId;
      expect(result.FunctionError).toBe('Unhandled');
      expect(JSON.parse(new TextDecoder().decode(result.Payload))).toEqual({
        errorType: 'Runtime.ExitError',
        errorMessage: `RequestId: ${id} Error: Runtime exited with error: signal: killed`,
      });
      const log = Buffer.from(result.LogResult ?? '', 'base64').toString('utf8');
      expect(log).toMatch(/Lambdalite: the execution environment stopped: .*nonexistent/);
    } finally {
      await broken.dispose();
    }
  });
});

describe('the log group while an invocation runs (live tail)', () => {
  const PROGRESS = `console.log('module loaded');
export const handler = async () => {
  console.log('step 1');
  await new Promise((resolve) => setTimeout(resolve, 1500));
  console.log('step 2');
  return 'done';
};
`;
  const messages = async (name: string): Promise<string[]> => (await cp.client.filterLogEvents(name)).events.map((e) => e.message);

  it.each([
    ['nodejs22.x', { 'index.mjs': PROGRESS }],
    ['python3.14', { 'lambda_function.py': "import time\nprint('module loaded')\ndef lambda_handler(event, context):\n    print('step 1')\n    time.sleep(1.5)\n    print('step 2')\n    return 'done'\n" }],
  ])('%s: START and the lines logged so far are there before it ends, and each line is written once', async (runtime, files) => {
    const name = `live-${runtime.replace('.', '-')}`;
    await deploy(name, runtime, files, { Timeout: 10 });
    const running = cp.client.invoke({ FunctionName: name });
    await expect.poll(() => messages(name), { timeout: 20_000, interval: 100 }).toEqual(
      expect.arrayContaining([expect.stringMatching(/^START RequestId/), expect.stringContaining('step 1')]),
    );
    const midway = await messages(name);
    expect(midway.some((m) => m.includes('step 2') || m.startsWith('REPORT'))).toBe(false);
    expect(midway[0]).toMatch(/^INIT_START Runtime Version/);
    expect(midway.some((m) => m.includes('module loaded'))).toBe(true);
    await running;
    const all = await messages(name);
    const kinds = all.map((m) => (m.match(/^(INIT_START|START|END|REPORT)/)?.[1] ?? m.replace(/^.*\t/, '').trim()));
    expect(kinds).toEqual(['INIT_START', 'module loaded', 'START', 'step 1', 'step 2', 'END', 'REPORT']);
  }, 60_000);
});
