/**
 * The seed tutorial (Create your first Lambda function) through the page, in both
 * languages: create, paste the area handler, Deploy, Test with {"length":6,"width":7},
 * see the console's result, then reload and find everything again.
 */
import { describe, expect, it } from 'vitest';
import { screenshot, tutorialHandler, useConsoleSession } from './fixtures';

const AREA_EVENT = '{"length":6,"width":7}';
const REPORT_LINE = /REPORT RequestId: ([0-9a-f-]{36})\s+Duration: [\d.]+ ms\s+Billed Duration: \d+ ms\s+Memory Size: 128 MB\s+Max Memory Used: \d+ MB/;

const session = useConsoleSession();

describe('the seed tutorial in the console', () => {
  it('offers exactly the runtimes listRuntimes() gives, labelled like the console', async () => {
    const list = await session().gotoFunctions();
    const form = await list.startCreate();
    expect(await form.runtimeOptions()).toEqual([
      'Node.js 24.x',
      'Node.js 22.x',
      'Node.js 20.x',
      'Python 3.14',
      'Python 3.13',
      'Python 3.12',
      'Python 3.11',
    ]);
    await screenshot(session().page, 'create.png', { fullPage: true });
  });

  it('Node.js 22.x: create, paste the area handler, Deploy, Test → "{\\"area\\":42}" and a cold-start REPORT', async () => {
    const list = await session().gotoFunctions();
    const fn = await list.createFunction('areaNode', 'Node.js 22.x');

    // The console's hello world opens in index.mjs.
    expect(await fn.code('index.mjs')).toContain("body: JSON.stringify('Hello from Lambda!')");

    await fn.replaceCode('index.mjs', tutorialHandler('nodejs'));
    await fn.notDeployedMarker().waitFor();
    await fn.deploy();
    expect(await fn.notDeployedMarker().count()).toBe(0);

    await fn.setEvent(AREA_EVENT);
    const result = await fn.test();
    expect(result.status).toBe('Status: Succeeded');
    expect(result.response).toBe('"{\\"area\\":42}"');
    expect(result.logs).toContain(`START RequestId: ${result.requestId} Version: $LATEST`);
    expect(result.logs).toMatch(/\tINFO\tThe area is 42/);
    expect(result.logs).toContain('CloudWatch log group:  /aws/lambda/areaNode');
    const report = REPORT_LINE.exec(result.logs);
    expect(report?.[1]).toBe(result.requestId);
    expect(result.logs).toMatch(/Init Duration: [\d.]+ ms/);

    // A second test reuses the warm environment: no Init Duration.
    const warm = await fn.test();
    expect(warm.status).toBe('Status: Succeeded');
    expect(warm.response).toBe('"{\\"area\\":42}"');
    expect(warm.logs).toMatch(REPORT_LINE);
    expect(warm.logs).not.toContain('Init Duration');
  });

  it('Python 3.14: create, paste the area handler, Deploy, Test → "{\\"area\\": 42}"', async () => {
    const list = await session().gotoFunctions();
    const fn = await list.createFunction('areaPython', 'Python 3.14');
    expect(await fn.code('lambda_function.py')).toContain("'body': json.dumps('Hello from Lambda!')");

    await fn.replaceCode('lambda_function.py', tutorialHandler('python'));
    await fn.deploy();
    await fn.setEvent(AREA_EVENT);
    // The first Python test loads Pyodide (~5–6 s).
    const result = await fn.test({ timeout: 60_000 });
    expect(result.status).toBe('Status: Succeeded');
    expect(result.response).toBe('"{\\"area\\": 42}"');
    expect(result.logs).toContain('The area is 42');
    expect(result.logs).toMatch(/\[INFO\]\t\S+\t[0-9a-f-]{36}\tCloudWatch logs group: \/aws\/lambda\/areaPython/);
    expect(REPORT_LINE.exec(result.logs)?.[1]).toBe(result.requestId);
    expect(result.logs).toMatch(/Init Duration: [\d.]+ ms/);
  });

  it('after a reload, both functions are listed with their code, and still run', async () => {
    await session().reload();
    const list = await session().gotoFunctions();
    expect(await list.names()).toEqual(expect.arrayContaining(['areaNode', 'areaPython']));
    expect((await list.row('areaNode')).slice(0, 3)).toEqual(['areaNode', 'Node.js 22.x', '128']);
    expect((await list.row('areaPython')).slice(0, 3)).toEqual(['areaPython', 'Python 3.14', '128']);
    expect((await list.row('areaNode'))[4]).toBe('Active');

    const node = await list.open('areaNode');
    expect(await node.code('index.mjs')).toContain('function calculateArea(length, width)');
    await node.setEvent(AREA_EVENT);
    const again = await node.test();
    expect(again.response).toBe('"{\\"area\\":42}"');
    // A reload starts new execution environments: a cold start again.
    expect(again.logs).toMatch(/Init Duration: [\d.]+ ms/);

    const python = await session().gotoFunction('areaPython');
    expect(await python.code('lambda_function.py')).toContain('def calculate_area(length, width):');
    expect(session().pageErrors).toEqual([]);
  });
});
