/**
 * The real @aws-sdk/client-lambda against Lambdalite: each command is built, signed and
 * serialized by the SDK, answered by the wire module over the real control plane (IndexedDB on
 * fake-indexeddb, Node.js handlers in QuickJS sandboxes in worker threads), and read back by the
 * SDK's own deserializers, typed exceptions included. What the SDK reports here is what a script
 * written for AWS sees (https://docs.aws.amazon.com/lambda/latest/api/API_Operations.html).
 *
 * One `describe` per operation group; later groups (versions, aliases, layers, …) append theirs.
 */
import { readFileSync } from 'node:fs';
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  InvalidParameterValueException,
  InvalidRequestContentException,
  InvokeCommand,
  ListFunctionsCommand,
  PreconditionFailedException,
  RequestTooLargeException,
  ResourceConflictException,
  ResourceNotFoundException,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  paginateListFunctions,
  type CreateFunctionCommandInput,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ROLE, testControlPlane, zipOf, type TestControlPlane } from '../support/control-plane';
import { lambdaSdkClient, rejection } from '../support/sdk-client';

const ECHO = readFileSync(new URL('../fixtures/control-plane/sdk-echo.mjs', import.meta.url), 'utf8');
const ACCOUNT = '123456789012';
const arnOf = (name: string): string => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let cp: TestControlPlane;
let lambda: LambdaClient;

beforeAll(async () => {
  cp = await testControlPlane({ pool: { prewarm: ['quickjs'] } });
  lambda = lambdaSdkClient(cp.controlPlane);
});
afterAll(() => {
  lambda?.destroy();
  cp?.dispose();
});

function createInput(name: string, extra: Partial<CreateFunctionCommandInput> = {}): CreateFunctionCommandInput {
  return {
    FunctionName: name,
    Runtime: 'nodejs22.x',
    Role: TEST_ROLE,
    Handler: 'index.handler',
    Code: { ZipFile: zipOf({ 'index.mjs': ECHO }) },
    ...extra,
  };
}

const json = (bytes: Uint8Array | undefined): unknown => JSON.parse(new TextDecoder().decode(bytes));
const encode = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

describe('CreateFunction, GetFunction, GetFunctionConfiguration', () => {
  it('creates a function (201) and reads it back by name, ARN and partial ARN', async () => {
    const created = await lambda.send(
      new CreateFunctionCommand(createInput('sdk-create', { MemorySize: 256, Environment: { Variables: { GREETING: 'hi' } } })),
    );
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created.$metadata.requestId).toMatch(UUID);
    expect(created).toMatchObject({
      FunctionName: 'sdk-create',
      FunctionArn: arnOf('sdk-create'),
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      MemorySize: 256,
      Timeout: 3,
      Environment: { Variables: { GREETING: 'hi' } },
      Architectures: ['x86_64'],
    });
    expect(created.CodeSha256).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(created.RevisionId).toMatch(UUID);

    const byArn = await lambda.send(new GetFunctionCommand({ FunctionName: arnOf('sdk-create') }));
    expect(byArn.$metadata.httpStatusCode).toBe(200);
    const { $metadata: _ignored, ...configuration } = created;
    expect(byArn.Configuration).toEqual(configuration);
    expect(byArn.Configuration?.RevisionId).toBe(created.RevisionId);
    expect(byArn.Code?.RepositoryType).toBe('S3');
    const byPartialArn = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: `${ACCOUNT}:function:sdk-create` }));
    expect(byPartialArn.FunctionArn).toBe(arnOf('sdk-create'));
    expect(byPartialArn.MemorySize).toBe(256);
  });

  it('refuses a second function of the same name with ResourceConflictException (409)', async () => {
    await lambda.send(new CreateFunctionCommand(createInput('sdk-twice')));
    const error = await rejection(lambda.send(new CreateFunctionCommand(createInput('sdk-twice'))));
    expect(error).toBeInstanceOf(ResourceConflictException);
    expect(error.$metadata.httpStatusCode).toBe(409);
    expect(error.message).toBe('Function already exist: sdk-twice');
  });

  it('refuses what Lambda refuses with InvalidParameterValueException (400)', async () => {
    const error = await rejection(
      lambda.send(new CreateFunctionCommand(createInput('sdk-no-code', { Code: { ZipFile: new Uint8Array([1, 2, 3]) } }))),
    );
    expect(error).toBeInstanceOf(InvalidParameterValueException);
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe('Could not unzip uploaded file. Please check your file, then try to upload again.');
  });

  it('reports constraint violations as ValidationException (400) with AWS’s message', async () => {
    const error = await rejection(lambda.send(new CreateFunctionCommand(createInput('sdk-small', { MemorySize: 64 }))));
    expect(error.name).toBe('ValidationException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe(
      "1 validation error detected: Value '64' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128",
    );
  });

  it('answers ResourceNotFoundException (404) for a function that does not exist', async () => {
    const error = await rejection(lambda.send(new GetFunctionCommand({ FunctionName: 'sdk-nobody' })));
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error.$metadata.httpStatusCode).toBe(404);
    expect(error.message).toBe(`Function not found: ${arnOf('sdk-nobody')}`);
    expect((error as ResourceNotFoundException).Type).toBe('User');
    expect(error.$metadata.requestId).toMatch(UUID);
  });
});

