/**
 * Saved test events on the Test tab, as the seed tutorial uses them: save "myTestEvent",
 * find it again after a reload, Test names it in the result; bad names and invalid JSON
 * show Lambda's error; Delete (confirmed) removes an event for good.
 */
import { describe, expect, it } from 'vitest';
import { tutorialHandler, useConsoleSession, type FunctionPage } from './fixtures';

const AREA_EVENT = '{"length":6,"width":7}';

const session = useConsoleSession();

/** Reload the page (IndexedDB stays) and wait for the Test tab's saved events. */
async function reloaded(fn: FunctionPage): Promise<void> {
  await session().reload();
  await fn.waitLoaded();
  await fn.waitTestEventsListed();
}

describe('saved test events in the Test tab', () => {
  let fn: FunctionPage;

  it('saves myTestEvent, opens on it after a reload, and Test names it in the result', async () => {
    const list = await session().gotoFunctions();
    fn = await list.createFunction('savedEvents', 'Node.js 22.x');
    await fn.replaceCode('index.mjs', tutorialHandler('nodejs'));
    await fn.deploy();

    await fn.tab('Test');
    await fn.waitTestEventsListed();
    expect(await fn.testEventAction()).toBe('Create new event');
    expect(await fn.savedTestEvents()).toEqual([]);

    expect(await fn.saveNewTestEvent('myTestEvent', AREA_EVENT)).toBe('The test event myTestEvent was successfully saved.');
    // The new event is now the saved event being edited.
    expect(await fn.selectedTestEvent()).toBe('myTestEvent');

    await reloaded(fn);
    expect(await fn.testEventAction()).toBe('Edit saved event');
    expect(await fn.selectedTestEvent()).toBe('myTestEvent');
    expect(await fn.eventJson()).toBe(AREA_EVENT);

    const result = await fn.test();
    expect(result.status).toBe('Status: Succeeded');
    expect(result.testEventName).toBe('myTestEvent');
    expect(result.response).toBe('"{\\"area\\":42}"');
    expect(result.logs).toMatch(/\tINFO\tThe area is 42/);

    // An unsaved new event runs too, and the result names no saved event.
    await fn.chooseTestEventAction('Create new event');
    await fn.setEvent('{"length":2,"width":3}');
    const unsaved = await fn.test();
    expect(unsaved.response).toBe('"{\\"area\\":6}"');
    expect(unsaved.testEventName).toBeUndefined();

    // Switching between the new event and a saved one keeps each one's JSON.
    await fn.chooseTestEventAction('Edit saved event');
    expect(await fn.eventJson()).toBe(AREA_EVENT);
    await fn.chooseTestEventAction('Create new event');
    expect(await fn.eventJson()).toBe('{"length":2,"width":3}');
  });

  it('shows Lambda’s error for a bad name or invalid JSON, and saves nothing', async () => {
    const badName = await fn.saveNewTestEvent('has space', '{}');
    expect(badName).toContain("InvalidParameterValueException: Event name 'has space' is not valid");

    const badJson = await fn.saveNewTestEvent('broken', '{"length":');
    expect(badJson).toContain('InvalidParameterValueException: The test event is not valid JSON');

    expect(await fn.savedTestEvents()).toEqual(['myTestEvent']);
    await reloaded(fn);
    expect(await fn.savedTestEvents()).toEqual(['myTestEvent']);
  });

  it('opens on the most recently saved event, and Delete removes events for good', async () => {
    expect(await fn.saveNewTestEvent('bigger', '{"length":60,"width":70}')).toBe('The test event bigger was successfully saved.');
    await reloaded(fn);
    expect(await fn.selectedTestEvent()).toBe('bigger');
    expect(await fn.savedTestEvents()).toEqual(['bigger', 'myTestEvent']);
    expect((await fn.test()).testEventName).toBe('bigger');

    await fn.deleteTestEvent('bigger');
    expect(await fn.savedTestEvents()).toEqual(['myTestEvent']);
    expect(await fn.eventJson()).toBe(AREA_EVENT);
    await reloaded(fn);
    expect(await fn.savedTestEvents()).toEqual(['myTestEvent']);

    await fn.deleteTestEvent('myTestEvent');
    expect(await fn.testEventAction()).toBe('Create new event');
    expect(await fn.savedTestEvents()).toEqual([]);
    await reloaded(fn);
    expect(await fn.testEventAction()).toBe('Create new event');
    expect(await fn.savedTestEvents()).toEqual([]);
    expect(session().pageErrors).toEqual([]);
  });
});
