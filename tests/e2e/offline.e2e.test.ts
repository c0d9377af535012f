/**
 * Works offline: after one visit the service worker has precached the app and both engines,
 * so with the network off a reload still shows the console, stays cross-origin isolated
 * (precached responses keep their COOP/COEP headers), and creates and runs a Node.js and a
 * Python function. A persistent profile, because Playwright's default context does not keep
 * the service worker's caches the way a browser profile does (ENGINE-NOTES).
 */
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_PATH, FunctionsPage, launchChromium, tutorialHandler } from './fixtures';
import { startPlainStaticServer } from './plain-static-server';

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
    // The worker claims the page while it activates, so the controller can be there a moment before 'activated'.
    await expect
      .poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state), { timeout: 30_000 })
      .toBe('activated');
  });

  it('is installable: Chromium finds nothing missing (manifest, icons, service worker)', async () => {
    const cdp = await page.context().newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    const manifest = await cdp.send('Page.getAppManifest');
    expect(manifest.errors).toEqual([]);
    await cdp.detach();
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

/**
 * "Reload to update": a new service worker (here the built one with a byte changed, as a
 * deploy would change it) installs beside the running page and waits; the page keeps its
 * code until the user clicks, then reloads onto the new version. Served from a copy of dist/
 * so the change touches nothing else. Set SCREENSHOT_DIR to keep a picture of the prompt.
 */
describe.sequential('a new version waits for "Reload to update"', () => {
  const UPDATE_PORT = 4186;
  // The build the other files test (global-setup's E2E_DIST), so a run on another build copies that one.
  const dist = resolve(dirname(fileURLToPath(import.meta.url)), '../..', process.env['E2E_DIST'] ?? 'dist');
  let site = '';
  let server: Server | undefined;
  let browser: Browser | undefined;
  let updatePage: Page;

  beforeAll(async () => {
    site = mkdtempSync(join(tmpdir(), 'lambdalite-update-'));
    cpSync(dist, site, { recursive: true });
    server = await startPlainStaticServer(site, '127.0.0.1', UPDATE_PORT);
    browser = await launchChromium();
    updatePage = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((done) => (server ? server.close(done) : done(undefined)));
    if (site) rmSync(site, { recursive: true, force: true });
  });

  it('shows the prompt while the running page keeps the old worker, and reloads onto the new one when asked', async () => {
    await updatePage.goto(`http://127.0.0.1:${UPDATE_PORT}/#/functions`);
    await new FunctionsPage(updatePage).waitLoaded();
    await updatePage.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
    await updatePage.evaluate(() => Object.assign(window, { runningPageMarker: true }));

    // A new deploy: the service worker's bytes differ, so the browser installs it as an update.
    appendFileSync(join(site, 'service-worker.js'), `\n// deployed again at ${Date.now()}\n`);
    await updatePage.evaluate(async () => (await navigator.serviceWorker.ready).update());

    const prompt = updatePage.getByRole('status').filter({ hasText: 'A new version of Lambdalite is available.' });
    await prompt.waitFor({ timeout: 30_000 });
    // The new version waits; nothing was swapped under the running page.
    const before = await updatePage.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return { waiting: registration?.waiting?.state, marker: 'runningPageMarker' in window };
    });
    expect(before).toEqual({ waiting: 'installed', marker: true });
    if (process.env.SCREENSHOT_DIR) await updatePage.screenshot({ path: join(process.env.SCREENSHOT_DIR, 'update-prompt.png') });

    await Promise.all([updatePage.waitForEvent('load', { timeout: 30_000 }), prompt.getByRole('button', { name: 'Reload to update' }).click()]);
    await new FunctionsPage(updatePage).waitLoaded();
    const after = await updatePage.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return { waiting: registration?.waiting ?? null, controlled: navigator.serviceWorker.controller !== null, marker: 'runningPageMarker' in window };
    });
    expect(after).toEqual({ waiting: null, controlled: true, marker: false });
    expect(await prompt.count()).toBe(0);
  });

  /** Deploys again (the worker's bytes change) and has the browser look for it from `page`. */
  async function deployAgain(page: Page): Promise<void> {
    appendFileSync(join(site, 'service-worker.js'), `\n// deployed again at ${Date.now()}\n`);
    await page.evaluate(async () => (await navigator.serviceWorker.ready).update());
  }

  const promptOf = (page: Page) => page.getByRole('status').filter({ hasText: 'A new version of Lambdalite is available.' });

  it('with two tabs, Reload in one says "updated in another tab" in the other, which reloads only when asked', async () => {
    const pageA = updatePage;
    const pageB = await pageA.context().newPage();
    await pageB.goto(`http://127.0.0.1:${UPDATE_PORT}/#/functions`);
    await new FunctionsPage(pageB).waitLoaded();
    await pageB.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
    for (const page of [pageA, pageB]) await page.evaluate(() => Object.assign(window, { runningPageMarker: true }));

    await deployAgain(pageA);
    await promptOf(pageA).waitFor({ timeout: 30_000 });
    await promptOf(pageB).waitFor({ timeout: 30_000 });

    await Promise.all([pageA.waitForEvent('load', { timeout: 30_000 }), promptOf(pageA).getByRole('button', { name: 'Reload to update' }).click()]);
    await new FunctionsPage(pageA).waitLoaded();

    // The new worker claimed tab B too. B says so, and keeps its page (undeployed edits) until asked.
    const notice = pageB.getByRole('alert').filter({ hasText: 'Lambdalite was updated in another tab — Reload to continue.' });
    await notice.waitFor({ timeout: 30_000 });
    expect(await promptOf(pageB).count()).toBe(0);
    expect(await pageB.evaluate(() => 'runningPageMarker' in window)).toBe(true);
    if (process.env.SCREENSHOT_DIR) await pageB.screenshot({ path: join(process.env.SCREENSHOT_DIR, 'updated-in-another-tab.png') });

    await Promise.all([pageB.waitForEvent('load', { timeout: 30_000 }), notice.getByRole('button', { name: 'Reload', exact: true }).click()]);
    await new FunctionsPage(pageB).waitLoaded();
    const after = await pageB.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return { waiting: registration?.waiting ?? null, controlled: navigator.serviceWorker.controller !== null, marker: 'runningPageMarker' in window };
    });
    expect(after).toEqual({ waiting: null, controlled: true, marker: false });
    expect(await notice.count()).toBe(0);
    await pageB.close();
  });

  it('"Reloading…" never stays: a waiting worker that does not take over still gets the page reloaded', async () => {
    const page = updatePage;
    await page.evaluate(() => Object.assign(window, { runningPageMarker: true }));
    await deployAgain(page);
    await promptOf(page).waitFor({ timeout: 30_000 });
    // The SKIP_WAITING message goes nowhere, as when another tab's click activated (or a newer
    // deploy replaced) this worker a moment before: no controllerchange will come.
    await page.evaluate(async () => {
      const waiting = (await navigator.serviceWorker.getRegistration())?.waiting;
      if (!waiting) throw new Error('no waiting worker');
      waiting.postMessage = () => undefined;
    });
    await Promise.all([page.waitForEvent('load', { timeout: 15_000 }), promptOf(page).getByRole('button', { name: 'Reload to update' }).click()]);
    await new FunctionsPage(page).waitLoaded();
    expect(await page.evaluate(() => 'runningPageMarker' in window)).toBe(false);
    // Nobody applied that version, so it still waits, and the reloaded page offers it again.
    await promptOf(page).waitFor({ timeout: 30_000 });
  });
});
