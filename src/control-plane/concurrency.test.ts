import { afterEach, describe, expect, it } from 'vitest';
import { noEnvironments, testControlPlane, zipOf, type TestControlPlane } from '../../tests/support/control-plane';
import { call, createAlias, createFunction, expectError, fnArn, HELLO, manualClock, publish } from '../../tests/support/resource-helpers';
import { concurrencyLimits } from './concurrency';

interface AccountSettings {
  AccountLimit: Record<string, number>;
  AccountUsage: { TotalCodeSize: number; FunctionCount: number };
}

// https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html
describe('reserved concurrency and account settings', () => {
  let cp: TestControlPlane;
  afterEach(() => cp?.dispose());

  it('GetAccountSettings answers Lambda’s limits and the usage of what the workspace holds', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    expect(await call(cp, 'GetAccountSettings')).toEqual({
      AccountLimit: {
        TotalCodeSize: 80530636800,
        CodeSizeUnzipped: 262144000,
        CodeSizeZipped: 52428800,
        ConcurrentExecutions: 1000,
        UnreservedConcurrentExecutions: 1000,
      },
      AccountUsage: { TotalCodeSize: 0, FunctionCount: 0 },
    });
    await createFunction(cp, 'a');
    await createFunction(cp, 'b');
    await publish(cp, 'a');
    const size = zipOf(HELLO).byteLength;
    const settings = await call<AccountSettings>(cp, 'GetAccountSettings');
    // Two $LATEST packages and version 1's copy.
    expect(settings.AccountUsage).toEqual({ TotalCodeSize: 3 * size, FunctionCount: 2 });
  });

  it('Put/Get/DeleteFunctionConcurrency, keeping 100 unreserved', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    await createFunction(cp, 'a');
    await createFunction(cp, 'b');
    expect(await call(cp, 'GetFunctionConcurrency', { FunctionName: 'a' })).toEqual({});
    expect(await call(cp, 'PutFunctionConcurrency', { FunctionName: 'a', ReservedConcurrentExecutions: 600 })).toEqual({ ReservedConcurrentExecutions: 600 });
    expect(await call(cp, 'GetFunctionConcurrency', { FunctionName: 'a' })).toEqual({ ReservedConcurrentExecutions: 600 });
    expect((await call<{ Concurrency?: object }>(cp, 'GetFunction', { FunctionName: 'a' })).Concurrency).toEqual({ ReservedConcurrentExecutions: 600 });
    expect((await call<AccountSettings>(cp, 'GetAccountSettings')).AccountLimit.UnreservedConcurrentExecutions).toBe(400);
    await call(cp, 'PutFunctionConcurrency', { FunctionName: 'b', ReservedConcurrentExecutions: 300 });
    await expectError(
      call(cp, 'PutFunctionConcurrency', { FunctionName: 'b', ReservedConcurrentExecutions: 301 }),
      'InvalidParameterValueException',
      400,
      "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [100].",
    );
    // Changing a function's own reservation counts only the new value.
    await call(cp, 'PutFunctionConcurrency', { FunctionName: 'a', ReservedConcurrentExecutions: 600 });
    await call(cp, 'DeleteFunctionConcurrency', { FunctionName: 'a' });
    expect(await call(cp, 'GetFunctionConcurrency', { FunctionName: 'a' })).toEqual({});
    expect((await call<AccountSettings>(cp, 'GetAccountSettings')).AccountLimit.UnreservedConcurrentExecutions).toBe(700);
    await call(cp, 'PutFunctionConcurrency', { FunctionName: 'a', ReservedConcurrentExecutions: 0 });
    expect(await call(cp, 'GetFunctionConcurrency', { FunctionName: 'a' })).toEqual({ ReservedConcurrentExecutions: 0 });
    await expectError(
      call(cp, 'PutFunctionConcurrency', { FunctionName: 'a:1', ReservedConcurrentExecutions: 1 }),
      'InvalidParameterValueException',
      400,
      /^This operation is permitted on Lambda functions only/,
    );
    await expectError(call(cp, 'GetFunctionConcurrency', { FunctionName: 'ghost' }), 'ResourceNotFoundException', 404, `Function not found: ${fnArn('ghost')}`);
  });

  it('a workspace quota of 10 keeps all 10 unreserved unless the minimum is lowered', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    expect((await cp.controlPlane.updateSettings({ accountConcurrency: 10, unreservedMinimum: 10 })).ok).toBe(true);
    await createFunction(cp, 'a');
    await expectError(
      call(cp, 'PutFunctionConcurrency', { FunctionName: 'a', ReservedConcurrentExecutions: 1 }),
      'InvalidParameterValueException',
      400,
      "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [10].",
    );
    expect((await cp.controlPlane.updateSettings({ unreservedMinimum: 2 })).ok).toBe(true);
    await call(cp, 'PutFunctionConcurrency', { FunctionName: 'a', ReservedConcurrentExecutions: 8 });
    expect((await call<AccountSettings>(cp, 'GetAccountSettings')).AccountLimit).toMatchObject({ ConcurrentExecutions: 10, UnreservedConcurrentExecutions: 2 });
  });

  it('concurrencyLimits: the minimum never exceeds the quota', () => {
    expect(concurrencyLimits({ region: 'us-east-1', accountId: '123456789012' })).toEqual({ limit: 1000, minimum: 100 });
    expect(concurrencyLimits({ region: 'us-east-1', accountId: '123456789012', accountConcurrency: 50 })).toEqual({ limit: 50, minimum: 50 });
  });
});

