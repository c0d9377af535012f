/**
 * The real @aws-sdk/client-lambda against the per-function resource operations and account
 * settings: tags, resource policy, event invoke configs, function URLs, code signing,
 * concurrency. Each command goes through the SDK's serializers, the wire module, the real
 * control plane (fake-indexeddb) and back through the SDK's deserializers and typed exceptions.
 */
import {
  AddPermissionCommand,
  CodeSigningConfigNotFoundException,
  CodeVerificationFailedException,
  CreateAliasCommand,
  CreateCodeSigningConfigCommand,
  CreateFunctionCommand,
  CreateFunctionUrlConfigCommand,
  DeleteCodeSigningConfigCommand,
  DeleteFunctionConcurrencyCommand,
  DeleteFunctionEventInvokeConfigCommand,
  DeleteFunctionUrlConfigCommand,
  GetAccountSettingsCommand,
  GetFunctionCodeSigningConfigCommand,
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionEventInvokeConfigCommand,
  GetFunctionUrlConfigCommand,
  GetPolicyCommand,
  GetProvisionedConcurrencyConfigCommand,
  InvalidParameterValueException,
  ListFunctionUrlConfigsCommand,
  ListProvisionedConcurrencyConfigsCommand,
  ListTagsCommand,
  PolicyLengthExceededException,
  PreconditionFailedException,
  ProvisionedConcurrencyConfigNotFoundException,
  PublishVersionCommand,
  PutFunctionCodeSigningConfigCommand,
  PutFunctionConcurrencyCommand,
  PutFunctionEventInvokeConfigCommand,
  PutProvisionedConcurrencyConfigCommand,
  RemovePermissionCommand,
  ResourceConflictException,
  ResourceNotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionEventInvokeConfigCommand,
  UpdateFunctionUrlConfigCommand,
  paginateListFunctionEventInvokeConfigs,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noEnvironments, TEST_ROLE, testControlPlane, zipOf, type TestControlPlane } from '../support/control-plane';
import { call, fnArn, HELLO, manualClock } from '../support/resource-helpers';
import { lambdaSdkClient } from '../support/sdk-client';

const clock = manualClock();
let cp: TestControlPlane;
let lambda: LambdaClient;

beforeAll(async () => {
  cp = await testControlPlane({ environments: noEnvironments, controlPlane: { clock } });
  lambda = lambdaSdkClient(cp.controlPlane);
});
afterAll(() => {
  lambda?.destroy();
  cp?.dispose();
});

async function create(name: string, extra: Record<string, unknown> = {}): Promise<void> {
  await lambda.send(
    new CreateFunctionCommand({ FunctionName: name, Runtime: 'nodejs22.x', Role: TEST_ROLE, Handler: 'index.handler', Code: { ZipFile: zipOf(HELLO) }, ...extra }),
  );
}

async function rejection(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  return promise.then(
    () => {
      throw new Error('the command should have failed');
    },
    (error: Error) => error,
  );
}

describe('SDK: tags', () => {
  it('TagResource, ListTags, UntagResource and GetFunction’s Tags', async () => {
    await create('sdk-tags', { Tags: { Team: 'A' } });
    await lambda.send(new TagResourceCommand({ Resource: fnArn('sdk-tags'), Tags: { Department: 'Sales' } }));
    expect((await lambda.send(new ListTagsCommand({ Resource: fnArn('sdk-tags') }))).Tags).toEqual({ Team: 'A', Department: 'Sales' });
    await lambda.send(new UntagResourceCommand({ Resource: fnArn('sdk-tags'), TagKeys: ['Team'] }));
    expect((await lambda.send(new GetFunctionCommand({ FunctionName: 'sdk-tags' }))).Tags).toEqual({ Department: 'Sales' });
    const error = await rejection(lambda.send(new TagResourceCommand({ Resource: fnArn('sdk-tags', '1'), Tags: { a: 'b' } })));
    expect(error).toBeInstanceOf(InvalidParameterValueException);
    expect((await rejection(lambda.send(new ListTagsCommand({ Resource: fnArn('sdk-ghost') }))))).toBeInstanceOf(ResourceNotFoundException);
  });
});

