import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { LambdaError } from '../domain/errors';
import { noEnvironments, TEST_ROLE, testControlPlane, zipOf, type TestControlPlane } from '../../tests/support/control-plane';

const NODE_HELLO = { 'index.mjs': 'export const handler = async () => ({ statusCode: 200 });\n' };

async function expectLambdaError(promise: Promise<unknown>, type: string, status: number, message?: string | RegExp) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the call should have failed').toBeInstanceOf(LambdaError);
  const lambdaError = error as LambdaError;
  expect(lambdaError.type).toBe(type);
  expect(lambdaError.status).toBe(status);
  if (typeof message === 'string') expect(lambdaError.message).toBe(message);
  else if (message) expect(lambdaError.message).toMatch(message);
}

describe('function operations (real control plane on fake-indexeddb)', () => {
  let cp: TestControlPlane;
  afterEach(() => cp?.dispose());

  const create = (name: string, extra: Record<string, unknown> = {}) =>
    cp.client.createFunction({
      FunctionName: name,
      Runtime: 'nodejs22.x',
      Role: TEST_ROLE,
      Handler: 'index.handler',
      Code: { ZipFile: zipOf(NODE_HELLO) },
      ...extra,
    });

  it('CreateFunction fills the configuration as Lambda does', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    const zip = zipOf(NODE_HELLO);
    const config = await cp.client.createFunction({
      FunctionName: 'my-function',
      Runtime: 'nodejs22.x',
      Role: TEST_ROLE,
      Handler: 'index.handler',
      Code: { ZipFile: zip },
    });
    expect(config).toMatchObject({
      FunctionName: 'my-function',
      FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:my-function',
      Runtime: 'nodejs22.x',
      Role: TEST_ROLE,
      Handler: 'index.handler',
      CodeSize: zip.byteLength,
      CodeSha256: createHash('sha256').update(zip).digest('base64'),
      Description: '',
      Timeout: 3,
      MemorySize: 128,
      Version: '$LATEST',
      State: 'Active',
      LastUpdateStatus: 'Successful',
      PackageType: 'Zip',
      Architectures: ['x86_64'],
      EphemeralStorage: { Size: 512 },
      LoggingConfig: { LogFormat: 'Text', LogGroup: '/aws/lambda/my-function' },
    });
    expect(config.LastModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    expect(config.RevisionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(config.Environment).toBeUndefined();
  });

  it('rejects a duplicate name with ResourceConflictException', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    await create('dup');
    await expectLambdaError(create('dup'), 'ResourceConflictException', 409, 'Function already exist: dup');
  });

  it('answers a missing function with ResourceNotFoundException naming its ARN', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    await expectLambdaError(
      cp.client.getFunction({ FunctionName: 'nope' }),
      'ResourceNotFoundException',
      404,
      'Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope',
    );
    await expectLambdaError(cp.client.deleteFunction({ FunctionName: 'nope' }), 'ResourceNotFoundException', 404);
    await expectLambdaError(cp.client.invoke({ FunctionName: 'nope' }), 'ResourceNotFoundException', 404);
  });

  it('accepts the name, the partial ARN and the full ARN, and refuses another account', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    await create('by-arn');
    for (const name of ['by-arn', '123456789012:function:by-arn', 'arn:aws:lambda:us-east-1:123456789012:function:by-arn']) {
      expect((await cp.client.getFunctionConfiguration({ FunctionName: name })).FunctionName).toBe('by-arn');
    }
    await expectLambdaError(
      cp.client.getFunction({ FunctionName: 'arn:aws:lambda:us-east-1:999999999999:function:by-arn' }),
      'ValidationException',
      400,
    );
    await expectLambdaError(cp.client.getFunction({ FunctionName: 'bad name!' }), 'ValidationException', 400, /regular expression pattern/);
  });

  it('validates memory, timeout, runtime and variables with Lambda’s error types', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    await expectLambdaError(
      create('m', { MemorySize: 64 }),
      'ValidationException',
      400,
      "1 validation error detected: Value '64' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128",
    );
    await expectLambdaError(
      create('m', { MemorySize: 10_241 }),
      'InvalidParameterValueException',
      400,
      "'MemorySize' value failed to satisfy constraint: Member must have value less than or equal to 10240",
    );
    await expectLambdaError(create('m', { Timeout: 0 }), 'ValidationException', 400, /at 'timeout'/);
    await expectLambdaError(create('m', { Timeout: 901 }), 'InvalidParameterValueException', 400, /less than or equal to 900/);
    await expectLambdaError(create('m', { Runtime: 'cobol' }), 'ValidationException', 400, /Member must satisfy enum value set/);
    await expectLambdaError(create('m', { Runtime: 'java21' }), 'InvalidParameterValueException', 400, /java21 is not supported/);
    await expectLambdaError(
      create('m', { Environment: { Variables: { AWS_REGION: 'x' } } }),
      'InvalidParameterValueException',
      400,
      /reserved keys .*AWS_REGION/,
    );
    await expectLambdaError(
      create('m', { Environment: { Variables: { BIG: 'x'.repeat(4100) } } }),
      'InvalidParameterValueException',
      400,
      /exceeded the 4KB limit/,
    );
    await expectLambdaError(
      create('m', { MemorySize: 64, Timeout: 0 }),
      'ValidationException',
      400,
      /^2 validation errors detected: /,
    );
    await expectLambdaError(
      create('m', { Code: { ZipFile: new TextEncoder().encode('not a zip') } }),
      'InvalidParameterValueException',
      400,
      'Could not unzip uploaded file. Please check your file, then try to upload again.',
    );
    // Nothing half-created by the failures above.
    expect((await cp.client.listFunctions({})).Functions).toEqual([]);
  });

  it('UpdateFunctionConfiguration changes settings, LastModified and RevisionId; a stale RevisionId fails', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    const created = await create('cfg');
    const updated = await cp.client.updateFunctionConfiguration({
      FunctionName: 'cfg',
      MemorySize: 512,
      Timeout: 30,
      Description: 'area calculator',
      Handler: 'app.handler',
      Environment: { Variables: { STAGE: 'dev' } },
    });
    expect(updated).toMatchObject({ MemorySize: 512, Timeout: 30, Description: 'area calculator', Handler: 'app.handler' });
    expect(updated.Environment).toEqual({ Variables: { STAGE: 'dev' } });
    expect(updated.RevisionId).not.toBe(created.RevisionId);
    expect(updated.CodeSha256).toBe(created.CodeSha256);
    await expectLambdaError(
      cp.client.updateFunctionConfiguration({ FunctionName: 'cfg', Timeout: 5, RevisionId: created.RevisionId }),
      'PreconditionFailedException',
      412,
    );
    expect((await cp.client.getFunctionConfiguration({ FunctionName: 'cfg' })).Timeout).toBe(30);
  });

  it('UpdateFunctionCode replaces the package; DryRun changes nothing', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    const created = await create('code');
    const newZip = zipOf({ 'index.mjs': 'export const handler = async () => 2;\n' });
    const dry = await cp.client.updateFunctionCode({ FunctionName: 'code', ZipFile: newZip, DryRun: true });
    expect(dry.CodeSha256).toBe(createHash('sha256').update(newZip).digest('base64'));
    expect((await cp.client.getFunctionConfiguration({ FunctionName: 'code' })).CodeSha256).toBe(created.CodeSha256);
    const updated = await cp.client.updateFunctionCode({ FunctionName: 'code', ZipFile: newZip });
    expect(updated.CodeSize).toBe(newZip.byteLength);
    expect(await cp.client.getFunctionCodeZip('code')).toEqual(newZip);
  });

  it('ListFunctions pages by at most 50 with NextMarker', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    for (let i = 0; i < 53; i++) await create(`fn-${String(i).padStart(2, '0')}`);
    const first = await cp.client.listFunctions({});
    expect(first.Functions).toHaveLength(50);
    expect(first.NextMarker).toBeTypeOf('string');
    const second = await cp.client.listFunctions({ Marker: first.NextMarker });
    expect(second.Functions?.map((f) => f.FunctionName)).toEqual(['fn-50', 'fn-51', 'fn-52']);
    expect(second.NextMarker).toBeUndefined();
    const small = await cp.client.listFunctions({ MaxItems: 2 });
    expect(small.Functions?.map((f) => f.FunctionName)).toEqual(['fn-00', 'fn-01']);
  });

  it('DeleteFunction removes the function; $LATEST alone cannot be deleted', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    await create('gone');
    await expectLambdaError(
      cp.client.deleteFunction({ FunctionName: 'gone', Qualifier: '$LATEST' }),
      'InvalidParameterValueException',
      400,
    );
    expect(await cp.client.deleteFunction({ FunctionName: 'gone' })).toEqual({ StatusCode: 204 });
    await expectLambdaError(cp.client.getFunction({ FunctionName: 'gone' }), 'ResourceNotFoundException', 404);
  });

  it('keeps functions, code and configuration when the database is opened again (a reload)', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    const zip = zipOf(NODE_HELLO);
    await create('kept', { MemorySize: 256, Environment: { Variables: { STAGE: '1' } }, Code: { ZipFile: zip } });
    const dbName = (cp as TestControlPlane & { dbName: string }).dbName;
    cp.dispose();
    cp = await testControlPlane({ environments: noEnvironments, dbName });
    const config = await cp.client.getFunctionConfiguration({ FunctionName: 'kept' });
    expect(config).toMatchObject({ MemorySize: 256, Environment: { Variables: { STAGE: '1' } } });
    expect(await cp.client.getFunctionCodeZip('kept')).toEqual(zip);
  });

  it('uses the configured region and account in ARNs', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    await cp.client.updateSettings({ region: 'eu-west-1', accountId: '210987654321' });
    const config = await create('regional');
    expect(config.FunctionArn).toBe('arn:aws:lambda:eu-west-1:210987654321:function:regional');
    await expectLambdaError(cp.client.updateSettings({ accountId: '12' }), 'InvalidParameterValueException', 400);
  });
});
