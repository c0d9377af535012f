/**
 * The Monitor and Logs tabs in Chromium: a function created through the console and run a
 * few times (once failing) shows its metrics as charts and totals, its recent invocations,
 * its log streams and events, a filter that narrows them, and live tail picking up an
 * invocation made in another tab without a reload.
 * With MONITOR_SCREENSHOTS=<folder>, the tabs are also saved as monitor.png and logs.png there.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FunctionPage, useConsoleSession, type ShownResult } from './fixtures';

const HANDLER = `export const handler = async (event) => {
  console.log('computing for', JSON.stringify(event));
  if (event.fail) throw new TypeError('the event asked to fail');
  return { area: (event.length ?? 1) * (event.width ?? 1) };
};
`;

const screenshots = process.env['SCREENSHOT_DIR'];

describe('Monitor and Logs tabs', () => {
  const session = useConsoleSession();
  const name = 'monitorAndLogs';
  let fn: FunctionPage;
  const results: ShownResult[] = [];
  /** Every script the page asked for, to check that uPlot waits for the Monitor tab. */
  const scripts: string[] = [];

  it('creates a function and invokes it four times, once with an error', async () => {
    session().page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    const list = await session().gotoFunctions();
    fn = await list.createFunction(name, 'Node.js 22.x');
    await fn.replaceCode('index.mjs', HANDLER);
    await fn.deploy();
    await fn.tab('Test');
    for (const event of ['{"length": 2, "width": 3}', '{"length": 4}', '{}', '{"fail": true}']) {
      await fn.setEvent(event);
      results.push(await fn.test());
    }
    expect(results.map((r) => r.status)).toEqual(['Status: Succeeded', 'Status: Succeeded', 'Status: Succeeded', 'Status: Failed']);
  });

  it('Monitor draws the charts and counts 4 invocations, 1 error, 75% success, with the recent invocations below', async () => {
    expect(scripts.filter((url) => url.includes('monitor-chart'))).toEqual([]);
    const monitor = await fn.openMonitor();
    expect(await monitor.total('Invocations')).toBe('4');
    expect(await monitor.total('Errors')).toBe('1');
    expect(await monitor.total('Success rate')).toBe('75%');
    expect(await monitor.total('Throttles')).toBe('0');
    expect(await monitor.total('Max concurrency')).toBe('1');
    expect(await monitor.chartFigure('Invocations')).toBe('4 in total');
    expect(await monitor.chartFigure('Error count and success rate (%)')).toBe('1 error · 75%');
    for (const title of ['Duration', 'Throttles', 'Concurrent executions']) await monitor.chart(title).locator('canvas').first().waitFor();
    expect(await session().page.locator('figure.chart canvas').count()).toBeGreaterThanOrEqual(5);
    expect(await monitor.chartLegend('Duration')).toMatch(/p50[\s\S]*p99/);

    const recent = await monitor.recentInvocations();
    expect(recent).toHaveLength(4);
    // Newest first: the failed one, with its error type, then the three that succeeded.
    expect(recent.map((row) => row[1])).toEqual(results.map((r) => r.requestId).reverse());
    expect(recent[0]![7]).toBe('✕ Failed (TypeError)');
    expect(recent.slice(1).map((row) => row[7])).toEqual(['✓ Succeeded', '✓ Succeeded', '✓ Succeeded']);
    expect(recent[0]![2]).toBe('$LATEST');
    expect(recent[3]![6]).toMatch(/ms$/); // the first invocation was a cold start: Init duration shown
    expect(recent[0]![5]).toMatch(/^\d+ \/ 128 MB$/);

    await monitor.chooseRange('Last 12 hours');
    expect(await monitor.total('Invocations')).toBe('4');
    await monitor.chooseRange('Last 1 hour');
    // uPlot came with the tab, not with the app.
    expect(scripts.filter((url) => url.includes('monitor-chart'))).toHaveLength(1);

    // A 768 px tablet: the charts stack, nothing scrolls sideways.
    await session().page.setViewportSize({ width: 768, height: 900 });
    await expect.poll(() => session().page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
    const boxes = await Promise.all(['Invocations', 'Duration'].map((t) => monitor.chart(t).boundingBox()));
    expect(boxes[1]!.y).toBeGreaterThan(boxes[0]!.y + boxes[0]!.height - 1);
    await session().page.setViewportSize({ width: 1280, height: 900 });
    if (screenshots) {
      await fn.dismissFlashes();
      await session().page.mouse.move(5, 5);
      await session().page.screenshot({ path: join(screenshots, 'monitor.png'), fullPage: true });
    }
    expect(session().pageErrors).toEqual([]);
  });

  it('Logs lists the streams, shows each invocation from START to REPORT, and the filter narrows the events', async () => {
    const logs = await fn.openLogs();
    const streams = await logs.streams();
    expect(streams.length).toBeGreaterThanOrEqual(1);
    expect(streams[0]).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    for (const { requestId } of results) {
      await logs.startLine(requestId).waitFor();
      await expect.poll(async () => logs.invocation(requestId).locator('.line.report').count()).toBe(1);
    }
    const failed = logs.invocation(results[3]!.requestId);
    expect(await failed.locator('.badge').first().innerText()).toBe('Failed invocation');
    expect(await failed.locator('.line.error').count()).toBeGreaterThanOrEqual(1);
    expect(await logs.invocation(results[0]!.requestId).locator('.badge', { hasText: 'Cold start' }).count()).toBe(1);
    expect(await logs.invocation(results[0]!.requestId).locator('.chip', { hasText: 'Init Duration' }).count()).toBe(1);

    const all = await logs.lines();
    await logs.filter('ERROR');
    const errors = await logs.lines();
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(errors.length).toBeLessThan(all.length);
    expect(errors.every((line) => line.includes('ERROR'))).toBe(true);
    expect(errors.join('\n')).toContain('the event asked to fail');

    await logs.filter('computing -fail');
    expect(await logs.lines()).toHaveLength(3);
    await logs.filter('');
    expect((await logs.lines()).length).toBe(all.length);

    await logs.openStream(streams[0]!);
    expect((await logs.lines()).length).toBeGreaterThan(0);
    await logs.openStream('All log streams');
    expect(session().pageErrors).toEqual([]);
  });

  it('live tail shows an invocation made in another tab without a reload', async () => {
    const logs = await fn.openLogs();
    await logs.setLiveTail(true);
    const other = await session().context.newPage();
    try {
      await other.goto(`${session().baseUrl}#/functions/${name}?tab=testing`);
      const elsewhere = new FunctionPage(other, name);
      await elsewhere.waitLoaded();
      await elsewhere.setEvent('{"length": 7, "width": 6}');
      const { requestId, status } = await elsewhere.test();
      expect(status).toBe('Status: Succeeded');
      await logs.startLine(requestId).waitFor({ timeout: 10_000 });
      await logs.invocation(requestId).locator('.line.report').waitFor({ timeout: 10_000 });
      expect(await logs.summary()).toMatch(/live tail on, [1-9]\d* new/);
      // The other tab's metric points wait up to 300 ms in its memory; reading them flushes them before it closes.
      expect(await (await elsewhere.openMonitor()).total('Invocations')).toBe('5');
    } finally {
      await other.close();
    }
    if (screenshots) {
      await logs.setLiveTail(false);
      await fn.dismissFlashes();
      await session().page.mouse.move(5, 5);
      await session().page.screenshot({ path: join(screenshots, 'logs.png'), fullPage: true });
    }
    expect(session().pageErrors).toEqual([]);
  });

  it('a throttled invocation shows in Throttles and in Recent invocations, not in Invocations', async () => {
    const page = session().page;
    // Reserved concurrency 0 through the Lambda API at <app>/api (the service worker relays it to this tab).
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
    const statuses = await page.evaluate(async (fnName) => {
      const put = await fetch(`./api/2017-10-31/functions/${fnName}/concurrency`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ReservedConcurrentExecutions: 0 }),
      });
      const invoke = await fetch(`./api/2015-03-31/functions/${fnName}/invocations`, { method: 'POST', body: '{}' });
      return [put.status, invoke.status, invoke.headers.get('x-amzn-ErrorType')];
    }, name);
    expect(statuses).toEqual([200, 429, 'TooManyRequestsException']);
    const monitor = await fn.openMonitor();
    expect(await monitor.total('Throttles')).toBe('1');
    expect(await monitor.total('Invocations')).toBe('5');
    expect(await monitor.chartFigure('Throttles')).toBe('1 in total');
    const [newest] = await monitor.recentInvocations();
    expect(newest![7]).toBe('⏸ Throttled');
    expect(session().pageErrors).toEqual([]);
  });
});
