/**
 * The wire module between HTTP and `execute`: what input each request binds to, which requests
 * Lambda's front end rejects before the operation runs, and how results and errors are written
 * (https://docs.aws.amazon.com/lambda/latest/api/CommonErrors.html, the API reference's pages of
 * each operation). The control plane is a recorder here; tests/integration/sdk-compat.test.ts
 * drives the real one through the real SDK.
 */
import { describe, expect, it } from 'vitest';
import type { ApiErrorShape, ApiResult } from '../domain/errors';
import type { OperationShape } from '../workers/protocol';
import { handleLambdaHttpRequest } from './handle';
import type { WireResponse } from './http';

interface Call {
  operation: string;
  input: OperationShape;
}

function recorder(answer: ApiResult<OperationShape> | (() => Promise<ApiResult<OperationShape>>) = { ok: true, value: {} }) {
  const calls: Call[] = [];
  return {
    calls,
    execute: async (operation: string, input: OperationShape): Promise<ApiResult<OperationShape>> => {
      calls.push({ operation, input });
      return typeof answer === 'function' ? answer() : answer;
    },
  };
}

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
const json = (response: WireResponse): Record<string, unknown> => JSON.parse(text(response.body)) as Record<string, unknown>;

async function send(
  method: string,
  path: string,
  options: { body?: string | Uint8Array; headers?: Record<string, string>; api?: ReturnType<typeof recorder> } = {},
) {
  const api = options.api ?? recorder();
  const body = typeof options.body === 'string' ? new TextEncoder().encode(options.body) : (options.body ?? new Uint8Array());
  const response = await handleLambdaHttpRequest({ method, path, headers: options.headers ?? {}, body }, api);
  return { response, calls: api.calls, input: api.calls[0]?.input };
}

