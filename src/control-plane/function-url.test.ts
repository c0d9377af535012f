import { afterEach, describe, expect, it } from 'vitest';
import { noEnvironments, testControlPlane, type TestControlPlane } from '../../tests/support/control-plane';
import { call, createAlias, createFunction, expectError, fnArn, manualClock, publish } from '../../tests/support/resource-helpers';

const URL_SHAPE = /^https:\/\/[a-z0-9]{32}\.lambda-url\.us-east-1\.on\.aws\/$/;
const ISO_MICROS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;

// https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html
describe('function URL configs', () => {
  let cp: TestControlPlane;
  afterEach(() => cp?.dispose());

  it('creates, reads, updates, lists and deletes a URL of the function and of an alias', async () => {
    const clock = manualClock();
    cp = await testControlPlane({ environments: noEnvironments, controlPlane: { clock } });
    await createFunction(cp, 'fn');
    const created = await call<Record<string, unknown>>(cp, 'CreateFunctionUrlConfig', { FunctionName: 'fn', AuthType: 'NONE' });
    expect(created).toEqual({
      FunctionUrl: expect.stringMatching(URL_SHAPE),
      FunctionArn: fnArn('fn'),
      AuthType: 'NONE',
      CreationTime: new Date(clock.now()).toISOString().replace('Z', '000Z'),
      InvokeMode: 'BUFFERED',
    });
    expect(created.CreationTime).toMatch(ISO_MICROS);
    const fetched = await call<Record<string, unknown>>(cp, 'GetFunctionUrlConfig', { FunctionName: 'fn' });
    expect(fetched).toEqual({ ...created, LastModifiedTime: created.CreationTime });

    clock.advance(5000);
    const cors = { AllowOrigins: ['https://example.com'], AllowMethods: ['GET', 'POST'], MaxAge: 300 };
    const updated = await call<Record<string, unknown>>(cp, 'UpdateFunctionUrlConfig', { FunctionName: 'fn', AuthType: 'AWS_IAM', Cors: cors, InvokeMode: 'RESPONSE_STREAM' });
    expect(updated).toMatchObject({ FunctionUrl: created.FunctionUrl, AuthType: 'AWS_IAM', Cors: cors, InvokeMode: 'RESPONSE_STREAM', CreationTime: created.CreationTime });
    expect(updated.LastModifiedTime).not.toBe(created.CreationTime);

    const version = await publish(cp, 'fn');
    await createAlias(cp, 'fn', 'live', version);
    const aliasUrl = await call<{ FunctionArn: string; FunctionUrl: string }>(cp, 'CreateFunctionUrlConfig', { FunctionName: 'fn', Qualifier: 'live', AuthType: 'NONE' });
    expect(aliasUrl.FunctionArn).toBe(fnArn('fn', 'live'));
    expect(aliasUrl.FunctionUrl).not.toBe(created.FunctionUrl);
    const list = await call<{ FunctionUrlConfigs: Array<{ FunctionArn: string }> }>(cp, 'ListFunctionUrlConfigs', { FunctionName: 'fn' });
    expect(list.FunctionUrlConfigs.map((config) => config.FunctionArn)).toEqual([fnArn('fn'), fnArn('fn', 'live')]);

    // What DeleteAlias removes with the alias: its URL, policy and configs, not the alias record itself.
    await call(cp, 'AddPermission', { FunctionName: 'fn', Qualifier: 'live', StatementId: 'a', Action: 'lambda:InvokeFunctionUrl', Principal: '*' });
    await cp.store.deleteQualifierResources('fn', 'live');
    await expectError(call(cp, 'GetFunctionUrlConfig', { FunctionName: 'fn', Qualifier: 'live' }), 'ResourceNotFoundException', 404);
    await expectError(call(cp, 'GetPolicy', { FunctionName: 'fn', Qualifier: 'live' }), 'ResourceNotFoundException', 404);
    expect(await call(cp, 'GetAlias', { FunctionName: 'fn', Name: 'live' })).toMatchObject({ Name: 'live' });
    await call(cp, 'CreateFunctionUrlConfig', { FunctionName: 'fn', Qualifier: 'live', AuthType: 'NONE' });
    expect(await call(cp, 'DeleteFunctionUrlConfig', { FunctionName: 'fn', Qualifier: 'live' })).toEqual({});
    await expectError(call(cp, 'GetFunctionUrlConfig', { FunctionName: 'fn', Qualifier: 'live' }), 'ResourceNotFoundException', 404, 'The resource you requested does not exist.');
  });

  it('answers Lambda’s errors: existing URL, $LATEST or a version as qualifier, missing function or alias', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    await createFunction(cp, 'fn');
    const { FunctionArn } = await call<{ FunctionArn: string }>(cp, 'CreateFunctionUrlConfig', { FunctionName: 'fn', AuthType: 'NONE' });
    await expectError(
      call(cp, 'CreateFunctionUrlConfig', { FunctionName: 'fn', AuthType: 'AWS_IAM' }),
      'ResourceConflictException',
      409,
      `Failed to create function url config for [functionArn = ${FunctionArn}]. Error message:  FunctionUrlConfig exists for this Lambda function`,
    );
    await expectError(call(cp, 'CreateFunctionUrlConfig', { FunctionName: 'fn', Qualifier: '$LATEST', AuthType: 'NONE' }), 'ValidationException', 400, /Value '\$LATEST' at 'qualifier'/);
    const version = await publish(cp, 'fn');
    await expectError(call(cp, 'CreateFunctionUrlConfig', { FunctionName: 'fn', Qualifier: version, AuthType: 'NONE' }), 'ValidationException', 400, new RegExp(`Value '${version}' at 'qualifier'`));
    await expectError(call(cp, 'CreateFunctionUrlConfig', { FunctionName: 'fn', Qualifier: 'nope', AuthType: 'NONE' }), 'ResourceNotFoundException', 404, 'Function does not exist');
    await expectError(call(cp, 'CreateFunctionUrlConfig', { FunctionName: 'ghost', AuthType: 'NONE' }), 'ResourceNotFoundException', 404, 'Function does not exist');
    await expectError(call(cp, 'CreateFunctionUrlConfig', { FunctionName: 'fn', Qualifier: 'x', AuthType: 'OPEN' }), 'ValidationException', 400, /authType/);
    await expectError(
      call(cp, 'UpdateFunctionUrlConfig', { FunctionName: 'fn', Cors: { AllowMethods: ['FETCH'] } }),
      'ValidationException',
      400,
      /cors.allowMethods/,
    );
    await expectError(call(cp, 'ListFunctionUrlConfigs', { FunctionName: 'ghost' }), 'ResourceNotFoundException', 404, 'Function does not exist');
  });
});
