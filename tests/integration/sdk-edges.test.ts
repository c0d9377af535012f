/**
 * The real @aws-sdk/client-lambda at the edges of the API, where a script that works here must
 * fail here as it fails on AWS: what a browser tab cannot offer is refused by name (never a
 * silent success), and the rules Lambda enforces on ARNs, ClientContext, states, alias routing,
 * configuration members and code signing of layers. No code runs: the environments are absent.
 */
import {
  CheckpointDurableExecutionCommand,
  CodeVerificationFailedException,
  CreateAliasCommand,
  CreateCapacityProviderCommand,
  CreateCodeSigningConfigCommand,
  CreateFunctionCommand,
  DeleteCapacityProviderCommand,
  DeleteFunctionCodeSigningConfigCommand,
  GetAccountSettingsCommand,
  GetCapacityProviderCommand,
  GetCodeSigningConfigCommand,
  GetDurableExecutionCommand,
  GetDurableExecutionHistoryCommand,
  GetDurableExecutionStateCommand,
  GetFunctionCodeSigningConfigCommand,
  GetFunctionConfigurationCommand,
  GetFunctionScalingConfigCommand,
  InvalidParameterValueException,
  InvokeCommand,
  InvokeWithResponseStreamCommand,
  ListCapacityProvidersCommand,
  ListCodeSigningConfigsCommand,
  ListDurableExecutionsByFunctionCommand,
  ListFunctionsByCodeSigningConfigCommand,
  ListFunctionsCommand,
  ListFunctionVersionsByCapacityProviderCommand,
  PublishLayerVersionCommand,
  PublishVersionCommand,
  PutFunctionCodeSigningConfigCommand,
  PutFunctionScalingConfigCommand,
  ResourceConflictException,
  SendDurableExecutionCallbackFailureCommand,
  SendDurableExecutionCallbackHeartbeatCommand,
  SendDurableExecutionCallbackSuccessCommand,
  StopDurableExecutionCommand,
  UpdateCapacityProviderCommand,
  UpdateCodeSigningConfigCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActive,
  waitUntilFunctionExists,
  waitUntilFunctionUpdated,
  type CreateFunctionCommandInput,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_AVAILABLE_IN_LAMBDALITE } from '../../src/domain/not-available';
import { noEnvironments, TEST_ROLE, testControlPlane, zipOf, type TestControlPlane } from '../support/control-plane';
import { call, fnArn, HELLO, manualClock } from '../support/resource-helpers';
import { lambdaSdkClient, rejection } from '../support/sdk-client';

const STATE_TRANSITION_MS = 1_000;
const clock = manualClock();
let cp: TestControlPlane;
let lambda: LambdaClient;

beforeAll(async () => {
  // States take a second of the manual clock, so a test can look at Pending and InProgress.
  cp = await testControlPlane({ environments: noEnvironments, controlPlane: { clock, stateTransitionMs: STATE_TRANSITION_MS } });
  lambda = lambdaSdkClient(cp.controlPlane);
});
afterAll(async () => {
  lambda?.destroy();
  await cp?.dispose();
});

function input(name: string, extra: Partial<CreateFunctionCommandInput> = {}): CreateFunctionCommandInput {
  return { FunctionName: name, Runtime: 'nodejs22.x', Role: TEST_ROLE, Handler: 'index.handler', Code: { ZipFile: zipOf(HELLO) }, ...extra };
}

/** Creates a function and lets it turn Active. */
async function create(name: string, extra: Partial<CreateFunctionCommandInput> = {}): Promise<void> {
  await lambda.send(new CreateFunctionCommand(input(name, extra)));
  clock.advance(STATE_TRANSITION_MS);
}

async function functionNames(): Promise<string[]> {
  return ((await lambda.send(new ListFunctionsCommand({}))).Functions ?? []).map((f) => f.FunctionName!);
}

const encode = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

