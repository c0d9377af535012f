/**
 * The Logs tab's reads on the real control plane and store: log streams newest first,
 * CloudWatch filter patterns (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html)
 * and the live-tail cursor.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { noEnvironments, testControlPlane, type TestControlPlane } from '../../tests/support/control-plane';
import { createFunction, expectError } from '../../tests/support/resource-helpers';
import { compileFilterPattern } from './log-reader';

const GROUP = '/aws/lambda/fn';

describe('CloudWatch filter patterns', () => {
  const lines = [
    'START RequestId: a Version: $LATEST',
    '2026-11-22T08:00:00.000Z\ta\tERROR\tInvoke Error {"errorType":"TypeError"}',
    '2026-11-22T08:00:00.000Z\ta\tINFO\tcomputing the area',
    '[WARNING]\t2026-11-22T08:00:00.000Z\tb\tlow memory',
    'END RequestId: a',
  ];
  const matching = (pattern: string) => lines.filter(compileFilterPattern(pattern));

  it('matches every event when empty, and terms case-sensitively', () => {
    expect(matching('')).toEqual(lines);
    expect(matching('ERROR')).toEqual([lines[1]]);
    expect(matching('warning')).toEqual([]);
  });

  it('ANDs terms, ORs ?terms, excludes -terms, keeps "phrases" and %regular expressions% whole', () => {
    expect(matching('RequestId: a')).toEqual([lines[0], lines[4]]);
    expect(matching('?ERROR ?WARNING')).toEqual([lines[1], lines[3]]);
    expect(matching('RequestId -START')).toEqual([lines[4]]);
    expect(matching('"the area"')).toEqual([lines[2]]);
    expect(matching('%^(START|END) %')).toEqual([lines[0], lines[4]]);
  });

  it('refuses JSON patterns and broken regular expressions with InvalidParameterValueException', async () => {
    expect(() => compileFilterPattern('{ $.level = "ERROR" }')).toThrow(/not supported/);
    expect(() => compileFilterPattern('%(%')).toThrow(/Invalid regular expression/);
  });
});

describe('reading a function’s log group', () => {
  let cp: TestControlPlane;
  afterEach(() => cp?.dispose());

  it('lists streams newest first, filters across the group or in one stream, and tails by write order', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    await createFunction(cp, 'fn');
    const at = (logStreamName: string, timestamp: number, message: string) => ({ logGroupName: GROUP, logStreamName, timestamp, message });
    cp.store.appendLogEvents([at('old', 100, 'START RequestId: 1'), at('old', 110, 'ERROR one'), at('old', 120, 'END RequestId: 1')]);
    cp.store.appendLogEvents([at('new', 200, 'START RequestId: 2'), at('new', 230, 'END RequestId: 2')]);
    cp.store.appendLogEvents([{ ...at('x', 300, 'other function'), logGroupName: '/aws/lambda/other' }]);

    const streams = await cp.client.listLogStreams('fn');
    expect(streams).toEqual([
      { logStreamName: 'new', firstEventTimestamp: 200, lastEventTimestamp: 230, eventCount: 2 },
      { logStreamName: 'old', firstEventTimestamp: 100, lastEventTimestamp: 120, eventCount: 3 },
    ]);

    const all = await cp.client.filterLogEvents('fn');
    expect(all.events.map((e) => e.message)).toEqual(['START RequestId: 1', 'ERROR one', 'END RequestId: 1', 'START RequestId: 2', 'END RequestId: 2']);
    expect(all.streams.map((s) => s.logStreamName)).toEqual(['new', 'old']);
    expect((await cp.client.filterLogEvents('fn', { filterPattern: 'END' })).events.map((e) => e.logStreamName)).toEqual(['old', 'new']);
    expect((await cp.client.filterLogEvents('fn', { logStreamNames: ['new'] })).events).toHaveLength(2);
    const limited = await cp.client.filterLogEvents('fn', { limit: 2 });
    expect([limited.truncated, limited.events.map((e) => e.timestamp)]).toEqual([true, [200, 230]]);

    // A long invocation's lines arrive after a short one's, with earlier times: the cursor still sees them.
    cp.store.appendLogEvents([at('slow', 150, 'START RequestId: 3'), at('slow', 400, 'END RequestId: 3')]);
    const tail = await cp.client.filterLogEvents('fn', { afterEventId: all.lastEventId });
    expect(tail.events.map((e) => e.message)).toEqual(['START RequestId: 3', 'END RequestId: 3']);
    expect(tail.streams.map((s) => s.logStreamName)).toEqual(['slow']);
    const quiet = await cp.client.filterLogEvents('fn', { afterEventId: tail.lastEventId });
    expect(quiet.events).toEqual([]);
    expect(quiet.lastEventId).toBe(tail.lastEventId);

    await expectError(cp.client.filterLogEvents('fn', { filterPattern: '{ $.a = 1 }' }), 'InvalidParameterValueException', 400);
    await expectError(cp.client.listLogStreams('missing'), 'ResourceNotFoundException', 404);
  });
});
