/**
 * Layers end to end: the real @aws-sdk/client-lambda through the wire module, the real control
 * plane on fake-indexeddb, and real engines (QuickJS, Pyodide) that import modules from /opt
 * (https://docs.aws.amazon.com/lambda/latest/dg/chapter-layers.html,
 * https://docs.aws.amazon.com/lambda/latest/dg/packaging-layers.html).
 */
import { readFileSync } from 'node:fs';
import {
  AddLayerVersionPermissionCommand,
  CreateFunctionCommand,
  DeleteLayerVersionCommand,
  GetFunctionConfigurationCommand,
  GetLayerVersionByArnCommand,
  GetLayerVersionCommand,
  GetLayerVersionPolicyCommand,
  InvalidParameterValueException,
  InvokeCommand,
  ListLayersCommand,
  PublishLayerVersionCommand,
  RemoveLayerVersionPermissionCommand,
  ResourceNotFoundException,
  UpdateFunctionConfigurationCommand,
  paginateListLayerVersions,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ROLE, testControlPlane, zipOf, type TestControlPlane } from '../support/control-plane';
import { lambdaSdkClient } from '../support/sdk-client';
import { handleLambdaHttpRequest } from '../../src/wire/handle';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/layers/${name}`, import.meta.url), 'utf8');
const LAYER = 'arn:aws:lambda:us-east-1:123456789012:layer';

/** The first layer: a module each runtime imports, and one the second layer replaces. */
const BASE_LAYER = {
  'nodejs/node_modules/greeting/index.js': 'module.exports = "from the base layer";\n',
  'nodejs/node_modules/base-only/index.js': 'exports.shout = (text) => text.toUpperCase();\n',
  'python/greeting.py': 'WHO = "from the base layer"\n',
  'python/base_only.py': 'def shout(text):\n    return text.upper()\n',
};
/** The second layer: its files replace the first layer's at the same paths. */
const OVERRIDE_LAYER = {
  'nodejs/node_modules/greeting/index.js': 'module.exports = "from the override layer";\n',
  'python/greeting.py': 'WHO = "from the override layer"\n',
};

let cp: TestControlPlane;
let lambda: LambdaClient;
let baseArn: string;
let overrideArn: string;

beforeAll(async () => {
  cp = await testControlPlane({ pool: { prewarm: ['quickjs'] } });
  lambda = lambdaSdkClient(cp.controlPlane);
  const base = await lambda.send(
    new PublishLayerVersionCommand({
      LayerName: 'base',
      Description: 'Modules for both runtimes',
      Content: { ZipFile: zipOf(BASE_LAYER) },
      CompatibleRuntimes: ['nodejs22.x', 'python3.14'],
      LicenseInfo: 'MIT',
    }),
  );
  expect(base.$metadata.httpStatusCode).toBe(201);
  baseArn = base.LayerVersionArn!;
  overrideArn = (await lambda.send(new PublishLayerVersionCommand({ LayerName: 'override', Content: { ZipFile: zipOf(OVERRIDE_LAYER) } }))).LayerVersionArn!;
}, 60_000);
afterAll(() => {
  lambda?.destroy();
  cp?.dispose();
});

async function invoke(functionName: string): Promise<unknown> {
  const result = await lambda.send(new InvokeCommand({ FunctionName: functionName }));
  const text = new TextDecoder().decode(result.Payload);
  expect(result.FunctionError, text).toBeUndefined();
  return JSON.parse(text);
}

describe('layer versions through the SDK', () => {
  it('publishes, reads by name and by ARN, lists and paginates', async () => {
    expect(baseArn).toBe(`${LAYER}:base:1`);
    const byName = await lambda.send(new GetLayerVersionCommand({ LayerName: 'base', VersionNumber: 1 }));
    expect(byName).toMatchObject({
      LayerArn: `${LAYER}:base`,
      LayerVersionArn: baseArn,
      Version: 1,
      Description: 'Modules for both runtimes',
      CompatibleRuntimes: ['nodejs22.x', 'python3.14'],
      LicenseInfo: 'MIT',
      Content: { Location: 'http://lambdalite.test/api/lambdalite/layers/base/1', CodeSize: zipOf(BASE_LAYER).byteLength },
    });
    // Content.Location answers the archive as published, as the presigned S3 URL would.
    const download = await handleLambdaHttpRequest(
      { method: 'GET', path: new URL(byName.Content?.Location ?? '').pathname.replace(/^\/api/, ''), headers: {}, body: new Uint8Array() },
      cp.controlPlane,
    );
    expect(download.status).toBe(200);
    expect(download.body).toEqual(zipOf(BASE_LAYER));
    const byArn = await lambda.send(new GetLayerVersionByArnCommand({ Arn: baseArn }));
    expect(byArn.LayerVersionArn).toBe(baseArn);
    expect(byArn.Content?.CodeSha256).toBe(byName.Content?.CodeSha256);

    const python = await lambda.send(new ListLayersCommand({ CompatibleRuntime: 'python3.14' }));
    expect(python.Layers?.map((layer) => layer.LayerName)).toEqual(['base']);

    for (let i = 0; i < 3; i++) await lambda.send(new PublishLayerVersionCommand({ LayerName: 'paged', Content: { ZipFile: zipOf({ 'data.txt': String(i) }) } }));
    const versions: number[] = [];
    for await (const page of paginateListLayerVersions({ client: lambda, pageSize: 2 }, { LayerName: 'paged' })) {
      versions.push(...(page.LayerVersions ?? []).map((item) => item.Version!));
    }
    expect(versions).toEqual([3, 2, 1]);
  });

  it('grants and revokes with layer permission statements', async () => {
    const added = await lambda.send(
      new AddLayerVersionPermissionCommand({ LayerName: 'base', VersionNumber: 1, StatementId: 'everyone', Action: 'lambda:GetLayerVersion', Principal: '*' }),
    );
    expect(added.$metadata.httpStatusCode).toBe(201);
    expect(JSON.parse(added.Statement!)).toEqual({
      Sid: 'everyone',
      Effect: 'Allow',
      Principal: '*',
      Action: 'lambda:GetLayerVersion',
      Resource: baseArn,
    });
    const policy = await lambda.send(new GetLayerVersionPolicyCommand({ LayerName: 'base', VersionNumber: 1 }));
    expect(policy.RevisionId).toBe(added.RevisionId);
    const removed = await lambda.send(
      new RemoveLayerVersionPermissionCommand({ LayerName: 'base', VersionNumber: 1, StatementId: 'everyone', RevisionId: added.RevisionId! }),
    );
    expect(removed.$metadata.httpStatusCode).toBe(204);
    await expect(lambda.send(new GetLayerVersionPolicyCommand({ LayerName: 'base', VersionNumber: 1 }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});

describe('functions that import from their layers', () => {
  it('a Node.js function requires modules from /opt/nodejs/node_modules, the later layer winning', async () => {
    const created = await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'node-with-layers',
        Runtime: 'nodejs22.x',
        Role: TEST_ROLE,
        Handler: 'index.handler',
        Code: { ZipFile: zipOf({ 'index.js': fixture('node-handler.js') }) },
        Layers: [baseArn, overrideArn],
      }),
    );
    expect(created.Layers?.map((layer) => layer.Arn)).toEqual([baseArn, overrideArn]);
    expect(await invoke('node-with-layers')).toEqual({ greeting: 'from the override layer', shouted: 'LAYERS' });

    // In the other order, the base layer's file is the one left in /opt.
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'node-with-layers', Layers: [overrideArn, baseArn] }));
    expect(await invoke('node-with-layers')).toEqual({ greeting: 'from the base layer', shouted: 'LAYERS' });
  }, 60_000);

  it('a Python function imports modules from /opt/python, the later layer winning', async () => {
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'python-with-layers',
        Runtime: 'python3.14',
        Role: TEST_ROLE,
        Handler: 'lambda_function.lambda_handler',
        Code: { ZipFile: zipOf({ 'lambda_function.py': fixture('python_handler.py') }) },
        Layers: [baseArn, overrideArn],
      }),
    );
    expect(await invoke('python-with-layers')).toEqual({ greeting: 'from the override layer', shouted: 'LAYERS' });
  }, 120_000);

  it('keeps working after its layer version is deleted, which no new function may use', async () => {
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'keeps-deleted',
        Runtime: 'nodejs22.x',
        Role: TEST_ROLE,
        Handler: 'index.handler',
        Code: { ZipFile: zipOf({ 'index.js': fixture('node-handler.js') }) },
        Layers: [baseArn],
      }),
    );
    const kept = await lambda.send(new PublishLayerVersionCommand({ LayerName: 'base', Content: { ZipFile: zipOf(BASE_LAYER) } }));
    expect(kept.Version).toBe(2);
    const deleted = await lambda.send(new DeleteLayerVersionCommand({ LayerName: 'base', VersionNumber: 1 }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    await expect(lambda.send(new GetLayerVersionCommand({ LayerName: 'base', VersionNumber: 1 }))).rejects.toBeInstanceOf(ResourceNotFoundException);

    // A configuration change retires the warm environment: the next invocation is a cold start
    // that still gets the deleted version's files.
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'keeps-deleted', Timeout: 10 }));
    expect(await invoke('keeps-deleted')).toEqual({ greeting: 'from the base layer', shouted: 'LAYERS' });
    expect((await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'keeps-deleted' }))).Layers?.[0]?.Arn).toBe(baseArn);

    const refused = lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'too-late',
        Runtime: 'nodejs22.x',
        Role: TEST_ROLE,
        Handler: 'index.handler',
        Code: { ZipFile: zipOf({ 'index.js': fixture('node-handler.js') }) },
        Layers: [baseArn],
      }),
    );
    await expect(refused).rejects.toBeInstanceOf(InvalidParameterValueException);
    await expect(refused).rejects.toMatchObject({ message: `Layer version ${baseArn} does not exist.` });
  }, 60_000);
});
