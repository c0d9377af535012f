/**
 * Versions, aliases, states and the Event queue, driven by the real @aws-sdk/client-lambda
 * through the wire module, as a script against AWS would drive them
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-versions.html,
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-aliases.html,
 * https://docs.aws.amazon.com/lambda/latest/dg/functions-states.html).
 */
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  DeleteAliasCommand,
  DeleteFunctionCommand,
  GetAliasCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  InvalidParameterValueException,
  InvokeCommand,
  LambdaClient,
  ListAliasesCommand,
  ListFunctionsCommand,
  ListVersionsByFunctionCommand,
  PreconditionFailedException,
  PublishVersionCommand,
  ResourceConflictException,
  ResourceNotFoundException,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  paginateListVersionsByFunction,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
  waitUntilPublishedVersionActive,
} from '@aws-sdk/client-lambda';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { handleLambdaHttpRequest } from '../../src/wire/handle';
import { echoEnvironments, type EchoEnvironments } from '../support/echo-environments';
import { lambdaSdkClient } from '../support/sdk-client';
import { TEST_ROLE, testControlPlane, zipOf, type TestControlPlane } from '../support/control-plane';

const ARN = 'arn:aws:lambda:us-east-1:123456789012:function';
const code = (body: string) => zipOf({ 'index.mjs': `export const handler = async () => ${body};\n` });

let cp: TestControlPlane & { dbName: string };
let environments: EchoEnvironments;
let lambda: LambdaClient;

async function setUp(controlPlane: Parameters<typeof testControlPlane>[0] = {}): Promise<void> {
  environments = echoEnvironments();
  cp = await testControlPlane({ environments, ...controlPlane });
  lambda = lambdaSdkClient(cp.controlPlane);
}

async function createFunction(name: string, extra: Record<string, unknown> = {}) {
  return lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'nodejs22.x',
      Role: TEST_ROLE,
      Handler: 'index.handler',
      Code: { ZipFile: code('1') },
      ...extra,
    }),
  );
}

async function invokedVersion(functionName: string, qualifier?: string): Promise<{ executed?: string; ran: { version: string; arn: string } }> {
  const answer = await lambda.send(new InvokeCommand({ FunctionName: functionName, Qualifier: qualifier }));
  return { executed: answer.ExecutedVersion, ran: JSON.parse(new TextDecoder().decode(answer.Payload)) };
}

afterEach(() => cp?.dispose());

