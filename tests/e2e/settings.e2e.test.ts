/**
 * Settings in Chromium: the region changes the ARNs a function page shows, the theme switch
 * recolours the page (and is kept across a reload; "Follow system" follows prefers-color-scheme),
 * and Reset workspace empties the function list.
 */
import { describe, expect, it } from 'vitest';
import { FunctionPage, screenshot, SettingsConsolePage, useConsoleSession } from './fixtures';

const session = useConsoleSession();

const background = (page: import('playwright-core').Page): Promise<string> =>
  page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);

describe('Settings', () => {
  it('a new region shows in the function ARN; a bad account id is refused', async () => {
    const { page, baseUrl } = session();
    const settings = new SettingsConsolePage(page, baseUrl);
    await settings.goto();
    expect(await settings.saveAccount({ accountId: '12345' })).toContain('InvalidParameterValueException: The account id must be 12 digits.');
    expect(await settings.saveAccount({ region: 'eu-west-3', accountId: '111122223333' })).toBe('Successfully saved the settings.');
    expect(await page.getByTestId('example-arn').innerText()).toBe('arn:aws:lambda:eu-west-3:111122223333:function:my-function');

    const list = await session().gotoFunctions();
    await list.createFunction('regional', 'Node.js 22.x');
    const arn = page.getByText(/^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:regional$/);
    expect(await arn.innerText()).toBe('arn:aws:lambda:eu-west-3:111122223333:function:regional');
  });

  it('the theme switch changes the page colours, is kept across a reload, and can follow the system', async () => {
    const { page, baseUrl } = session();
    const settings = new SettingsConsolePage(page, baseUrl);
    await settings.goto();
    await page.emulateMedia({ colorScheme: 'light' });
    await settings.chooseTheme('Light');
    const light = await background(page);
    await settings.chooseTheme('Dark');
    const dark = await background(page);
    expect(light).toBe('rgb(242, 243, 243)');
    expect(dark).toBe('rgb(15, 27, 42)');
    if (process.env['SCREENSHOT_DIR']) {
      // The dark theme where it reaches most: a function's code, editor and file tree included.
      await page.goto(`${baseUrl}#/functions/regional?tab=code`);
      const fn = new FunctionPage(page, 'regional');
      await fn.waitLoaded();
      await fn.codeEditor('index.mjs').waitFor();
      await screenshot(page, 'dark.png', { height: 1000 });
    }
    await page.reload();
    await settings.goto();
    expect(await background(page)).toBe(dark);
    expect(await page.getByRole('radio', { name: 'Dark' }).isChecked()).toBe(true);

    await settings.chooseTheme('Follow system');
    expect(await background(page)).toBe(light);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => background(page)).toBe(dark);
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => background(page)).toBe(light);
  });

  it('shows storage and GetAccountSettings, and Reset workspace empties the function list and the settings', async () => {
    const { page, baseUrl, pageErrors } = session();
    const settings = new SettingsConsolePage(page, baseUrl);
    await settings.goto();
    await expect.poll(() => page.getByTestId('storage-used').innerText()).toMatch(/^[\d.]+ (KB|MB|GB)$/);
    expect(await page.getByTestId('account-concurrency').innerText()).toBe('1000');
    await page.getByRole('button', { name: 'Request persistent storage' }).click();
    await page.getByRole('status').filter({ hasText: /^(Granted|Not granted|The request failed)/ }).waitFor();
    await screenshot(page, 'settings.png', { fullPage: true });

    expect((await session().gotoFunctions().then((l) => l.names())).length).toBeGreaterThan(0);
    await settings.goto();
    // The confirmation must be typed.
    await page.getByRole('button', { name: 'Reset workspace' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reset workspace' });
    expect(await dialog.getByRole('button', { name: 'Reset', exact: true }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await settings.resetWorkspace();
    expect(await session().functions.names()).toEqual([]);
    await page.getByText("You don't have any functions yet.").waitFor();
    await settings.goto();
    expect(await page.getByLabel('Region', { exact: true }).inputValue()).toBe('us-east-1');
    expect(pageErrors).toEqual([]);
  });
});
