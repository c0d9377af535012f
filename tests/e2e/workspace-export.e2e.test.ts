/**
 * Workspace export and import in the real app: two functions (one with a published version, an
 * alias and a layer), test events; Export downloads one .zip; everything is then deleted;
 * Import brings it back and reports what it did, including what could not match (the deleted
 * layer version's number is never reused); imported again it skips what is there, and a function
 * whose code changed meanwhile comes in under a new name, counted as renamed.
 */
import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ConsoleSession, launchChromium } from './fixtures';

let browser: Browser;
let session: ConsoleSession;
let exported = '';
/** areaFn's versions as [Version, Description, CodeSha256] before the export. */
let versionsBefore: string[][] = [];

const versionRows = (json: Record<string, unknown>): string[][] =>
  (json.Versions as Array<{ Version: string; Description: string; CodeSha256: string }>).map((v) => [v.Version, v.Description, v.CodeSha256]);

beforeAll(async () => {
  browser = await launchChromium();
  session = await ConsoleSession.open(browser, inject('baseUrl'));
});

afterAll(async () => {
  await session?.close();
  await browser?.close();
});

async function createFromBlueprint(page: Page, name: string, blueprint: string): Promise<void> {
  await page.goto(`${session.baseUrl}#/create/function`);
  await page.getByRole('radio', { name: /Use a blueprint/ }).check();
  await page.getByLabel('Blueprint name').selectOption(blueprint);
  await page.getByLabel('Function name').fill(name);
  await page.getByRole('button', { name: 'Create function' }).click();
  await page.getByRole('heading', { name, level: 1, exact: true }).waitFor();
}

