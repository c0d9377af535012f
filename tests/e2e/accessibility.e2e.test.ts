/**
 * Every page of the console, as a keyboard or screen-reader user meets it: every control in the
 * accessibility tree has a name, and at a 768 px tablet width nothing scrolls sideways. One pass
 * over each page and each function tab (issue: "Every control has an accessible name …; the
 * layout works from 1280 px wide down to a 768 px tablet").
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useConsoleSession } from './fixtures';

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

const PAGES = ['#/functions', '#/create/function', '#/layers', '#/environments', '#/settings'];
const TABS = ['code', 'testing', 'monitor', 'logs', 'configure', 'aliases', 'versions'];

describe('accessibility and layout of every page', () => {
  it('a function exists to look at', async () => {
    const list = await session().gotoFunctions();
    const fn = await list.createFunction('a11y-fn', 'Node.js 22.x');
    expect(fn.name).toBe('a11y-fn');
  });

  for (const width of [1280, 768]) {
    it.each([...PAGES, ...TABS.map((tab) => `#/functions/a11y-fn?tab=${tab}`)])(`%s at ${width} px: every control is named, nothing scrolls sideways`, async (hash) => {
      const { page, baseUrl } = session();
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${baseUrl}${hash}`);
      await page.locator('main h1').first().waitFor();
      // Let the page finish loading what it reads from the control plane.
      await page.waitForTimeout(400);
      expect(await unnamedControls(page)).toEqual([]);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
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
