/**
 * The Versions and Aliases tabs in real Chromium: publish versions with descriptions, a weighted
 * alias created at 30 % and moved to 50 % with the slider from the keyboard, Lambda's refusal to
 * delete a version an alias routes to, then the version and the alias deleted.
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-versions.html,
 * https://docs.aws.amazon.com/lambda/latest/dg/configuring-alias-routing.html
 */
import { describe, expect, it } from 'vitest';
import { screenshot, useConsoleSession, type FunctionPage } from './fixtures';

const session = useConsoleSession();
const NAME = 'versioned';

async function publish(fn: FunctionPage, description: string, expected: string): Promise<void> {
  await fn.tab('Versions');
  await fn.dismissFlashes();
  await fn.page.getByRole('button', { name: 'Publish new version' }).click();
  const form = fn.page.getByRole('form', { name: 'Publish new version' });
  await form.getByLabel('Version description').fill(description);
  await form.getByRole('button', { name: 'Publish' }).click();
  await fn.page.getByText(`Successfully created version ${expected} for function ${NAME}.`).waitFor();
}

/** Published versions' rows ($LATEST's row, first, left out) without the time and SHA columns: [version, aliases, description]. */
async function versionRows(fn: FunctionPage): Promise<string[][]> {
  const rows = await fn.tableRows(/^Versions/);
  expect(rows[0]![0]).toBe('$LATEST');
  return rows.slice(1).map((row) => row.slice(0, 3));
}

