/**
 * Embed mode in the real app: `?embed#share=<payload>` shows only the editor, the event, Run and
 * the result (no header, no navigation), runs the function when asked, in a page of its own and
 * inside an iframe on another page, and "Open in Lambdalite" carries the edited function.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { decodeSharePayload, embedSnippet, encodeSharePayload } from '../../src/share/share-link';
import type { SharedFunction } from '../../src/share/shared-function';
import { ConsoleSession, launchChromium } from './fixtures';

const AREA = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'handlers', 'nodejs', 'area', 'index.mjs'), 'utf8');
const AREA_PY = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'handlers', 'python', 'area', 'lambda_function.py'), 'utf8');

const tutorial: SharedFunction = {
  name: 'myLambdaFunction',
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  memorySize: 128,
  timeout: 3,
  files: [{ path: 'index.mjs', text: AREA }],
  event: { name: 'myTestEvent', json: '{\n  "length": 6,\n  "width": 7\n}' },
};

let browser: Browser;
let session: ConsoleSession;

beforeAll(async () => {
  browser = await launchChromium();
  session = await ConsoleSession.open(browser, inject('baseUrl'));
});

afterAll(async () => {
  await session?.close();
  await browser?.close();
});

type Scope = Page | FrameLocator;

async function run(scope: Scope): Promise<{ status: string; response: string; logs: string }> {
  const results = scope.getByRole('region', { name: 'Execution results' });
  const before = (await results.getByRole('region', { name: 'Function Logs' }).count()) > 0 ? await results.getByRole('region', { name: 'Function Logs' }).innerText() : '';
  await scope.getByRole('button', { name: 'Run', exact: true }).click();
  await expect
    .poll(async () => {
      if ((await results.getAttribute('aria-busy').catch(() => null)) === 'true') return '';
      const logs = results.getByRole('region', { name: 'Function Logs' });
      return (await logs.count()) > 0 ? await logs.innerText() : '';
    }, { timeout: 60_000 })
    .not.toBe(before);
  await results.getByText(/Status: (Succeeded|Failed)/).waitFor();
  await expect.poll(() => results.locator('.body').getAttribute('aria-busy')).toBe('false');
  return {
    status: (await results.getByText(/Status: \w+/).innerText()).match(/Status: \w+/)?.[0] ?? '',
    response: await results.getByRole('region', { name: 'Response' }).locator('pre').innerText(),
    logs: await results.getByRole('region', { name: 'Function Logs' }).locator('pre').innerText(),
  };
}

async function replaceEditorText(page: Page, scope: Scope, label: string, text: string): Promise<void> {
  await scope.getByRole('textbox', { name: label }).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

describe.sequential('embed mode', () => {
  it('shows only the editor, the event, Run and the result', async () => {
    const page = session.page;
    await page.setViewportSize({ width: 760, height: 640 });
    await page.goto(`${session.baseUrl}?embed#share=${encodeSharePayload(tutorial)}`);
    await page.getByRole('heading', { name: 'myLambdaFunction', level: 1 }).waitFor();
    await page.getByRole('textbox', { name: 'Code editor: index.mjs' }).waitFor();
    await page.getByRole('textbox', { name: 'Event JSON' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Code editor: index.mjs' }).innerText()).toContain('calculateArea');
    // None of the console around it.
    expect(await page.getByRole('banner').count()).toBe(0);
    expect(await page.getByRole('navigation').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Functions' }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Execution results' }).innerText()).toContain('Choose Run');
  });

  it('runs the function, and again with an edited event', async () => {
    const page = session.page;
    const first = await run(page);
    expect(first.status).toBe('Status: Succeeded');
    expect(JSON.parse(first.response)).toBe('{"area":42}');
    if (process.env['SCREENSHOT_DIR']) await page.screenshot({ path: `${process.env['SCREENSHOT_DIR']}/embed.png` });
    await replaceEditorText(page, page, 'Event JSON', '{"length": 3, "width": 5}');
    const second = await run(page);
    expect(JSON.parse(second.response)).toBe('{"area":15}');
    expect(second.logs).toContain('The area is 15');
  });

  it('"Open in Lambdalite" opens the full console with the function as edited', async () => {
    const page = session.page;
    const href = await page.getByRole('link', { name: /Open in Lambdalite/ }).getAttribute('href');
    expect(href).toMatch(new RegExp(`^${session.baseUrl.replace(/[.]/g, '\\.')}#share=`));
    expect(href).not.toContain('embed');
    expect(await page.getByRole('link', { name: /Open in Lambdalite/ }).getAttribute('target')).toBe('_blank');
    const decoded = decodeSharePayload(href!.split('#share=')[1]!);
    expect(decoded.ok && JSON.parse(decoded.value.event!.json)).toEqual({ length: 3, width: 5 });
    const [opened] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('link', { name: /Open in Lambdalite/ }).click()]);
    await opened!.getByRole('heading', { name: 'Shared function: myLambdaFunction' }).waitFor();
    expect(await opened!.getByRole('banner').count()).toBe(1);
    await opened!.close();
  });

  it('a function of several files shows them as tabs, by keyboard too, and runs with its module', async () => {
    const page = session.page;
    const twoFiles: SharedFunction = {
      ...tutorial,
      name: 'twoFiles',
      files: [
        { path: 'index.mjs', text: "import { area } from './lib/geometry.mjs';\nexport const handler = async (event) => ({ area: area(event.length, event.width) });\n" },
        { path: 'lib/geometry.mjs', text: 'export const area = (l, w) => l * w;\n' },
      ],
    };
    await page.goto(`${session.baseUrl}#embed=${encodeSharePayload(twoFiles)}`);
    const tabs = page.getByRole('tablist', { name: 'Files' });
    await tabs.waitFor();
    expect(await tabs.getByRole('tab').allInnerTexts()).toEqual(['index.mjs', 'lib/geometry.mjs']);
    await tabs.getByRole('tab', { name: 'index.mjs' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await tabs.getByRole('tab', { name: 'lib/geometry.mjs' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.getByRole('tabpanel').getByRole('textbox', { name: 'Code editor: lib/geometry.mjs' }).innerText()).toContain('l * w');
    expect(JSON.parse((await run(page)).response)).toEqual({ area: 42 });
  });

  /** Serves a tutorial page with the README's iframe snippets from loopback (Chromium refuses a public page framing a loopback address). */
  async function tutorialSite(html: string): Promise<number> {
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(html);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => void server.close());
    return (server.address() as AddressInfo).port;
  }

  const python: SharedFunction = { ...tutorial, runtime: 'python3.13', handler: 'lambda_function.lambda_handler', files: [{ path: 'lambda_function.py', text: AREA_PY }] };
  const tutorialPage = (): string => `<!doctype html><html lang="en"><head><title>Tutorial</title></head><body>
      <h1>Step 3: test your function</h1>
      ${embedSnippet(session.baseUrl, encodeSharePayload(tutorial), tutorial.name)}
      ${embedSnippet(session.baseUrl, encodeSharePayload(python), 'python area')}
    </body></html>`;

  it('runs inside iframes on a tutorial page (the README snippet), Node.js and Python', async () => {
    const page = session.page;
    await page.setViewportSize({ width: 900, height: 1400 });
    // Another origin of the same site (127.0.0.1, another port): the frames may use storage.
    await page.goto(`http://127.0.0.1:${await tutorialSite(tutorialPage())}/lambda/getting-started`);
    const frames = page.frameLocator('iframe');
    const node = frames.first();
    await node.getByRole('textbox', { name: 'Code editor: index.mjs' }).waitFor({ timeout: 30_000 });
    expect(JSON.parse((await run(node)).response)).toBe('{"area":42}');
    const py = frames.nth(1);
    await py.getByRole('textbox', { name: 'Code editor: lambda_function.py' }).waitFor({ timeout: 30_000 });
    // The first Python run loads Pyodide (seconds): the embed has no header, so its result shows the progress.
    const progress = py.getByRole('region', { name: 'Execution results' }).getByRole('progressbar', { name: 'Loading the Python runtime' });
    const progressSeen = progress.waitFor({ timeout: 30_000 }).then(
      () => true,
      () => false,
    );
    const result = await run(py);
    expect(await progressSeen).toBe(true);
    expect(await py.getByRole('status').filter({ hasText: /Python runtime/ }).count()).toBe(0);
    expect(result.status).toBe('Status: Succeeded');
    expect(JSON.parse(result.response)).toBe('{"area": 42}');
    if (process.env['SCREENSHOT_DIR']) await page.screenshot({ path: `${process.env['SCREENSHOT_DIR']}/embed-iframes.png` });
  });

  it('on another site whose frames may not store data, still runs in the frame, in memory, and says nothing is kept', async () => {
    const page = session.page;
    // localhost is another site than 127.0.0.1: this Chromium blocks third-party storage there.
    await page.goto(`http://localhost:${await tutorialSite(tutorialPage())}/lambda/getting-started`);
    const node = page.frameLocator('iframe').first();
    await node.getByRole('textbox', { name: 'Code editor: index.mjs' }).waitFor({ timeout: 30_000 });
    await node.getByRole('note').filter({ hasText: 'third-party storage is blocked' }).waitFor({ timeout: 30_000 });
    expect(await node.getByRole('note').innerText()).toContain('nothing is kept after the page closes');
    expect(JSON.parse((await run(node)).response)).toBe('{"area":42}');
    expect(await node.getByRole('link', { name: /Open in Lambdalite/ }).getAttribute('href')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#share=/);
    expect(session.pageErrors).toEqual([]);
  });
});
