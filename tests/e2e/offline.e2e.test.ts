/**
 * Works offline: after one visit the service worker has precached the app and both engines,
 * so with the network off a reload still shows the console, stays cross-origin isolated
 * (precached responses keep their COOP/COEP headers), and creates and runs a Node.js and a
 * Python function. A persistent profile, because Playwright's default context does not keep
 * the service worker's caches the way a browser profile does (ENGINE-NOTES).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_PATH, FunctionsPage, tutorialHandler } from './fixtures';

const AREA_EVENT = '{"length":6,"width":7}';

let profile = '';
let context: BrowserContext | undefined;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  profile = mkdtempSync(join(tmpdir(), 'lambdalite-offline-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    viewport: { width: 1280, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => pageErrors.push(error.message));
});

afterAll(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function functionsList(): Promise<FunctionsPage> {
  const list = new FunctionsPage(page);
  await list.waitLoaded();
  return list;
}

describe.sequential('Lambdalite offline, after one visit', () => {
  it('the first visit installs the service worker, which takes control of the page', async () => {
    await page.goto(`${inject('baseUrl')}#/functions`);
    await functionsList();
    // Active means installed, and installing means every precached file was fetched.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
    const state = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state);
    expect(state).toBe('activated');
  });

  it('with the network off, a reload shows the console, still cross-origin isolated', async () => {
    await context?.setOffline(true);
    await page.reload();
    await functionsList();
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    // The network really is off: a file that was never cached cannot be fetched.
    const uncached = await page.evaluate(async () => {
      try {
        return (await fetch(`./not-cached-${Date.now()}.txt`)).status;
      } catch {
        return 'network error';
      }
    });
    expect(uncached).toBe('network error');
  });

  it('creates and runs a Node.js function offline', async () => {
    const list = await functionsList();
    const fn = await list.createFunction('offlineNode', 'Node.js 22.x');
    await fn.replaceCode('index.mjs', tutorialHandler('nodejs'));
    await fn.deploy();
    await fn.setEvent(AREA_EVENT);
    const result = await fn.test();
    expect(result.status).toBe('Status: Succeeded');
    expect(result.response).toBe('"{\\"area\\":42}"');
    expect(result.logs).toMatch(/\tINFO\tThe area is 42/);
  });

  it('creates and runs a Python function offline (Pyodide from the cache)', async () => {
    await page.goto(`${inject('baseUrl')}#/functions`);
    const list = await functionsList();
    const fn = await list.createFunction('offlinePython', 'Python 3.14');
    await fn.replaceCode('lambda_function.py', tutorialHandler('python'));
    await fn.deploy();
    await fn.setEvent(AREA_EVENT);
    // The first Python test loads Pyodide (~5–6 s), here from the service worker's cache.
    const result = await fn.test({ timeout: 60_000 });
    expect(result.status).toBe('Status: Succeeded');
    expect(result.response).toBe('"{\\"area\\": 42}"');
    expect(result.logs).toContain('The area is 42');
  });

  it('no page errors on the way', () => {
    expect(pageErrors).toEqual([]);
  });
});