describe('PublishVersion and ListVersionsByFunction', () => {
  it('publishes an immutable snapshot, and nothing new while nothing changed', async () => {
    await setUp();
    await createFunction('fn', { MemorySize: 256 });
    const v1 = await lambda.send(new PublishVersionCommand({ FunctionName: 'fn', Description: 'first' }));
    expect(v1).toMatchObject({ Version: '1', FunctionArn: `${ARN}:fn:1`, Description: 'first', MemorySize: 256, State: 'Active' });
    expect(v1.$metadata.httpStatusCode).toBe(201);
    const again = await lambda.send(new PublishVersionCommand({ FunctionName: 'fn' }));
    expect(again.Version).toBe('1');

    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'fn', MemorySize: 512 }));
    const v2 = await lambda.send(new PublishVersionCommand({ FunctionName: 'fn' }));
    expect(v2).toMatchObject({ Version: '2', MemorySize: 512 });
    const first = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'fn', Qualifier: '1' }));
    expect(first).toMatchObject({ Version: '1', MemorySize: 256, FunctionArn: `${ARN}:fn:1` });
    const byArn = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: `${ARN}:fn:2` }));
    expect(byArn.MemorySize).toBe(512);
  });

  it('checks CodeSha256 and RevisionId preconditions', async () => {
    await setUp();
    const created = await createFunction('fn');
    await expect(lambda.send(new PublishVersionCommand({ FunctionName: 'fn', CodeSha256: 'not-the-hash' }))).rejects.toThrow(
      new InvalidParameterValueException({
        message: `CodeSHA256 (not-the-hash) is different from current CodeSHA256 in $LATEST (${created.CodeSha256}). Please try again.`,
        $metadata: {},
      }).message,
    );
    const stale = lambda.send(new PublishVersionCommand({ FunctionName: 'fn', RevisionId: 'stale' }));
    await expect(stale).rejects.toBeInstanceOf(PreconditionFailedException);
    const ok = await lambda.send(
      new PublishVersionCommand({ FunctionName: 'fn', CodeSha256: created.CodeSha256, RevisionId: created.RevisionId }),
    );
    expect(ok.Version).toBe('1');
  });

  it('publishes from CreateFunction and UpdateFunctionCode with Publish, and lists $LATEST then every version, paged', async () => {
    await setUp();
    const created = await createFunction('fn', { Publish: true });
    expect(created).toMatchObject({ Version: '1', FunctionArn: `${ARN}:fn:1` });
    for (const body of ['2', '3', '4']) {
      await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'fn', ZipFile: code(body), Publish: true }));
    }
    const firstPage = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'fn', MaxItems: 2 }));
    expect(firstPage.Versions?.map((v) => v.Version)).toEqual(['$LATEST', '1']);
    expect(firstPage.Versions?.[0]?.FunctionArn).toBe(`${ARN}:fn:$LATEST`);
    expect(firstPage.NextMarker).toBeDefined();
    const versions: string[] = [];
    for await (const page of paginateListVersionsByFunction({ client: lambda, pageSize: 2 }, { FunctionName: 'fn' })) {
      versions.push(...(page.Versions ?? []).map((v) => v.Version ?? '?'));
    }
    expect(versions).toEqual(['$LATEST', '1', '2', '3', '4']);
    const all = await lambda.send(new ListFunctionsCommand({ FunctionVersion: 'ALL' }));
    expect(all.Functions?.map((f) => f.Version)).toEqual(['$LATEST', '1', '2', '3', '4']);
    const latestOnly = await lambda.send(new ListFunctionsCommand({}));
    expect(latestOnly.Functions?.map((f) => f.Version)).toEqual(['$LATEST']);
  });

  it('deletes a version with DeleteFunction and Qualifier, never reuses its number, and refuses while an alias points at it', async () => {
    await setUp();
    await createFunction('fn', { Publish: true });
    await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'fn', ZipFile: code('2'), Publish: true }));
    await lambda.send(new CreateAliasCommand({ FunctionName: 'fn', Name: 'live', FunctionVersion: '1' }));
    await expect(lambda.send(new DeleteFunctionCommand({ FunctionName: 'fn', Qualifier: '1' }))).rejects.toThrow(
      'Unable to delete version because the following aliases reference it: [live]',
    );
    const deleted = await lambda.send(new DeleteFunctionCommand({ FunctionName: 'fn', Qualifier: '2' }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    await expect(lambda.send(new GetFunctionCommand({ FunctionName: 'fn:2' }))).rejects.toThrow(
      new ResourceNotFoundException({ message: `Function not found: ${ARN}:fn:2`, $metadata: {} }).message,
    );
    await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'fn', ZipFile: code('3') }));
    expect((await lambda.send(new PublishVersionCommand({ FunctionName: 'fn' }))).Version).toBe('3');
    await expect(lambda.send(new DeleteFunctionCommand({ FunctionName: 'fn', Qualifier: '$LATEST' }))).rejects.toThrow(
      '$LATEST version cannot be deleted without deleting the function.',
    );
  });

  it("GetFunction's Code.Location names the package of the version asked for", async () => {
    await setUp();
    await createFunction('fn', { Publish: true, Tags: { team: 'teaching' } });
    const latest = await lambda.send(new GetFunctionCommand({ FunctionName: 'fn' }));
    expect(latest.Code).toEqual({ RepositoryType: 'S3', Location: 'http://lambdalite.test/api/lambdalite/code/fn/%24LATEST' });
    expect(latest.Tags).toEqual({ team: 'teaching' });
    const v1 = await lambda.send(new GetFunctionCommand({ FunctionName: 'fn', Qualifier: '1' }));
    expect(v1.Code?.Location).toBe('http://lambdalite.test/api/lambdalite/code/fn/1');
    await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'fn', ZipFile: code('2') }));
    // The URL answers the package of that version, as S3 would.
    for (const [location, body] of [[v1.Code?.Location, '1'], [latest.Code?.Location, '2']] as const) {
      const path = new URL(location ?? '').pathname.replace(/^\/api/, '');
      const download = await handleLambdaHttpRequest({ method: 'GET', path, headers: {}, body: new Uint8Array() }, cp.controlPlane);
      expect(download.status).toBe(200);
      expect(download.headers['Content-Type']).toBe('application/zip');
      expect(strFromU8(unzipSync(download.body)['index.mjs']!)).toBe(`export const handler = async () => ${body};\n`);
    }
    const missing = await handleLambdaHttpRequest({ method: 'GET', path: '/lambdalite/code/fn/7', headers: {}, body: new Uint8Array() }, cp.controlPlane);
    expect(missing.status).toBe(404);
  });
});