describe('SDK: resource policy', () => {
  it('AddPermission, GetPolicy and RemovePermission with Lambda’s statement and errors', async () => {
    await create('sdk-policy');
    const added = await lambda.send(
      new AddPermissionCommand({
        FunctionName: 'sdk-policy',
        StatementId: 's3',
        Action: 'lambda:InvokeFunction',
        Principal: 's3.amazonaws.com',
        SourceArn: 'arn:aws:s3:::my-bucket',
        SourceAccount: '123456789012',
      }),
    );
    expect(added.$metadata.httpStatusCode).toBe(201);
    expect(JSON.parse(added.Statement!)).toEqual({
      Sid: 's3',
      Effect: 'Allow',
      Principal: { Service: 's3.amazonaws.com' },
      Action: 'lambda:InvokeFunction',
      Resource: fnArn('sdk-policy'),
      Condition: { StringEquals: { 'AWS:SourceAccount': '123456789012' }, ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::my-bucket' } },
    });
    const policy = await lambda.send(new GetPolicyCommand({ FunctionName: 'sdk-policy' }));
    expect(JSON.parse(policy.Policy!)).toMatchObject({ Version: '2012-10-17', Id: 'default', Statement: [{ Sid: 's3' }] });
    const duplicate = await rejection(
      lambda.send(new AddPermissionCommand({ FunctionName: 'sdk-policy', StatementId: 's3', Action: 'lambda:InvokeFunction', Principal: '*' })),
    );
    expect(duplicate).toBeInstanceOf(ResourceConflictException);
    expect(duplicate.message).toBe('The statement id (s3) provided already exists. Please provide a new statement id, or remove the existing statement.');
    const stale = await rejection(
      lambda.send(new RemovePermissionCommand({ FunctionName: 'sdk-policy', StatementId: 's3', RevisionId: '00000000-0000-4000-8000-000000000000' })),
    );
    expect(stale).toBeInstanceOf(PreconditionFailedException);
    const removed = await lambda.send(new RemovePermissionCommand({ FunctionName: 'sdk-policy', StatementId: 's3', RevisionId: policy.RevisionId }));
    expect(removed.$metadata.httpStatusCode).toBe(204);
    expect(await rejection(lambda.send(new GetPolicyCommand({ FunctionName: 'sdk-policy' })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it('PolicyLengthExceededException past 20 KB', async () => {
    await create('sdk-policy-big');
    let error: unknown;
    for (let i = 0; i < 100 && error === undefined; i++) {
      error = await lambda
        .send(
          new AddPermissionCommand({
            FunctionName: 'sdk-policy-big',
            StatementId: `s${i}`,
            Action: 'lambda:InvokeFunction',
            Principal: 'sns.amazonaws.com',
            SourceArn: `arn:aws:sns:us-east-1:123456789012:${'t'.repeat(240)}${i}`,
          }),
        )
        .then(
          () => undefined,
          (e: unknown) => e,
        );
    }
    expect(error).toBeInstanceOf(PolicyLengthExceededException);
  });
});

describe('SDK: event invoke configs', () => {
  it('Put, Update, Get (LastModified as a Date), paginated List, Delete', async () => {
    await create('sdk-events');
    await lambda.send(new PublishVersionCommand({ FunctionName: 'sdk-events' }));
    const put = await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'sdk-events', MaximumRetryAttempts: 1 }));
    expect(put.LastModified).toEqual(new Date(clock.now()));
    expect(put.FunctionArn).toBe(fnArn('sdk-events', '$LATEST'));
    const updated = await lambda.send(
      new UpdateFunctionEventInvokeConfigCommand({
        FunctionName: 'sdk-events',
        DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:123456789012:dlq' } },
      }),
    );
    expect(updated).toMatchObject({ MaximumRetryAttempts: 1, DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:123456789012:dlq' } } });
    await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'sdk-events', Qualifier: '1', MaximumEventAgeInSeconds: 60 }));
    const arns: string[] = [];
    for await (const page of paginateListFunctionEventInvokeConfigs({ client: lambda, pageSize: 1 }, { FunctionName: 'sdk-events' })) {
      arns.push(...(page.FunctionEventInvokeConfigs ?? []).map((config) => config.FunctionArn!));
    }
    expect(arns).toEqual([fnArn('sdk-events', '$LATEST'), fnArn('sdk-events', '1')]);
    await lambda.send(new DeleteFunctionEventInvokeConfigCommand({ FunctionName: 'sdk-events', Qualifier: '1' }));
    expect(await rejection(lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: 'sdk-events', Qualifier: '1' })))).toBeInstanceOf(
      ResourceNotFoundException,
    );
  });
});

describe('SDK: function URLs', () => {
  it('Create (201), Get, Update, List, Delete; $LATEST and versions are refused', async () => {
    await create('sdk-url');
    const created = await lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'sdk-url', AuthType: 'NONE' }));
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created.FunctionUrl).toMatch(/^https:\/\/[a-z0-9]{32}\.lambda-url\.us-east-1\.on\.aws\/$/);
    const updated = await lambda.send(new UpdateFunctionUrlConfigCommand({ FunctionName: 'sdk-url', Cors: { AllowOrigins: ['*'] } }));
    expect(updated.Cors).toEqual({ AllowOrigins: ['*'] });
    expect((await lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: 'sdk-url' }))).FunctionUrl).toBe(created.FunctionUrl);
    expect((await lambda.send(new ListFunctionUrlConfigsCommand({ FunctionName: 'sdk-url' }))).FunctionUrlConfigs).toHaveLength(1);
    expect(await rejection(lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'sdk-url', AuthType: 'NONE' })))).toBeInstanceOf(
      ResourceConflictException,
    );
    const latest = await rejection(lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'sdk-url', Qualifier: '$LATEST', AuthType: 'NONE' })));
    expect(latest.name).toBe('ValidationException');
    await lambda.send(new DeleteFunctionUrlConfigCommand({ FunctionName: 'sdk-url' }));
    expect(await rejection(lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: 'sdk-url' })))).toBeInstanceOf(ResourceNotFoundException);
  });
});