describe('what Lambdalite does not offer is refused by name', () => {
  const FN = 'edges-target';
  // One SDK command for every operation of the model that needs AWS infrastructure.
  const commands: Record<string, () => Promise<unknown>> = {
    CheckpointDurableExecution: () => lambda.send(new CheckpointDurableExecutionCommand({ DurableExecutionArn: `${fnArn(FN)}:1/durable-execution/x/y`, CheckpointToken: 't' })),
    GetDurableExecution: () => lambda.send(new GetDurableExecutionCommand({ DurableExecutionArn: `${fnArn(FN)}:1/durable-execution/x/y` })),
    GetDurableExecutionHistory: () => lambda.send(new GetDurableExecutionHistoryCommand({ DurableExecutionArn: `${fnArn(FN)}:1/durable-execution/x/y` })),
    GetDurableExecutionState: () => lambda.send(new GetDurableExecutionStateCommand({ DurableExecutionArn: `${fnArn(FN)}:1/durable-execution/x/y`, CheckpointToken: 't' })),
    ListDurableExecutionsByFunction: () => lambda.send(new ListDurableExecutionsByFunctionCommand({ FunctionName: FN })),
    SendDurableExecutionCallbackFailure: () => lambda.send(new SendDurableExecutionCallbackFailureCommand({ CallbackId: 'cb' })),
    SendDurableExecutionCallbackHeartbeat: () => lambda.send(new SendDurableExecutionCallbackHeartbeatCommand({ CallbackId: 'cb' })),
    SendDurableExecutionCallbackSuccess: () => lambda.send(new SendDurableExecutionCallbackSuccessCommand({ CallbackId: 'cb' })),
    StopDurableExecution: () => lambda.send(new StopDurableExecutionCommand({ DurableExecutionArn: `${fnArn(FN)}:1/durable-execution/x/y` })),
    CreateCapacityProvider: () =>
      lambda.send(new CreateCapacityProviderCommand({
        CapacityProviderName: 'cp',
        VpcConfig: { SubnetIds: ['subnet-1'], SecurityGroupIds: ['sg-1'] },
        PermissionsConfig: { CapacityProviderOperatorRoleArn: TEST_ROLE },
      })),
    DeleteCapacityProvider: () => lambda.send(new DeleteCapacityProviderCommand({ CapacityProviderName: 'cp' })),
    GetCapacityProvider: () => lambda.send(new GetCapacityProviderCommand({ CapacityProviderName: 'cp' })),
    ListCapacityProviders: () => lambda.send(new ListCapacityProvidersCommand({})),
    UpdateCapacityProvider: () => lambda.send(new UpdateCapacityProviderCommand({ CapacityProviderName: 'cp' })),
    ListFunctionVersionsByCapacityProvider: () => lambda.send(new ListFunctionVersionsByCapacityProviderCommand({ CapacityProviderName: 'cp' })),
    GetFunctionScalingConfig: () => lambda.send(new GetFunctionScalingConfigCommand({ FunctionName: FN, Qualifier: '1' })),
    PutFunctionScalingConfig: () => lambda.send(new PutFunctionScalingConfigCommand({ FunctionName: FN, Qualifier: '1' })),
    InvokeWithResponseStream: () => lambda.send(new InvokeWithResponseStreamCommand({ FunctionName: FN })),
  };

  it('covers every operation the model has that Lambdalite does not offer', () => {
    expect(Object.keys(commands).sort()).toEqual(Object.keys(NOT_AVAILABLE_IN_LAMBDALITE).sort());
  });

  it.each(Object.keys(NOT_AVAILABLE_IN_LAMBDALITE))('%s answers InvalidParameterValueException naming it', async (operation) => {
    await create(FN).catch(() => undefined);
    const before = await functionNames();
    const refused = await rejection(commands[operation]!());
    expect(refused).toBeInstanceOf(InvalidParameterValueException);
    expect(refused.$metadata.httpStatusCode).toBe(400);
    expect(refused.message).toContain(`${operation} is not available in Lambdalite`);
    expect(refused.message).toContain(NOT_AVAILABLE_IN_LAMBDALITE[operation]);
    expect(await functionNames()).toEqual(before);
  });

  const members: Array<[string, () => Promise<unknown>, string]> = [
    ['VpcConfig', () => lambda.send(new CreateFunctionCommand(input('edges-vpc', { VpcConfig: { SubnetIds: ['subnet-1'], SecurityGroupIds: ['sg-1'] } }))), 'VpcConfig'],
    ['FileSystemConfigs', () => lambda.send(new CreateFunctionCommand(input('edges-efs', { FileSystemConfigs: [{ Arn: 'arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-0123456789abcdef0', LocalMountPath: '/mnt/efs' }] }))), 'FileSystemConfigs'],
    ['KMSKeyArn', () => lambda.send(new CreateFunctionCommand(input('edges-kms', { KMSKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/1' }))), 'KMSKeyArn'],
    ['ImageConfig', () => lambda.send(new CreateFunctionCommand(input('edges-image-config', { ImageConfig: { Command: ['app.handler'] } }))), 'ImageConfig'],
    ['PackageType Image', () => lambda.send(new CreateFunctionCommand(input('edges-image', { PackageType: 'Image', Code: { ImageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1' } }))), 'Container image'],
    ['Code.S3Bucket', () => lambda.send(new CreateFunctionCommand(input('edges-s3', { Code: { S3Bucket: 'bucket', S3Key: 'code.zip' } }))), 'S3'],
    ['SnapStart', () => lambda.send(new CreateFunctionCommand(input('edges-snapstart', { SnapStart: { ApplyOn: 'PublishedVersions' } }))), 'SnapStart'],
    ['TenancyConfig', () => lambda.send(new CreateFunctionCommand(input('edges-tenancy', { TenancyConfig: { TenantIsolationMode: 'PER_TENANT' } }))), 'TenancyConfig'],
    ['CreateFunction PublishTo', () => lambda.send(new CreateFunctionCommand(input('edges-publish-to', { PublishTo: 'LATEST_PUBLISHED' }))), 'PublishTo'],
    ['Code.SourceKMSKeyArn', () => lambda.send(new CreateFunctionCommand(input('edges-source-kms', { Code: { ZipFile: zipOf(HELLO), SourceKMSKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/1' } }))), 'SourceKMSKeyArn'],
    ['UpdateFunctionCode SourceKMSKeyArn', () => lambda.send(new UpdateFunctionCodeCommand({ FunctionName: FN, ZipFile: zipOf(HELLO), SourceKMSKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/1' })), 'SourceKMSKeyArn'],
    ['UpdateFunctionCode PublishTo', () => lambda.send(new UpdateFunctionCodeCommand({ FunctionName: FN, ZipFile: zipOf(HELLO), PublishTo: 'LATEST_PUBLISHED' })), 'PublishTo'],
    ['PublishVersion PublishTo', () => lambda.send(new PublishVersionCommand({ FunctionName: FN, PublishTo: 'LATEST_PUBLISHED' })), 'PublishTo'],
    ['Invoke DurableExecutionName', () => lambda.send(new InvokeCommand({ FunctionName: FN, DurableExecutionName: 'run-1' })), 'DurableExecutionName'],
    ['Invoke TenantId', () => lambda.send(new InvokeCommand({ FunctionName: FN, TenantId: 'tenant-1' })), 'TenantId'],
    ['ListFunctions MasterRegion', () => lambda.send(new ListFunctionsCommand({ MasterRegion: 'us-east-1', FunctionVersion: 'ALL' })), 'MasterRegion'],
  ];

  it.each(members)('%s is refused with InvalidParameterValueException and changes nothing', async (_label, command, named) => {
    await create(FN).catch(() => undefined);
    const before = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: FN }));
    const names = await functionNames();
    const refused = await rejection(command());
    expect(refused).toBeInstanceOf(InvalidParameterValueException);
    expect(refused.message).toContain(named);
    expect(refused.message).toMatch(/not (available|supported) in Lambdalite|Lambdalite has no/);
    expect(await functionNames()).toEqual(names);
    expect((await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: FN }))).RevisionId).toBe(before.RevisionId);
  });
});

describe('ListFunctions with FunctionVersion ALL', () => {
  it('gives every entry a qualified ARN, $LATEST included', async () => {
    await create('edges-all-a');
    await create('edges-all-b');
    await lambda.send(new PublishVersionCommand({ FunctionName: 'edges-all-a' }));
    clock.advance(STATE_TRANSITION_MS);
    const all = (await lambda.send(new ListFunctionsCommand({ FunctionVersion: 'ALL' }))).Functions ?? [];
    const ours = all.filter((f) => f.FunctionName?.startsWith('edges-all-')).map((f) => [f.Version, f.FunctionArn]);
    expect(ours).toEqual([
      ['$LATEST', fnArn('edges-all-a', '$LATEST')],
      ['1', fnArn('edges-all-a', '1')],
      ['$LATEST', fnArn('edges-all-b', '$LATEST')],
    ]);
    // Without ALL the ARNs are unqualified, as on AWS.
    const latest = (await lambda.send(new ListFunctionsCommand({}))).Functions ?? [];
    expect(latest.find((f) => f.FunctionName === 'edges-all-a')?.FunctionArn).toBe(fnArn('edges-all-a'));
  });
});

describe('Invoke refuses what Lambda refuses before running anything', () => {
  it('ClientContext must be a Base64-encoded JSON object of at most 3,583 bytes', async () => {
    await create('edges-client-context');
    for (const [clientContext, message] of [
      [encode('[1, 2]'), 'Client context must be a valid Base64-encoded JSON object.'],
      [encode('"text"'), 'Client context must be a valid Base64-encoded JSON object.'],
      [encode('{not json'), 'Client context must be a valid Base64-encoded JSON object.'],
      [encode(JSON.stringify({ custom: { pad: 'x'.repeat(3000) } })), /at most 3583 bytes/],
    ] as const) {
      const refused = await rejection(lambda.send(new InvokeCommand({ FunctionName: 'edges-client-context', ClientContext: clientContext, InvocationType: 'DryRun' })));
      expect(refused).toBeInstanceOf(InvalidParameterValueException);
      expect(refused.message).toMatch(message);
    }
    const accepted = await lambda.send(
      new InvokeCommand({ FunctionName: 'edges-client-context', ClientContext: encode(JSON.stringify({ custom: { a: 1 } })), InvocationType: 'DryRun' }),
    );
    expect(accepted.StatusCode).toBe(204);
  });
});

describe('alias routing between two versions', () => {
  /** Publishes $LATEST and lets the version turn Active; answers its number. */
  const publishActive = async (name: string): Promise<string> => {
    const version = (await lambda.send(new PublishVersionCommand({ FunctionName: name }))).Version!;
    clock.advance(STATE_TRANSITION_MS);
    return version;
  };
  const splitAlias = (name: string, main: string, other: string) =>
    rejection(lambda.send(new CreateAliasCommand({ FunctionName: name, Name: 'split', FunctionVersion: main, RoutingConfig: { AdditionalVersionWeights: { [other]: 0.5 } } })));

  it('needs the same execution role and the same dead-letter queue in both versions', async () => {
    const name = 'edges-routing';
    await create(name);
    const one = await publishActive(name);
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, Role: `${TEST_ROLE}-other` }));
    clock.advance(STATE_TRANSITION_MS);
    const roles = await splitAlias(name, one, await publishActive(name));
    expect(roles).toBeInstanceOf(InvalidParameterValueException);
    expect(roles.message).toMatch(/different execution roles/);

    await lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: name, Role: TEST_ROLE, DeadLetterConfig: { TargetArn: 'arn:aws:sqs:us-east-1:123456789012:dlq' } }),
    );
    clock.advance(STATE_TRANSITION_MS);
    const queues = await splitAlias(name, one, await publishActive(name));
    expect(queues).toBeInstanceOf(InvalidParameterValueException);
    expect(queues.message).toMatch(/different dead-letter queue configurations/);
  });
});

describe('UpdateFunctionConfiguration members beyond the basic ones', () => {
  it('sets and reports TracingConfig, DeadLetterConfig (cleared with an empty ARN) and EphemeralStorage', async () => {
    const name = 'edges-extended';
    await create(name);
    const updated = await lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: name,
        TracingConfig: { Mode: 'Active' },
        DeadLetterConfig: { TargetArn: 'arn:aws:sns:us-east-1:123456789012:failures' },
        EphemeralStorage: { Size: 2048 },
      }),
    );
    expect(updated.LastUpdateStatus).toBe('InProgress');
    expect(updated).toMatchObject({
      TracingConfig: { Mode: 'Active' },
      DeadLetterConfig: { TargetArn: 'arn:aws:sns:us-east-1:123456789012:failures' },
      EphemeralStorage: { Size: 2048 },
    });
    clock.advance(STATE_TRANSITION_MS);
    const cleared = await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, DeadLetterConfig: { TargetArn: '' } }));
    expect(cleared.DeadLetterConfig).toBeUndefined();
    expect(cleared.TracingConfig).toEqual({ Mode: 'Active' });
    clock.advance(STATE_TRANSITION_MS);
    const tooSmall = await rejection(lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, EphemeralStorage: { Size: 256 } })));
    expect(tooSmall.name).toBe('ValidationException');
    expect(tooSmall.message).toContain("at 'ephemeralStorage.size' failed to satisfy constraint");
    const badQueue = await rejection(lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, DeadLetterConfig: { TargetArn: 'arn:aws:s3:::bucket' } })));
    expect(badQueue).toBeInstanceOf(InvalidParameterValueException);
  });

  it('UpdateFunctionCode DryRun reports the new package without changing the function', async () => {
    const name = 'edges-dry-run';
    await create(name);
    const before = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    const other = zipOf({ 'index.mjs': 'export const handler = async () => 2;\n' });
    const dry = await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: other, DryRun: true }));
    expect(dry.CodeSize).toBe(other.byteLength);
    expect(dry.CodeSha256).not.toBe(before.CodeSha256);
    const after = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    expect([after.CodeSha256, after.RevisionId]).toEqual([before.CodeSha256, before.RevisionId]);
  });
});

