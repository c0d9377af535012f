/**
 * Layers on the real control plane over fake-indexeddb, through `execute` as the wire calls it
 * (https://docs.aws.amazon.com/lambda/latest/dg/chapter-layers.html).
 */
import { createHash } from 'node:crypto';
import { zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { LambdaError } from '../domain/errors';
import type { OperationShape } from '../workers/protocol';
import { echoEnvironments, type EchoEnvironments } from '../../tests/support/echo-environments';
import { noEnvironments, TEST_ROLE, testControlPlane, zipOf, type TestControlPlane } from '../../tests/support/control-plane';

const ACCOUNT = '123456789012';
const LAYER_ARN = (name: string) => `arn:aws:lambda:us-east-1:${ACCOUNT}:layer:${name}`;
const LAMBDA_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let cp: TestControlPlane;
afterEach(() => cp?.dispose());

/** Runs an operation as the wire does; a Lambda error comes back thrown, as the client would. */
async function call(operation: string, input: Record<string, unknown>): Promise<OperationShape> {
  const result = await cp.controlPlane.execute(operation, input as OperationShape);
  if (!result.ok) throw LambdaError.fromShape(result.error);
  return result.value;
}

async function failure(promise: Promise<unknown>): Promise<LambdaError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof LambdaError)) throw new Error(`expected a Lambda error, got ${String(outcome)}`);
  return outcome;
}

const publish = (name: string, files: Record<string, string> = { 'python/lib.py': 'X = 1\n' }, extra: Record<string, unknown> = {}) =>
  call('PublishLayerVersion', { LayerName: name, Content: { ZipFile: zipOf(files) }, ...extra });

const createFunction = (name: string, extra: Record<string, unknown> = {}) =>
  call('CreateFunction', {
    FunctionName: name,
    Runtime: 'nodejs22.x',
    Role: TEST_ROLE,
    Handler: 'index.handler',
    Code: { ZipFile: zipOf({ 'index.mjs': 'export const handler = async () => 1;\n' }) },
    ...extra,
  });

describe('PublishLayerVersion, GetLayerVersion, GetLayerVersionByArn', () => {
  it('numbers versions from 1 and answers the version as Lambda does', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    const zip = zipOf({ 'python/lib.py': 'X = 1\n' });
    const first = await call('PublishLayerVersion', {
      LayerName: 'my-layer',
      Description: 'My Python layer',
      Content: { ZipFile: zip },
      CompatibleRuntimes: ['python3.13', 'python3.14'],
      CompatibleArchitectures: ['x86_64'],
      LicenseInfo: 'MIT',
    });
    expect(first).toEqual({
      Content: {
        Location: 'http://lambdalite.test/api/lambdalite/layers/my-layer/1',
        CodeSha256: createHash('sha256').update(zip).digest('base64'),
        CodeSize: zip.byteLength,
      },
      LayerArn: LAYER_ARN('my-layer'),
      LayerVersionArn: `${LAYER_ARN('my-layer')}:1`,
      Description: 'My Python layer',
      CreatedDate: expect.stringMatching(LAMBDA_DATE),
      Version: 1,
      CompatibleRuntimes: ['python3.13', 'python3.14'],
      CompatibleArchitectures: ['x86_64'],
      LicenseInfo: 'MIT',
    });
    const second = await publish('my-layer');
    expect(second).toMatchObject({ Version: 2, LayerVersionArn: `${LAYER_ARN('my-layer')}:2`, Description: '' });
    // Lambda leaves out the lists and LicenseInfo the publisher did not give.
    expect(second).not.toHaveProperty('CompatibleRuntimes');
    expect(second).not.toHaveProperty('CompatibleArchitectures');
    expect(second).not.toHaveProperty('LicenseInfo');

    expect(await call('GetLayerVersion', { LayerName: 'my-layer', VersionNumber: 1 })).toEqual(first);
    expect(await call('GetLayerVersion', { LayerName: LAYER_ARN('my-layer'), VersionNumber: 1 })).toEqual(first);
    expect(await call('GetLayerVersionByArn', { Arn: `${LAYER_ARN('my-layer')}:1` })).toEqual(first);
    // Content.Location's download: the archive as it was published.
    expect(await call('LambdaliteGetLayerVersionContent', { LayerName: 'my-layer', VersionNumber: 1 })).toEqual({ ZipFile: zip });
  });

  it('answers Lambda errors for missing versions and refused content', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    await publish('my-layer');
    for (const request of [
      () => call('GetLayerVersion', { LayerName: 'my-layer', VersionNumber: 2 }),
      () => call('GetLayerVersion', { LayerName: 'other', VersionNumber: 1 }),
      () => call('GetLayerVersionByArn', { Arn: `${LAYER_ARN('my-layer')}:9` }),
      () => call('GetLayerVersionByArn', { Arn: 'arn:aws:lambda:us-east-1:210987654321:layer:my-layer:1' }),
    ]) {
      const error = await failure(request());
      expect(error.toShape()).toEqual({ type: 'ResourceNotFoundException', status: 404, message: 'The resource you requested does not exist.' });
    }
    expect((await failure(call('GetLayerVersion', { LayerName: 'my-layer', VersionNumber: 0 }))).toShape()).toEqual({
      type: 'InvalidParameterValueException',
      status: 400,
      message: 'Layer Version Cannot be less than 1',
    });
    const notZip = await failure(call('PublishLayerVersion', { LayerName: 'bad', Content: { ZipFile: new TextEncoder().encode('not a zip') } }));
    expect(notZip.message).toBe('Could not unzip uploaded file. Please check your file, then try to upload again.');
    const tooMany = await failure(publish('many', undefined, { CompatibleRuntimes: Array.from({ length: 16 }, () => 'python3.14') }));
    expect(tooMany.type).toBe('ValidationException');
    expect(tooMany.message).toMatch(/at 'compatibleRuntimes' failed to satisfy constraint: Member must have length less than or equal to 15$/);
    const noContent = await failure(call('PublishLayerVersion', { LayerName: 'empty', Content: {} }));
    expect(noContent.type).toBe('InvalidParameterValueException');
    // Nothing was stored by the refused requests.
    expect(await cp.store.listLayerVersions()).toHaveLength(1);
  });
});