describe('provisioned concurrency configs', () => {
  let cp: TestControlPlane;
  afterEach(() => cp?.dispose());

  it('is IN_PROGRESS until it is allocated, then READY (the injected clock decides)', async () => {
    const clock = manualClock();
    cp = await testControlPlane({ environments: noEnvironments, controlPlane: { clock } });
    await createFunction(cp, 'my-function');
    const version = await publish(cp, 'my-function');
    await createAlias(cp, 'my-function', 'BLUE', version);
    const put = await call(cp, 'PutProvisionedConcurrencyConfig', { FunctionName: 'my-function', Qualifier: 'BLUE', ProvisionedConcurrentExecutions: 100 });
    const lastModified = new Date(clock.now()).toISOString().replace(/\.\d{3}Z$/, '+0000');
    expect(put).toEqual({
      RequestedProvisionedConcurrentExecutions: 100,
      AvailableProvisionedConcurrentExecutions: 0,
      AllocatedProvisionedConcurrentExecutions: 0,
      Status: 'IN_PROGRESS',
      LastModified: lastModified,
    });
    clock.advance(60_000);
    expect(await call(cp, 'GetProvisionedConcurrencyConfig', { FunctionName: 'my-function', Qualifier: 'BLUE' })).toEqual({
      RequestedProvisionedConcurrentExecutions: 100,
      AvailableProvisionedConcurrentExecutions: 100,
      AllocatedProvisionedConcurrentExecutions: 100,
      Status: 'READY',
      LastModified: lastModified,
    });
    const list = await call<{ ProvisionedConcurrencyConfigs: Array<{ FunctionArn: string; Status: string }> }>(cp, 'ListProvisionedConcurrencyConfigs', { FunctionName: 'my-function' });
    expect(list.ProvisionedConcurrencyConfigs).toEqual([expect.objectContaining({ FunctionArn: fnArn('my-function', 'BLUE'), Status: 'READY' })]);
    // Provisioned concurrency of a function without a reservation comes out of the unreserved pool.
    expect((await call<AccountSettings>(cp, 'GetAccountSettings')).AccountLimit.UnreservedConcurrentExecutions).toBe(900);
    await call(cp, 'DeleteProvisionedConcurrencyConfig', { FunctionName: 'my-function', Qualifier: 'BLUE' });
    await expectError(
      call(cp, 'GetProvisionedConcurrencyConfig', { FunctionName: 'my-function', Qualifier: 'BLUE' }),
      'ProvisionedConcurrencyConfigNotFoundException',
      404,
      'No Provisioned Concurrency Config found for this function',
    );
  });

  it('answers Lambda’s errors for $LATEST, missing qualifiers, reservations and overlapping aliases', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    await createFunction(cp, 'fn');
    const version = await publish(cp, 'fn');
    await createAlias(cp, 'fn', 'live', version);
    await expectError(
      call(cp, 'PutProvisionedConcurrencyConfig', { FunctionName: 'fn', Qualifier: '$LATEST', ProvisionedConcurrentExecutions: 1 }),
      'InvalidParameterValueException',
      400,
      'Provisioned Concurrency Configs cannot be applied to unpublished function versions.',
    );
    await expectError(
      call(cp, 'GetProvisionedConcurrencyConfig', { FunctionName: 'fn', Qualifier: '$LATEST' }),
      'InvalidParameterValueException',
      400,
      'The function resource provided must be an alias or a published version.',
    );
    await expectError(
      call(cp, 'PutProvisionedConcurrencyConfig', { FunctionName: 'fn', Qualifier: 'nope', ProvisionedConcurrentExecutions: 1 }),
      'ResourceNotFoundException',
      404,
      `Cannot find alias arn: ${fnArn('fn', 'nope')}`,
    );
    await expectError(
      call(cp, 'PutProvisionedConcurrencyConfig', { FunctionName: 'fn', Qualifier: '9', ProvisionedConcurrentExecutions: 1 }),
      'ResourceNotFoundException',
      404,
      `Function not found: ${fnArn('fn', '9')}`,
    );
    await call(cp, 'PutFunctionConcurrency', { FunctionName: 'fn', ReservedConcurrentExecutions: 5 });
    await expectError(
      call(cp, 'PutProvisionedConcurrencyConfig', { FunctionName: 'fn', Qualifier: version, ProvisionedConcurrentExecutions: 6 }),
      'InvalidParameterValueException',
      400,
      'Requested Provisioned Concurrency should not be greater than the reservedConcurrentExecution for function',
    );
    await call(cp, 'PutProvisionedConcurrencyConfig', { FunctionName: 'fn', Qualifier: version, ProvisionedConcurrentExecutions: 5 });
    await expectError(
      call(cp, 'PutFunctionConcurrency', { FunctionName: 'fn', ReservedConcurrentExecutions: 4 }),
      'InvalidParameterValueException',
      400,
      " ReservedConcurrentExecutions  4 should not be lower than function's total provisioned concurrency [5].",
    );
    await expectError(
      call(cp, 'PutProvisionedConcurrencyConfig', { FunctionName: 'fn', Qualifier: 'live', ProvisionedConcurrentExecutions: 1 }),
      'InvalidParameterValueException',
      400,
      'Requested Provisioned Concurrency should not be greater than the reservedConcurrentExecution for function',
    );
    await call(cp, 'PutFunctionConcurrency', { FunctionName: 'fn', ReservedConcurrentExecutions: 10 });
    await expectError(
      call(cp, 'PutProvisionedConcurrencyConfig', { FunctionName: 'fn', Qualifier: 'live', ProvisionedConcurrentExecutions: 1 }),
      'ResourceConflictException',
      409,
      "Alias can't be used for Provisioned Concurrency configuration on an already Provisioned version",
    );
  });
});