/** The error an answer carries, as the SDK reads it. */
function errorOf(response: WireResponse) {
  const body = json(response);
  return { status: response.status, type: response.headers['x-amzn-ErrorType'], message: body['message'] ?? body['Message'], body };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ROLE = 'arn:aws:iam::123456789012:role/lambda-role';

describe('binding requests to operation inputs', () => {
  it('reads path labels, query parameters as their model types, and ARNs with colons', async () => {
    const arn = 'arn:aws:lambda:us-east-1:123456789012:function:my-function';
    const { calls } = await send('GET', `/2015-03-31/functions/${encodeURIComponent(arn)}?Qualifier=%24LATEST`);
    expect(calls).toEqual([{ operation: 'GetFunction', input: { FunctionName: arn, Qualifier: '$LATEST' } }]);
    const list = await send('GET', '/2015-03-31/functions?MaxItems=10&Marker=abc%2B%3D&FunctionVersion=ALL');
    expect(list.calls).toEqual([{ operation: 'ListFunctions', input: { MaxItems: 10, Marker: 'abc+=', FunctionVersion: 'ALL' } }]);
    const untag = await send('DELETE', `/2017-03-31/tags/${encodeURIComponent(arn)}?tagKeys=a&tagKeys=b`);
    expect(untag.input).toEqual({ Resource: arn, TagKeys: ['a', 'b'] });
  });

  it('decodes the JSON body, blobs from base64 (CreateFunction Code.ZipFile)', async () => {
    const zip = new Uint8Array([0x50, 0x4b, 3, 4, 255, 0]);
    const body = JSON.stringify({
      FunctionName: 'f',
      Role: ROLE,
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Code: { ZipFile: btoa(String.fromCharCode(...zip)) },
      Environment: { Variables: { GREETING: 'hi' } },
      Architectures: ['arm64'],
      Publish: false,
      MemorySize: 256,
      Description: null,
    });
    const { input, response } = await send('POST', '/2015-03-31/functions', { body });
    expect(response.status).toBe(201);
    expect(input).toEqual({
      FunctionName: 'f',
      Role: ROLE,
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Code: { ZipFile: zip },
      Environment: { Variables: { GREETING: 'hi' } },
      Architectures: ['arm64'],
      Publish: false,
      MemorySize: 256,
    });
  });

  it("gives Invoke its raw body as Payload and its headers as members", async () => {
    const { input } = await send('POST', '/2015-03-31/functions/f/invocations?Qualifier=prod', {
      body: '{"not":"parsed by the wire"',
      headers: { 'x-amz-invocation-type': 'Event', 'x-amz-log-type': 'Tail', 'x-amz-client-context': 'e30=' },
    });
    expect(input).toEqual({
      FunctionName: 'f',
      Qualifier: 'prod',
      InvocationType: 'Event',
      LogType: 'Tail',
      ClientContext: 'e30=',
      Payload: new TextEncoder().encode('{"not":"parsed by the wire"'),
    });
    const empty = await send('POST', '/2015-03-31/functions/f/invocations');
    expect(empty.input).toEqual({ FunctionName: 'f' });
  });

  it('reads timestamps, booleans and lists from the query string, doubles from the body', async () => {
    const durable = await send(
      'GET',
      '/2025-12-01/functions/f/durable-executions?StartedAfter=2026-01-02T03%3A04%3A05Z&Statuses=RUNNING&Statuses=FAILED&ReverseOrder=true',
    );
    expect(durable.input).toEqual({
      FunctionName: 'f',
      StartedAfter: new Date('2026-01-02T03:04:05Z'),
      Statuses: ['RUNNING', 'FAILED'],
      ReverseOrder: true,
    });
    const alias = await send('PUT', '/2015-03-31/functions/f/aliases/live', {
      body: '{"FunctionVersion":"1","RoutingConfig":{"AdditionalVersionWeights":{"2":0.25}}}',
    });
    expect(alias.input).toEqual({ FunctionName: 'f', Name: 'live', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 0.25 } } });
    const heavy = await send('PUT', '/2015-03-31/functions/f/aliases/live', { body: '{"RoutingConfig":{"AdditionalVersionWeights":{"2":1.5}}}' });
    expect(errorOf(heavy.response)).toMatchObject({
      type: 'ValidationException',
      message:
        "1 validation error detected: Value at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: " +
        'Map value must satisfy constraint: [Member must have value less than or equal to 1]',
    });
    const badDate = await send('GET', '/2025-12-01/functions/f/durable-executions?StartedAfter=yesterday');
    expect(errorOf(badDate.response)).toMatchObject({ status: 400, type: 'InvalidRequestContentException' });
  });

  it('reads header members whatever the case of their names', async () => {
    const { input } = await send('POST', '/2015-03-31/functions/f/invocations', { headers: { 'X-Amz-Invocation-Type': 'DryRun' } });
    expect(input).toEqual({ FunctionName: 'f', InvocationType: 'DryRun' });
  });

  it('keeps a "__proto__" map key as a key (no prototype pollution)', async () => {
    const body = `{"FunctionName":"f","Role":"${ROLE}","Code":{},"Tags":{"__proto__":"x","team":"a"}}`;
    const { input } = await send('POST', '/2015-03-31/functions', { body });
    const tags = input?.['Tags'] as Record<string, unknown>;
    expect(Object.getPrototypeOf(tags)).toBe(Object.prototype);
    expect(Object.keys(tags)).toEqual(['__proto__', 'team']);
    expect(Object.getOwnPropertyDescriptor(tags, '__proto__')?.value).toBe('x');
  });

  it('ignores a body on operations that read none', async () => {
    const { input } = await send('GET', '/2015-03-31/functions/f', { body: 'garbage{' });
    expect(input).toEqual({ FunctionName: 'f' });
  });
});

