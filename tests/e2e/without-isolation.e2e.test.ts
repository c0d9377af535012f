/**
 * The same build on a host that cannot send COOP/COEP (no SharedArrayBuffer): functions
 * still run, and a runaway Python handler is still stopped at its Timeout by the hard limit.
 */
import { describe, expect, it } from 'vitest';
import { handlerSource, useConsoleSession } from './fixtures';

const session = useConsoleSession('plainBaseUrl');

describe('without cross-origin isolation', () => {
  it('runs Python, stops time.sleep and a catch-everything loop at Timeout 1 s, then succeeds', async () => {
    const list = await session().gotoFunctions();
    expect(await session().page.evaluate(() => [crossOriginIsolated, typeof SharedArrayBuffer])).toEqual([false, 'undefined']);
    const fn = await list.createFunction('plain-python', 'Python 3.14');
    await fn.configure({ timeoutSeconds: 1 });
    await fn.tab('Code');
    await fn.replaceCode('lambda_function.py', handlerSource('spin.py'));
    await fn.deploy();

    await fn.setEvent('{}');
    const first = await fn.test({ timeout: 60_000 });
    expect(first.status).toBe('Status: Succeeded');
    expect(JSON.parse(first.response)).toEqual({ spun: false });

    for (const event of ['{"sleep":true}', '{"spin":true}']) {
      await fn.setEvent(event);
      const started = Date.now();
      const timedOut = await fn.test({ timeout: 60_000 });
      expect(timedOut.status).toBe('Status: Failed');
      expect(JSON.parse(timedOut.response)).toEqual({
        errorType: 'Sandbox.Timedout',
        errorMessage: `RequestId: ${timedOut.requestId} Error: Task timed out after 1.00 seconds`,
      });
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
      expect(timedOut.logs).toMatch(/Duration: 10\d\d\.\d\d ms/);
    }

    await fn.setEvent('{}');
    const after = await fn.test({ timeout: 60_000 });
    expect(after.status).toBe('Status: Succeeded');
    expect(after.logs).toMatch(/Init Duration: [\d.]+ ms/);
    expect(session().pageErrors).toEqual([]);
  });
});