describe('ListLayers and ListLayerVersions', () => {
  it('lists the latest matching version of each layer, with runtime and architecture filters', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    await publish('b-layer', undefined, { CompatibleRuntimes: ['python3.14'], CompatibleArchitectures: ['x86_64', 'arm64'] });
    await publish('b-layer', undefined, { CompatibleRuntimes: ['nodejs22.x'] });
    await publish('a-layer', undefined, { CompatibleRuntimes: ['python3.14', 'nodejs22.x'], CompatibleArchitectures: ['arm64'] });

    const all = await call('ListLayers', {});
    expect(all).toEqual({
      Layers: [
        { LayerName: 'a-layer', LayerArn: LAYER_ARN('a-layer'), LatestMatchingVersion: expect.objectContaining({ Version: 1 }) },
        { LayerName: 'b-layer', LayerArn: LAYER_ARN('b-layer'), LatestMatchingVersion: expect.objectContaining({ Version: 2 }) },
      ],
    });
    const python = (await call('ListLayers', { CompatibleRuntime: 'python3.14' }))['Layers'] as Array<{ LayerName: string; LatestMatchingVersion: { Version: number } }>;
    expect(python.map((layer) => [layer.LayerName, layer.LatestMatchingVersion.Version])).toEqual([
      ['a-layer', 1],
      ['b-layer', 1],
    ]);
    const x86 = (await call('ListLayers', { CompatibleArchitecture: 'x86_64' }))['Layers'] as Array<{ LayerName: string }>;
    expect(x86.map((layer) => layer.LayerName)).toEqual(['b-layer']);
    const both = (await call('ListLayers', { CompatibleRuntime: 'nodejs22.x', CompatibleArchitecture: 'arm64' }))['Layers'] as Array<{ LayerName: string }>;
    expect(both.map((layer) => layer.LayerName)).toEqual(['a-layer']);

    const first = await call('ListLayers', { MaxItems: 1 });
    expect((first['Layers'] as unknown[]).length).toBe(1);
    expect(first['NextMarker']).toEqual(expect.any(String));
    const rest = await call('ListLayers', { MaxItems: 1, Marker: first['NextMarker'] });
    expect((rest['Layers'] as Array<{ LayerName: string }>).map((layer) => layer.LayerName)).toEqual(['b-layer']);
    expect(rest).not.toHaveProperty('NextMarker');
    expect((await failure(call('ListLayers', { MaxItems: 51 }))).type).toBe('ValidationException');
  });

  it('lists a layer\'s versions newest first, filtered and paginated; an unknown layer has none', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    for (let i = 0; i < 5; i++) await publish('lib', undefined, { CompatibleRuntimes: [i % 2 === 0 ? 'python3.14' : 'nodejs22.x'] });
    const versions = (await call('ListLayerVersions', { LayerName: 'lib' }))['LayerVersions'] as Array<{ Version: number; LayerVersionArn: string; CreatedDate: string }>;
    expect(versions.map((item) => item.Version)).toEqual([5, 4, 3, 2, 1]);
    expect(versions[0]).toMatchObject({ LayerVersionArn: `${LAYER_ARN('lib')}:5`, CreatedDate: expect.stringMatching(LAMBDA_DATE) });
    const python = (await call('ListLayerVersions', { LayerName: 'lib', CompatibleRuntime: 'python3.14' }))['LayerVersions'] as Array<{ Version: number }>;
    expect(python.map((item) => item.Version)).toEqual([5, 3, 1]);

    const seen: number[] = [];
    let marker: unknown;
    do {
      const pageOf = await call('ListLayerVersions', { LayerName: 'lib', MaxItems: 2, ...(marker === undefined ? {} : { Marker: marker }) });
      seen.push(...(pageOf['LayerVersions'] as Array<{ Version: number }>).map((item) => item.Version));
      marker = pageOf['NextMarker'];
    } while (marker !== undefined);
    expect(seen).toEqual([5, 4, 3, 2, 1]);
    expect(await call('ListLayerVersions', { LayerName: 'no-such-layer' })).toEqual({ LayerVersions: [] });
  });
});

