/**
 * The Python sandbox in Chromium, through the page: every way out a handler might try fails
 * (the same fixture the Node suite runs, here with the browser's real IndexedDB, Cache Storage,
 * localStorage, DOM and network behind it), the page and the control plane carry on, and once
 * the memory snapshot exists a new Python environment starts from it (Init Duration measured
 * after each page reload, when no spare sandbox is booted yet).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tutorialHandler, useConsoleSession } from './fixtures';

const here = dirname(fileURLToPath(import.meta.url));
const SANDBOX_HANDLER = readFileSync(join(here, '..', 'fixtures', 'handlers', 'python', 'sandbox', 'lambda_function.py'), 'utf8');
const OFF = `Network access is off for this function. Turn on "Allow network access" in its configuration to use fetch, pyodide.http or urllib (Lambdalite).`;
const NO_CODE = 'JsException: EvalError: Code generation from strings is disabled in the Lambdalite sandbox';
const INIT_DURATION = /Init Duration: ([\d.]+) ms/;
const NETWORK_HANDLER = readFileSync(join(here, '..', 'fixtures', 'handlers', 'python', 'network', 'lambda_function.py'), 'utf8');
/** The built Python sandbox worker (its name is hashed by the build). */
// The build the e2e setup serves (E2E_DIST, as tests/e2e/global-setup.ts reads it).
const SANDBOX_WORKER = readdirSync(join(here, '..', '..', process.env['E2E_DIST'] ?? 'dist', 'assets')).find((f) => f.startsWith('python-sandbox.worker-'));

const session = useConsoleSession();