describe('ListFunctions', () => {
  it('pages 50 at a time with NextMarker, and paginateListFunctions walks all of them', async () => {
    const names = Array.from({ length: 55 }, (_, i) => `sdk-list-${String(i).padStart(2, '0')}`);
    for (const name of names) await lambda.send(new CreateFunctionCommand(createInput(name)));

    const first = await lambda.send(new ListFunctionsCommand({}));
    expect(first.Functions).toHaveLength(50);
    expect(first.NextMarker).toEqual(expect.any(String));
    const small = await lambda.send(new ListFunctionsCommand({ MaxItems: 2 }));
    expect(small.Functions).toHaveLength(2);

    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateListFunctions({ client: lambda }, {})) {
      pages++;
      seen.push(...(page.Functions ?? []).map((f) => f.FunctionName ?? ''));
    }
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(seen.filter((name) => name.startsWith('sdk-list-'))).toEqual(names);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('refuses MaxItems outside 1–10000 with ValidationException, as the model bounds it', async () => {
    const error = await rejection(lambda.send(new ListFunctionsCommand({ MaxItems: 0 })));
    expect(error.name).toBe('ValidationException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe(
      "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  });
});

describe('UpdateFunctionCode, UpdateFunctionConfiguration', () => {
  it('updates the configuration and the code, with a new RevisionId each time', async () => {
    const created = await lambda.send(new CreateFunctionCommand(createInput('sdk-update')));
    const configured = await lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: 'sdk-update', MemorySize: 512, Timeout: 10, Description: 'updated' }),
    );
    expect(configured.$metadata.httpStatusCode).toBe(200);
    expect(configured).toMatchObject({ MemorySize: 512, Timeout: 10, Description: 'updated' });
    expect(configured.RevisionId).not.toBe(created.RevisionId);

    const zip = zipOf({ 'index.mjs': 'export const handler = async () => "v2";' });
    const coded = await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'sdk-update', ZipFile: zip, RevisionId: configured.RevisionId }));
    expect(coded.CodeSize).toBe(zip.byteLength);
    expect(coded.CodeSha256).not.toBe(created.CodeSha256);
    const result = await lambda.send(new InvokeCommand({ FunctionName: 'sdk-update' }));
    expect(json(result.Payload)).toBe('v2');
  });

  it('refuses a stale RevisionId with PreconditionFailedException (412)', async () => {
    const created = await lambda.send(new CreateFunctionCommand(createInput('sdk-revision')));
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'sdk-revision', Timeout: 5 }));
    const error = await rejection(
      lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'sdk-revision', Timeout: 6, RevisionId: created.RevisionId })),
    );
    expect(error).toBeInstanceOf(PreconditionFailedException);
    expect(error.$metadata.httpStatusCode).toBe(412);
    expect(error.message).toMatch(/^The Revision Id provided does not match the latest Revision Id/);
    const unchanged = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'sdk-revision' }));
    expect(unchanged.Timeout).toBe(5);
  });
});

describe('DeleteFunction', () => {
  it('deletes (204) and the function is gone', async () => {
    await lambda.send(new CreateFunctionCommand(createInput('sdk-delete')));
    const deleted = await lambda.send(new DeleteFunctionCommand({ FunctionName: arnOf('sdk-delete') }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    const error = await rejection(lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'sdk-delete' })));
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    const again = await rejection(lambda.send(new DeleteFunctionCommand({ FunctionName: 'sdk-delete' })));
    expect(again).toBeInstanceOf(ResourceNotFoundException);
  });
});