describe('DeleteLayerVersion', () => {
  it('hides the version, never reuses its number, and succeeds for a version that is not there', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    await publish('lib');
    await publish('lib');
    expect(await call('DeleteLayerVersion', { LayerName: 'lib', VersionNumber: 2 })).toEqual({});
    expect((await failure(call('GetLayerVersion', { LayerName: 'lib', VersionNumber: 2 }))).type).toBe('ResourceNotFoundException');
    expect((await call('ListLayerVersions', { LayerName: 'lib' }))['LayerVersions']).toHaveLength(1);
    expect(((await call('ListLayers', {}))['Layers'] as Array<{ LatestMatchingVersion: { Version: number } }>)[0]!.LatestMatchingVersion.Version).toBe(1);
    expect(await publish('lib')).toMatchObject({ Version: 3 });
    expect(await call('DeleteLayerVersion', { LayerName: 'lib', VersionNumber: 2 })).toEqual({});
    expect(await call('DeleteLayerVersion', { LayerName: 'nothing', VersionNumber: 7 })).toEqual({});
    // Deleting every version leaves the layer out of ListLayers, and numbering still goes on.
    await call('DeleteLayerVersion', { LayerName: 'lib', VersionNumber: 1 });
    await call('DeleteLayerVersion', { LayerName: 'lib', VersionNumber: 3 });
    expect(await call('ListLayers', {})).toEqual({ Layers: [] });
    expect(await publish('lib')).toMatchObject({ Version: 4 });
  });
});