describe('requests Lambda refuses before running the operation', () => {
  const cases: [string, string, RegExp][] = [
    ['malformed JSON', '{"FunctionName": ', /^Could not parse request body into json: Could not parse payload into json: /],
    [
      'an unknown field',
      '{"FunctionName":"f","Foo":1}',
      /Unrecognized field "Foo" \(class com\.amazonaws\.lambda\.model\.CreateFunctionRequest\), not marked as ignorable \(\d+ known properties: "FunctionName", "Runtime",/,
    ],
    ['an unknown nested field', '{"Code":{"Zip":"AA=="}}', /Unrecognized field "Zip" \(class com\.amazonaws\.lambda\.model\.FunctionCode\)/],
    [
      'a string for an integer',
      '{"MemorySize":"256"}',
      /Cannot deserialize value of type `java\.lang\.Integer` from String value \(through reference chain: com\.amazonaws\.lambda\.model\.CreateFunctionRequest\["MemorySize"\]\)/,
    ],
    ['a fraction for an integer', '{"Timeout":1.5}', /Cannot deserialize value of type `java\.lang\.Integer` from Floating-point value/],
    ['an integer out of range', '{"Timeout":4294967296}', /Numeric value \(4294967296\) out of range of int/],
    ['a scalar for a structure', '{"Code":"abc"}', /Cannot deserialize value of type `com\.amazonaws\.lambda\.model\.FunctionCode` from String value/],
    ['an object for a list', '{"Architectures":{"a":1}}', /Cannot deserialize value of type `java\.util\.ArrayList` from Object value/],
    ['a number in a string map', '{"Environment":{"Variables":{"A":1}}}', /Cannot deserialize value of type `java\.lang\.String` from Integer value/],
    ['a string for a boolean', '{"Publish":"true"}', /`java\.lang\.Boolean` from String value/],
    ['a blob that is not base64', '{"Code":{"ZipFile":"not base64!"}}', /Cannot decode the value as base64/],
    ['an array body', '[1,2]', /`com\.amazonaws\.lambda\.model\.CreateFunctionRequest` from Array value/],
    ['bytes that are not UTF-8', '\u0000', /Could not parse request body into json/],
  ];
  for (const [what, body, message] of cases) {
    it(`answers InvalidRequestContentException (400) for ${what}`, async () => {
      const { response, calls } = await send('POST', '/2015-03-31/functions', { body });
      expect(errorOf(response)).toMatchObject({ status: 400, type: 'InvalidRequestContentException' });
      expect(errorOf(response).message).toMatch(message);
      expect(calls).toEqual([]);
    });
  }

  it('answers InvalidRequestContentException for invalid UTF-8 and for query values of the wrong type', async () => {
    const bad = await send('PUT', '/2015-03-31/functions/f/configuration', { body: new Uint8Array([0x7b, 0xff, 0x7d]) });
    expect(errorOf(bad.response)).toMatchObject({ status: 400, type: 'InvalidRequestContentException' });
    const query = await send('GET', '/2015-03-31/functions?MaxItems=ten');
    expect(errorOf(query.response)).toMatchObject({ status: 400, type: 'InvalidRequestContentException' });
    expect(query.calls).toEqual([]);
  });

  it("answers ValidationException in AWS's format for the model's constraints, listing each", async () => {
    const one = await send('PUT', '/2015-03-31/functions/f/configuration', { body: '{"MemorySize":64}' });
    expect(errorOf(one.response)).toMatchObject({
      status: 400,
      type: 'ValidationException',
      message:
        "1 validation error detected: Value '64' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128",
    });
    const two = await send('POST', '/2015-03-31/functions', { body: '{"FunctionName":"f","Runtime":"cobol"}' });
    expect(errorOf(two.response).message).toMatch(
      /^3 validation errors detected: Value 'cobol' at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: \[nodejs, [^\]]*python3\.14, [^\]]*\]; Value null at 'role' failed to satisfy constraint: Member must not be null; Value null at 'code' failed to satisfy constraint: Member must not be null$/,
    );
    expect(two.calls).toEqual([]);
  });

  it('names missing members, list elements and pattern failures as Coral does', async () => {
    const missing = await send('POST', '/2015-03-31/functions', { body: '{"FunctionName":"f"}' });
    expect(errorOf(missing.response).message).toBe(
      "2 validation errors detected: Value null at 'role' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'code' failed to satisfy constraint: Member must not be null",
    );
    const architectures = await send('PUT', '/2015-03-31/functions/f/code', { body: '{"Architectures":["x86"]}' });
    expect(errorOf(architectures.response).message).toBe(
      "1 validation error detected: Value 'x86' at 'architectures.1.member' failed to satisfy constraint: " +
        'Member must satisfy enum value set: [x86_64, arm64]',
    );
    const name = await send('GET', '/2015-03-31/functions/bad%20name/configuration');
    expect(errorOf(name.response).message).toMatch(
      /^1 validation error detected: Value 'bad name' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: \(arn:/,
    );
    // GetFunctionConfiguration takes a qualified name (NamespacedFunctionName, up to 256), UpdateFunctionCode up to 140.
    const long = await send('GET', `/2015-03-31/functions/${'a'.repeat(257)}/configuration`);
    expect(errorOf(long.response).message).toContain(
      "at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 256",
    );
    const longer = await send('PUT', `/2015-03-31/functions/${'a'.repeat(141)}/code`, { body: '{}' });
    expect(errorOf(longer.response).message).toBe(
      `1 validation error detected: Value '${'a'.repeat(141)}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 140`,
    );
  });

  it('hides sensitive values (environment variables)', async () => {
    const { response } = await send('PUT', '/2015-03-31/functions/f/configuration', {
      body: '{"Environment":{"Variables":{"1bad":"secret"}}}',
    });
    expect(errorOf(response).message).toBe(
      "1 validation error detected: Value at 'environment.variables' failed to satisfy constraint: " +
        'Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]',
    );
  });

  it('answers 413 for payloads over the Invoke quotas: 6 MB synchronous, 1 MB asynchronous', async () => {
    const sync = await send('POST', '/2015-03-31/functions/f/invocations', { body: new Uint8Array(6 * 1024 * 1024 + 1) });
    expect(errorOf(sync.response)).toEqual({
      status: 413,
      type: 'RequestTooLargeException',
      message: 'Request must be smaller than 6291456 bytes for the InvokeFunction operation',
      body: { Type: 'User', message: 'Request must be smaller than 6291456 bytes for the InvokeFunction operation' },
    });
    const atLimit = await send('POST', '/2015-03-31/functions/f/invocations', { body: new Uint8Array(6 * 1024 * 1024) });
    expect(atLimit.calls).toHaveLength(1);
    const event = await send('POST', '/2015-03-31/functions/f/invocations', {
      body: new Uint8Array(1024 * 1024 + 1),
      headers: { 'x-amz-invocation-type': 'Event' },
    });
    expect(errorOf(event.response)).toMatchObject({
      status: 413,
      type: 'RequestTooLargeException',
      message: 'Request must be smaller than 1048576 bytes for the InvokeFunction operation',
    });
    expect(sync.calls.length + event.calls.length).toBe(0);
  });

  it('answers 413 RequestEntityTooLargeException for a CreateFunction request over 70167211 bytes', async () => {
    const { response, calls } = await send('POST', '/2015-03-31/functions', { body: new Uint8Array(70_167_212) });
    expect(errorOf(response)).toMatchObject({
      status: 413,
      type: 'RequestEntityTooLargeException',
      message: 'Request must be smaller than 70167211 bytes for the CreateFunction operation',
    });
    expect(calls).toEqual([]);
  });

  it('answers a malformed percent escape in the path with a 400, not a crash', async () => {
    for (const path of ['/2015-03-31/functions/%E0%A4%A', '/lambdalite/code/%zz/%24LATEST', '/2015-03-31/functions?Marker=%']) {
      const { response, calls } = await send('GET', path);
      expect(errorOf(response)).toMatchObject({ status: 400, type: 'InvalidRequestContentException' });
      expect(calls).toEqual([]);
    }
  });

  it('answers 404 UnknownOperationException, in JSON, for a route the API does not have', async () => {
    for (const [method, path] of [
      ['GET', '/'],
      ['PATCH', '/2015-03-31/functions'],
      ['GET', '/2015-03-31/functions/f/unknown'],
    ] as const) {
      const { response, calls } = await send(method, path);
      expect(errorOf(response)).toMatchObject({ status: 404, type: 'UnknownOperationException', body: { Type: 'User' } });
      expect(response.headers['x-amzn-RequestId']).toMatch(UUID);
      expect(calls).toEqual([]);
    }
  });
});

