/**
 * The Layers page in Chromium: publish a layer from a .zip (chosen, then dropped for a second
 * version), see it listed with its latest version and the function that uses it, delete a
 * version with confirmation.
 * https://docs.aws.amazon.com/lambda/latest/dg/creating-deleting-layers.html
 */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { LayersConsolePage, screenshot, useConsoleSession } from './fixtures';

const session = useConsoleSession();

const layerZip = (text: string): Uint8Array => zipSync({ 'nodejs/node_modules/greeting/index.js': strToU8(text) });

describe('Layers page', () => {
  it('publishes a layer from a .zip, lists it, adds a dropped version, and deletes version 1', async () => {
    const { page, baseUrl, pageErrors } = session();
    const layers = new LayersConsolePage(page, baseUrl);
    await layers.goto();
    expect(await page.getByText('No layers').count()).toBe(1);

    await layers.create({
      name: 'greeting-lib',
      description: 'Says hello',
      zip: layerZip('module.exports = () => "hello";'),
      runtimes: ['Node.js 22.x'],
      license: 'MIT',
    });
    await page.getByText('Successfully created layer greeting-lib version 1.').waitFor();
    const [first] = await layers.versionRows();
    expect(first!.slice(0, 5)).toEqual(['1', 'Says hello', 'Node.js 22.x', '-', 'MIT']);
    expect(first![6]).toMatch(/^arn:aws:lambda:us-east-1:\d{12}:layer:greeting-lib:1$/);

    // A second version, its .zip dropped on the form.
    await page.getByRole('button', { name: 'Create version' }).click();
    await page.getByLabel(/^Description/).fill('Says hello louder');
    await page.getByRole('group', { name: 'Upload a .zip file' }).evaluate(
      (element, data) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(data)], 'v2.zip', { type: 'application/zip' }));
        element.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      },
      [...layerZip('module.exports = () => "HELLO";')],
    );
    await page.getByText('v2.zip', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByText('Successfully created layer greeting-lib version 2.').waitFor();
    await expect.poll(async () => (await layers.versionRows()).map((r) => r[0])).toEqual(['2', '1']);

    await layers.goto();
    const rows = await layers.rows();
    expect(rows.map((r) => r.slice(0, 4))).toEqual([['greeting-lib', '2', 'Says hello louder', '-']]);
    await screenshot(page, 'layers.png');

    // A function using version 2 (attached through the app's /api, as the CLI would).
    const list = await session().gotoFunctions();
    await list.createFunction('greeter', 'Node.js 22.x');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
    const layerArn = first![6]!.replace(/:1$/, ':2');
    const status = await page.evaluate(async (arn) => {
      for (let attempt = 0; attempt < 20; attempt++) {
        const response = await fetch('api/2015-03-31/functions/greeter/configuration', {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ Layers: [arn] }),
        });
        // 409 while the new function is still Pending.
        if (response.status !== 409) return response.status;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      return 409;
    }, layerArn);
    expect(status).toBe(200);

    await layers.goto();
    await page.getByRole('link', { name: 'greeting-lib', exact: true }).click();
    await page.getByText('Loading versions…').waitFor({ state: 'detached' });
    expect(await layers.usedBy()).toEqual([['greeter', '$LATEST', '2']]);
    await layers.deleteVersion('greeting-lib', 1);
    expect((await layers.versionRows()).map((r) => r[0])).toEqual(['2']);
    expect(pageErrors).toEqual([]);
  });

  it('refuses a file that is not a .zip, and a publish without one', async () => {
    const { page, baseUrl } = session();
    const layers = new LayersConsolePage(page, baseUrl);
    await layers.goto();
    await page.getByRole('button', { name: 'Create layer' }).click();
    await page.getByLabel('Name', { exact: true }).fill('nothing');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    expect(await page.getByRole('alert').innerText()).toContain('Choose a .zip file with the layer content.');
    await page.getByLabel('Layer .zip file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hi') });
    expect(await page.getByRole('alert').innerText()).toContain('notes.txt is not a .zip file.');
  });
});
