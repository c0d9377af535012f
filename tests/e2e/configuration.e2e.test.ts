/**
 * The Configuration tab in real Chromium: General configuration saved and kept over a reload,
 * environment variables with the live 4 KB counter and Lambda's errors, reserved concurrency set
 * and removed, a resource-policy statement added and shown readably, tags, a layer published
 * through <app>/api and added from the layer chooser, logging configuration and network access.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { screenshot, useConsoleSession, type FunctionPage } from './fixtures';

const session = useConsoleSession();
const NAME = 'configured';

/** Publishes a layer through the Lambda REST API at <app>/api (the service worker relays it to the tab). */
async function publishLayer(fn: FunctionPage, layerName: string, files: Record<string, string>): Promise<{ LayerVersionArn: string; CodeSize: number }> {
  const zip = zipSync(Object.fromEntries(Object.entries(files).map(([p, t]) => [p, strToU8(t)])));
  const base64 = Buffer.from(zip).toString('base64');
  await fn.page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
  return fn.page.evaluate(
    async ({ layerName, base64 }) => {
      const response = await fetch(`./api/2018-10-31/layers/${layerName}/versions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ Description: 'greeting helpers', CompatibleRuntimes: ['nodejs22.x'], Content: { ZipFile: base64 } }),
      });
      if (!response.ok) throw new Error(`PublishLayerVersion: ${response.status} ${await response.text()}`);
      return (await response.json()) as { LayerVersionArn: string; Content: { CodeSize: number } };
    },
    { layerName, base64 },
  ).then((answer) => ({ LayerVersionArn: answer.LayerVersionArn, CodeSize: answer.Content.CodeSize }));
}

describe.sequential('the Configuration tab', () => {
  let fn: FunctionPage;

  it('General configuration: memory, timeout and ephemeral storage are saved, shown and kept over a reload', async () => {
    const list = await session().gotoFunctions();
    fn = await list.createFunction(NAME, 'Node.js 22.x');
    await fn.configure({ memoryMb: 256, timeoutSeconds: 65, ephemeralMb: 1024, description: 'configured in the e2e test' });
    expect(await fn.page.getByText(`Successfully updated the function ${NAME}.`).count()).toBe(1);
    const region = fn.page.getByRole('region', { name: 'General configuration' });
    await region.waitFor();
    expect(await fn.shownValue('General configuration', 'Memory')).toBe('256 MB');
    expect(await fn.shownValue('General configuration', 'Timeout')).toBe('1 min 5 sec');
    expect(await fn.shownValue('General configuration', 'Ephemeral storage')).toBe('1024 MB');

    await session().reload();
    await fn.waitLoaded();
    await fn.configSection('General configuration');
    expect(await fn.shownValue('General configuration', 'Memory')).toBe('256 MB');
    expect(await fn.shownValue('General configuration', 'Timeout')).toBe('1 min 5 sec');
    expect(await fn.shownValue('General configuration', 'Description')).toBe('configured in the e2e test');
  });

  it('the sub-navigation works from the keyboard, and Edit/Cancel keep the focus in place', async () => {
    await fn.configSection('General configuration');
    const nav = fn.page.getByRole('navigation', { name: 'Configuration' });
    await nav.getByRole('button', { name: 'General configuration' }).focus();
    await fn.page.keyboard.press('Tab');
    await fn.page.keyboard.press('Enter');
    await fn.page.getByRole('heading', { name: 'Execution role' }).waitFor();
    expect(await nav.getByRole('button', { name: 'Permissions' }).getAttribute('aria-current')).toBe('true');

    await nav.getByRole('button', { name: 'General configuration' }).click();
    await fn.page.getByRole('button', { name: 'Edit general configuration' }).focus();
    await fn.page.keyboard.press('Enter');
    await fn.page.getByRole('form', { name: 'General configuration' }).getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => fn.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Edit general configuration');
  });

  it('Environment variables: the 4 KB counter follows typing; Lambda refuses a reserved key and an oversized set', async () => {
    await fn.configSection('Environment variables');
    await fn.page.getByRole('button', { name: 'Edit environment variables' }).click();
    const form = fn.page.getByRole('form', { name: 'Edit environment variables' });
    const counter = form.getByText(/^Total size:/);
    expect(await counter.innerText()).toContain('(2 of 4096 bytes)');

    await form.getByRole('button', { name: 'Add environment variable' }).click();
    await form.getByLabel('Key 1').fill('GREETING');
    await form.getByLabel('Value 1').fill('hello');
    expect(await counter.innerText()).toContain(`(${JSON.stringify({ GREETING: 'hello' }).length} of 4096 bytes)`);
    await screenshot(fn.page, 'configuration.png', { height: 1000 });

    await form.getByRole('button', { name: 'Add environment variable' }).click();
    await form.getByLabel('Key 2').fill('BIG');
    await form.getByLabel('Value 2').fill('x'.repeat(4100));
    expect(await counter.innerText()).toMatch(/over the limit/);
    await form.getByRole('button', { name: 'Save' }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/InvalidParameterValueException: Lambda was unable to configure your environment variables .* exceeded the 4KB limit/);

    await form.getByLabel('Key 2').fill('AWS_REGION');
    await form.getByLabel('Value 2').fill('eu-west-1');
    expect(await counter.innerText()).not.toMatch(/over the limit/);
    await form.getByRole('button', { name: 'Save' }).click();
    await alert.getByText(/Reserved keys used in this request: AWS_REGION/).waitFor();
    expect(await alert.innerText()).toMatch(/Failed to update the environment variables\s+InvalidParameterValueException: /);

    await form.getByRole('button', { name: 'Remove environment variable 2' }).click();
    await fn.dismissFlashes();
    await form.getByRole('button', { name: 'Save' }).click();
    await fn.page.getByText(`Successfully updated the function ${NAME}.`).waitFor();
    expect(await fn.tableRows(/^Environment variables/)).toEqual([['GREETING', 'hello']]);
  });

  it('Concurrency: reserved concurrency is set, then removed', async () => {
    await fn.configSection('Concurrency and recursion detection');
    const shown = fn.page.getByTestId('reserved-concurrency');
    await expect.poll(() => shown.innerText()).toBe('Use unreserved account concurrency');
    await fn.page.getByRole('button', { name: 'Edit concurrency' }).click();
    await fn.page.getByRole('radio', { name: 'Reserve concurrency' }).check();
    await fn.page.getByLabel('Reserved concurrency').fill('5');
    await fn.page.getByRole('form', { name: 'Edit concurrency' }).getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => shown.innerText()).toBe('5');
    expect(await fn.shownValue('Concurrency', 'Unreserved account concurrency')).toBe('995');

    await fn.page.getByRole('button', { name: 'Edit concurrency' }).click();
    await fn.page.getByRole('radio', { name: 'Use unreserved account concurrency' }).check();
    await fn.page.getByRole('form', { name: 'Edit concurrency' }).getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => shown.innerText()).toBe('Use unreserved account concurrency');
    expect(await fn.shownValue('Concurrency', 'Unreserved account concurrency')).toBe('1000');
 
    await fn.page.getByRole('button', { name: 'Edit recursive loop detection' }).click();
    await fn.page.getByRole('radio', { name: /^Allow/ }).check();
    await fn.page.getByRole('form', { name: 'Edit recursive loop detection' }).getByRole('button', { name: 'Save' }).click();
    await fn.page.getByText(`Successfully updated the recursive loop detection of ${NAME}.`).waitFor();
    expect(await fn.shownValue('Recursive loop detection', 'Recursive loop')).toBe('Allow recursive loops');
  });

  it('Provisioned concurrency: a config for a published version goes IN_PROGRESS, then READY, and is removed', async () => {
    await fn.tab('Versions');
    await fn.page.getByRole('button', { name: 'Publish new version' }).click();
    await fn.page.getByRole('form', { name: 'Publish new version' }).getByRole('button', { name: 'Publish' }).click();
    await fn.page.getByText(`Successfully created version 1 for function ${NAME}.`).waitFor();

    await fn.configSection('Concurrency and recursion detection');
    await fn.page.getByRole('button', { name: 'Add configuration' }).click();
    const form = fn.page.getByRole('form', { name: 'Add provisioned concurrency configuration' });
    await form.getByLabel('Qualifier type and name').selectOption({ label: 'Version: 1' });
    await form.getByLabel('Provisioned concurrency').fill('2');
    await form.getByRole('button', { name: 'Save' }).click();
    const rows = () => fn.tableRows('Provisioned concurrency configurations');
    // Lambda reports IN_PROGRESS while the environments initialise, then READY with all allocated.
    await expect.poll(rows).toEqual([['1', '2', '0', 'IN_PROGRESS', 'Remove']]);
    await expect.poll(rows, { timeout: 30_000 }).toEqual([['1', '2', '2', 'READY', 'Remove']]);
    await fn.page.getByRole('button', { name: 'Remove provisioned concurrency of 1' }).click();
    await expect.poll(rows).toEqual([['No provisioned concurrency configurations.']]);
  });

  it('Permissions: a statement added with AddPermission is listed readably and in the policy JSON', async () => {
    await fn.configSection('Permissions');
    await fn.page.getByRole('button', { name: 'Add permissions' }).click();
    const form = fn.page.getByRole('form', { name: 'Add permissions' });
    await form.getByLabel('Statement ID').fill('s3-invoke');
    await form.getByLabel('Principal').fill('s3.amazonaws.com');
    await form.getByLabel('Source ARN').fill('arn:aws:s3:::my-bucket');
    await form.getByRole('button', { name: 'Save' }).click();
    await fn.page.getByText('Successfully added the statement s3-invoke').waitFor();
    expect(await fn.tableRows('Resource-based policy statements')).toEqual([
      ['s3-invoke', 's3.amazonaws.com', 'lambda:InvokeFunction', 'ArnLike AWS:SourceArn = arn:aws:s3:::my-bucket', 'Remove'],
    ]);
    const json = JSON.parse(await fn.page.getByLabel('Policy document').innerText()) as { Statement: Array<{ Sid: string; Principal: unknown }> };
    expect(json.Statement[0]).toMatchObject({ Sid: 's3-invoke', Principal: { Service: 's3.amazonaws.com' } });

    // A duplicate statement id: Lambda's ResourceConflictException, shown on the form.
    await fn.page.getByRole('button', { name: 'Add permissions' }).click();
    await form.getByLabel('Statement ID').fill('s3-invoke');
    await form.getByLabel('Principal').fill('sns.amazonaws.com');
    await form.getByRole('button', { name: 'Save' }).click();
    expect(await form.getByRole('alert').innerText()).toMatch(/ResourceConflictException: The statement id \(s3-invoke\) provided already exists/);
    await form.getByRole('button', { name: 'Cancel' }).click();

    // RemovePermission: the last statement gone, GetPolicy has no policy left.
    await fn.page.getByRole('button', { name: 'Remove statement s3-invoke' }).click();
    await fn.page.getByText('Successfully removed the statement s3-invoke.').waitFor();
    expect(await fn.tableRows('Resource-based policy statements')).toEqual([['No resource-based policy. Add permissions to create one.']]);
    expect(await fn.page.getByLabel('Policy document').count()).toBe(0);
  });

  it('Function URL: created with auth type NONE and CORS, which also allows public access in the policy; then deleted', async () => {
    await fn.configSection('Function URL');
    await fn.page.getByRole('button', { name: 'Create function URL' }).click();
    const form = fn.page.getByRole('form', { name: 'Create function URL' });
    await form.getByRole('radio', { name: /^NONE/ }).check();
    await form.getByRole('checkbox', { name: 'Configure cross-origin resource sharing (CORS)' }).check();
    await form.getByLabel('Allow origin').fill('https://example.com');
    await form.getByLabel('Max age (seconds)').fill('300');
    await form.getByRole('button', { name: 'Save' }).click();
    await fn.page.getByText(`Successfully created the function URL of ${NAME}.`).waitFor();
    expect(await fn.shownValue('Function URL', 'Function URL')).toMatch(/^https:\/\/[a-z0-9]{32}\.lambda-url\.us-east-1\.on\.aws\/$/);
    expect(await fn.shownValue('Function URL', 'Auth type')).toBe('NONE');
    expect(await fn.shownValue('Function URL', 'CORS')).toMatch(/Origins: https:\/\/example\.com; methods: \*; max age: 300 s/);

    await fn.configSection('Permissions');
    await expect.poll(() => fn.tableRows('Resource-based policy statements')).toContainEqual([
      'FunctionURLAllowPublicAccess',
      '*',
      'lambda:InvokeFunctionUrl',
      'StringEquals lambda:FunctionUrlAuthType = NONE',
      'Remove',
    ]);

    await fn.configSection('Function URL');
    await fn.page.getByRole('button', { name: 'Delete function URL' }).click();
    await fn.page.getByText(`Successfully deleted the function URL of ${NAME}.`).waitFor();
    await fn.page.getByText('No function URL.').waitFor();
  });

  it('Asynchronous invocation: Lambda’s defaults, then a maximum age, retries and an on-failure destination, then removed', async () => {
    await fn.configSection('Asynchronous invocation');
    await fn.page.getByText("No configuration: Lambda's defaults apply.").waitFor();
    expect(await fn.shownValue('Asynchronous invocation', 'Maximum age of event')).toBe('6h 0m 0s');
    await fn.page.getByRole('button', { name: 'Edit asynchronous invocation' }).click();
    const form = fn.page.getByRole('form', { name: 'Edit asynchronous invocation' });
    await form.getByRole('spinbutton', { name: 'h', exact: true }).fill('1');
    await form.getByLabel('Retry attempts').fill('0');
    await form.getByLabel('On-failure destination').fill('arn:aws:sqs:us-east-1:123456789012:failed-orders');
    await form.getByRole('button', { name: 'Save' }).click();
    await fn.page.getByText(`Successfully updated the asynchronous invocation configuration of ${NAME}.`).waitFor();
    expect(await fn.shownValue('Asynchronous invocation', 'Maximum age of event')).toBe('1h 0m 0s');
    expect(await fn.shownValue('Asynchronous invocation', 'Retry attempts')).toBe('0');
    expect(await fn.shownValue('Asynchronous invocation', 'On-failure destination')).toBe('arn:aws:sqs:us-east-1:123456789012:failed-orders');

    // A destination Lambda does not accept: its InvalidParameterValueException on the form.
    await fn.page.getByRole('button', { name: 'Edit asynchronous invocation' }).click();
    await form.getByLabel('On-success destination').fill('arn:aws:s3:::not-for-success');
    await form.getByRole('button', { name: 'Save' }).click();
    expect(await form.getByRole('alert').innerText()).toMatch(/InvalidParameterValueException: The provided destination config/);
    await form.getByRole('button', { name: 'Cancel' }).click();

    await fn.page.getByRole('button', { name: 'Remove asynchronous invocation configuration' }).click();
    await fn.page.getByText("No configuration: Lambda's defaults apply.").waitFor();
    expect(await fn.shownValue('Asynchronous invocation', 'Retry attempts')).toBe('2');
  });

  it('Tags: added with the key/value editor and listed', async () => {
    await fn.configSection('Tags');
    await fn.page.getByRole('button', { name: 'Manage tags' }).click();
    const form = fn.page.getByRole('form', { name: 'Edit tags' });
    await form.getByLabel('Tag key 1').fill('team');
    await form.getByLabel('Tag value 1').fill('blue');
    await form.getByRole('button', { name: 'Add new tag' }).click();
    await form.getByLabel('Tag key 2').fill('env');
    await form.getByLabel('Tag value 2').fill('dev');
    // A key given twice is caught before Lambda sees it.
    await form.getByRole('button', { name: 'Add new tag' }).click();
    await form.getByLabel('Tag key 3').fill('team');
    expect(await form.getByRole('alert').innerText()).toBe('Keys must be unique: team is given more than once.');
    expect(await form.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await form.getByRole('button', { name: 'Remove tag 3' }).click();
    await form.getByRole('button', { name: 'Save' }).click();
    await fn.page.getByText(`Successfully updated the tags of the function ${NAME}.`).waitFor();
    expect(await fn.tableRows(/^Tags/)).toEqual([
      ['env', 'dev'],
      ['team', 'blue'],
    ]);

    // A removed row is untagged (UntagResource), a changed value re-tagged.
    await fn.page.getByRole('button', { name: 'Manage tags' }).click();
    await form.getByRole('button', { name: 'Remove tag 1' }).click();
    await form.getByLabel('Tag value 1').fill('green');
    await fn.dismissFlashes();
    await form.getByRole('button', { name: 'Save' }).click();
    await fn.page.getByText(`Successfully updated the tags of the function ${NAME}.`).waitFor();
    expect(await fn.tableRows(/^Tags/)).toEqual([['team', 'green']]);
  });

  it('Layers: a layer published through <app>/api is added from the chooser with its code size, and the handler loads it', async () => {
    const layer = await publishLayer(fn, 'greeting-layer', { 'nodejs/node_modules/greet/index.js': 'module.exports = (n) => `hello from a layer, ${n}`;\n' });
    await fn.configSection('Layers');
    await fn.page.getByRole('button', { name: 'Add a layer' }).click();
    const form = fn.page.getByRole('form', { name: 'Add layer' });
    await form.getByLabel('Layer name').selectOption('greeting-layer');
    await expect.poll(() => form.getByLabel('Version').inputValue()).toBe(layer.LayerVersionArn);
    await form.getByRole('button', { name: 'Add' }).click();
    await fn.page.getByText(`Successfully added the layer to the function ${NAME}.`).waitFor();
    const rows = await fn.tableRows(/^Layers/);
    expect(rows.map((r) => r.slice(0, 5))).toEqual([['1', 'greeting-layer', '1', `${layer.CodeSize} bytes`, layer.LayerVersionArn]]);

    await fn.tab('Code');
    await fn.replaceCode('index.mjs', "import { createRequire } from 'node:module';\nconst greet = createRequire(import.meta.url)('greet');\nexport const handler = async () => greet('e2e');\n");
    await fn.deploy();
    await fn.tab('Test');
    const result = await fn.test();
    expect(result.status).toBe('Status: Succeeded');
    expect(JSON.parse(result.response)).toBe('hello from a layer, e2e');
  });

  it('Layers: a second layer added by ARN, moved up, then removed; the first stays', async () => {
    const second = await publishLayer(fn, 'second-layer', { 'nodejs/node_modules/other/index.js': 'module.exports = 2;\n' });
    await fn.configSection('Layers');
    await fn.page.getByRole('button', { name: 'Add a layer' }).click();
    const form = fn.page.getByRole('form', { name: 'Add layer' });
    await form.getByRole('radio', { name: 'Specify an ARN' }).check();
    await form.getByLabel('Layer version ARN').fill(second.LayerVersionArn);
    await form.getByRole('button', { name: 'Add' }).click();
    await fn.page.getByText(`Successfully added the layer to the function ${NAME}.`).waitFor();
    const names = async () => (await fn.tableRows(/^Layers/)).map((r) => r[1]);
    expect(await names()).toEqual(['greeting-layer', 'second-layer']);

    await fn.page.getByRole('button', { name: 'Move second-layer up' }).click();
    await expect.poll(names).toEqual(['second-layer', 'greeting-layer']);
    // The focus follows the moved layer: at the top its "up" is disabled, so "down" has it.
    expect(await fn.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Move second-layer down');

    await fn.page.getByRole('button', { name: 'Remove layer second-layer' }).click();
    await expect.poll(names).toEqual(['greeting-layer']);

    // Lambda allows 5 layers: at 5, "Add a layer" is no longer offered.
    const extra = [];
    for (const n of [3, 4, 5, 6]) extra.push(await publishLayer(fn, `layer-${n}`, { [`nodejs/node_modules/l${n}/index.js`]: `module.exports = ${n};\n` }));
    await fn.configSection('Layers');
    for (const layer of extra) {
      await fn.page.getByRole('button', { name: 'Add a layer' }).click();
      await form.getByRole('radio', { name: 'Specify an ARN' }).check();
      await form.getByLabel('Layer version ARN').fill(layer.LayerVersionArn);
      await fn.dismissFlashes();
      await form.getByRole('button', { name: 'Add' }).click();
      await fn.page.getByText(`Successfully added the layer to the function ${NAME}.`).waitFor();
    }
    expect(await names()).toEqual(['greeting-layer', 'layer-3', 'layer-4', 'layer-5', 'layer-6']);
    expect(await fn.page.getByRole('button', { name: 'Add a layer' }).isDisabled()).toBe(true);
    for (const n of [3, 4, 5, 6]) {
      await fn.page.getByRole('button', { name: `Remove layer layer-${n}` }).click();
      await expect.poll(async () => (await names()).includes(`layer-${n}`)).toBe(false);
    }
  });

  it('Code signing: a signing profile, a config that enforces it, and "Sign and deploy" of the current code', async () => {
    await fn.configSection('Code signing');
    await fn.page.getByLabel('Profile name').fill('team_key');
    await fn.page.getByRole('button', { name: 'Create signing profile' }).click();
    await fn.page.getByText('Successfully created the signing profile team_key.').waitFor();
    expect((await fn.tableRows('Signing profiles'))[0]![0]).toBe('team_key');

    await fn.page.getByRole('button', { name: 'Create configuration' }).click();
    const create = fn.page.getByRole('form', { name: 'Create code signing configuration' });
    await create.getByLabel('Description').fill('only team_key');
    await create.getByRole('checkbox', { name: /^team_key/ }).check();
    await create.getByRole('radio', { name: /^Enforce/ }).check();
    await create.getByRole('button', { name: 'Create', exact: true }).click();
    await fn.page.getByText('Successfully created the code signing configuration.').waitFor();

    await fn.page.getByRole('button', { name: 'Edit code signing configuration' }).click();
    const choose = fn.page.getByRole('form', { name: 'Choose code signing configuration' });
    const choice = choose.getByLabel('Code signing configuration', { exact: true });
    await choice.selectOption((await choice.locator('option', { hasText: 'only team_key' }).getAttribute('value')) ?? '');
    await fn.page.getByRole('form', { name: 'Choose code signing configuration' }).getByRole('button', { name: 'Save' }).click();
    await fn.page.getByText(`Successfully updated the code signing configuration of ${NAME}.`).waitFor();
    expect(await fn.shownValue('Code signing configuration', 'Signature validation policy')).toBe('Enforce');

    await fn.page.getByRole('button', { name: 'Sign and deploy' }).click();
    await fn.page.getByText(`Signed the code of ${NAME} and deployed it.`).waitFor();
    // Enforce accepted the signed package, and the handler still runs.
    await fn.tab('Test');
    const result = await fn.test();
    expect(JSON.parse(result.response)).toBe('hello from a layer, e2e');

    // Detached again, so the later tests deploy freely.
    await fn.configSection('Code signing');
    await fn.page.getByRole('button', { name: 'Edit code signing configuration' }).click();
    await fn.page.getByRole('form', { name: 'Choose code signing configuration' }).getByLabel('Code signing configuration').selectOption('');
    await fn.page.getByRole('form', { name: 'Choose code signing configuration' }).getByRole('button', { name: 'Save' }).click();
    await fn.page.getByText('No code signing configuration').waitFor();
  });

  it('Monitoring and operations tools: JSON log format with log levels', async () => {
    await fn.configSection('Monitoring and operations tools');
    await fn.page.getByRole('button', { name: 'Edit logging configuration' }).click();
    await fn.page.getByRole('radio', { name: /^JSON/ }).check();
    await fn.page.getByLabel('Application log level').selectOption('WARN');
    await fn.page.getByRole('form', { name: 'Edit logging configuration' }).getByRole('button', { name: 'Save' }).click();
    await fn.page.getByText(`Successfully updated the logging configuration of ${NAME}.`).waitFor();
    expect(await fn.shownValue('Logging configuration', 'Log format')).toBe('JSON');
    expect(await fn.shownValue('Logging configuration', 'Application log level')).toBe('WARN');
  });

  it('Allow network access: off by default (fetch fails naming the setting); turned on, the handler fetches a CORS URL; kept over a reload', async () => {
    // A CORS-enabled server of the test's own, on another origin than the app.
    const server = createServer((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
      response.end(JSON.stringify({ hello: 'from the network', path: request.url }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ping`;
    try {
      await fn.tab('Code');
      await fn.replaceCode(
        'index.mjs',
        'export const handler = async (event) => {\n  try {\n    const r = await fetch(event.url);\n    return { status: r.status, body: await r.json() };\n  } catch (e) {\n    return { error: e.message };\n  }\n};\n',
      );
      await fn.deploy();
      await fn.tab('Test');
      await fn.setEvent(JSON.stringify({ url }));
      const off = JSON.parse((await fn.test()).response) as { error?: string };
      expect(off.error).toMatch(/network access is off for this function\. Turn on "Allow network access"/);

      await fn.configSection('Allow network access');
      const box = fn.page.getByRole('checkbox', { name: 'Allow network access for this function' });
      await expect.poll(() => fn.page.getByRole('status').filter({ hasText: 'Currently:' }).innerText()).toMatch(/Currently: not allowed/);
      expect(await box.isChecked()).toBe(false);
      await box.check();
      await fn.page.getByRole('form', { name: 'Allow network access' }).getByRole('button', { name: 'Save' }).click();
      await fn.page.getByText(`Network access is now allowed for ${NAME}.`).waitFor();

      await fn.tab('Test');
      const on = JSON.parse((await fn.test()).response) as unknown;
      expect(on).toEqual({ status: 200, body: { hello: 'from the network', path: '/ping' } });
    } finally {
      server.close();
    }

    await session().reload();
    await fn.waitLoaded();
    // The tab remembers the section only for the page's life: after a reload, choose it again.
    await fn.configSection('Allow network access');
    await expect.poll(() => fn.page.getByRole('status').filter({ hasText: 'Currently:' }).innerText()).toMatch(/Currently: allowed/);
    expect(await fn.page.getByRole('checkbox', { name: 'Allow network access for this function' }).isChecked()).toBe(true);
    expect(session().pageErrors).toEqual([]);
  });
});