describe('aliases', () => {
  it('creates, reads, lists (filtered, paged), updates with RevisionId and deletes aliases', async () => {
    await setUp();
    await createFunction('fn', { Publish: true });
    await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'fn', ZipFile: code('2'), Publish: true }));
    const created = await lambda.send(
      new CreateAliasCommand({ FunctionName: 'fn', Name: 'prod', FunctionVersion: '1', Description: 'production' }),
    );
    expect(created).toMatchObject({ AliasArn: `${ARN}:fn:prod`, Name: 'prod', FunctionVersion: '1', Description: 'production' });
    expect(created.$metadata.httpStatusCode).toBe(201);
    await lambda.send(new CreateAliasCommand({ FunctionName: 'fn', Name: 'beta', FunctionVersion: '2' }));
    await lambda.send(new CreateAliasCommand({ FunctionName: 'fn', Name: 'dev', FunctionVersion: '$LATEST' }));
    await expect(lambda.send(new CreateAliasCommand({ FunctionName: 'fn', Name: 'prod', FunctionVersion: '2' }))).rejects.toThrow(
      `Alias already exists: ${ARN}:fn:prod`,
    );
    await expect(lambda.send(new CreateAliasCommand({ FunctionName: 'fn', Name: 'x', FunctionVersion: '9' }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );

    const listed = await lambda.send(new ListAliasesCommand({ FunctionName: 'fn' }));
    expect(listed.Aliases?.map((a) => a.Name)).toEqual(['beta', 'dev', 'prod']);
    const onTwo = await lambda.send(new ListAliasesCommand({ FunctionName: 'fn', FunctionVersion: '2' }));
    expect(onTwo.Aliases?.map((a) => a.Name)).toEqual(['beta']);
    const paged = await lambda.send(new ListAliasesCommand({ FunctionName: 'fn', MaxItems: 2 }));
    expect(paged.Aliases?.map((a) => a.Name)).toEqual(['beta', 'dev']);
    const rest = await lambda.send(new ListAliasesCommand({ FunctionName: 'fn', Marker: paged.NextMarker }));
    expect(rest.Aliases?.map((a) => a.Name)).toEqual(['prod']);

    await expect(
      lambda.send(new UpdateAliasCommand({ FunctionName: 'fn', Name: 'prod', FunctionVersion: '2', RevisionId: 'stale' })),
    ).rejects.toBeInstanceOf(PreconditionFailedException);
    const moved = await lambda.send(
      new UpdateAliasCommand({ FunctionName: 'fn', Name: 'prod', FunctionVersion: '2', RevisionId: created.RevisionId }),
    );
    expect(moved).toMatchObject({ FunctionVersion: '2', Description: 'production' });
    expect(moved.RevisionId).not.toBe(created.RevisionId);
    expect(await lambda.send(new GetAliasCommand({ FunctionName: `${ARN}:fn`, Name: 'prod' }))).toMatchObject({ FunctionVersion: '2' });

    const gone = await lambda.send(new DeleteAliasCommand({ FunctionName: 'fn', Name: 'beta' }));
    expect(gone.$metadata.httpStatusCode).toBe(204);
    await expect(lambda.send(new GetAliasCommand({ FunctionName: 'fn', Name: 'beta' }))).rejects.toThrow(
      `Alias not found: ${ARN}:fn:beta`,
    );
  });

  it('invokes through name:alias, Qualifier, full and partial ARNs, and says which version ran', async () => {
    await setUp();
    await createFunction('fn', { Publish: true });
    await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'fn', ZipFile: code('2'), Publish: true }));
    await lambda.send(new CreateAliasCommand({ FunctionName: 'fn', Name: 'live', FunctionVersion: '1' }));
    expect(await invokedVersion('fn:live')).toEqual({ executed: '1', ran: { version: '1', arn: `${ARN}:fn:live` } });
    expect(await invokedVersion('fn', 'live')).toEqual({ executed: '1', ran: { version: '1', arn: `${ARN}:fn:live` } });
    expect(await invokedVersion(`${ARN}:fn:2`)).toEqual({ executed: '2', ran: { version: '2', arn: `${ARN}:fn:2` } });
    expect(await invokedVersion('123456789012:function:fn')).toEqual({ executed: '$LATEST', ran: { version: '$LATEST', arn: `${ARN}:fn` } });
    expect(await invokedVersion('fn', '$LATEST')).toEqual({ executed: '$LATEST', ran: { version: '$LATEST', arn: `${ARN}:fn:$LATEST` } });
    await expect(invokedVersion('fn:nope')).rejects.toThrow(`Function not found: ${ARN}:fn:nope`);
    await expect(invokedVersion('fn:live', '1')).rejects.toThrow('The derived qualifier from the function name does not match the specified qualifier.');
  });

  it('splits 10,000 invocations by RoutingConfig weights within 2 points', async () => {
    await setUp();
    await createFunction('fn', { Publish: true });
    await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'fn', ZipFile: code('2'), Publish: true }));
    const alias = await lambda.send(
      new CreateAliasCommand({ FunctionName: 'fn', Name: 'canary', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 0.3 } } }),
    );
    expect(alias.RoutingConfig).toEqual({ AdditionalVersionWeights: { '2': 0.3 } });
    const counts: Record<string, number> = {};
    for (let i = 0; i < 10_000; i++) {
      const answer = await cp.client.invoke({ FunctionName: 'fn:canary' });
      counts[answer.ExecutedVersion ?? '?'] = (counts[answer.ExecutedVersion ?? '?'] ?? 0) + 1;
    }
    expect(Object.keys(counts).sort()).toEqual(['1', '2']);
    expect(Math.abs((counts['2'] ?? 0) / 10_000 - 0.3)).toBeLessThan(0.02);
    // The version that ran is the version the environment was given, not only the label.
    expect(new Set(environments.invocations.map((i) => i.functionVersion))).toEqual(new Set(['1', '2']));
  }, 120_000);

  it("refuses routing that Lambda refuses", async () => {
    await setUp();
    await createFunction('fn', { Publish: true });
    const route = (primary: string, weights: Record<string, number>) =>
      lambda.send(new CreateAliasCommand({ FunctionName: 'fn', Name: 'a', FunctionVersion: primary, RoutingConfig: { AdditionalVersionWeights: weights } }));
    await expect(route('$LATEST', { '1': 0.5 })).rejects.toThrow('$LATEST is not supported for an alias pointing to more than 1 version');
    await expect(route('1', { '1': 0.5 })).rejects.toBeInstanceOf(InvalidParameterValueException);
    await expect(route('1', { '7': 0.5 })).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(route('1', { '2': 1.5 })).rejects.toThrow(/failed to satisfy constraint/);
  });
});