describe('the SDK’s other waiters', () => {
  it('waitUntilFunctionExists, waitUntilFunctionActive and waitUntilFunctionUpdated succeed once the state is reached', async () => {
    const name = 'edges-waiters';
    const waiting = waitUntilFunctionExists({ client: lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { FunctionName: name });
    await lambda.send(new CreateFunctionCommand(input(name)));
    expect((await waiting).state).toBe('SUCCESS');
    const active = waitUntilFunctionActive({ client: lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { FunctionName: name });
    clock.advance(STATE_TRANSITION_MS);
    expect((await active).state).toBe('SUCCESS');
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, Timeout: 10 }));
    const updated = waitUntilFunctionUpdated({ client: lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { FunctionName: name });
    clock.advance(STATE_TRANSITION_MS);
    expect((await updated).state).toBe('SUCCESS');
  }, 30_000);
});

describe('GetAccountSettings', () => {
  it('counts a new function and its package in AccountUsage', async () => {
    const before = (await lambda.send(new GetAccountSettingsCommand({}))).AccountUsage!;
    const zip = zipOf({ 'index.mjs': `export const handler = async () => '${'y'.repeat(500)}';\n` });
    await create('edges-usage', { Code: { ZipFile: zip } });
    const after = (await lambda.send(new GetAccountSettingsCommand({}))).AccountUsage!;
    expect(after.FunctionCount).toBe(before.FunctionCount! + 1);
    expect(after.TotalCodeSize).toBe(before.TotalCodeSize! + zip.byteLength);
  });
});

