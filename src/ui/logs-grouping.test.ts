/** Grouping a log group's lines into invocations, in Lambda's formats (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html). */
import { describe, expect, it } from 'vitest';
import type { IdentifiedLogEvent } from '../workers/protocol';
import { classify, groupEvents } from './logs-grouping';

const A = 'aaaaaaaa-1111-4111-8111-111111111111';
const B = 'bbbbbbbb-2222-4222-8222-222222222222';
let id = 0;
const ev = (stream: string, timestamp: number, message: string): IdentifiedLogEvent => ({
  eventId: ++id,
  logGroupName: '/aws/lambda/fn',
  logStreamName: stream,
  timestamp,
  message,
});

describe('log lines', () => {
  it('recognises platform lines, Node.js and Python levels, and platform errors', () => {
    expect(classify(`START RequestId: ${A} Version: 3`)).toEqual({ kind: 'start', requestId: A, version: '3' });
    expect(classify(`END RequestId: ${A}`)).toEqual({ kind: 'end', requestId: A });
    expect(classify(`REPORT RequestId: ${A}\tDuration: 1.00 ms`)).toEqual({ kind: 'report', requestId: A });
    expect(classify(`2026-11-22T08:00:00.000Z\t${A}\tERROR\tInvoke Error {}`)).toEqual({ kind: 'error', requestId: A, level: 'ERROR', text: 'Invoke Error {}' });
    expect(classify(`[WARNING]\t2026-11-22T08:00:00.000Z\t${A}\tlow`)).toEqual({ kind: 'warn', requestId: A, level: 'WARNING', text: 'low' });
    expect(classify(`2026-11-22T08:00:03.000Z ${A} Task timed out after 3.00 seconds`).kind).toBe('error');
    expect(classify('hello from print').kind).toBe('log');
  });
});

describe('grouping into invocations', () => {
  it('puts a cold start’s Init phase, the handler’s lines and print output in the invocation’s block, REPORT figures apart', () => {
    const blocks = groupEvents([
      ev('s1', 1, 'INIT_START Runtime Version: python:3.13.lambdalite\tRuntime Version ARN: arn'),
      ev('s1', 2, 'module loaded'),
      ev('s1', 3, `START RequestId: ${A} Version: $LATEST`),
      ev('s1', 4, 'printed without an id'),
      ev('s2', 4, `START RequestId: ${B} Version: 1`),
      ev('s1', 5, `END RequestId: ${A}`),
      ev('s1', 5, `REPORT RequestId: ${A}\tDuration: 2.00 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB\tInit Duration: 90.00 ms`),
      ev('s2', 6, `[ERROR]\t2026-11-22T08:00:00.000Z\t${B}\tboom`),
    ]);
    // logging.error() marks the line, not the invocation: it is still running, not failed.
    expect(blocks.map((b) => [b.kind, b.requestId, b.version, b.running, b.failed])).toEqual([
      ['invocation', A, '$LATEST', false, false],
      ['invocation', B, '1', true, false],
    ]);
    expect(blocks[1]!.lines.map((l) => l.kind)).toEqual(['start', 'error']);
    const [a] = blocks;
    expect(a!.init.map((l) => l.event.message)).toEqual([expect.stringMatching(/^INIT_START/), 'module loaded']);
    expect(a!.lines.map((l) => l.kind)).toEqual(['start', 'log', 'end', 'report']);
    expect(a!.lines[3]!.figures).toEqual([
      { label: 'RequestId', value: A },
      { label: 'Duration', value: '2.00 ms' },
      { label: 'Billed Duration', value: '2 ms' },
      { label: 'Memory Size', value: '128 MB' },
      { label: 'Max Memory Used', value: '40 MB' },
      { label: 'Init Duration', value: '90.00 ms' },
    ]);
  });

  it('marks an invocation failed by the runtime’s function error, not by the handler’s console.error', () => {
    const blocks = groupEvents([
      ev('s', 1, `START RequestId: ${A} Version: $LATEST`),
      ev('s', 2, `2026-11-22T08:00:00.000Z\t${A}\tERROR\tsomething looked wrong`),
      ev('s', 3, `REPORT RequestId: ${A}\tDuration: 1.00 ms`),
      ev('s', 4, `START RequestId: ${B} Version: $LATEST`),
      ev('s', 5, `2026-11-22T08:00:00.000Z\t${B}\tERROR\tInvoke Error \t{"errorType":"TypeError"}`),
      ev('s', 6, `REPORT RequestId: ${B}\tDuration: 1.00 ms`),
      ev('p', 7, `START RequestId: ${A.replace('a', 'c')} Version: $LATEST`),
      ev('p', 8, "[ERROR] KeyError: 'table'\nTraceback (most recent call last):"),
    ]);
    expect(blocks.map((b) => b.failed)).toEqual([false, true, true]);
  });

  it('follows write order within a stream: module code logged before the INIT_START line’s time still belongs to Init', () => {
    const blocks = groupEvents([
      ev('s', 50, 'INIT_START Runtime Version: python:3.13.lambdalite\tRuntime Version ARN: arn'),
      ev('s', 10, 'module loaded'),
      ev('s', 50, `START RequestId: ${A} Version: $LATEST`),
      ev('s', 60, `REPORT RequestId: ${A}\tDuration: 1.00 ms`),
    ]);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]!.init.map((l) => l.event.message)).toEqual([expect.stringMatching(/^INIT_START/), 'module loaded']);
    expect(blocks[0]!.firstTimestamp).toBe(10);
  });

  it('marks an invocation the platform ended as failed, and keeps lines before any START apart', () => {
    const blocks = groupEvents([
      ev('s', 1, 'a line from before'),
      ev('s', 2, `START RequestId: ${A} Version: $LATEST`),
      ev('s', 3, `END RequestId: ${A}`),
      ev('s', 3, `REPORT RequestId: ${A}\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB\tStatus: timeout`),
    ]);
    expect(blocks.map((b) => [b.kind, b.failed])).toEqual([
      ['loose', false],
      ['invocation', true],
    ]);
  });
});
