/**
 * The Lambda REST API at `<app>/api`, through the service worker, from a script in the page
 * that uses the real `@aws-sdk/client-lambda` (bundled at setup by sdk-bundle.ts), exactly as
 * a tutorial page would: create, invoke, publish (and run through an alias), list and delete a
 * Node.js function, and see it in the console's Functions list while it exists. The AWS CLI
 * does the same through the preview server. With no app tab open the API answers 503.
 *
 * The lifecycle steps run in order on one function; further operations are appended as `it`
 * steps before the delete.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import type { Page } from 'playwright-core';
import { FunctionsPage, useConsoleSession } from './fixtures';
import { SDK_GLOBAL, buildSdkBundle, type TestSdk } from './sdk-bundle';

const session = useConsoleSession();
const FUNCTION_NAME = 'sdkRelayFn';
const ROLE = 'arn:aws:iam::123456789012:role/lambda-role';
const HANDLER = `export const handler = async (event, context) => {
  console.log('sdk says', event.greeting);
  if (event.waitMs) await new Promise((resolve) => setTimeout(resolve, event.waitMs));
  return { greeting: event.greeting, fn: context.functionName };
};
`;

let sdkPath = '';

beforeAll(async () => {
  sdkPath = await buildSdkBundle();
}, 120_000);

afterAll(() => {
  if (sdkPath) rmSync(dirname(sdkPath), { recursive: true, force: true });
});

/** What an SDK call gave back, made JSON-safe (byte fields decoded as UTF-8). */
type SdkOutcome =
  | { ok: true; output: Record<string, unknown> }
  | { ok: false; name: string; message: string; status: number | undefined };

/** Waits until the page is controlled by the service worker (which claims on its first install). */
async function waitControlled(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
}

async function ensureSdk(page: Page): Promise<void> {
  if (await page.evaluate((name) => name in window, SDK_GLOBAL)) return;
  await page.addScriptTag({ path: sdkPath });
}

/**
 * Runs one SDK command in the page: `new LambdaClient({ endpoint: location.origin + '/api' })`.
 * `zip` becomes `Code.ZipFile` (zipped in the page), a string `Payload` is sent as UTF-8.
 */
async function sdk(page: Page, command: string, input: Record<string, unknown>, zip?: Record<string, string>): Promise<SdkOutcome> {
  await ensureSdk(page);
  return page.evaluate(
    async ({ global, command, input, zip }) => {
      const lib = (window as unknown as Record<string, TestSdk>)[global];
      if (!lib) throw new Error('the SDK bundle is not loaded');
      const client = new lib.LambdaClient({
        region: 'us-east-1',
        endpoint: location.origin + '/api',
        credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
        maxAttempts: 1,
      });
      const request: Record<string, unknown> = { ...input };
      if (zip) {
        const files = Object.fromEntries(Object.entries(zip).map(([path, text]) => [path, lib.strToU8(text)]));
        request.Code = { ZipFile: lib.zipSync(files) };
      }
      if (typeof request.Payload === 'string') request.Payload = lib.strToU8(request.Payload);
      // Commands are looked up by name so steps read like the API; each takes its own input shape.
      const Command = lib[command as keyof TestSdk] as unknown as (new (input: unknown) => Parameters<typeof client.send>[0]) | undefined;
      if (!Command) throw new Error(`no command ${command} in the SDK bundle`);
      try {
        // Outputs differ per command; here they are only read as plain objects.
        const output = (await client.send(new Command(request))) as unknown as Record<string, unknown>;
        const plain = Object.fromEntries(
          Object.entries(output).map(([key, value]) => [key, value instanceof Uint8Array ? lib.strFromU8(value) : value]),
        );
        return { ok: true as const, output: plain };
      } catch (error) {
        const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
        return { ok: false as const, name: e.name ?? 'Error', message: e.message ?? String(error), status: e.$metadata?.httpStatusCode };
      }
    },
    { global: SDK_GLOBAL, command, input, zip },
  );
}

function expectOk(outcome: SdkOutcome): Record<string, unknown> {
  if (!outcome.ok) throw new Error(`SDK call failed: ${outcome.name}: ${outcome.message} (HTTP ${outcome.status})`);
  return outcome.output;
}