describe('code signing', () => {
  it('Get, Update, List, ListFunctionsByCodeSigningConfig and DeleteFunctionCodeSigningConfig; Enforce refuses unsigned layers', async () => {
    const { ProfileVersionArn } = await call<{ ProfileVersionArn: string }>(cp, 'LambdaliteCreateSigningProfile', { ProfileName: 'edges_profile' });
    const created = await lambda.send(
      new CreateCodeSigningConfigCommand({
        Description: 'first',
        AllowedPublishers: { SigningProfileVersionArns: [ProfileVersionArn] },
        CodeSigningPolicies: { UntrustedArtifactOnDeployment: 'Warn' },
      }),
    );
    const arn = created.CodeSigningConfig!.CodeSigningConfigArn!;
    const updated = await lambda.send(
      new UpdateCodeSigningConfigCommand({ CodeSigningConfigArn: arn, Description: 'strict', CodeSigningPolicies: { UntrustedArtifactOnDeployment: 'Enforce' } }),
    );
    expect(updated.CodeSigningConfig).toMatchObject({ Description: 'strict', CodeSigningPolicies: { UntrustedArtifactOnDeployment: 'Enforce' } });
    expect((await lambda.send(new GetCodeSigningConfigCommand({ CodeSigningConfigArn: arn }))).CodeSigningConfig?.Description).toBe('strict');
    expect((await lambda.send(new ListCodeSigningConfigsCommand({}))).CodeSigningConfigs?.map((c) => c.CodeSigningConfigArn)).toContain(arn);

    const sign = async (zip: Uint8Array): Promise<Uint8Array> =>
      (await call<{ ZipFile: Uint8Array }>(cp, 'LambdaliteSignPackage', { ProfileVersionArn, ZipFile: zip })).ZipFile;
    const unsignedLayer = await lambda.send(new PublishLayerVersionCommand({ LayerName: 'edges-unsigned', Content: { ZipFile: zipOf({ 'nodejs/x.js': '1' }) } }));
    const signedLayer = await lambda.send(new PublishLayerVersionCommand({ LayerName: 'edges-signed', Content: { ZipFile: await sign(zipOf({ 'nodejs/y.js': '2' })) } }));
    const signedCode = { ZipFile: await sign(zipOf(HELLO)) };

    const refused = await rejection(
      lambda.send(new CreateFunctionCommand(input('edges-signed-fn', { Code: signedCode, CodeSigningConfigArn: arn, Layers: [unsignedLayer.LayerVersionArn!] }))),
    );
    expect(refused).toBeInstanceOf(CodeVerificationFailedException);
    expect(await functionNames()).not.toContain('edges-signed-fn');

    await create('edges-signed-fn', { Code: signedCode, CodeSigningConfigArn: arn, Layers: [signedLayer.LayerVersionArn!] });
    const addUnsigned = await rejection(
      lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'edges-signed-fn', Layers: [signedLayer.LayerVersionArn!, unsignedLayer.LayerVersionArn!] })),
    );
    expect(addUnsigned).toBeInstanceOf(CodeVerificationFailedException);
    expect((await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'edges-signed-fn' }))).Layers?.map((l) => l.Arn)).toEqual([signedLayer.LayerVersionArn]);

    expect((await lambda.send(new ListFunctionsByCodeSigningConfigCommand({ CodeSigningConfigArn: arn }))).FunctionArns).toEqual([fnArn('edges-signed-fn')]);
    const removed = await lambda.send(new DeleteFunctionCodeSigningConfigCommand({ FunctionName: 'edges-signed-fn' }));
    expect(removed.$metadata.httpStatusCode).toBe(204);
    expect((await lambda.send(new GetFunctionCodeSigningConfigCommand({ FunctionName: 'edges-signed-fn' }))).CodeSigningConfigArn).toBe('');
    expect((await lambda.send(new ListFunctionsByCodeSigningConfigCommand({ CodeSigningConfigArn: arn }))).FunctionArns ?? []).toEqual([]);
    // Without the config, an unsigned layer is accepted again.
    clock.advance(STATE_TRANSITION_MS);
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'edges-signed-fn', Layers: [unsignedLayer.LayerVersionArn!] }));
    await lambda.send(new PutFunctionCodeSigningConfigCommand({ FunctionName: 'edges-signed-fn', CodeSigningConfigArn: arn }));
  });
});
