/**
 * LoggingConfig with LogFormat JSON (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-advanced.html):
 * the platform writes JSON system records (platform.initStart, platform.start, platform.report),
 * filtered by SystemLogLevel, and the runtime writes the handler's logs as JSON, filtered by
 * ApplicationLogLevel — with the real QuickJS engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ROLE, testControlPlane, zipOf, type TestControlPlane } from '../support/control-plane';

const HANDLER = `export const handler = async () => {
  console.debug('debug detail');
  console.info('hello json');
  console.warn('careful');
  return 'ok';
};
`;

let cp: TestControlPlane;
beforeAll(async () => {
  cp = await testControlPlane();
});
afterAll(() => cp?.dispose());

const REQUEST_ID = /^[0-9a-f-]{36}$/;

describe('JSON log format', () => {
  it('writes JSON system records and JSON application logs at the configured levels', async () => {
    await cp.client.createFunction({
      FunctionName: 'json-logs',
      Runtime: 'nodejs22.x',
      Role: TEST_ROLE,
      Handler: 'index.handler',
      Code: { ZipFile: zipOf({ 'index.mjs': HANDLER }) },
      LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'INFO', SystemLogLevel: 'INFO' },
    });
    const answer = await cp.client.invoke({ FunctionName: 'json-logs', LogType: 'Tail' });
    const lines = atob(answer.LogResult ?? '').trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => line['type'] ?? line['level'])).toEqual(['platform.start', 'INFO', 'WARN', 'platform.report']);
    const [start, info, , report] = lines;
    expect(start).toMatchObject({ type: 'platform.start', record: { version: '$LATEST' } });
    expect((start?.['record'] as { requestId: string }).requestId).toMatch(REQUEST_ID);
    expect(info).toMatchObject({ level: 'INFO', message: 'hello json' });
    expect(report).toMatchObject({ type: 'platform.report', record: { status: 'success', metrics: { memorySizeMB: 128 } } });
    const metrics = (report?.['record'] as { metrics: Record<string, number> }).metrics;
    expect(metrics['initDurationMs']).toBeGreaterThan(0);
    expect(metrics['billedDurationMs']).toBeGreaterThanOrEqual(1);
    // The cold start's platform.initStart went to the log group, not to the Tail.
    const group = await cp.client.getLogEvents('json-logs');
    const initStart = JSON.parse(group[0]?.message ?? '{}') as Record<string, unknown>;
    expect(initStart).toMatchObject({ type: 'platform.initStart', record: { initializationType: 'on-demand', phase: 'init', functionName: 'json-logs', functionVersion: '$LATEST' } });
  }, 60_000);

  it('SystemLogLevel WARN drops the INFO system records; ApplicationLogLevel DEBUG lets debug lines through', async () => {
    await cp.client.updateFunctionConfiguration({
      FunctionName: 'json-logs',
      LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'DEBUG', SystemLogLevel: 'WARN' },
    });
    const answer = await cp.client.invoke({ FunctionName: 'json-logs', LogType: 'Tail' });
    const kinds = atob(answer.LogResult ?? '')
      .trimEnd()
      .split('\n')
      .map((line) => {
        const parsed = JSON.parse(line) as Record<string, unknown>;
        return parsed['type'] ?? parsed['level'];
      });
    expect(kinds).toEqual(['DEBUG', 'INFO', 'WARN']);
  }, 60_000);

  it('Text format keeps the classic lines', async () => {
    await cp.client.updateFunctionConfiguration({ FunctionName: 'json-logs', LoggingConfig: { LogFormat: 'Text' } });
    const answer = await cp.client.invoke({ FunctionName: 'json-logs', LogType: 'Tail' });
    const tail = atob(answer.LogResult ?? '');
    expect(tail).toMatch(/^START RequestId: \S+ Version: \$LATEST\n/);
    expect(tail).toMatch(/\tINFO\thello json\n/);
    expect(tail).toMatch(/END RequestId: \S+\nREPORT RequestId: /);
  }, 60_000);
});
