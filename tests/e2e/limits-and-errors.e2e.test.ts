/**
 * Timeouts, API errors and deletion through the page: a runaway handler is stopped at
 * its Timeout with Lambda's Sandbox.Timedout error and the next test succeeds; errors
 * show Lambda's type and message; Actions → Delete asks for "confirm".
 */
import { describe, expect, it } from 'vitest';
import { handlerSource, useConsoleSession } from './fixtures';

const session = useConsoleSession();

describe('limits and errors in the console', () => {
  it('a while(true){} handler with Timeout 1 s fails with Sandbox.Timedout, and the next test succeeds', async () => {
    const list = await session().gotoFunctions();
    const fn = await list.createFunction('spinner', 'Node.js 22.x');
    await fn.configure({ timeoutSeconds: 1 });
    expect(await fn.page.getByText('Successfully updated the function spinner.').count()).toBe(1);

    await fn.tab('Code');
    await fn.replaceCode('index.mjs', handlerSource('spin.mjs'));
    await fn.deploy();

    await fn.setEvent('{"spin":true}');
    const started = Date.now();
    const timedOut = await fn.test({ timeout: 20_000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(timedOut.status).toBe('Status: Failed');
    const body = JSON.parse(timedOut.response) as { errorType: string; errorMessage: string };
    expect(body).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: `RequestId: ${timedOut.requestId} Error: Task timed out after 1.00 seconds`,
    });
    expect(timedOut.logs).toContain(`${timedOut.requestId} Task timed out after 1.00 seconds`);
    expect(timedOut.logs).toContain(`REPORT RequestId: ${timedOut.requestId}`);

    await fn.setEvent('{"spin":false}');
    const next = await fn.test();
    expect(next.status).toBe('Status: Succeeded');
    expect(JSON.parse(next.response)).toEqual({ spun: false });
    // The timed-out environment was discarded: this one is a cold start.
    expect(next.logs).toMatch(/Init Duration: [\d.]+ ms/);
  });

  it('creating a duplicate name shows ResourceConflictException', async () => {
    const list = await session().gotoFunctions();
    const form = await list.startCreate();
    await form.fill('spinner', 'Node.js 20.x');
    await form.submit();
    const error = await form.error();
    expect(error).toContain('ResourceConflictException');
    expect(error).toContain('spinner');
  });

  it('an invalid memory size shows Lambda\'s error type and message', async () => {
    const fn = await session().gotoFunction('spinner');
    await fn.configure({ memoryMb: 64 });
    const error = await fn.configurationError();
    expect(error).toMatch(/(InvalidParameterValueException|ValidationException): .*memorySize/i);
  });

  it('a missing function shows ResourceNotFoundException', async () => {
    await session().page.goto(`${session().baseUrl}#/functions/no-such-function?tab=code`);
    const alert = session().page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('ResourceNotFoundException');
  });

  it('Actions → Delete asks for "confirm", then the function is gone, also after a reload', async () => {
    const fn = await session().gotoFunction('spinner');
    const list = await fn.delete();
    await session().page.getByText('Successfully deleted function spinner.').waitFor();
    expect(await list.names()).not.toContain('spinner');

    await session().reload();
    const reloaded = await session().gotoFunctions();
    expect(await reloaded.names()).not.toContain('spinner');
    expect(session().pageErrors).toEqual([]);
  });
});
