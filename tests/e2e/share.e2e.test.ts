/**
 * Share links in the real app: a link made in one browser context (Actions → Share on the
 * tutorial's area function) is opened in a fresh one (a new profile: an empty workspace), shows
 * what it carries, runs only when asked, imports, and a second import asks about the name clash.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { ConsoleSession, FunctionsPage, InsideLambdaPage, launchChromium } from './fixtures';

let browser: Browser;
let author: ConsoleSession;
let reader: ConsoleSession;
let link = '';

beforeAll(async () => {
  browser = await launchChromium();
  author = await ConsoleSession.open(browser, inject('baseUrl'));
  reader = await ConsoleSession.open(browser, inject('baseUrl'));
});

afterAll(async () => {
  await author?.close();
  await reader?.close();
  await browser?.close();
});

/** Create function → Use a blueprint → the tutorial's area function (Node.js), with its saved test event. */
async function createAreaFunction(page: Page, baseUrl: string, name: string): Promise<void> {
  await page.goto(`${baseUrl}#/create/function`);
  await page.getByRole('radio', { name: /Use a blueprint/ }).check();
  await page.getByLabel('Blueprint name').selectOption('area:nodejs');
  await page.getByLabel('Function name').fill(name);
  await page.getByRole('button', { name: 'Create function' }).click();
  await page.getByRole('heading', { name, level: 1, exact: true }).waitFor();
  await page.getByRole('heading', { name: 'Function overview' }).waitFor();
}

async function waitRunResult(page: Page): Promise<{ status: string; response: string; logs: string }> {
  const results = page.getByRole('region', { name: 'Execution results' });
  await results.getByText(/Status: (Succeeded|Failed)/).waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => document.querySelector('.result-panel .body')?.getAttribute('aria-busy') === 'false');
  return {
    status: (await results.getByText(/Status: \w+/).innerText()).match(/Status: \w+/)?.[0] ?? '',
    response: await results.getByRole('region', { name: 'Response' }).locator('pre').innerText(),
    logs: await results.getByRole('region', { name: 'Function Logs' }).locator('pre').innerText(),
  };
}

async function functionNames(session: ConsoleSession): Promise<string[]> {
  const list = await session.gotoFunctions();
  return list.names();
}

/** Every function ListFunctions answers, through the Lambda API at <app>/api: scratch copies too, which the console hides. */
async function apiFunctionNames(page: Page): Promise<string[]> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
  return page.evaluate(async () => {
    const response = await fetch(new URL('api/2015-03-31/functions', document.baseURI));
    const answer = (await response.json()) as { Functions?: Array<{ FunctionName: string }> };
    if (!response.ok || !answer.Functions) throw new Error(`ListFunctions answered ${response.status}: ${JSON.stringify(answer)}`);
    return answer.Functions.map((f) => f.FunctionName);
  });
}