describe("Lambda's states", () => {
  it('a new function is Pending, refuses invocations, then turns Active; the waiters wait for it', async () => {
    let now = Date.now();
    await setUp({ controlPlane: { stateTransitionMs: 1000, clock: { now: () => now } } });
    const created = await createFunction('fn');
    expect(created).toMatchObject({ State: 'Pending', StateReason: 'The function is being created.', StateReasonCode: 'Creating' });
    const early = lambda.send(new InvokeCommand({ FunctionName: 'fn' }));
    await expect(early).rejects.toBeInstanceOf(ResourceConflictException);
    await expect(early).rejects.toThrow(
      'The operation cannot be performed at this time. The function is currently in the following state: Pending',
    );
    setTimeout(() => (now += 1000), 50);
    const waited = await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 20, minDelay: 1, maxDelay: 1 }, { FunctionName: 'fn' });
    expect(waited.state).toBe('SUCCESS');
    expect((await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'fn' }))).State).toBe('Active');
  }, 30_000);

  it('an update is InProgress until done: a second update is refused meanwhile, invocations still run', async () => {
    let now = Date.now();
    await setUp({ controlPlane: { stateTransitionMs: 1000, clock: { now: () => now } } });
    await createFunction('fn');
    now += 1000;
    const updated = await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'fn', ZipFile: code('2') }));
    expect(updated).toMatchObject({ State: 'Active', LastUpdateStatus: 'InProgress' });
    await expect(lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'fn', MemorySize: 256 }))).rejects.toThrow(
      `The operation cannot be performed at this time. An update is in progress for resource: ${ARN}:fn`,
    );
    await expect(lambda.send(new PublishVersionCommand({ FunctionName: 'fn' }))).rejects.toBeInstanceOf(ResourceConflictException);
    expect((await invokedVersion('fn')).executed).toBe('$LATEST');
    setTimeout(() => (now += 1000), 50);
    expect((await waitUntilFunctionUpdatedV2({ client: lambda, maxWaitTime: 20, minDelay: 1, maxDelay: 1 }, { FunctionName: 'fn' })).state).toBe('SUCCESS');
    const published = await lambda.send(new PublishVersionCommand({ FunctionName: 'fn' }));
    expect(published.State).toBe('Pending');
    setTimeout(() => (now += 1000), 50);
    expect(
      (await waitUntilPublishedVersionActive({ client: lambda, maxWaitTime: 20, minDelay: 1, maxDelay: 1 }, { FunctionName: 'fn', Qualifier: '1' })).state,
    ).toBe('SUCCESS');
  }, 30_000);
});