/** The console's Functions list, freshly loaded (a reload, so it reads the store again). */
async function consoleFunctions(page: Page): Promise<string[]> {
  await page.goto(`${inject('baseUrl')}#/functions`);
  await page.reload();
  const list = new FunctionsPage(page);
  await list.waitLoaded();
  return list.names();
}

describe.sequential('the Lambda API at <app>/api, from the real AWS SDK in the page', () => {
  it('CreateFunction: a Node.js function from a zip, which becomes Active', async () => {
    const { page } = session();
    await session().gotoFunctions();
    await waitControlled(page);
    const created = expectOk(
      await sdk(page, 'CreateFunctionCommand', { FunctionName: FUNCTION_NAME, Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Timeout: 30 }, { 'index.mjs': HANDLER }),
    );
    expect(created.FunctionName).toBe(FUNCTION_NAME);
    expect(created.Runtime).toBe('nodejs22.x');
    expect(created.FunctionArn).toMatch(new RegExp(`^arn:aws:lambda:[a-z0-9-]+:\\d{12}:function:${FUNCTION_NAME}$`));

    const active = await page.evaluate(
      async ({ global, name }) => {
        const lib = (window as unknown as Record<string, TestSdk>)[global];
        if (!lib) throw new Error('the SDK bundle is not loaded');
        const client = new lib.LambdaClient({
          region: 'us-east-1',
          endpoint: location.origin + '/api',
          credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
          maxAttempts: 1,
        });
        const result = await lib.waitUntilFunctionActiveV2({ client, maxWaitTime: 30 }, { FunctionName: name });
        return result.state;
      },
      { global: SDK_GLOBAL, name: FUNCTION_NAME },
    );
    expect(active).toBe('SUCCESS');
  });

  it('the new function appears in the console’s Functions list', async () => {
    const { page } = session();
    expect(await consoleFunctions(page)).toContain(FUNCTION_NAME);
    const row = await new FunctionsPage(page).row(FUNCTION_NAME);
    expect(row.slice(0, 2)).toEqual([FUNCTION_NAME, 'Node.js 22.x']);
  });

  it('Invoke with LogType Tail: the handler’s result, status 200, and its log in X-Amz-Log-Result', async () => {
    const { page } = session();
    const invoked = expectOk(
      await sdk(page, 'InvokeCommand', { FunctionName: FUNCTION_NAME, Payload: JSON.stringify({ greeting: 'hello' }), LogType: 'Tail' }),
    );
    expect(invoked.StatusCode).toBe(200);
    expect(invoked.FunctionError).toBeUndefined();
    expect(invoked.ExecutedVersion).toBe('$LATEST');
    expect(JSON.parse(String(invoked.Payload))).toEqual({ greeting: 'hello', fn: FUNCTION_NAME });
    const log = Buffer.from(String(invoked.LogResult), 'base64').toString('utf8');
    expect(log).toMatch(/START RequestId: [0-9a-f-]{36} Version: \$LATEST/);
    expect(log).toMatch(/\tINFO\tsdk says hello/);
    expect(log).toMatch(/REPORT RequestId: [0-9a-f-]{36}\tDuration: /);
  });

  it('an invocation that outlasts the relay’s 2 s wait for a tab is still answered in full', async () => {
    const { page } = session();
    const started = Date.now();
    const invoked = expectOk(await sdk(page, 'InvokeCommand', { FunctionName: FUNCTION_NAME, Payload: JSON.stringify({ greeting: 'slow', waitMs: 4_000 }) }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(4_000);
    expect(JSON.parse(String(invoked.Payload))).toEqual({ greeting: 'slow', fn: FUNCTION_NAME });
  });

  it('ListFunctions lists it', async () => {
    const { page } = session();
    const listed = expectOk(await sdk(page, 'ListFunctionsCommand', {}));
    const names = (listed.Functions as { FunctionName?: string }[]).map((f) => f.FunctionName);
    expect(names).toContain(FUNCTION_NAME);
  });

  it('a missing function is the SDK’s typed ResourceNotFoundException (404)', async () => {
    const { page } = session();
    const missing = await sdk(page, 'InvokeCommand', { FunctionName: 'noSuchFunction', Payload: '{}' });
    expect(missing).toMatchObject({ ok: false, name: 'ResourceNotFoundException', status: 404 });
  });

  // Further steps on the function (versions, aliases…) go here, before the delete.

  it('PublishVersion makes version 1, and an alias on it runs that version', async () => {
    const { page } = session();
    const published = expectOk(await sdk(page, 'PublishVersionCommand', { FunctionName: FUNCTION_NAME, Description: 'first' }));
    expect(published.Version).toBe('1');
    expect(published.FunctionArn).toMatch(new RegExp(`:function:${FUNCTION_NAME}:1$`));

    const alias = expectOk(await sdk(page, 'CreateAliasCommand', { FunctionName: FUNCTION_NAME, Name: 'live', FunctionVersion: '1' }));
    expect(alias.AliasArn).toMatch(new RegExp(`:function:${FUNCTION_NAME}:live$`));

    const invoked = expectOk(
      await sdk(page, 'InvokeCommand', { FunctionName: FUNCTION_NAME, Qualifier: 'live', Payload: JSON.stringify({ greeting: 'via alias' }) }),
    );
    expect(invoked.ExecutedVersion).toBe('1');
    expect(JSON.parse(String(invoked.Payload))).toEqual({ greeting: 'via alias', fn: FUNCTION_NAME });
  });

  it('DeleteFunction: gone from ListFunctions and from the console', async () => {
    const { page } = session();
    expectOk(await sdk(page, 'DeleteFunctionCommand', { FunctionName: FUNCTION_NAME }));
    const listed = expectOk(await sdk(page, 'ListFunctionsCommand', {}));
    expect((listed.Functions as { FunctionName?: string }[]).map((f) => f.FunctionName)).not.toContain(FUNCTION_NAME);
    expect(await consoleFunctions(page)).not.toContain(FUNCTION_NAME);
  });
});

const run = promisify(execFile);

/** Runs `aws lambda <args>` against the preview server's /api, with throwaway credentials and no retries. */
async function awsLambda(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x', AWS_MAX_ATTEMPTS: '1', AWS_RETRY_MODE: 'standard', AWS_PAGER: '' };
  try {
    const { stdout, stderr } = await run('aws', ['lambda', ...args, '--endpoint-url', `${inject('baseUrl')}api`, '--region', 'us-east-1', '--output', 'json'], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** The SDK in Node, as a script outside the browser would use it: it reaches the server, not the service worker. */
function nodeSdk(): LambdaClient {
  return new LambdaClient({
    region: 'us-east-1',
    endpoint: `${inject('baseUrl')}api`,
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    maxAttempts: 1,
  });
}

describe.sequential('from outside the browser, through the preview server’s bridge to the open tab', () => {
  it('the SDK in Node lists the functions of the open app', async () => {
    const { page } = session();
    await session().gotoFunctions();
    await waitControlled(page);
    const listed = await nodeSdk().send(new ListFunctionsCommand({}));
    expect(Array.isArray(listed.Functions)).toBe(true);
  });

  it('the AWS CLI creates, invokes, lists and deletes a function (aws lambda … --endpoint-url <app>/api)', async () => {
    // The real CLI is part of the test machine (.ci/run installs Debian's awscli, README says so).
    await run('aws', ['--version']).catch(() => {
      throw new Error('The AWS CLI is needed for this test: install it (Debian: apt-get install awscli), as .ci/run does.');
    });
    const dir = mkdtempSync(join(tmpdir(), 'lambdalite-cli-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'function.zip'), zipSync({ 'index.mjs': strToU8(HANDLER) }));
    const created = await awsLambda([
      'create-function',
      '--function-name',
      'cliFn',
      '--runtime',
      'nodejs22.x',
      '--role',
      ROLE,
      '--handler',
      'index.handler',
      '--zip-file',
      `fileb://${join(dir, 'function.zip')}`,
    ]);
    expect(created.stderr).toBe('');
    expect(JSON.parse(created.stdout)).toMatchObject({ FunctionName: 'cliFn', Runtime: 'nodejs22.x' });
    expect((await awsLambda(['wait', 'function-active-v2', '--function-name', 'cliFn'])).code).toBe(0);

    const out = join(dir, 'response.json');
    // fileb:// reads the payload as raw bytes in CLI v1 and v2 alike (v2 would take a plain string as base64).
    writeFileSync(join(dir, 'event.json'), '{"greeting":"from the CLI"}');
    const invoked = await awsLambda(['invoke', '--function-name', 'cliFn', '--payload', `fileb://${join(dir, 'event.json')}`, out]);
    expect(invoked.stderr).toBe('');
    expect(JSON.parse(invoked.stdout)).toMatchObject({ StatusCode: 200, ExecutedVersion: '$LATEST' });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual({ greeting: 'from the CLI', fn: 'cliFn' });

    const listed = JSON.parse((await awsLambda(['list-functions'])).stdout) as { Functions: { FunctionName: string }[] };
    expect(listed.Functions.map((f) => f.FunctionName)).toContain('cliFn');
    expect(await consoleFunctions(session().page)).toContain('cliFn');

    expect((await awsLambda(['delete-function', '--function-name', 'cliFn'])).code).toBe(0);
    const after = JSON.parse((await awsLambda(['list-functions'])).stdout) as { Functions: { FunctionName: string }[] };
    expect(after.Functions.map((f) => f.FunctionName)).not.toContain('cliFn');
  });
});

describe.sequential('the service worker’s own answers', () => {
  /** A page of the app's origin, in the worker's scope, that is not the app (Pyodide's lock file). */
  const notTheApp = (): string => `${inject('baseUrl')}pyodide/pyodide-lock.json`;

  it('answers a CORS preflight with the headers a cross-origin caller needs', async () => {
    const { page } = session();
    await session().gotoFunctions();
    await waitControlled(page);
    const preflight = await page.evaluate(async () => {
      const response = await fetch('./api/2015-03-31/functions', { method: 'OPTIONS' });
      return { status: response.status, headers: Object.fromEntries(response.headers) };
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(preflight.headers['access-control-allow-headers']).toBe('*');
    expect(preflight.headers['access-control-expose-headers']).toContain('X-Amz-Function-Error');
    expect(preflight.headers['access-control-expose-headers']).toContain('x-amzn-RequestId');
  });

  it('a request from a page that is not the app is served by the open app tab', async () => {
    const other = await session().context.newPage();
    try {
      await other.goto(notTheApp());
      const answer = await other.evaluate(async () => {
        const response = await fetch('../api/2015-03-31/functions');
        return { status: response.status, body: (await response.json()) as { Functions?: unknown[] } };
      });
      expect(answer.status).toBe(200);
      expect(Array.isArray(answer.body.Functions)).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('with no app tab open: 503, x-amzn-ErrorType ServiceException, and a message saying to open the app', async () => {
    const { page } = session();
    // The app's tab navigates away: the only page left in scope is not the app, and never accepts.
    await page.goto(notTheApp());
    const started = Date.now();
    const answer = await page.evaluate(async () => {
      const response = await fetch('../api/2015-03-31/functions');
      return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
    });
    const waited = Date.now() - started;
    expect(answer.status).toBe(503);
    expect(answer.headers['x-amzn-errortype']).toBe('ServiceException');
    expect(answer.headers['content-type']).toBe('application/json');
    expect(JSON.parse(answer.body)).toEqual({
      Type: 'Service',
      message: `Lambdalite is not open: open ${inject('baseUrl')} in a browser tab; the API is served by the open app.`,
    });
    // The relay waits ~2 s for a tab to accept, not longer.
    expect(waited).toBeGreaterThanOrEqual(1_900);
    expect(waited).toBeLessThan(10_000);

    // What a script using the SDK sees: its typed ServiceException with that message.
    const fromSdk = await sdk(page, 'ListFunctionsCommand', {});
    expect(fromSdk).toMatchObject({ ok: false, name: 'ServiceException', status: 503 });
    expect(fromSdk.ok ? '' : fromSdk.message).toContain('Lambdalite is not open');
  });

  it('with no app tab open, a caller outside the browser gets the same 503 from the server', async () => {
    const error = await nodeSdk()
      .send(new ListFunctionsCommand({}))
      .then(
        () => undefined,
        (e: unknown) => e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } },
      );
    expect(error?.name).toBe('ServiceException');
    expect(error?.$metadata?.httpStatusCode).toBe(503);
    expect(error?.message).toBe(`Lambdalite is not open: open ${inject('baseUrl')} in a browser tab; the API is served by the open app.`);
  });
});
