import { afterEach, describe, expect, it } from 'vitest';
import { LambdaError } from '../domain/errors';
import { noEnvironments, TEST_ROLE, testControlPlane, zipOf, type TestControlPlane } from '../../tests/support/control-plane';

let cp: TestControlPlane;
afterEach(() => cp?.dispose());

async function failure(promise: Promise<unknown>): Promise<LambdaError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(LambdaError);
  return error as LambdaError;
}

describe('event source mappings (stored and validated as Lambda does)', () => {
  async function setUp() {
    cp = await testControlPlane({ environments: noEnvironments });
    await cp.client.createFunction({ FunctionName: 'fn', Runtime: 'nodejs22.x', Role: TEST_ROLE, Handler: 'index.handler', Code: { ZipFile: zipOf({ 'index.mjs': 'export const handler = async () => 1;' }) } });
  }
  const sqs = 'arn:aws:sqs:us-east-1:123456789012:orders';

  it('refuses a second mapping of the same source to the same function, naming the existing UUID', async () => {
    await setUp();
    const first = await cp.client.execute('CreateEventSourceMapping', { FunctionName: 'fn', EventSourceArn: sqs });
    const error = await failure(cp.client.execute('CreateEventSourceMapping', { FunctionName: 'fn', EventSourceArn: sqs }));
    expect(error.type).toBe('ResourceConflictException');
    expect(error.message).toContain(`existing mapping with UUID ${String(first['UUID'])}`);
  });

  it('checks batch sizes, starting positions and source kinds', async () => {
    await setUp();
    expect((await failure(cp.client.execute('CreateEventSourceMapping', { FunctionName: 'fn', EventSourceArn: sqs, BatchSize: 50 }))).message).toBe(
      'Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10',
    );
    const windowed = await cp.client.execute('CreateEventSourceMapping', { FunctionName: 'fn', EventSourceArn: sqs, BatchSize: 50, MaximumBatchingWindowInSeconds: 1 });
    expect(windowed['BatchSize']).toBe(50);
    const stream = 'arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2026-01-01T00:00:00.000';
    expect((await failure(cp.client.execute('CreateEventSourceMapping', { FunctionName: 'fn', EventSourceArn: stream }))).type).toBe('InvalidParameterValueException');
    const dynamo = await cp.client.execute('CreateEventSourceMapping', { FunctionName: 'fn', EventSourceArn: stream, StartingPosition: 'TRIM_HORIZON' });
    expect(dynamo).toMatchObject({ BatchSize: 100, StartingPosition: 'TRIM_HORIZON', MaximumRetryAttempts: -1 });
    const kafka = await failure(cp.client.execute('CreateEventSourceMapping', { FunctionName: 'fn', EventSourceArn: 'arn:aws:kafka:us-east-1:123456789012:cluster/c/1' }));
    expect(kafka.message).toContain('not available in Lambdalite');
    const missing = await failure(cp.client.execute('CreateEventSourceMapping', { FunctionName: 'nope', EventSourceArn: sqs }));
    expect(missing).toMatchObject({ type: 'ResourceNotFoundException', status: 404 });
  });

  it('lists by function (qualified or not) and by source, and an unknown UUID is not found', async () => {
    await setUp();
    await cp.client.execute('PublishVersion', { FunctionName: 'fn' });
    await cp.client.execute('CreateEventSourceMapping', { FunctionName: 'fn:1', EventSourceArn: sqs });
    await cp.client.execute('CreateEventSourceMapping', { FunctionName: 'fn', EventSourceArn: `${sqs}-2` });
    const all = await cp.client.execute('ListEventSourceMappings', { FunctionName: 'fn' });
    expect((all['EventSourceMappings'] as unknown[]).length).toBe(2);
    const onVersion = await cp.client.execute('ListEventSourceMappings', { FunctionName: 'fn:1' });
    expect((onVersion['EventSourceMappings'] as Array<{ EventSourceArn: string }>).map((m) => m.EventSourceArn)).toEqual([sqs]);
    const bySource = await cp.client.execute('ListEventSourceMappings', { EventSourceArn: `${sqs}-2` });
    expect((bySource['EventSourceMappings'] as unknown[]).length).toBe(1);
    expect((await failure(cp.client.execute('GetEventSourceMapping', { UUID: '00000000-0000-0000-0000-000000000000' }))).status).toBe(404);
  });
});
