/**
 * The Code and Test tabs' richer flows in Chromium: create from a blueprint and test it with
 * the event saved beside it; the Functions list's search, State and Actions → Delete; the file
 * tree (new, rename, delete; folders renamed and deleted with their files) deployed and run;
 * Upload from .zip (button, drop, a bad file) and Download .zip as a round trip; an event
 * template reaching the handler; Test with a version or an alias after publishing one through
 * the Lambda REST API at <app>/api.
 */
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, useConsoleSession, type FunctionPage } from './fixtures';

const session = useConsoleSession();

/** The timeline's caption ("Cold start: Init … ms, then Duration …" / "Warm start: …"). */
async function timelineCaption(page: Page): Promise<string> {
  return (await page.locator('#timeline-caption').innerText()).trim();
}

/** Calls the Lambda REST API through the service worker, as the SDK or a tutorial page would. */
async function restApi(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
  return page.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(`${location.origin}/api${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, json: (await response.json()) as Record<string, unknown> };
    },
    { method, path, body },
  );
}

describe('blueprints and the Functions list', () => {
  it('creates the cold/warm counter from a blueprint and tests it with its saved event: cold, then warm, on the timeline', async () => {
    const list = await session().gotoFunctions();
    const fn = await list.createFromBlueprint('counterNode', 'Cold and warm start counter', 'Node.js');
    expect(await fn.code('index.mjs')).toContain('let invocations = 0;');

    await fn.tab('Test');
    await fn.waitTestEventsListed();
    expect(await fn.selectedTestEvent()).toBe('empty');

    const cold = await fn.test();
    expect(cold.status).toBe('Status: Succeeded');
    expect(cold.testEventName).toBe('empty');
    expect(JSON.parse(cold.response)).toMatchObject({ start: 'cold', invocations: 1 });
    expect(await timelineCaption(session().page)).toMatch(/^Cold start: Init [\d.]+ ms, then Duration [\d.]+ ms/);
    await fn.dismissFlashes();
    await screenshot(session().page, 'test.png', { fullPage: true });

    const warm = await fn.test();
    expect(JSON.parse(warm.response)).toMatchObject({ start: 'warm', invocations: 2 });
    expect(await timelineCaption(session().page)).toMatch(/^Warm start: no Init phase, Duration [\d.]+ ms/);
  });

  it('creates the Python HTTP endpoint blueprint; its function URL event answers statusCode, headers and body', async () => {
    const list = await session().gotoFunctions();
    const fn = await list.createFromBlueprint('httpPython', 'HTTP endpoint (API Gateway / function URL)', 'Python');
    expect(await fn.code('lambda_function.py')).toContain('def lambda_handler(event, context):');
    await fn.tab('Test');
    await fn.waitTestEventsListed();
    expect(await fn.selectedTestEvent()).toBe('get-hello');
    const result = await fn.test({ timeout: 60_000 });
    expect(result.status).toBe('Status: Succeeded');
    const answer = JSON.parse(result.response) as { statusCode: number; headers: Record<string, string>; body: string };
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(answer.body)).toEqual({ message: 'Hello, Lambda!', method: 'GET', path: '/hello' });
  });

  it('lists Memory (MB) and State, filters by name, and deletes the selected function after confirmation', async () => {
    const list = await session().gotoFunctions();
    expect(await list.row('counterNode')).toEqual(['counterNode', 'Node.js 24.x', '128', expect.any(String), 'Active']);
    await screenshot(session().page, 'functions.png', { height: 560 });
    await list.search('http');
    expect(await list.names()).toEqual(['httpPython']);
    await list.search('');
    expect(await list.names()).toEqual(['counterNode', 'httpPython']);
    await list.deleteFunction('httpPython');
    expect(await list.names()).toEqual(['counterNode']);
  });
});

describe('the Code tab', () => {
  let fn: FunctionPage;

  it('file tree: new folder and files, rename, delete (confirmed), handler moved in Runtime settings; deployed and run', async () => {
    const list = await session().gotoFunctions();
    fn = await list.createFunction('treeFn', 'Node.js 22.x');
    expect(await fn.treeEntries()).toEqual(['File index.mjs']);

    // The tree works from the keyboard: focus + Folder, Enter, type the name, Enter.
    await session().page.getByRole('button', { name: '+ Folder' }).focus();
    await session().page.keyboard.press('Enter');
    await session().page.keyboard.type('lib');
    await session().page.keyboard.press('Enter');
    await expect.poll(() => fn.treeEntries()).toEqual(['Folder lib', 'File index.mjs']);
    await fn.selectTreeEntry('Folder', 'lib');
    await fn.newTreeEntry('file', 'lib/greet.mjs');
    await fn.replaceCode('lib/greet.mjs', "export const greet = (name) => `Hi ${name}`;\n");
    await fn.newTreeEntry('file', 'notes.txt');
    await fn.replaceCode('notes.txt', 'scratch');
    await fn.notDeployedMarker().waitFor();
    expect(await fn.treeEntries()).toEqual(['Folder lib', 'File lib/greet.mjs', 'File index.mjs', 'File notes.txt']);

    // A name that is taken or escapes the package is refused with a message.
    await fn.newTreeEntry('file', '../outside.mjs');
    await session().page.getByText('The name has an empty, "." or ".." folder.').waitFor();
    await session().page.getByRole('button', { name: 'Cancel', exact: true }).click();

    await fn.renameTreeEntry('File', 'lib/greet.mjs', 'lib/hello.mjs');
    await fn.renameTreeEntry('File', 'index.mjs', 'src/main.mjs');
    await fn.deleteTreeEntry('File', 'notes.txt');
    expect(await fn.treeEntries()).toEqual(['Folder lib', 'File lib/hello.mjs', 'Folder src', 'File src/main.mjs']);

    await fn.openFile('src/main.mjs');
    await fn.replaceCode(
      'src/main.mjs',
      "import { greet } from '../lib/hello.mjs';\nexport const handler = async (event) => greet(event.name);\n",
    );
    await fn.notDeployedMarker().waitFor();
    await fn.dismissFlashes();
    await screenshot(session().page, 'code.png', { height: 1000 });
    await fn.deploy();
    expect(await fn.notDeployedMarker().count()).toBe(0);

    // Runtime settings → Edit: the handler follows the file to its folder.
    const page = session().page;
    await page.getByRole('region', { name: 'Runtime settings' }).getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Handler', { exact: true }).fill('src/main.handler');
    await fn.dismissFlashes();
    await page.getByRole('form', { name: 'Edit runtime settings' }).getByRole('button', { name: 'Save' }).click();
    await page.getByText('Successfully updated the function treeFn.').waitFor();
    await expect.poll(() => page.getByRole('region', { name: 'Runtime settings' }).innerText()).toContain('src/main.handler');

    await fn.setEvent('{"name":"tree"}');
    const result = await fn.test();
    expect(result.status).toBe('Status: Succeeded');
    expect(result.response).toBe('"Hi tree"');

    // After a reload the deployed package has the same tree.
    await session().reload();
    await fn.waitLoaded();
    await fn.fileTree().waitFor();
    await expect.poll(() => fn.treeEntries()).toEqual(['Folder lib', 'File lib/hello.mjs', 'Folder src', 'File src/main.mjs']);
  });

  it('file tree: a renamed folder takes its files (nested ones too), a non-empty folder is deleted after confirmation; deployed, reloaded and run', async () => {
    const list = await session().gotoFunctions();
    fn = await list.createFunction('folderFn', 'Node.js 22.x');
    await fn.newTreeEntry('folder', 'lib');
    await fn.newTreeEntry('file', 'lib/math.mjs');
    await fn.replaceCode('lib/math.mjs', 'export const area = (l, w) => l * w;\n');
    await fn.newTreeEntry('file', 'lib/units/cm.mjs');
    await fn.replaceCode('lib/units/cm.mjs', "export const unit = 'cm2';\n");
    await fn.newTreeEntry('file', 'drafts/old.mjs');
    await fn.replaceCode('drafts/old.mjs', "throw new Error('drafts are never imported');\n");
    await fn.newTreeEntry('file', 'drafts/notes/todo.txt');
    await fn.replaceCode('drafts/notes/todo.txt', 'tidy up');
    await fn.openFile('index.mjs');
    // The handler already imports from the folder's new name.
    await fn.replaceCode(
      'index.mjs',
      "import { area } from './shared/math.mjs';\nimport { unit } from './shared/units/cm.mjs';\nexport const handler = async (event) => `${area(event.length, event.width)} ${unit}`;\n",
    );
    expect(await fn.treeEntries()).toEqual([
      'Folder drafts',
      'Folder drafts/notes',
      'File drafts/notes/todo.txt',
      'File drafts/old.mjs',
      'Folder lib',
      'Folder lib/units',
      'File lib/units/cm.mjs',
      'File lib/math.mjs',
      'File index.mjs',
    ]);

    // Rename the folder: every file below it moves, the nested folder with them.
    await fn.renameTreeEntry('Folder', 'lib', 'shared');
    // Delete a folder with files and a folder in it: the dialog says it takes everything.
    expect(await fn.deleteTreeEntry('Folder', 'drafts')).toBe('Delete folder drafts and everything in it? The change takes effect when you deploy.');
    const tree = ['Folder shared', 'Folder shared/units', 'File shared/units/cm.mjs', 'File shared/math.mjs', 'File index.mjs'];
    expect(await fn.treeEntries()).toEqual(tree);
    // The moved files keep their contents.
    await fn.openFile('shared/math.mjs');
    expect(await fn.code('shared/math.mjs')).toContain('l * w');
    await fn.deploy();

    await session().reload();
    await fn.waitLoaded();
    await fn.fileTree().waitFor();
    await expect.poll(() => fn.treeEntries()).toEqual(tree);
    await fn.setEvent('{"length":6,"width":7}');
    const ran = await fn.test();
    expect(ran.status).toBe('Status: Succeeded');
    expect(ran.response).toBe('"42 cm2"');

    // Renamed back without changing the import, the deployed package no longer has what the handler imports.
    await fn.renameTreeEntry('Folder', 'shared', 'lib');
    await fn.deploy();
    await session().reload();
    await fn.waitLoaded();
    await fn.fileTree().waitFor();
    await expect.poll(() => fn.treeEntries()).toEqual(['Folder lib', 'Folder lib/units', 'File lib/units/cm.mjs', 'File lib/math.mjs', 'File index.mjs']);
    const failed = await fn.test();
    expect(failed.status).toBe('Status: Failed');
    // Node's own error for a missing ESM import, as Lambda's Node.js runtime reports it (uncaught, errorType "Error").
    expect(JSON.parse(failed.response)).toMatchObject({
      errorType: 'Error',
      errorMessage: "Cannot find module '/var/task/shared/math.mjs' imported from /var/task/index.mjs",
    });
    expect(session().pageErrors).toEqual([]);
  });

  it('uploads a .zip (button), runs it, downloads the package as .zip with the same files; a bad file is refused; a dropped .zip uploads too', async () => {
    const files: Record<string, string> = {
      'index.mjs': "import { readFileSync } from 'node:fs';\nimport { rate } from './lib/rate.mjs';\nexport const handler = async (event) => ({ total: event.amount * rate, note: readFileSync('./data/note.txt', 'utf8').trim() });\n",
      'lib/rate.mjs': 'export const rate = 3;\n',
      'data/note.txt': 'from the zip\n',
    };
    const zip = zipSync({ ...Object.fromEntries(Object.entries(files).map(([p, t]) => [p, strToU8(t)])), 'empty/': new Uint8Array() });

    const list = await session().gotoFunctions();
    fn = await list.createFunction('zipFn', 'Node.js 22.x');
    expect(await fn.uploadZip('package.zip', zip)).toBe('Successfully updated the function zipFn.');
    await expect.poll(() => fn.treeEntries()).toEqual([
      'Folder data',
      'File data/note.txt',
      'Folder empty',
      'Folder lib',
      'File lib/rate.mjs',
      'File index.mjs',
    ]);
    expect(await fn.notDeployedMarker().count()).toBe(0);
    await fn.setEvent('{"amount":14}');
    const result = await fn.test();
    expect(JSON.parse(result.response)).toEqual({ total: 42, note: 'from the zip' });

    const downloaded = await fn.downloadZip();
    expect(downloaded.name).toBe('zipFn.zip');
    const entries = unzipSync(downloaded.bytes);
    const texts = Object.fromEntries(
      Object.entries(entries)
        .filter(([p]) => !p.endsWith('/'))
        .map(([p, b]) => [p, new TextDecoder().decode(b)]),
    );
    expect(texts).toEqual(files);
    expect(Object.keys(entries)).toContain('empty/');

    const refused = await fn.uploadZip('notes.zip', strToU8('this is not a zip archive'));
    expect(refused).toContain('Invalid .zip file: notes.zip: The file is not a .zip archive.');
    const truncated = await fn.uploadZip('broken.zip', zip.subarray(0, zip.length - 40));
    expect(truncated).toMatch(/Invalid \.zip file: broken\.zip: The \.zip file could not be unzipped/);

    // With undeployed edits, a dropped .zip asks first; Cancel keeps the edits, Upload anyway replaces them.
    await fn.openFile('lib/rate.mjs');
    await fn.replaceCode('lib/rate.mjs', 'export const rate = 4;\n');
    await fn.notDeployedMarker().waitFor();
    const dropped = zipSync({ 'index.mjs': strToU8('export const handler = async () => "dropped";\n') });
    const page = session().page;
    const drop = (bytes: Uint8Array): Promise<void> =>
      page.locator('.workspace').evaluate((element, data) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(data)], 'dropped.zip', { type: 'application/zip' }));
        element.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }, [...bytes]);
    await drop(dropped);
    const ask = page.getByRole('alertdialog');
    await ask.waitFor();
    expect(await ask.innerText()).toContain("Uploading dropped.zip replaces the function's code, and your changes that are not deployed are lost.");
    await ask.getByRole('button', { name: 'Cancel' }).click();
    expect(await fn.code('lib/rate.mjs')).toContain('rate = 4');
    await fn.dismissFlashes();
    await drop(dropped);
    await ask.getByRole('button', { name: 'Upload anyway' }).click();
    await page.getByText('Successfully updated the function zipFn.').waitFor();
    expect(await fn.notDeployedMarker().count()).toBe(0);
    await expect.poll(() => fn.treeEntries()).toEqual(['File index.mjs']);
    expect((await fn.test()).response).toBe('"dropped"');

    // Without undeployed edits a dropped .zip uploads at once.
    const again = zipSync({ 'index.mjs': strToU8('export const handler = async () => "dropped again";\n') });
    expect(await fn.dropFile('again.zip', again)).toBe('Successfully updated the function zipFn.');
    await expect.poll(async () => (await fn.code('index.mjs')).includes('dropped again')).toBe(true);
    expect((await fn.test()).response).toBe('"dropped again"');
    expect(session().pageErrors).toEqual([]);
  });
});

describe('the Test tab', () => {
  it('an SQS template event reaches the handler in its AWS shape', async () => {
    const list = await session().gotoFunctions();
    const fn = await list.createFunction('sqsFn', 'Node.js 22.x');
    await fn.replaceCode(
      'index.mjs',
      'export const handler = async (event) => event.Records.map((r) => `${r.eventSource} ${r.messageId} ${r.body} ${r.attributes.ApproximateReceiveCount}`);\n',
    );
    await fn.deploy();
    await fn.tab('Test');
    await fn.waitTestEventsListed();
    await session().page.getByLabel('Template - optional').selectOption({ label: 'SQS' });
    expect(await session().page.getByRole('textbox', { name: 'Event name' }).inputValue()).toBe('sqs-receive-message');
    expect(await fn.eventJson()).toContain('"eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:my-queue"');
    const result = await fn.test();
    expect(JSON.parse(result.response)).toEqual([
      'aws:sqs 059f36b4-87a3-44ab-83d2-661975830a7d test 1',
      'aws:sqs 2e1424d4-f796-459a-8184-9c92662be6da test 1',
    ]);
  });

  it('tests a published version and an alias by choosing the qualifier', async () => {
    const page = session().page;
    const list = await session().gotoFunctions();
    const fn = await list.createFunction('versionedFn', 'Node.js 22.x');
    await fn.replaceCode('index.mjs', 'export const handler = async () => "first";\n');
    await fn.deploy();
    // PublishVersion is refused (409) while the code update is InProgress, as in Lambda: wait for it.
    await expect
      .poll(async () => (await restApi(page, 'GET', '/2015-03-31/functions/versionedFn/configuration')).json['LastUpdateStatus'])
      .toBe('Successful');
    const published = await restApi(page, 'POST', '/2015-03-31/functions/versionedFn/versions', {});
    expect(published.status).toBe(201);
    expect(published.json['Version']).toBe('1');
    const alias = await restApi(page, 'POST', '/2015-03-31/functions/versionedFn/aliases', { Name: 'prod', FunctionVersion: '1' });
    expect(alias.status).toBe(201);

    await fn.replaceCode('index.mjs', 'export const handler = async () => "second";\n');
    await fn.deploy();
    await fn.tab('Test');
    await fn.waitTestEventsListed();
    const qualifier = page.getByLabel('Qualifier');
    await expect.poll(() => qualifier.locator('option').allInnerTexts()).toEqual(['$LATEST', 'Version 1', 'Alias prod (version 1)']);

    expect((await fn.test()).response).toBe('"second"');
    await qualifier.selectOption({ label: 'Version 1' });
    const v1 = await fn.test();
    expect(v1.response).toBe('"first"');
    expect(v1.logs).toContain('Version: 1');
    expect(await page.getByText(/^Qualifier: /).innerText()).toBe('Qualifier: 1 (Executed version: 1)');
    await qualifier.selectOption({ label: 'Alias prod (version 1)' });
    const prod = await fn.test();
    expect(prod.response).toBe('"first"');
    expect(await page.getByText(/^Qualifier: /).innerText()).toBe('Qualifier: prod (Executed version: 1)');
    expect(session().pageErrors).toEqual([]);
  });
});
