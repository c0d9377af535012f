import { afterEach, describe, expect, it } from 'vitest';
import { LambdaError } from '../domain/errors';
import { noEnvironments, TEST_ROLE, testControlPlane, zipOf, type TestControlPlane } from '../../tests/support/control-plane';

describe('saved test events (the console’s Test tab)', () => {
  let cp: TestControlPlane & { dbName: string };
  afterEach(() => cp?.dispose());

  const setUp = async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    await cp.client.createFunction({
      FunctionName: 'area',
      Runtime: 'python3.14',
      Role: TEST_ROLE,
      Handler: 'lambda_function.lambda_handler',
      Code: { ZipFile: zipOf({ 'lambda_function.py': 'def lambda_handler(e, c):\n    return 1\n' }) },
    });
  };

  it('keeps events across a reopen, replaces by name, and deletes them with the function', async () => {
    await setUp();
    await cp.client.saveTestEvent('area', 'myTestEvent', '{"length": 6, "width": 7}');
    await cp.client.saveTestEvent('area', 'bigger', '{"length": 60, "width": 70}');
    await cp.client.saveTestEvent('area', 'myTestEvent', '{"length": 6, "width": 8}');
    const dbName = cp.dbName;
    await cp.dispose();
    cp = await testControlPlane({ environments: noEnvironments, dbName });
    const events = await cp.client.listTestEvents('area');
    expect(events.map(({ name, event }) => [name, event])).toEqual([
      ['bigger', '{"length": 60, "width": 70}'],
      ['myTestEvent', '{"length": 6, "width": 8}'],
    ]);
    await cp.client.deleteTestEvent('area', 'bigger');
    expect((await cp.client.listTestEvents('area')).map((e) => e.name)).toEqual(['myTestEvent']);
    await cp.client.deleteFunction({ FunctionName: 'area' });
    await cp.client.createFunction({
      FunctionName: 'area',
      Runtime: 'nodejs22.x',
      Role: TEST_ROLE,
      Handler: 'index.handler',
      Code: { ZipFile: zipOf({ 'index.mjs': 'export const handler = async () => 1;\n' }) },
    });
    expect(await cp.client.listTestEvents('area')).toEqual([]);
  });

  it('refuses bad names, invalid JSON, an eleventh event and unknown functions', async () => {
    await setUp();
    const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as LambdaError);
    expect(await failure(cp.client.saveTestEvent('area', 'has space', '{}'))).toMatchObject({ type: 'InvalidParameterValueException', status: 400 });
    expect(await failure(cp.client.saveTestEvent('area', 'broken', '{"a":'))).toMatchObject({
      type: 'InvalidParameterValueException',
      message: expect.stringContaining('not valid JSON'),
    });
    for (let i = 0; i < 10; i++) await cp.client.saveTestEvent('area', `event-${i}`, '{}');
    expect(await failure(cp.client.saveTestEvent('area', 'eleventh', '{}'))).toMatchObject({
      type: 'InvalidParameterValueException',
      message: expect.stringContaining('at most 10'),
    });
    await cp.client.saveTestEvent('area', 'event-3', '{"replaced": true}');
    expect(await failure(cp.client.listTestEvents('nope'))).toMatchObject({ type: 'ResourceNotFoundException', status: 404 });
    expect(await failure(cp.client.deleteTestEvent('area', 'never-saved'))).toMatchObject({ type: 'ResourceNotFoundException' });
  });
});