describe.sequential('share links', () => {
  it('Actions → Share makes a link of the tutorial function under 2,000 characters', async () => {
    const page = author.page;
    await createAreaFunction(page, author.baseUrl, 'myArea');
    // The saved event is listed with the page; Share then carries it.
    await page.getByRole('tab', { name: 'Test', exact: true }).click();
    await page.locator('fieldset[aria-busy="false"]').waitFor();
    await page.getByRole('button', { name: 'Actions' }).click();
    await page.getByRole('menuitem', { name: 'Share' }).click();
    const dialog = page.getByRole('dialog', { name: 'Share myArea' });
    await dialog.getByRole('textbox', { name: 'Link' }).waitFor();
    await expect.poll(() => dialog.getByRole('checkbox', { name: /Test event \(myTestEvent\)/ }).isChecked()).toBe(true);
    expect(await dialog.getByRole('checkbox', { name: /Environment variables \(0\)/ }).isDisabled()).toBe(true);
    link = await dialog.getByRole('textbox', { name: 'Link' }).inputValue();
    expect(link.startsWith(`${author.baseUrl}#share=`)).toBe(true);
    expect(link.length).toBeLessThan(2000);
    console.log(`share link of the tutorial's area function (Node.js): ${link.length} characters`);
    await expect.poll(async () => (await dialog.getByText(/characters$/).innerText()).trim()).toBe(`${link.length.toLocaleString('en')} characters`);
    expect(await dialog.getByRole('textbox', { name: 'Embed on a web page' }).inputValue()).toContain('?embed#share=');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('a fresh profile opening the link sees the code, settings and event, and nothing has run', async () => {
    const page = reader.page;
    await page.goto(link);
    await page.getByRole('heading', { name: 'Shared function: myArea', level: 1 }).waitFor();
    const overview = page.getByRole('region', { name: 'Function overview' });
    expect(await overview.innerText()).toMatch(/Node\.js \d+\.x[\s\S]*index\.handler[\s\S]*128 MB[\s\S]*0 min 3 sec/);
    const code = page.getByRole('region', { name: /^Code \(1 file\)$/ });
    expect(await code.locator('pre').innerText()).toContain('function calculateArea(length, width)');
    const event = page.getByRole('region', { name: 'Test event: myTestEvent' });
    expect(JSON.parse(await event.locator('pre').innerText())).toEqual({ length: 6, width: 7 });
    // Nothing was created by opening the link: another tab of the same profile lists no function.
    expect(await page.evaluate(() => document.title)).toContain('Shared function');
    const other = await reader.context.newPage();
    await other.goto(`${reader.baseUrl}#/functions`);
    await other.getByText("You don't have any functions yet.", { exact: false }).waitFor();
    await other.close();
    expect(await page.getByRole('region', { name: 'Execution results' }).innerText()).toContain('Choose Run');
  });

  it('Run invokes it in a scratch function and shows the result', async () => {
    const page = reader.page;
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const result = await waitRunResult(page);
    expect(result.status).toBe('Status: Succeeded');
    expect(JSON.parse(result.response)).toBe('{"area":42}');
    expect(result.logs).toContain('The area is 42');
    expect(result.logs).toMatch(/REPORT RequestId: /);
    await page.setViewportSize({ width: 1280, height: 1500 });
    if (process.env['SCREENSHOT_DIR']) await page.screenshot({ path: `${process.env['SCREENSHOT_DIR']}/share.png` });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('the scratch copy Run made is no workspace function: another tab\'s Functions list leaves it out', async () => {
    const other = await reader.context.newPage();
    await other.goto(`${reader.baseUrl}#/functions`);
    // It exists while the share page is open (the API lists it) …
    expect(await apiFunctionNames(other)).toEqual([expect.stringMatching(/^scratch-[0-9a-z]{0,6}-myArea$/)]);
    // … but the console does not show it as one of the reader's functions.
    await other.getByText("You don't have any functions yet.", { exact: false }).waitFor();
    expect(await new FunctionsPage(other).names()).toEqual([]);
    await other.close();
  });

  it('Import into workspace creates the function with its test event', async () => {
    const page = reader.page;
    await page.getByRole('button', { name: 'Import into workspace' }).click();
    await page.getByRole('heading', { name: 'myArea', level: 1, exact: true }).waitFor();
    await page.getByText('Successfully imported function myArea with its test event myTestEvent.').waitFor();
    // The scratch function was deleted when the share page closed; only the import is left
    // (asked of the API: the Functions list would hide a scratch copy anyway).
    await expect.poll(() => apiFunctionNames(page), { timeout: 10_000 }).toEqual(['myArea']);
    expect(await functionNames(reader)).toEqual(['myArea']);
  });

  it('Inside Lambda leaves out the scratch copy and the environment it ran in', async () => {
    const page = reader.page;
    const inside = new InsideLambdaPage(page, reader.baseUrl);
    await inside.goto();
    // The scratch copy's environment ended with it (function deleted) in this tab's pool; none of it shows.
    await page.getByRole('heading', { name: /^myArea/, level: 2 }).waitFor();
    await page.waitForTimeout(600);
    const headings = await page.locator('main h2').allInnerTexts();
    expect(headings.filter((h) => h.includes('scratch-'))).toEqual([]);
    expect(await inside.ended()).toEqual([]);
    expect(await page.getByRole('main').innerText()).not.toContain('scratch-');
    expect(await page.getByTestId('live-count').innerText()).toBe('0');
  });

  it('a second import asks: a new name is suggested, Replace needs a confirmation', async () => {
    const page = reader.page;
    await page.goto(link);
    await page.getByRole('heading', { name: 'Shared function: myArea' }).waitFor();
    await page.getByRole('button', { name: 'Import into workspace' }).click();
    const dialog = page.getByRole('dialog', { name: 'A function named myArea exists' });
    await dialog.waitFor();
    expect(await dialog.getByRole('textbox', { name: 'New function name' }).inputValue()).toBe('myArea-2');
    await dialog.getByRole('radio', { name: /A replacement of myArea/ }).check();
    expect(await dialog.getByRole('button', { name: 'Replace' }).isDisabled()).toBe(true);
    await dialog.getByRole('radio', { name: /A new function, named/ }).check();
    await dialog.getByRole('textbox', { name: 'New function name' }).fill('myArea');
    expect(await dialog.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
    await dialog.getByRole('textbox', { name: 'New function name' }).fill('myArea-2');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { name: 'myArea-2', level: 1, exact: true }).waitFor();
    expect((await functionNames(reader)).sort()).toEqual(['myArea', 'myArea-2']);
  });

  it('Download as file, and Import of that file on the Functions page, shows it again (a clash still asks)', async () => {
    const page = reader.page;
    await page.goto(link);
    await page.getByRole('heading', { name: 'Shared function: myArea' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as file' }).click()]);
    expect(download.suggestedFilename()).toBe('myArea.lambdalite.json');
    const file = (await download.path())!;
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ format: 'lambdalite-function', version: 1, function: { name: 'myArea', handler: 'index.handler' } });
    await reader.gotoFunctions();
    await page.getByLabel(/Import a workspace/).setInputFiles(file);
    await page.getByRole('heading', { name: 'Shared function: myArea' }).waitFor();
    expect(await page.getByRole('region', { name: /^Code/ }).locator('pre').innerText()).toContain('calculateArea');
    await page.getByRole('button', { name: 'Import into workspace' }).click();
    const dialog = page.getByRole('dialog', { name: 'A function named myArea exists' });
    expect(await dialog.getByRole('textbox', { name: 'New function name' }).inputValue()).toBe('myArea-3');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    // Replace, confirmed: the existing function takes the shared code; no new function appears.
    await page.getByRole('button', { name: 'Import into workspace' }).click();
    await dialog.getByRole('radio', { name: /A replacement of myArea/ }).check();
    await dialog.getByRole('checkbox', { name: 'Replace the code and settings of myArea' }).check();
    await dialog.getByRole('button', { name: 'Replace' }).click();
    await page.getByText('Successfully replaced function myArea with its test event myTestEvent.').waitFor();
    await page.getByRole('heading', { name: 'myArea', level: 1, exact: true }).waitFor();
    expect((await functionNames(reader)).sort()).toEqual(['myArea', 'myArea-2']);
  });

  it('a function too large for a link offers only Download as file', async () => {
    const page = author.page;
    await page.goto(`${author.baseUrl}#/functions/myArea?tab=code`);
    await page.getByRole('heading', { name: 'Function overview' }).waitFor();
    // ~12 KB of random text: it barely compresses, so the link would pass 8,000 characters.
    let seed = 7;
    const noise = Array.from({ length: 12_000 }, () => String.fromCharCode(97 + ((seed = (seed * 16807) % 2147483647) % 26))).join('');
    const editor = page.getByRole('textbox', { name: 'Code editor: index.mjs' });
    await editor.click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.insertText(`\n// ${noise}\n`);
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();
    await page.getByText('Successfully updated the function myArea.').waitFor();
    await page.getByRole('button', { name: 'Actions' }).click();
    await page.getByRole('menuitem', { name: 'Share' }).click();
    const dialog = page.getByRole('dialog', { name: 'Share myArea' });
    await dialog.getByText(/This function is too large for a link/).waitFor();
    expect(await dialog.getByRole('textbox', { name: 'Link' }).count()).toBe(0);
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download as file' }).click()]);
    expect(download.suggestedFilename()).toBe('myArea.lambdalite.json');
    expect(readFileSync((await download.path())!, 'utf8')).toContain(noise);
  });

  it('a damaged link says so, and runs nothing', async () => {
    const page = reader.page;
    await page.goto(`${reader.baseUrl}#share=${link.split('#share=')[1]!.slice(0, 40)}`);
    await page.getByRole('heading', { name: 'Shared function', level: 1 }).waitFor();
    expect(await page.getByRole('alert').innerText()).toMatch(/This link cannot be opened[\s\S]*damaged or incomplete/);
    expect(await page.getByRole('button', { name: 'Run' }).count()).toBe(0);
    await page.goto(`${reader.baseUrl}#share=%3Cscript%3Ealert(1)%3C/script%3E`);
    await page.getByRole('alert').waitFor();
    expect(reader.pageErrors).toEqual([]);
    expect(author.pageErrors).toEqual([]);
  });
});