describe('encoding results', () => {
  it('answers the operation’s responseCode with the output members as JSON, dropping what the model does not have', async () => {
    const api = recorder({ ok: true, value: { FunctionName: 'f', MemorySize: 128, Undeclared: 1, $metadata: { httpStatusCode: 1 } } });
    const { response } = await send('POST', '/2015-03-31/functions', { api, body: '{"FunctionName":"f","Role":"' + ROLE + '","Code":{}}' });
    expect(response.status).toBe(201);
    expect(response.headers['Content-Type']).toBe('application/json');
    expect(response.headers['x-amzn-RequestId']).toMatch(UUID);
    expect(json(response)).toEqual({ FunctionName: 'f', MemorySize: 128 });
  });

  it('writes Invoke as Lambda does: StatusCode as the status, headers, the raw payload, the invocation’s request id', async () => {
    const payload = new TextEncoder().encode('{"errorType":"Error"}');
    const api = recorder({
      ok: true,
      value: {
        StatusCode: 200,
        FunctionError: 'Unhandled',
        LogResult: 'U1RBUlQ=',
        ExecutedVersion: '$LATEST',
        Payload: payload,
        $metadata: { httpStatusCode: 200, requestId: 'c0ffee00-0000-4000-8000-000000000001' },
      },
    });
    const { response } = await send('POST', '/2015-03-31/functions/f/invocations', { api, body: '{}' });
    expect(response.status).toBe(200);
    expect(response.headers).toEqual({
      'Content-Type': 'application/json',
      'x-amzn-RequestId': 'c0ffee00-0000-4000-8000-000000000001',
      'X-Amz-Function-Error': 'Unhandled',
      'X-Amz-Log-Result': 'U1RBUlQ=',
      'X-Amz-Executed-Version': '$LATEST',
    });
    expect(response.body).toEqual(payload);
    const event = await send('POST', '/2015-03-31/functions/f/invocations', { api: recorder({ ok: true, value: { StatusCode: 202 } }) });
    expect(event.response.status).toBe(202);
    expect(event.response.body.byteLength).toBe(0);
  });

  it('answers DeleteFunction 204 without a body', async () => {
    const { response } = await send('DELETE', '/2015-03-31/functions/f', { api: recorder({ ok: true, value: { StatusCode: 204 } }) });
    expect(response.status).toBe(204);
    expect(response.body.byteLength).toBe(0);
  });
});

