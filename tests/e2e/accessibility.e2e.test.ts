/**
 * Every page of the console, as a keyboard or screen-reader user meets it: every control in the
 * accessibility tree has a name, and at 1280 px and a 768 px tablet width nothing scrolls
 * sideways. One pass over each page (a layer's page, a share link and its embed view included),
 * each function tab and each Configuration section (issue: "Every control has an accessible
 * name …; the layout works from 1280 px wide down to a 768 px tablet").
 */
import { strToU8, zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { encodeSharePayload } from '../../src/share/share-link';
import type { SharedFunction } from '../../src/share/shared-function';
import { LayersConsolePage, tutorialHandler, useConsoleSession } from './fixtures';

const session = useConsoleSession();

/** Roles that a user operates, and so must be named. */
const CONTROL_ROLES = ['button', 'link', 'textbox', 'searchbox', 'combobox', 'checkbox', 'radio', 'slider', 'spinbutton', 'switch', 'tab', 'menuitem', 'listbox'];
const UNNAMED = new RegExp(`^\\s*- (${CONTROL_ROLES.join('|')})(\\s*\\[[^\\]]*\\])*:?\\s*$`);

async function unnamedControls(page: Page): Promise<string[]> {
  const snapshot = await page.locator('body').ariaSnapshot();
  return snapshot.split('\n').filter((line) => UNNAMED.test(line));
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

const shared: SharedFunction = {
  name: 'a11y-shared',
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  memorySize: 128,
  timeout: 3,
  files: [
    { path: 'index.mjs', text: tutorialHandler('nodejs') },
    { path: 'lib/units.mjs', text: "export const unit = 'cm';\n" },
  ],
  event: { name: 'myTestEvent', json: '{"length": 6, "width": 7}' },
};
const SHARE = `#share=${encodeSharePayload(shared)}`;

const PAGES = ['#/functions', '#/create/function', '#/layers', '#/layers/a11y-layer', '#/environments', '#/settings', SHARE, `?embed${SHARE}`];
const TABS = ['code', 'testing', 'monitor', 'logs', 'configure', 'aliases', 'versions'];
/** The page's address as the test's name shows it: a share payload is long, its start says enough. */
const short = (hash: string): string => hash.replace(/(share=.{12}).*/, '$1…');

async function expectNamedAndFitting(page: Page): Promise<void> {
  // Let the page finish loading what it reads from the control plane.
  await page.waitForTimeout(400);
  expect(await unnamedControls(page)).toEqual([]);
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
}

describe('accessibility and layout of every page', () => {
  it('a function and a layer exist to look at', async () => {
    const list = await session().gotoFunctions();
    const fn = await list.createFunction('a11y-fn', 'Node.js 22.x');
    expect(fn.name).toBe('a11y-fn');
    const layers = new LayersConsolePage(session().page, session().baseUrl);
    await layers.goto();
    await layers.create({ name: 'a11y-layer', description: 'units helper', zip: zipSync({ 'nodejs/node_modules/units/index.js': strToU8('module.exports = {};\n') }), runtimes: ['Node.js 22.x'] });
  });

  for (const width of [1280, 768]) {
    it.each([...PAGES, ...TABS.map((tab) => `#/functions/a11y-fn?tab=${tab}`)].map((hash) => [short(hash), hash]))(
      `%s at ${width} px: every control is named, nothing scrolls sideways`,
      async (_name, hash) => {
        const { page, baseUrl } = session();
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${baseUrl}${hash}`);
        await page.locator('main h1').first().waitFor();
        // The layer's page itself, not a "not found" one.
        if (hash.startsWith('#/layers/')) await page.getByRole('region', { name: /^Versions/ }).getByRole('table').waitFor();
        await expectNamedAndFitting(page);
      },
    );

    // Every section of the sub-navigation as the page lists it (General is the configure tab above), so a new one is swept too.
    it(`every Configuration section at ${width} px: every control is named, nothing scrolls sideways`, async () => {
      const { page, baseUrl } = session();
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${baseUrl}#/functions/a11y-fn?tab=configure`);
      await page.locator('main h1').first().waitFor();
      const nav = page.getByRole('navigation', { name: 'Configuration' });
      const labels = (await nav.getByRole('button').allInnerTexts()).map((l) => l.trim()).filter((l) => l !== 'General configuration');
      expect(labels.length).toBeGreaterThanOrEqual(10);
      const problems: Record<string, { unnamed: string[]; overflow: number }> = {};
      for (const label of labels) {
        await nav.getByRole('button', { name: label, exact: true }).click();
        await nav.locator('button[aria-current="true"]', { hasText: label }).waitFor();
        await page.locator('.config .content .loading').waitFor({ state: 'detached' });
        await page.waitForTimeout(400);
        const found = { unnamed: await unnamedControls(page), overflow: await horizontalOverflow(page) };
        if (found.unnamed.length > 0 || found.overflow > 0) problems[label] = found;
      }
      expect(problems).toEqual({});
    });

    it(`the share page's result at ${width} px, after Run: every control is named, nothing scrolls sideways`, async () => {
      const { page, baseUrl } = session();
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${baseUrl}${SHARE}`);
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await page.getByRole('region', { name: 'Execution results' }).getByText(/Status: (Succeeded|Failed)/).waitFor({ timeout: 30_000 });
      await expectNamedAndFitting(page);
    });
  }

  it('Tab moves focus through the page with a visible focus ring', async () => {
    const { page, baseUrl } = session();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${baseUrl}#/functions/a11y-fn?tab=code`);
    await page.locator('main h1').first().waitFor();
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element || element === document.body) return undefined;
        const style = getComputedStyle(element);
        const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
        return { label: element.getAttribute('aria-label') ?? element.textContent?.trim().slice(0, 40) ?? element.tagName, ring: ring || style.boxShadow !== 'none' };
      });
      if (!focused) continue;
      expect(focused.ring, `focus on "${focused.label}" is visible`).toBe(true);
      seen.add(focused.label);
    }
    expect(seen.size).toBeGreaterThan(5);
  });
});
