import { afterEach, describe, expect, it } from 'vitest';
import { noEnvironments, testControlPlane, type TestControlPlane } from '../../tests/support/control-plane';
import { call, createAlias, createFunction, expectError, fnArn, manualClock, publish } from '../../tests/support/resource-helpers';

const QUEUE = 'arn:aws:sqs:us-east-1:123456789012:destination';
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:topic';

// https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-configuring.html
describe('function event invoke configs', () => {
  let cp: TestControlPlane;
  afterEach(() => cp?.dispose());

  it('Put replaces, Update merges, Get answers them with LastModified as a timestamp and both destinations', async () => {
    const clock = manualClock();
    cp = await testControlPlane({ environments: noEnvironments, controlPlane: { clock } });
    await createFunction(cp, 'my-function');
    const put = await call(cp, 'PutFunctionEventInvokeConfig', { FunctionName: 'my-function', MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 0 });
    expect(put).toEqual({
      LastModified: new Date(clock.now()),
      FunctionArn: fnArn('my-function', '$LATEST'),
      MaximumEventAgeInSeconds: 3600,
      MaximumRetryAttempts: 0,
      DestinationConfig: { OnSuccess: {}, OnFailure: {} },
    });
    clock.advance(1000);
    const updated = await call(cp, 'UpdateFunctionEventInvokeConfig', {
      FunctionName: 'my-function',
      DestinationConfig: { OnFailure: { Destination: QUEUE } },
    });
    expect(updated).toMatchObject({
      LastModified: new Date(clock.now()),
      MaximumEventAgeInSeconds: 3600,
      MaximumRetryAttempts: 0,
      DestinationConfig: { OnSuccess: {}, OnFailure: { Destination: QUEUE } },
    });
    await call(cp, 'UpdateFunctionEventInvokeConfig', { FunctionName: 'my-function', DestinationConfig: { OnSuccess: { Destination: TOPIC } } });
    expect(await call(cp, 'GetFunctionEventInvokeConfig', { FunctionName: 'my-function' })).toMatchObject({
      DestinationConfig: { OnSuccess: { Destination: TOPIC }, OnFailure: { Destination: QUEUE } },
    });
    // Put starts over: members it leaves out are gone.
    const replaced = await call(cp, 'PutFunctionEventInvokeConfig', { FunctionName: 'my-function', MaximumRetryAttempts: 2 });
    expect(replaced).toEqual({
      LastModified: new Date(clock.now()),
      FunctionArn: fnArn('my-function', '$LATEST'),
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnSuccess: {}, OnFailure: {} },
    });
  });

  it('keeps a config per qualifier and lists them', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    await createFunction(cp, 'fn');
    const version = await publish(cp, 'fn');
    await createAlias(cp, 'fn', 'BLUE', version);
    await call(cp, 'PutFunctionEventInvokeConfig', { FunctionName: 'fn', Qualifier: 'BLUE', MaximumEventAgeInSeconds: 1800 });
    await call(cp, 'PutFunctionEventInvokeConfig', { FunctionName: `fn:${version}`, MaximumRetryAttempts: 1 });
    expect(await call(cp, 'GetFunctionEventInvokeConfig', { FunctionName: 'fn', Qualifier: 'BLUE' })).toMatchObject({
      FunctionArn: fnArn('fn', 'BLUE'),
      MaximumEventAgeInSeconds: 1800,
    });
    const list = await call<{ FunctionEventInvokeConfigs: Array<{ FunctionArn: string }> }>(cp, 'ListFunctionEventInvokeConfigs', { FunctionName: 'fn' });
    expect(list.FunctionEventInvokeConfigs.map((config) => config.FunctionArn)).toEqual([fnArn('fn', version), fnArn('fn', 'BLUE')]);
    const page = await call<{ FunctionEventInvokeConfigs: unknown[]; NextMarker?: string }>(cp, 'ListFunctionEventInvokeConfigs', { FunctionName: 'fn', MaxItems: 1 });
    expect(page.FunctionEventInvokeConfigs).toHaveLength(1);
    const rest = await call<{ FunctionEventInvokeConfigs: unknown[]; NextMarker?: string }>(cp, 'ListFunctionEventInvokeConfigs', {
      FunctionName: 'fn',
      Marker: page.NextMarker,
    });
    expect(rest.FunctionEventInvokeConfigs).toHaveLength(1);
    expect(rest.NextMarker).toBeUndefined();
    await call(cp, 'DeleteFunctionEventInvokeConfig', { FunctionName: 'fn', Qualifier: 'BLUE' });
    await expectError(
      call(cp, 'GetFunctionEventInvokeConfig', { FunctionName: 'fn', Qualifier: 'BLUE' }),
      'ResourceNotFoundException',
      404,
      `The function ${fnArn('fn', 'BLUE')} doesn't have an EventInvokeConfig`,
    );
  });

  it('validates ranges, destinations and existence with Lambda’s errors', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    await createFunction(cp, 'fn');
    await createFunction(cp, 'other');
    await expectError(
      call(cp, 'PutFunctionEventInvokeConfig', { FunctionName: 'fn' }),
      'InvalidParameterValueException',
      400,
      'You must specify at least one of error handling or destination setting.',
    );
    await expectError(call(cp, 'PutFunctionEventInvokeConfig', { FunctionName: 'fn', MaximumRetryAttempts: 3 }), 'ValidationException', 400, /Value '3' at 'maximumRetryAttempts'/);
    await expectError(call(cp, 'PutFunctionEventInvokeConfig', { FunctionName: 'fn', MaximumEventAgeInSeconds: 59 }), 'ValidationException', 400, /greater than or equal to 60/);
    await expectError(call(cp, 'PutFunctionEventInvokeConfig', { FunctionName: 'fn', MaximumEventAgeInSeconds: 21601 }), 'ValidationException', 400, /less than or equal to 21600/);
    await expectError(
      call(cp, 'PutFunctionEventInvokeConfig', { FunctionName: 'fn', DestinationConfig: { OnFailure: { Destination: 'arn:aws:dynamodb:us-east-1:123456789012:table/t' } } }),
      'InvalidParameterValueException',
      400,
      'The provided destination config DestinationConfig(onSuccess=null, onFailure=OnFailure(destination=arn:aws:dynamodb:us-east-1:123456789012:table/t)) is invalid.',
    );
    await expectError(
      call(cp, 'PutFunctionEventInvokeConfig', { FunctionName: 'fn', DestinationConfig: { OnSuccess: { Destination: fnArn('fn') } } }),
      'InvalidParameterValueException',
      400,
      "You can't specify the function as a destination for itself.",
    );
    await expectError(
      call(cp, 'PutFunctionEventInvokeConfig', { FunctionName: 'fn', DestinationConfig: { OnSuccess: { Destination: fnArn('ghost') } } }),
      'InvalidParameterValueException',
      400,
      `The destination ARN ${fnArn('ghost')} is invalid.`,
    );
    for (const destination of [fnArn('other'), 'arn:aws:events:us-east-1:123456789012:event-bus/default', TOPIC, QUEUE]) {
      await call(cp, 'PutFunctionEventInvokeConfig', { FunctionName: 'fn', DestinationConfig: { OnSuccess: { Destination: destination } } });
    }
    // S3 buckets take failed events only.
    await call(cp, 'PutFunctionEventInvokeConfig', { FunctionName: 'fn', DestinationConfig: { OnFailure: { Destination: 'arn:aws:s3:::failed-events' } } });
    await expectError(
      call(cp, 'PutFunctionEventInvokeConfig', { FunctionName: 'fn', DestinationConfig: { OnSuccess: { Destination: 'arn:aws:s3:::failed-events' } } }),
      'InvalidParameterValueException',
      400,
    );
    await expectError(call(cp, 'PutFunctionEventInvokeConfig', { FunctionName: 'ghost', MaximumRetryAttempts: 1 }), 'ResourceNotFoundException', 404, "The function doesn't exist.");
    await expectError(call(cp, 'PutFunctionEventInvokeConfig', { FunctionName: 'fn', Qualifier: 'nope', MaximumRetryAttempts: 1 }), 'ResourceNotFoundException', 404, "The function doesn't exist.");
    await expectError(call(cp, 'UpdateFunctionEventInvokeConfig', { FunctionName: 'other', MaximumRetryAttempts: 1 }), 'ResourceNotFoundException', 404, `The function ${fnArn('other', '$LATEST')} doesn't have an EventInvokeConfig`);
    await expectError(call(cp, 'ListFunctionEventInvokeConfigs', { FunctionName: 'ghost' }), 'ResourceNotFoundException', 404, "The function doesn't exist.");
  });
});