describe('encoding errors', () => {
  const failing = (error: ApiErrorShape) => recorder({ ok: false, error });

  it('writes Type and the message member as the error’s shape spells it', async () => {
    const notFound = await send('GET', '/2015-03-31/functions/f', {
      api: failing({ type: 'ResourceNotFoundException', status: 404, message: 'Function not found: arn' }),
    });
    expect(notFound.response.status).toBe(404);
    expect(notFound.response.headers['x-amzn-ErrorType']).toBe('ResourceNotFoundException');
    expect(json(notFound.response)).toEqual({ Type: 'User', Message: 'Function not found: arn' });
    const conflict = await send('GET', '/2015-03-31/functions/f', {
      api: failing({ type: 'ResourceConflictException', status: 409, message: 'busy' }),
    });
    expect(json(conflict.response)).toEqual({ Type: 'User', message: 'busy' });
  });

  it('adds Reason and Retry-After to TooManyRequestsException', async () => {
    const { response } = await send('GET', '/2015-03-31/functions/f', {
      api: failing({ type: 'TooManyRequestsException', status: 429, message: 'Rate exceeded', reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' }),
    });
    expect(response.status).toBe(429);
    expect(response.headers['Retry-After']).toBe('1');
    expect(json(response)).toEqual({ Type: 'User', message: 'Rate exceeded', Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' });
  });

  it('turns a control plane that throws into ServiceException 500, Type Service, never a throw', async () => {
    const api = recorder(() => Promise.reject(new Error('disk on fire')));
    const { response } = await send('GET', '/2015-03-31/functions/f', { api });
    expect(response.status).toBe(500);
    expect(response.headers['x-amzn-ErrorType']).toBe('ServiceException');
    expect(json(response)).toEqual({ Type: 'Service', Message: 'Lambdalite internal error: Error: disk on fire' });
  });
});