describe('the sealed Python sandbox in Chromium', () => {
  it('every escape fails from a handler run through the page, and the page carries on', async () => {
    const list = await session().gotoFunctions();
    const fn = await list.createFunction('escapes', 'Python 3.14');
    await fn.replaceCode('lambda_function.py', SANDBOX_HANDLER);
    await fn.deploy();
    await fn.setEvent('{}');
    // The first Python test loads Pyodide and makes the snapshot (~5–6 s).
    const result = await fn.test({ timeout: 60_000 });
    expect(result.status).toBe('Status: Succeeded');
    expect(JSON.parse(result.response)).toEqual({
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

    // The page, the control plane and the stored function are untouched.
    expect(session().pageErrors).toEqual([]);
    await session().reload();
    const reloaded = await session().gotoFunctions();
    expect(await reloaded.names()).toContain('escapes');
  });

  it('the JS object graph reachable from Python holds no dangerous API in the browser either', async () => {
    const fn = await session().gotoFunction('escapes');
    await fn.configure({ timeoutSeconds: 120 });
    await fn.tab('Code');
    await fn.replaceCode(
      'lambda_function.py',
      SANDBOX_HANDLER.replace('def lambda_handler(event, context):', 'def unused_handler(event, context):').replace(
        'def walk_handler(event, context):',
        'def lambda_handler(event, context):',
      ),
    );
    await fn.deploy();
    await fn.setEvent('{"limit": 1500}');
    const result = await fn.test({ timeout: 150_000 });
    expect(result.status).toBe('Status: Succeeded');
    expect(JSON.parse(result.response)).toEqual({
      'dangerous names reachable': { close: 'pyodide_js.FS.close', indexedDB: 'pyodide_js._module.IDBFS.indexedDB' },
      'objects walked': 1500,
      'IDBFS.indexedDB()': 'JsException: ReferenceError: indexedDB is not defined',
    });
  });

  it('once the snapshot exists, a new Python environment starts from it', async () => {
    const list = await session().gotoFunctions();
    const fn = await list.createFunction('coldPython', 'Python 3.14');
    await fn.replaceCode('lambda_function.py', tutorialHandler('python'));
    await fn.deploy();
    await fn.setEvent('{"length":6,"width":7}');
    await fn.test({ timeout: 60_000 });

    // After a reload the control plane is new and has no Python sandbox booted: the Init
    // Duration of the first test includes booting Pyodide, from the snapshot in Cache Storage.
    const durations: number[] = [];
    for (let i = 0; i < 5; i++) {
      await session().reload();
      const page = await session().gotoFunction('coldPython');
      await page.tab('Test');
      await page.setEvent('{"length":6,"width":7}');
      const result = await page.test({ timeout: 60_000 });
      expect(result.response).toBe('"{\\"area\\": 42}"');
      durations.push(Number(INIT_DURATION.exec(result.logs)?.[1]));
    }
    durations.sort((a, b) => a - b);
    const median = durations[2] ?? Number.NaN;
    console.info(`Python cold start from the snapshot in Chromium: Init Duration ${durations.map((d) => d.toFixed(0)).join(', ')} ms (median ${median.toFixed(0)} ms)`);
    // A plain Pyodide load is 3.5–5.3 s here; the target is 700 ms p50 on an idle machine,
    // this bound leaves room for a shared two-core machine.
    expect(median).toBeLessThan(3_000);
  });

  // The console has no switch for the setting yet, so these drive the built sandbox worker
  // directly with the protocol's messages (EnvironmentInit.allowNetwork), in the page's origin.
  const runNetworkHandler = async (allowNetwork: boolean): Promise<Record<string, unknown>> => runSource(NETWORK_HANDLER, allowNetwork);
  const runSource = async (handlerSource: string, allowNetwork: boolean): Promise<Record<string, unknown>> => {
    const page = session().page;
    await page.goto(session().baseUrl);
    return page.evaluate(
      async ({ workerUrl, indexUrl, source, allowNetwork, target }) => {
        const worker = new Worker(workerUrl, { type: 'module' });
        const next = (kind: string): Promise<{ kind: string; payload?: string; message?: string }> =>
          new Promise((resolve) => {
            const listener = (event: MessageEvent<{ kind: string }>): void => {
              if (event.data.kind !== kind && event.data.kind !== 'fatal') return;
              worker.removeEventListener('message', listener);
              resolve(event.data);
            };
            worker.addEventListener('message', listener);
          });
        worker.postMessage({ kind: 'boot', runtime: 'python3.14', assets: { pyodideIndexUrl: indexUrl } });
        const ready = (await next('ready')) as { sealKept?: string[] };
        worker.postMessage({
          kind: 'init',
          init: {
            runtime: 'python3.14',
            handler: 'lambda_function.lambda_handler',
            files: { 'lambda_function.py': new TextEncoder().encode(source) },
            environment: {},
            functionName: 'net',
            functionVersion: '$LATEST',
            memorySizeMb: 256,
            timeoutSeconds: 30,
            logGroupName: '/aws/lambda/net',
            logStreamName: '2024/08/31/[$LATEST]0123456789abcdef0123456789abcdef',
            initDeadlineEpochMs: Date.now() + 10_000,
            allowNetwork,
          },
        });
        await next('init-done');
        worker.postMessage({
          kind: 'invoke',
          invocation: {
            requestId: 'req-net',
            payload: JSON.stringify({ url: target }),
            deadlineEpochMs: Date.now() + 30_000,
            invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:net',
          },
        });
        const result = await next('result');
        worker.terminate();
        return {
          ...(JSON.parse(result.payload ?? JSON.stringify({ fatal: result.message })) as Record<string, unknown>),
          sealKept: ready.sealKept,
        };
      },
      {
        workerUrl: new URL(`assets/${SANDBOX_WORKER}`, session().baseUrl).href,
        indexUrl: new URL('pyodide/', session().baseUrl).href,
        source: handlerSource,
        allowNetwork,
        target: new URL('pyodide/pyodide-lock.json', session().baseUrl).href,
      },
    );
  };

  it('"Allow network access" on: urllib.request and pyodide.http.pyfetch (in asyncio.run) reach a CORS-enabled URL', async () => {
    // sealKept: every non-allowlisted name of Chromium's worker global scope was removable.
    expect(await runNetworkHandler(true)).toEqual({ urllib: [200, '3.14.2'], pyfetch: [200, '3.14.2'], sealKept: [] });
  });

  it('"Allow network access" off (the default): both fail with an error naming the setting', async () => {
    expect(await runNetworkHandler(false)).toEqual({ urllib: `URLError: <urlopen error ${OFF}>`, pyfetch: `AbortError: ${OFF}`, sealKept: [] });
  });
});
