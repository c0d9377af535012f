/**
 * Inside Lambda in Chromium: a function invoked from the page shows a cold start (a new
 * environment, invocation 1), then a warm reuse of the same environment (invocation 2), then
 * two invocations at once need a second environment; an update replaces them, said so.
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html
 */
import { describe, expect, it } from 'vitest';
import { InsideLambdaPage, screenshot, useConsoleSession } from './fixtures';

const session = useConsoleSession();

// Slow enough that two invocations at once overlap, so the second needs its own environment.
const SLOW_HANDLER = `export const handler = async () => {
  await new Promise((resolve) => setTimeout(resolve, 1500));
  return 'done';
};
`;

describe('Inside Lambda', () => {
  it('shows a cold start, a warm reuse and a second environment for two invocations at once', async () => {
    const { page, baseUrl, pageErrors } = session();
    const list = await session().gotoFunctions();
    const fn = await list.createFunction('watched', 'Node.js 22.x');
    await fn.replaceCode('index.mjs', SLOW_HANDLER);
    await fn.deploy();

    const inside = new InsideLambdaPage(page, baseUrl);
    await inside.goto();
    await page.getByRole('region', { name: 'watched' }).getByText('No environment').waitFor();

    expect(await inside.invoke('watched')).toMatch(/^Invoked: 200 in/);
    const cold = await inside.waitForEnvironments('watched', (rows) => rows.length === 1 && rows[0]![3] === '1');
    expect(cold[0]!.slice(1)).toEqual(['Idle (warm)', 'on-demand', '1']);
    const id = cold[0]![0];
    await expect.poll(() => inside.activity()).toContainEqual(expect.stringContaining(`watched: cold start, a new environment ${id} runs Init`));

    // The page polls while an invocation runs: the environment is seen busy.
    await inside.invokeButton('watched').click();
    await inside.waitForEnvironments('watched', (rows) => rows[0]?.[1] === 'Busy');
    const warm = await inside.waitForEnvironments('watched', (rows) => rows[0]?.[3] === '2' && rows[0]?.[1] === 'Idle (warm)');
    expect(warm).toEqual([[id, 'Idle (warm)', 'on-demand', '2']]);
    await expect.poll(() => inside.activity()).toContainEqual(expect.stringContaining(`watched: warm start, environment ${id} reused (invocation 2)`));

    expect(await inside.invoke('watched', true)).toMatch(/^Invoked 2 times at once: 200, 200 in/);
    const two = await inside.waitForEnvironments('watched', (rows) => rows.length === 2 && rows.every((r) => r[1] === 'Idle (warm)'));
    expect(two.map((r) => r[3])).toEqual(['3', '1']);
    expect(two[0]![0]).toBe(id);

    // Reserved concurrency 1 (set through the app's /api): of two at once, one is throttled.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
    const put = await page.evaluate(async () => {
      const response = await fetch('api/2017-10-31/functions/watched/concurrency', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ReservedConcurrentExecutions: 1 }),
      });
      return response.status;
    });
    expect(put).toBe(200);
    expect(await inside.invoke('watched', true)).toMatch(/^Invoked 2 times at once: (200, 429 \(throttled\)|429 \(throttled\), 200) in/);
    await expect
      .poll(() => inside.activity())
      .toContainEqual(expect.stringContaining('watched: throttled (429 TooManyRequestsException, ReservedFunctionConcurrentInvocationLimitExceeded)'));
    await screenshot(page, 'inside-lambda.png', { fullPage: true });

    // A configuration change replaces them: both are listed as ended, and why.
    await page.goto(`${baseUrl}#/functions/watched?tab=code`);
    await fn.waitLoaded();
    await fn.configure({ description: 'changed' });
    await inside.goto();
    await inside.waitForEnvironments('watched', (rows) => rows.length === 0);
    const ended = await inside.ended();
    expect(ended.map((r) => [r[1], r[2]])).toEqual([
      ['watched', 'replaced: the function’s code or configuration changed'],
      ['watched', 'replaced: the function’s code or configuration changed'],
    ]);
    expect(pageErrors).toEqual([]);
  });

  it('the header shows Pyodide starting, and its download is counted, during a Python function’s first cold start, then hides it', async () => {
    const { page, baseUrl, pageErrors } = session();
    const list = await session().gotoFunctions();
    await list.createFunction('py-first', 'Python 3.14');
    // A new function is Pending for a moment, and Lambda refuses to invoke it until it is Active.
    const functions = await session().gotoFunctions();
    await expect.poll(async () => (await functions.row('py-first'))[4]).toBe('Active');
    const inside = new InsideLambdaPage(page, baseUrl);
    await inside.goto();
    // Everything the header's progress region says, as it changes.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { pyodideSeen: string[] }).pyodideSeen = seen;
      new MutationObserver(() => {
        const text = document.querySelector('header.top [role="status"]')?.textContent?.trim();
        if (text && seen.at(-1) !== text) seen.push(text);
      }).observe(document.querySelector('header.top')!, { subtree: true, childList: true, characterData: true });
    });
    expect(await inside.invoke('py-first')).toMatch(/^Invoked: 200 in/);
    const seen = await page.evaluate(() => (window as unknown as { pyodideSeen: string[] }).pyodideSeen);
    // From localhost the download takes a moment only; the header shows the start (~5 s) for sure.
    expect(seen).toContain('Starting Python runtime…');
    // The bytes counted are Pyodide's files (~13 MB), fetched by the host before the first boot.
    await expect.poll(() => page.getByTestId('python-runtime').innerText()).toMatch(
      /^Python runtime \(Pyodide\): ready in \d+ (s|ms): downloaded 1[0-9]\.\d MB, loaded the plain way/,
    );
    await page.locator('header.top [role="status"]').waitFor({ state: 'detached' });
    expect(pageErrors).toEqual([]);
  });
});