describe('AddLayerVersionPermission, GetLayerVersionPolicy, RemoveLayerVersionPermission', () => {
  it('writes statements as Lambda does and keeps a RevisionId', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    await publish('my-layer');
    const added = await call('AddLayerVersionPermission', {
      LayerName: 'my-layer',
      VersionNumber: 1,
      StatementId: 'xaccount',
      Action: 'lambda:GetLayerVersion',
      Principal: '223456789012',
    });
    // examples-1.json, AddLayerVersionPermission.
    expect(JSON.parse(added['Statement'] as string)).toEqual({
      Sid: 'xaccount',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::223456789012:root' },
      Action: 'lambda:GetLayerVersion',
      Resource: `${LAYER_ARN('my-layer')}:1`,
    });
    expect(added['RevisionId']).toMatch(UUID);

    const stale = await failure(
      call('AddLayerVersionPermission', {
        LayerName: 'my-layer',
        VersionNumber: 1,
        StatementId: 'org',
        Action: 'lambda:GetLayerVersion',
        Principal: '*',
        RevisionId: '00000000-0000-4000-8000-000000000000',
      }),
    );
    expect(stale.toShape()).toEqual({
      type: 'PreconditionFailedException',
      status: 412,
      message: 'The Revision Id provided does not match the latest Revision Id. Call the GetLayerPolicy API to retrieve the latest Revision Id',
    });
    const org = await call('AddLayerVersionPermission', {
      LayerName: 'my-layer',
      VersionNumber: 1,
      StatementId: 'org',
      Action: 'lambda:GetLayerVersion',
      Principal: '*',
      OrganizationId: 'o-abcdefghij',
      RevisionId: added['RevisionId'],
    });
    expect(JSON.parse(org['Statement'] as string)).toEqual({
      Sid: 'org',
      Effect: 'Allow',
      Principal: '*',
      Action: 'lambda:GetLayerVersion',
      Resource: `${LAYER_ARN('my-layer')}:1`,
      Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } },
    });

    const duplicate = await failure(
      call('AddLayerVersionPermission', { LayerName: 'my-layer', VersionNumber: 1, StatementId: 'org', Action: 'lambda:GetLayerVersion', Principal: '*' }),
    );
    expect(duplicate.toShape()).toEqual({
      type: 'ResourceConflictException',
      status: 409,
      message: 'The statement id (org) provided already exists. Please provide a new statement id, or remove the existing statement.',
    });

    const policy = await call('GetLayerVersionPolicy', { LayerName: 'my-layer', VersionNumber: 1 });
    expect(policy['RevisionId']).toBe(org['RevisionId']);
    const document = JSON.parse(policy['Policy'] as string) as { Version: string; Id: string; Statement: Array<{ Sid: string }> };
    expect(document.Version).toBe('2012-10-17');
    expect(document.Id).toBe('default');
    expect(document.Statement.map((statement) => statement.Sid)).toEqual(['xaccount', 'org']);

    expect(await call('RemoveLayerVersionPermission', { LayerName: 'my-layer', VersionNumber: 1, StatementId: 'xaccount' })).toEqual({});
    const missing = await failure(call('RemoveLayerVersionPermission', { LayerName: 'my-layer', VersionNumber: 1, StatementId: 'xaccount' }));
    expect(missing.toShape()).toEqual({ type: 'ResourceNotFoundException', status: 404, message: 'Statement xaccount is not found in resource policy.' });
    await call('RemoveLayerVersionPermission', { LayerName: 'my-layer', VersionNumber: 1, StatementId: 'org' });
    const none = await failure(call('GetLayerVersionPolicy', { LayerName: 'my-layer', VersionNumber: 1 }));
    expect(none.toShape()).toEqual({ type: 'ResourceNotFoundException', status: 404, message: 'No policy is associated with the given resource.' });
    const noVersion = await failure(
      call('AddLayerVersionPermission', { LayerName: 'my-layer', VersionNumber: 5, StatementId: 's', Action: 'lambda:GetLayerVersion', Principal: '*' }),
    );
    expect(noVersion.toShape()).toEqual({ type: 'ResourceNotFoundException', status: 404, message: `Layer version ${LAYER_ARN('my-layer')}:5 does not exist.` });
  });
});