/** One call of the Lambda REST API at <app>/api (through the service worker), as a script on the page would make it. */
async function api(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(`./api${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    },
    { method, path, body },
  );
}

async function functionNames(page: Page): Promise<string[]> {
  const list = await session.gotoFunctions();
  // Already on the list, goto does not navigate: read it afresh.
  await page.getByRole('button', { name: 'Refresh' }).click();
  await list.waitLoaded();
  await expect.poll(() => page.getByRole('button', { name: 'Refresh' }).isEnabled()).toBe(true);
  return (await list.names()).sort();
}

describe.sequential('workspace export and import', () => {
  it('sets up two functions, a version, an alias, a layer and test events', async () => {
    const page = session.page;
    await createFromBlueprint(page, 'areaFn', 'area:nodejs');
    await createFromBlueprint(page, 'helloPy', 'hello-world:python');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
    const layerZip = Buffer.from(zipSync({ 'nodejs/node_modules/units/index.js': strToU8('module.exports = { unit: "cm" };\n') })).toString('base64');
    const layer = await api(page, 'POST', '/2018-10-31/layers/units/versions', { Content: { ZipFile: layerZip }, Description: 'units helper' });
    expect(layer.status).toBe(201);
    expect((await api(page, 'PUT', '/2015-03-31/functions/areaFn/configuration', { Layers: [layer.json.LayerVersionArn] })).status).toBe(200);
    await expect.poll(async () => (await api(page, 'GET', '/2015-03-31/functions/areaFn/configuration')).json.LastUpdateStatus).toBe('Successful');
    const version = await api(page, 'POST', '/2015-03-31/functions/areaFn/versions', { Description: 'first' });
    expect(version.json.Version).toBe('1');
    expect((await api(page, 'POST', '/2015-03-31/functions/areaFn/aliases', { Name: 'live', FunctionVersion: '1' })).status).toBe(201);
    versionsBefore = versionRows((await api(page, 'GET', '/2015-03-31/functions/areaFn/versions')).json);
    expect(versionsBefore.map((v) => v[0])).toEqual(['$LATEST', '1']);
  });

  it('Export downloads the workspace as one .zip', async () => {
    const page = session.page;
    await session.gotoFunctions();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export', exact: true }).click()]);
    expect(download.suggestedFilename()).toMatch(/^lambdalite-\d{4}-\d{2}-\d{2}\.lambdalite-workspace\.zip$/);
    exported = (await download.path())!;
    await page.getByText(/^Exported 2 functions and 1 layer /).waitFor();
    expect(readFileSync(exported).subarray(0, 2).toString()).toBe('PK');
  });

  it('Import into the emptied workspace brings everything back, with a report', async () => {
    const page = session.page;
    // Reset: delete both functions and the layer version.
    for (const name of ['areaFn', 'helloPy']) expect((await api(page, 'DELETE', `/2015-03-31/functions/${name}`)).status).toBe(204);
    expect((await api(page, 'DELETE', '/2018-10-31/layers/units/versions/1')).status).toBe(204);
    expect(await functionNames(page)).toEqual([]);

    await page.getByLabel(/Import a workspace/).setInputFiles(exported);
    const dialog = page.getByRole('dialog', { name: 'Import workspace' });
    await dialog.getByText(/^Import finished/).waitFor({ timeout: 60_000 });
    const report = await dialog.innerText();
    expect(report).toMatch(/Import finished: 4 added, 0 renamed, 0 skipped, 0 failed\./);
    // The emptied workspace takes the file's settings too.
    expect(report).toMatch(/Added \(4\)[\s\S]*Settings/);
    expect(report).toContain('Function areaFn');
    expect(report).toContain('Function helloPy');
    // The deleted layer version keeps its number: the import is version 2, and says so.
    expect(report).toContain('Version 1 was published as version 2 (layer version numbers are never reused).');
    expect(report).toContain('Alias: live.');
    if (process.env['SCREENSHOT_DIR']) await page.screenshot({ path: `${process.env['SCREENSHOT_DIR']}/workspace-import.png` });
    await dialog.getByRole('button', { name: 'Close' }).click();

    expect(await functionNames(page)).toEqual(['areaFn', 'helloPy']);
    const versions = await api(page, 'GET', '/2015-03-31/functions/areaFn/versions');
    expect(versionRows(versions.json)).toEqual(versionsBefore);
    expect(versionsBefore[1]?.[1]).toBe('first');
    expect((await api(page, 'GET', '/2015-03-31/functions/areaFn/aliases/live')).json.FunctionVersion).toBe('1');
    const config = await api(page, 'GET', '/2015-03-31/functions/areaFn/configuration');
    expect((config.json.Layers as Array<{ Arn: string }>).map((l) => l.Arn)).toEqual([expect.stringMatching(/:layer:units:2$/)]);

    // The test events came back with their functions.
    const fn = await session.gotoFunction('areaFn');
    await fn.tab('Test');
    await fn.waitTestEventsListed();
    expect(await fn.savedTestEvents()).toEqual(['myTestEvent']);
  });

  it('a second import into the same workspace skips what is there', async () => {
    const page = session.page;
    await session.gotoFunctions();
    await page.getByLabel(/Import a workspace/).setInputFiles(exported);
    const dialog = page.getByRole('dialog', { name: 'Import workspace' });
    await dialog.getByText(/^Import finished/).waitFor({ timeout: 60_000 });
    const report = await dialog.innerText();
    // The headline counts what the lists below it list: two functions, the layer, the settings.
    expect(report).toMatch(/Import finished: 0 added, 0 renamed, 4 skipped, 0 failed\./);
    expect(report).toMatch(/Skipped \(4\)/);
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(await functionNames(page)).toEqual(['areaFn', 'helloPy']);
  });

  it('a function whose code changed since the export is imported under a new name, counted as renamed', async () => {
    const page = session.page;
    const code = Buffer.from(zipSync({ 'lambda_function.py': strToU8('def lambda_handler(event, context):\n    return "changed"\n') })).toString('base64');
    expect((await api(page, 'PUT', '/2015-03-31/functions/helloPy/code', { ZipFile: code })).status).toBe(200);
    await session.gotoFunctions();
    await page.getByLabel(/Import a workspace/).setInputFiles(exported);
    const dialog = page.getByRole('dialog', { name: 'Import workspace' });
    await dialog.getByText(/^Import finished/).waitFor({ timeout: 60_000 });
    const report = await dialog.innerText();
    expect(report).toMatch(/Import finished: 0 added, 1 renamed, 3 skipped, 0 failed\./);
    expect(report).toMatch(/Renamed \(1\)\s+Function helloPy → helloPy-imported/);
    expect(report).toMatch(/Skipped \(3\)/);
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(await functionNames(page)).toEqual(['areaFn', 'helloPy', 'helloPy-imported']);
    expect(session.pageErrors).toEqual([]);
  });
});