describe('Event invocations are queued durably', () => {
  it('answers 202, runs the event, and a queued event left by a closed tab runs when the app opens again', async () => {
    await setUp();
    await createFunction('fn');
    const queued = await lambda.send(new InvokeCommand({ FunctionName: 'fn', InvocationType: 'Event', Payload: '{"n":1}' }));
    expect(queued.StatusCode).toBe(202);
    await expect.poll(() => environments.invocations.map((i) => i.request.payload)).toEqual(['{"n":1}']);
    await expect.poll(async () => (await cp.store.listAsyncEvents()).length).toBe(0);

    // A tab closed between the 202 and the run: the event is in the store, nothing ran it.
    await cp.store.enqueueAsyncEvent({ functionName: 'fn', payload: '{"n":2}', requestId: 'a1b2', enqueuedAt: Date.now(), attempts: 0, notBefore: 0 });
    const dbName = cp.dbName;
    await cp.dispose();
    await setUp({ dbName });
    await expect.poll(() => environments.invocations.map((i) => i.request.payload)).toEqual(['{"n":2}']);
    expect(environments.invocations[0]?.request.requestId).toBe('a1b2');
    await expect.poll(async () => (await cp.store.listAsyncEvents()).length).toBe(0);
    await expect.poll(async () => (await cp.store.getLogEvents('/aws/lambda/fn')).some((e) => e.message.startsWith('START RequestId: a1b2'))).toBe(true);
  });
});