describe.sequential('the Versions and Aliases tabs', () => {
  let fn: FunctionPage;

  it('publishes versions with their descriptions and code SHA-256', async () => {
    const list = await session().gotoFunctions();
    fn = await list.createFunction(NAME, 'Node.js 22.x');
    await fn.tab('Versions');
    await fn.page.getByText('No published versions').waitFor();
    await publish(fn, 'first', '1');
    // Lambda publishes only when code or configuration changed since the last version.
    await fn.tab('Versions');
    await fn.page.getByRole('button', { name: 'Publish new version' }).click();
    await fn.page.getByRole('form', { name: 'Publish new version' }).getByRole('button', { name: 'Publish' }).click();
    await fn.page.getByText('No changes since version 1: Lambda did not publish a new version.', { exact: false }).waitFor();
    await fn.configure({ memoryMb: 256 });
    await publish(fn, 'second', '2');
    expect(await versionRows(fn)).toEqual([
      ['2', '-', 'second'],
      ['1', '-', 'first'],
    ]);
    // A version's frozen configuration: version 1 kept 128 MB after $LATEST moved to 256 MB.
    await fn.page.getByRole('button', { name: 'View version 1' }).click();
    await expect.poll(() => fn.shownValue('Version 1', 'Memory')).toBe('128 MB');
    expect(await fn.shownValue('Version 1', 'Description')).toBe('first');
    expect(await fn.shownValue('Version 1', 'Function ARN')).toBe(`arn:aws:lambda:us-east-1:123456789012:function:${NAME}:1`);
    await fn.page.getByRole('button', { name: 'Close version 1' }).click();
    expect(await fn.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('View version 1');

    const [latest, second, first] = await fn.tableRows(/^Versions/);
    expect(second![4]).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    // Same code in both: the SHA-256 of the package is the same, and $LATEST's too.
    expect(first![4]).toBe(second![4]);
    expect(latest![4]).toBe(second![4]);
    await screenshot(fn.page, 'versions.png', { height: 1000 });
  });

  it('creates an alias routing 30 % to a second version, then edits it to 50 % with the slider', async () => {
    await fn.tab('Aliases');
    await fn.page.getByText('No aliases.').waitFor();
    await fn.page.getByRole('button', { name: 'Create alias' }).click();
    const form = fn.page.getByRole('form', { name: 'Create alias' });
    await form.getByLabel('Name').fill('live');
    await form.getByLabel('Version', { exact: true }).selectOption('2');
    await form.getByRole('checkbox', { name: 'Route part of the traffic to a second version' }).check();
    await form.getByLabel('Additional version').selectOption('1');
    await form.getByLabel('Weight (%)').fill('30');
    expect(await form.getByRole('status').innerText()).toBe('Version 2: 70 % · Version 1: 30 %');
    await form.getByRole('button', { name: 'Save' }).click();
    await fn.page.getByText('Successfully created alias live.').waitFor();
    expect((await fn.tableRows(/^Aliases/)).map((r) => r.slice(0, 4))).toEqual([['live', '2', '2: 70 %, 1: 30 %', '-']]);

    await fn.page.getByRole('button', { name: 'Edit alias live' }).click();
    const edit = fn.page.getByRole('form', { name: 'Edit alias live' });
    expect(await edit.getByLabel('Name').inputValue()).toBe('live');
    expect(await edit.getByLabel('Weight (%)').inputValue()).toBe('30');
    await edit.getByLabel('Description').fill('production');
    const slider = edit.getByRole('slider', { name: 'Weight slider' });
    await slider.focus();
    for (let i = 0; i < 20; i++) await fn.page.keyboard.press('ArrowRight');
    expect(await edit.getByLabel('Weight (%)').inputValue()).toBe('50');
    await screenshot(fn.page, 'aliases.png', { fullPage: true });
    await edit.getByRole('button', { name: 'Save' }).click();
    await fn.page.getByText('Successfully updated alias live.').waitFor();
    expect((await fn.tableRows(/^Aliases/)).map((r) => r.slice(0, 4))).toEqual([['live', '2', '2: 50 %, 1: 50 %', 'production']]);
  });

  it('shows Lambda’s errors on the alias form: a name taken, and weighted routing with $LATEST', async () => {
    await fn.page.getByRole('button', { name: 'Create alias' }).click();
    const form = fn.page.getByRole('form', { name: 'Create alias' });
    await form.getByLabel('Name').fill('live');
    await form.getByRole('button', { name: 'Save' }).click();
    expect(await form.getByRole('alert').innerText()).toMatch(/ResourceConflictException: Alias already exists: arn:aws:lambda:us-east-1:123456789012:function:versioned:live/);

    await form.getByLabel('Name').fill('canary');
    await form.getByLabel('Version', { exact: true }).selectOption('$LATEST');
    await form.getByRole('checkbox', { name: 'Route part of the traffic to a second version' }).check();
    await form.getByLabel('Additional version').selectOption('1');
    await form.getByLabel('Weight (%)').fill('10');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByRole('alert').getByText(/\$LATEST is not supported for an alias pointing to more than 1 version/).waitFor();
    await form.getByRole('button', { name: 'Cancel' }).click();
    expect((await fn.tableRows(/^Aliases/)).map((r) => r[0])).toEqual(['live']);
  });

  it('refuses to delete a version the alias routes to, with Lambda’s error; deletes it once the alias lets go', async () => {
    await fn.tab('Versions');
    expect(await versionRows(fn)).toEqual([
      ['2', 'live', 'second'],
      ['1', 'live', 'first'],
    ]);
    await fn.page.getByRole('button', { name: 'Delete version 1' }).click();
    await fn.page.getByRole('button', { name: 'Delete', exact: true }).click();
    const alert = fn.page.getByRole('region', { name: /^Versions/ }).getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/ResourceConflictException: Unable to delete version because the following aliases reference it: \[live\]/);

    await fn.tab('Aliases');
    await fn.page.getByRole('button', { name: 'Edit alias live' }).click();
    const edit = fn.page.getByRole('form', { name: 'Edit alias live' });
    await edit.getByRole('checkbox', { name: 'Route part of the traffic to a second version' }).uncheck();
    await edit.getByRole('button', { name: 'Save' }).click();
    await fn.page.getByText('Successfully updated alias live.').waitFor();
    expect((await fn.tableRows(/^Aliases/)).map((r) => r.slice(0, 4))).toEqual([['live', '2', '-', 'production']]);

    await fn.tab('Versions');
    await fn.page.getByRole('button', { name: 'Delete version 1' }).click();
    await fn.page.getByRole('button', { name: 'Delete', exact: true }).click();
    await fn.page.getByText(`Successfully deleted version 1 of function ${NAME}.`).waitFor();
    expect(await versionRows(fn)).toEqual([['2', 'live', 'second']]);
  });

  it('deletes the alias', async () => {
    await fn.tab('Aliases');
    await fn.page.getByRole('button', { name: 'Delete alias live' }).click();
    await fn.page.getByRole('button', { name: 'Delete', exact: true }).click();
    await fn.page.getByText('Successfully deleted alias live.').waitFor();
    await fn.page.getByText('No aliases.').waitFor();
    expect(session().pageErrors).toEqual([]);
  });
});