describe('SDK: code signing', () => {
  it('an Enforce config refuses an unsigned package with CodeVerificationFailedException and accepts a signed one', async () => {
    const { ProfileVersionArn } = await call<{ ProfileVersionArn: string }>(cp, 'LambdaliteCreateSigningProfile', { ProfileName: 'sdk_profile' });
    const created = await lambda.send(
      new CreateCodeSigningConfigCommand({
        AllowedPublishers: { SigningProfileVersionArns: [ProfileVersionArn] },
        CodeSigningPolicies: { UntrustedArtifactOnDeployment: 'Enforce' },
      }),
    );
    const arn = created.CodeSigningConfig!.CodeSigningConfigArn!;
    expect(created.$metadata.httpStatusCode).toBe(201);
    await create('sdk-signed', { Code: { ZipFile: (await call<{ ZipFile: Uint8Array }>(cp, 'LambdaliteSignPackage', { ProfileVersionArn, ZipFile: zipOf(HELLO) })).ZipFile } });
    await lambda.send(new PutFunctionCodeSigningConfigCommand({ FunctionName: 'sdk-signed', CodeSigningConfigArn: arn }));
    expect((await lambda.send(new GetFunctionCodeSigningConfigCommand({ FunctionName: 'sdk-signed' }))).CodeSigningConfigArn).toBe(arn);
    const refused = await rejection(lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'sdk-signed', ZipFile: zipOf(HELLO) })));
    expect(refused).toBeInstanceOf(CodeVerificationFailedException);
    expect(refused.$metadata?.httpStatusCode).toBe(400);
    expect(await rejection(lambda.send(new DeleteCodeSigningConfigCommand({ CodeSigningConfigArn: arn })))).toBeInstanceOf(ResourceConflictException);
    const missing = 'arn:aws:lambda:us-east-1:123456789012:code-signing-config:csc-0123456789abcdef0';
    expect(await rejection(lambda.send(new PutFunctionCodeSigningConfigCommand({ FunctionName: 'sdk-signed', CodeSigningConfigArn: missing })))).toBeInstanceOf(
      CodeSigningConfigNotFoundException,
    );
  });
});

describe('SDK: concurrency', () => {
  it('reserved and provisioned concurrency, and GetAccountSettings', async () => {
    await create('sdk-concurrency');
    const version = (await lambda.send(new PublishVersionCommand({ FunctionName: 'sdk-concurrency' }))).Version!;
    await lambda.send(new CreateAliasCommand({ FunctionName: 'sdk-concurrency', Name: 'live', FunctionVersion: version }));
    expect((await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'sdk-concurrency', ReservedConcurrentExecutions: 50 }))).ReservedConcurrentExecutions).toBe(50);
    expect((await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'sdk-concurrency' }))).ReservedConcurrentExecutions).toBe(50);
    const settings = await lambda.send(new GetAccountSettingsCommand({}));
    expect(settings.AccountLimit).toMatchObject({ ConcurrentExecutions: 1000, UnreservedConcurrentExecutions: 950, CodeSizeZipped: 52428800 });
    expect(settings.AccountUsage?.FunctionCount).toBeGreaterThan(0);
    const tooMuch = await rejection(lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'sdk-concurrency', ReservedConcurrentExecutions: 901 })));
    expect(tooMuch).toBeInstanceOf(InvalidParameterValueException);

    const put = await lambda.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: 'sdk-concurrency', Qualifier: 'live', ProvisionedConcurrentExecutions: 5 }));
    expect(put.$metadata.httpStatusCode).toBe(202);
    expect(put.Status).toBe('IN_PROGRESS');
    clock.advance(60_000);
    expect((await lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'sdk-concurrency', Qualifier: 'live' }))).Status).toBe('READY');
    expect((await lambda.send(new ListProvisionedConcurrencyConfigsCommand({ FunctionName: 'sdk-concurrency' }))).ProvisionedConcurrencyConfigs).toHaveLength(1);
    expect(
      await rejection(lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'sdk-concurrency', Qualifier: version }))),
    ).toBeInstanceOf(ProvisionedConcurrencyConfigNotFoundException);
    const deleted = await lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: 'sdk-concurrency' }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
  });
});