describe('Invoke', () => {
  beforeAll(async () => {
    await lambda.send(new CreateFunctionCommand(createInput('sdk-invoke')));
  });

  it('runs the handler (200) and returns its payload, version and request id', async () => {
    const result = await lambda.send(new InvokeCommand({ FunctionName: 'sdk-invoke', Payload: encode({ n: 1 }) }));
    expect(result.StatusCode).toBe(200);
    expect(result.$metadata.httpStatusCode).toBe(200);
    expect(result.FunctionError).toBeUndefined();
    expect(result.ExecutedVersion).toBe('$LATEST');
    const payload = json(result.Payload) as { echo: unknown; awsRequestId: string };
    expect(payload.echo).toEqual({ n: 1 });
    expect(result.$metadata.requestId).toBe(payload.awsRequestId);
  });

  it('reports a handler error as FunctionError Unhandled with the error payload, still 200', async () => {
    const result = await lambda.send(new InvokeCommand({ FunctionName: 'sdk-invoke', Payload: encode({ fail: 'please' }) }));
    expect(result.StatusCode).toBe(200);
    expect(result.FunctionError).toBe('Unhandled');
    expect(json(result.Payload)).toMatchObject({ errorType: 'Error', errorMessage: 'asked to fail: please' });
  });

  it('returns the log tail base64-encoded with LogType Tail', async () => {
    const result = await lambda.send(new InvokeCommand({ FunctionName: 'sdk-invoke', Payload: encode({ n: 2 }), LogType: 'Tail' }));
    const id = result.$metadata.requestId ?? '';
    const log = Buffer.from(result.LogResult ?? '', 'base64').toString('utf8');
    expect(log).toContain(`START RequestId: ${id} Version: $LATEST`);
    expect(log).toMatch(new RegExp(`\\t${id}\\tINFO\\tgot \\{"n":2\\}`));
    expect(log).toContain(`END RequestId: ${id}`);
    expect(log).toMatch(new RegExp(`REPORT RequestId: ${id}\\tDuration: `));
  });

  it('passes ClientContext (base64 JSON) to context.clientContext', async () => {
    const clientContext = { client: { app_title: 'sdk-compat' }, custom: { trace: 'abc' }, env: { locale: 'en' } };
    const result = await lambda.send(
      new InvokeCommand({
        FunctionName: 'sdk-invoke',
        Payload: encode({}),
        ClientContext: Buffer.from(JSON.stringify(clientContext)).toString('base64'),
      }),
    );
    expect((json(result.Payload) as { clientContext: unknown }).clientContext).toMatchObject({ custom: { trace: 'abc' } });
  });

  it('answers DryRun with 204 and Event with 202, without a payload', async () => {
    const dry = await lambda.send(new InvokeCommand({ FunctionName: 'sdk-invoke', InvocationType: 'DryRun' }));
    expect(dry.StatusCode).toBe(204);
    expect(dry.$metadata.httpStatusCode).toBe(204);
    expect(dry.Payload?.byteLength ?? 0).toBe(0);
    const event = await lambda.send(new InvokeCommand({ FunctionName: 'sdk-invoke', InvocationType: 'Event', Payload: encode({ n: 3 }) }));
    expect(event.StatusCode).toBe(202);
    expect(event.$metadata.httpStatusCode).toBe(202);
    expect(event.$metadata.requestId).toMatch(UUID);
  });

  it('refuses a payload over 6 MB with RequestTooLargeException (413)', async () => {
    const big = new TextEncoder().encode(JSON.stringify({ data: 'x'.repeat(6 * 1024 * 1024) }));
    const error = await rejection(lambda.send(new InvokeCommand({ FunctionName: 'sdk-invoke', Payload: big })));
    expect(error).toBeInstanceOf(RequestTooLargeException);
    expect(error.$metadata.httpStatusCode).toBe(413);
    expect(error.message).toBe('Request must be smaller than 6291456 bytes for the InvokeFunction operation');
  });

  it('refuses an Event payload over 1 MB with RequestTooLargeException (413)', async () => {
    const big = new TextEncoder().encode(JSON.stringify({ data: 'x'.repeat(1024 * 1024) }));
    const error = await rejection(lambda.send(new InvokeCommand({ FunctionName: 'sdk-invoke', InvocationType: 'Event', Payload: big })));
    expect(error).toBeInstanceOf(RequestTooLargeException);
    expect(error.$metadata.httpStatusCode).toBe(413);
    expect(error.message).toBe('Request must be smaller than 1048576 bytes for the InvokeFunction operation');
  });

  it('answers ResourceNotFoundException for a function or version that does not exist', async () => {
    const missing = await rejection(lambda.send(new InvokeCommand({ FunctionName: 'sdk-nobody' })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect(missing.$metadata.httpStatusCode).toBe(404);
    const version = await rejection(lambda.send(new InvokeCommand({ FunctionName: 'sdk-invoke', Qualifier: '7' })));
    expect(version).toBeInstanceOf(ResourceNotFoundException);
    expect(version.message).toBe(`Function not found: ${arnOf('sdk-invoke')}:7`);
  });

  it('refuses a payload that is not JSON with InvalidRequestContentException (400)', async () => {
    const error = await rejection(lambda.send(new InvokeCommand({ FunctionName: 'sdk-invoke', Payload: new TextEncoder().encode('{oops') })));
    expect(error).toBeInstanceOf(InvalidRequestContentException);
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toMatch(/^Could not parse request body into json: Could not parse payload into json: /);
  });
});
