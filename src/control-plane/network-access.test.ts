import { afterEach, describe, expect, it } from 'vitest';
import type { EnvironmentPort } from './ports';
import { noEnvironments, testControlPlane, type TestControlPlane } from '../../tests/support/control-plane';
import { call, createFunction, expectError, fnArn, publish } from '../../tests/support/resource-helpers';

interface Access {
  FunctionName: string;
  AllowNetwork: boolean;
  RevisionId: string;
}

// Not a Lambda setting: the console's "Allow network access" (see network-access.ts).
describe('LambdaliteGetNetworkAccess / LambdalitePutNetworkAccess', () => {
  let cp: TestControlPlane;
  afterEach(() => cp?.dispose());

  it('is off by default; turning it on gives a new RevisionId and retires $LATEST’s environments', async () => {
    const retired: Array<[string, string | undefined]> = [];
    const environments: EnvironmentPort = { ...noEnvironments, retire: (name, version) => void retired.push([name, version]) };
    cp = await testControlPlane({ environments });
    await createFunction(cp, 'net');
    const before = await call<Access>(cp, 'LambdaliteGetNetworkAccess', { FunctionName: 'net' });
    expect(before).toMatchObject({ FunctionName: 'net', AllowNetwork: false });

    const on = await call<Access>(cp, 'LambdalitePutNetworkAccess', { FunctionName: fnArn('net'), AllowNetwork: true, RevisionId: before.RevisionId });
    expect(on.AllowNetwork).toBe(true);
    expect(on.RevisionId).not.toBe(before.RevisionId);
    expect(retired).toContainEqual(['net', '$LATEST']);
    const config = await call<{ RevisionId: string }>(cp, 'GetFunctionConfiguration', { FunctionName: 'net' });
    expect(config.RevisionId).toBe(on.RevisionId);
    // It is not a member of Lambda's FunctionConfiguration.
    expect(Object.keys(config)).not.toContain('AllowNetwork');
    expect((await call<Access>(cp, 'LambdaliteGetNetworkAccess', { FunctionName: 'net' })).AllowNetwork).toBe(true);
    expect((await cp.store.getFunction('net'))?.allowNetwork).toBe(true);

    // The same value again changes nothing.
    const again = await call<Access>(cp, 'LambdalitePutNetworkAccess', { FunctionName: 'net', AllowNetwork: true });
    expect(again.RevisionId).toBe(on.RevisionId);
  });

  it('a published version keeps the setting it was published with', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    await createFunction(cp, 'net');
    await call(cp, 'LambdalitePutNetworkAccess', { FunctionName: 'net', AllowNetwork: true });
    const version = await publish(cp, 'net');
    await call(cp, 'LambdalitePutNetworkAccess', { FunctionName: 'net', AllowNetwork: false });
    expect((await cp.store.getVersion('net', Number(version)))?.allowNetwork).toBe(true);
    expect((await cp.store.getFunction('net'))?.allowNetwork).toBe(false);
  });

  it('answers Lambda’s errors: unknown function, a qualifier, a missing value, a stale RevisionId', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    await createFunction(cp, 'net');
    await expectError(call(cp, 'LambdaliteGetNetworkAccess', { FunctionName: 'nope' }), 'ResourceNotFoundException', 404, `Function not found: ${fnArn('nope')}`);
    await expectError(call(cp, 'LambdalitePutNetworkAccess', { FunctionName: 'net:1', AllowNetwork: true }), 'ResourceNotFoundException', 404);
    await expectError(call(cp, 'LambdalitePutNetworkAccess', { FunctionName: 'net' }), 'ValidationException', 400, /Value null at 'allowNetwork'/);
    await expectError(call(cp, 'LambdalitePutNetworkAccess', { FunctionName: 'net', AllowNetwork: 'yes' }), 'ValidationException', 400, /must be a boolean/);
    await expectError(
      call(cp, 'LambdalitePutNetworkAccess', { FunctionName: 'net', AllowNetwork: true, RevisionId: 'stale' }),
      'PreconditionFailedException',
      412,
    );
  });
});