describe("a function's Layers", () => {
  it('reports [{Arn, CodeSize}] in every configuration output, in the order given', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    const one = await publish('one');
    const two = await publish('two', { 'nodejs/node_modules/two/index.js': 'module.exports = 2;\n' });
    const arns = [two['LayerVersionArn'], one['LayerVersionArn']] as string[];
    const expected = [
      { Arn: arns[0], CodeSize: (two['Content'] as { CodeSize: number }).CodeSize },
      { Arn: arns[1], CodeSize: (one['Content'] as { CodeSize: number }).CodeSize },
    ];
    expect((await createFunction('with-layers', { Layers: arns }))['Layers']).toEqual(expected);
    expect(((await call('GetFunction', { FunctionName: 'with-layers' }))['Configuration'] as { Layers: unknown }).Layers).toEqual(expected);
    expect((await call('GetFunctionConfiguration', { FunctionName: 'with-layers' }))['Layers']).toEqual(expected);
    expect(((await call('ListFunctions', {}))['Functions'] as Array<{ Layers: unknown }>)[0]!.Layers).toEqual(expected);
    const published = await call('PublishVersion', { FunctionName: 'with-layers' });
    expect(published['Layers']).toEqual(expected);

    const updated = await call('UpdateFunctionConfiguration', { FunctionName: 'with-layers', Layers: [arns[1]] });
    expect(updated['Layers']).toEqual([expected[1]]);
    // A version is a snapshot: it keeps the layers it was published with.
    expect((await call('GetFunctionConfiguration', { FunctionName: 'with-layers', Qualifier: '1' }))['Layers']).toEqual(expected);
    const cleared = await call('UpdateFunctionConfiguration', { FunctionName: 'with-layers', Layers: [] });
    expect(cleared).not.toHaveProperty('Layers');
    expect(await createFunction('without-layers')).not.toHaveProperty('Layers');
  });

  it("refuses what Lambda refuses, in Lambda's words", async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    const arns: string[] = [];
    for (let i = 0; i < 6; i++) arns.push((await publish(`layer-${i}`))['LayerVersionArn'] as string);
    const second = (await publish('layer-0'))['LayerVersionArn'] as string;
    const cases: Array<[string[], string, string]> = [
      [arns, 'InvalidParameterValueException', 'Cannot reference more than 5 layers.'],
      [[`${LAYER_ARN('layer-0')}:9`], 'InvalidParameterValueException', `Layer version ${LAYER_ARN('layer-0')}:9 does not exist.`],
      [[`${LAYER_ARN('nope')}:1`], 'InvalidParameterValueException', `Layer version ${LAYER_ARN('nope')}:1 does not exist.`],
      [
        [arns[0]!, second],
        'InvalidParameterValueException',
        `Two different versions of the same layer are not allowed to be referenced in the same function. ${arns[0]} and ${second} are versions of the same layer.`,
      ],
      [
        ['arn:aws:lambda:eu-west-1:123456789012:layer:layer-0:1'],
        'InvalidParameterValueException',
        'Layers are not in the same region as the function. Layers are expected to be in region us-east-1.',
      ],
    ];
    for (const [layers, type, message] of cases) {
      expect((await failure(createFunction('refused', { Layers: layers }))).toShape()).toEqual({ type, status: 400, message });
    }
    expect((await failure(createFunction('refused', { Layers: [LAYER_ARN('layer-0')] }))).type).toBe('ValidationException');
    expect((await failure(createFunction('refused', { Layers: ['arn:aws:lambda:::awslayer:AmazonLinux1803'] }))).message).toBe(
      'AWS-managed layers (arn:aws:lambda:::awslayer:AmazonLinux1803) are not available in Lambdalite: it has only the layers you publish.',
    );
    expect((await call('ListFunctions', {}))['Functions']).toEqual([]);

    await createFunction('updatable');
    await call('DeleteLayerVersion', { LayerName: 'layer-1', VersionNumber: 1 });
    const deleted = await failure(call('UpdateFunctionConfiguration', { FunctionName: 'updatable', Layers: [arns[1]] }));
    expect(deleted.message).toBe(`Layer version ${arns[1]} does not exist.`);
    expect((await failure(createFunction('too-late', { Layers: [arns[1]] }))).message).toBe(`Layer version ${arns[1]} does not exist.`);
  });

  it('counts the function and its layers together against 250 MB unzipped', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    // 128 MiB of zeros deflates to a small archive; two of them pass 262144000 bytes together.
    const big = new Uint8Array(128 * 1024 * 1024);
    const layerZip = zipSync({ 'data/big.bin': big }, { level: 1 });
    const a = (await call('PublishLayerVersion', { LayerName: 'big-a', Content: { ZipFile: layerZip } }))['LayerVersionArn'] as string;
    const b = (await call('PublishLayerVersion', { LayerName: 'big-b', Content: { ZipFile: layerZip } }))['LayerVersionArn'] as string;
    const code = { 'index.mjs': 'export const handler = async () => 1;\n' };
    const codeSize = new TextEncoder().encode(code['index.mjs']).byteLength;
    await createFunction('fits', { Layers: [a] });
    const error = await failure(createFunction('too-big', { Layers: [a, b] }));
    expect(error.toShape()).toEqual({
      type: 'InvalidParameterValueException',
      status: 400,
      message: `Function code combined with layers exceeds the maximum allowed size of 262144000 bytes. The actual size is ${2 * big.byteLength + codeSize} bytes.`,
    });
    expect((await failure(call('UpdateFunctionConfiguration', { FunctionName: 'fits', Layers: [a, b] }))).message).toMatch(
      /^Function code combined with layers exceeds the maximum allowed size of 262144000 bytes\./,
    );
    // A new package is held to the same sum with the layers the function keeps.
    const bigCode = zipSync({ 'index.mjs': new TextEncoder().encode(code['index.mjs']), 'data.bin': big }, { level: 1 });
    expect((await failure(call('UpdateFunctionCode', { FunctionName: 'fits', ZipFile: bigCode }))).message).toMatch(
      /^Function code combined with layers exceeds the maximum allowed size of 262144000 bytes\./,
    );
  });
});

describe('/opt at a cold start', () => {
  let environments: EchoEnvironments;

  it('merges the layers in the function order into optFiles, a later layer replacing an earlier one', async () => {
    environments = echoEnvironments();
    cp = await testControlPlane({ environments });
    const base = await publish('base', { 'nodejs/node_modules/greeting/index.js': 'module.exports = "base";\n', 'python/shared.py': 'WHO = "base"\n' });
    const override = await publish('override', { 'nodejs/node_modules/greeting/index.js': 'module.exports = "override";\n' });
    await createFunction('uses-layers', { Layers: [base['LayerVersionArn'], override['LayerVersionArn']] });
    await call('Invoke', { FunctionName: 'uses-layers' });
    const init = await environments.invocations[0]!.prepareInit('2026/11/22/[$LATEST]0', 'on-demand');
    const text = (bytes: Uint8Array | undefined) => (bytes === undefined ? undefined : new TextDecoder().decode(bytes));
    expect(Object.keys(init.optFiles ?? {}).sort()).toEqual(['nodejs/node_modules/greeting/index.js', 'python/shared.py']);
    expect(text(init.optFiles?.['nodejs/node_modules/greeting/index.js'])).toBe('module.exports = "override";\n');
    expect(text(init.optFiles?.['python/shared.py'])).toBe('WHO = "base"\n');
    expect(Object.keys(init.files)).toEqual(['index.mjs']);
  });

  it('keeps a deleted version working for the functions that use it, and drops its archive once none does', async () => {
    environments = echoEnvironments();
    cp = await testControlPlane({ environments });
    const layer = await publish('kept', { 'python/kept.py': 'K = 1\n' });
    const arn = layer['LayerVersionArn'] as string;
    await createFunction('user', { Layers: [arn] });
    await call('PublishVersion', { FunctionName: 'user' });
    await call('DeleteLayerVersion', { LayerName: 'kept', VersionNumber: 1 });
    expect(await cp.store.getLayerContent('kept', 1)).toBeInstanceOf(Uint8Array);

    await call('Invoke', { FunctionName: 'user' });
    const init = await environments.invocations[0]!.prepareInit('stream', 'on-demand');
    expect(Object.keys(init.optFiles ?? {})).toEqual(['python/kept.py']);
    // The function may keep the deleted version while changing something else.
    const updated = await call('UpdateFunctionConfiguration', { FunctionName: 'user', Layers: [arn], Timeout: 5 });
    expect(updated['Layers']).toEqual([{ Arn: arn, CodeSize: (layer['Content'] as { CodeSize: number }).CodeSize }]);

    // $LATEST stops using it, but version 1 still does.
    await call('UpdateFunctionConfiguration', { FunctionName: 'user', Layers: [] });
    expect(await cp.store.getLayerContent('kept', 1)).toBeInstanceOf(Uint8Array);
    await call('DeleteFunction', { FunctionName: 'user', Qualifier: '1' });
    expect(await cp.store.getLayerContent('kept', 1)).toBeUndefined();
    // The tombstone keeps the number taken.
    expect(await publish('kept')).toMatchObject({ Version: 2 });
  });
});
