/**
 * Property test of the wire module over the real control plane (IndexedDB on fake-indexeddb,
 * no execution environments: nothing here boots an engine). Thousands of generated requests —
 * every route of the model with well-formed, mutated and random path labels, query values,
 * headers and bodies (wrong JSON types, unknown fields, nulls, garbage bytes), and random methods
 * and paths — must each get a well-formed Lambda answer (a status, `x-amzn-RequestId`, and for
 * errors `x-amzn-ErrorType` with a JSON body carrying Type and the message), and a request that is
 * refused must leave every function, and every record of the database, exactly as it was (issue 3,
 * "The wire"). Operations added to the control plane later are covered without changing this file.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleLambdaHttpRequest } from '../../src/wire/handle';
import type { WireRequest, WireResponse } from '../../src/wire/http';
import { LAMBDA_MODEL, bodyMembers, inputShape, shapeNamed, type Operation } from '../../src/wire/model';
import { toBase64 } from '../../src/wire/base64';
import { TEST_ROLE, noEnvironments, testControlPlane, zipOf, type TestControlPlane } from '../support/control-plane';

const BASELINE = ['prop-a', 'prop-b', 'prop-c'];
const ARN = (name: string): string => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
const ZIP = toBase64(zipOf({ 'index.mjs': 'export const handler = async () => 1;' }));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const operations = Object.values(LAMBDA_MODEL.operations);

let cp: TestControlPlane;

async function createBaseline(name: string): Promise<void> {
  const result = await cp.controlPlane.execute('CreateFunction', {
    FunctionName: name,
    Runtime: 'nodejs22.x',
    Role: TEST_ROLE,
    Handler: 'index.handler',
    Code: { ZipFile: zipOf({ 'index.mjs': 'export const handler = async () => 1;' }) },
  });
  if (!result.ok) throw new Error(result.error.message);
}

/**
 * Stores written in the background by requests that were accepted (the log batcher, the Event
 * queue and its retries), so they may change while a later, refused request is being answered.
 */
const BACKGROUND_STORES = new Set(['logEvents', 'asyncEvents']);

let rawDb: IDBDatabase;

function openRaw(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

/** Every record of every store (but the background ones), read in one transaction. */
function rawRecords(): Promise<Record<string, unknown[]>> {
  const names = [...rawDb.objectStoreNames].filter((name) => !BACKGROUND_STORES.has(name));
  const transaction = rawDb.transaction(names, 'readonly');
  return Promise.all(
    names.map(
      (name) =>
        new Promise<[string, unknown[]]>((resolve, reject) => {
          const request = transaction.objectStore(name).getAll();
          request.onsuccess = () => resolve([name, request.result as unknown[]]);
          request.onerror = () => reject(request.error);
        }),
    ),
  ).then(Object.fromEntries);
}

const stable = (value: unknown): string =>
  JSON.stringify(value, (_key, item: unknown) => (item instanceof Uint8Array ? toBase64(item) : item));

/**
 * The state a request could change: every function as the API shows it (ListFunctions, all pages,
 * and each GetFunctionConfiguration) and every record of the database but the background stores.
 */
async function snapshot(): Promise<{ names: string[]; records: Record<string, unknown[]>; text: string }> {
  const functions: unknown[] = [];
  let marker: string | undefined;
  do {
    const page = await cp.controlPlane.execute('ListFunctions', marker === undefined ? {} : { Marker: marker });
    if (!page.ok) throw new Error(page.error.message);
    functions.push(...((page.value['Functions'] as unknown[] | undefined) ?? []));
    marker = page.value['NextMarker'] as string | undefined;
  } while (marker !== undefined);
  const names = functions.map((f) => (f as { FunctionName: string }).FunctionName);
  const configurations = await Promise.all(names.map((name) => cp.controlPlane.execute('GetFunctionConfiguration', { FunctionName: name })));
  const records = await rawRecords();
  return { names, records, text: stable({ functions, configurations, records }) };
}

/** Back to the three baseline functions, whatever succeeded requests created, deleted or added to them. */
async function restoreBaseline({ names, records }: { names: string[]; records: Record<string, unknown[]> }): Promise<void> {
  const grown = Object.entries(records).some(([store, rows]) => store !== 'functions' && store !== 'code' && rows.length > 12);
  for (const name of names) {
    if (!BASELINE.includes(name) || grown) await cp.controlPlane.execute('DeleteFunction', { FunctionName: name });
  }
  for (const name of BASELINE) if (!names.includes(name) || grown) await createBaseline(name);
}

// ---- generators ----

const junkString = fc.string({ maxLength: 40, unit: 'binary' });
const label = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...BASELINE) },
  { weight: 2, arbitrary: fc.constantFrom(...BASELINE).map((name) => encodeURIComponent(ARN(name))) },
  { weight: 1, arbitrary: fc.constantFrom(...BASELINE).map((name) => `${name}:$LATEST`) },
  { weight: 2, arbitrary: fc.string({ maxLength: 80 }).map(encodeURIComponent) },
  { weight: 1, arbitrary: junkString },
  { weight: 1, arbitrary: fc.constantFrom('%', '%zz', '..', 'a%2Fb', '', ARN('prop-a'), 'prop-a:1', 'x'.repeat(300), '1', '$LATEST') },
);

/** A JSON value of the member's shape, mostly of the right type, within a small depth. */
function valueOf(shapeName: string, depth: number): fc.Arbitrary<unknown> {
  const shape = shapeNamed(shapeName);
  switch (shape.type) {
    case 'structure': {
      if (depth > 2) return fc.constant({});
      const members = Object.entries(shape.members ?? {}).map(([name, ref]) => [name, valueOf(ref.shape, depth + 1)] as const);
      return fc.record(Object.fromEntries(members), { requiredKeys: [] });
    }
    case 'list':
      return fc.array(valueOf(shape.member?.shape ?? 'String', depth + 1), { maxLength: 3 });
    case 'map':
      return fc.dictionary(fc.string({ maxLength: 12 }), valueOf(shape.value?.shape ?? 'String', depth + 1), { maxKeys: 3 });
    case 'string':
      return shape.enum ? fc.oneof(fc.constantFrom(...shape.enum), fc.string({ maxLength: 12 })) : fc.string({ maxLength: 40 });
    case 'integer':
    case 'long':
      return fc.oneof(fc.integer({ min: shape.min ?? -5, max: shape.max ?? 100_000 }), fc.integer(), fc.double());
    case 'double':
    case 'float':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'blob':
      return fc.oneof(fc.constant(ZIP), fc.uint8Array({ maxLength: 32 }).map(toBase64), fc.string({ maxLength: 10 }));
    case 'timestamp':
      return fc.integer({ min: 0, max: 2_000_000_000 });
  }
}

/** Body bytes for the operation: its members (mutated or not), other JSON, or garbage. */
function bodyOf(operation: Operation): fc.Arbitrary<Uint8Array> {
  const shape = inputShape(operation);
  const members = bodyMembers(shape);
  const bytes = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));
  const structure = fc.record(
    Object.fromEntries(members.map(([name, ref]) => [name, valueOf(ref.shape, 1)])),
    { requiredKeys: [] },
  );
  const mutated = fc.tuple(structure, fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), fc.nat()).map(([value, key, junk, pick]) => {
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object);
    if (keys.length > 0 && pick % 2 === 0) object[keys[pick % keys.length] as string] = junk;
    else object[key] = junk;
    return object;
  });
  return fc.oneof(
    { weight: 4, arbitrary: structure.map(bytes) },
    { weight: 3, arbitrary: mutated.map(bytes) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map(bytes) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }) },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((s) => new TextEncoder().encode(s)) },
    { weight: 1, arbitrary: fc.constant(new Uint8Array()) },
  );
}

/** Mostly a valid value, sometimes one the model or Lambda refuses. */
const mostly = <T, U>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<U>): fc.Arbitrary<T | U> =>
  fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: invalid });

/**
 * Requests close to valid ones, so that some succeed and change the store, and some are refused
 * only by the model's constraints on members the operation itself does not read (TracingConfig,
 * KMSKeyArn, Layers…): those must be refused before the operation runs.
 */
const nearlyValid: fc.Arbitrary<WireRequest> = fc
  .tuple(
    fc.constantFrom('prop-new-1', 'prop-new-2', ...BASELINE),
    fc.record(
      {
        MemorySize: mostly(fc.constantFrom(128, 256, 1024), fc.integer({ min: 0, max: 40_000 })),
        Timeout: mostly(fc.integer({ min: 1, max: 900 }), fc.integer({ min: -1, max: 6000 })),
        Description: mostly(fc.string({ maxLength: 40 }), fc.string({ minLength: 257, maxLength: 300 })),
        Runtime: mostly(fc.constantFrom('nodejs22.x', 'python3.14'), fc.constantFrom('java21', 'cobol')),
        Handler: mostly(fc.constant('index.handler'), fc.constantFrom('has space', '')),
        Environment: fc.record({
          Variables: fc.dictionary(mostly(fc.constantFrom('A_B', 'GREETING'), fc.constantFrom('1x', 'AWS_REGION')), fc.string({ maxLength: 10 })),
        }),
        TracingConfig: fc.record({ Mode: mostly(fc.constantFrom('Active', 'PassThrough'), fc.constantFrom('Bogus', '')) }),
        KMSKeyArn: mostly(fc.constant('arn:aws:kms:us-east-1:123456789012:key/k'), fc.constantFrom('not an arn', '')),
        Layers: fc.array(mostly(fc.constant('arn:aws:lambda:us-east-1:123456789012:layer:l:1'), fc.constant('layer')), { maxLength: 2 }),
        DeadLetterConfig: fc.record({ TargetArn: mostly(fc.constant('arn:aws:sqs:us-east-1:123456789012:dlq'), fc.constant('dlq!')) }),
      },
      { requiredKeys: [] },
    ),
    fc.boolean(),
  )
  .map(([name, config, create]): WireRequest => {
    const body = create
      ? { FunctionName: name, Role: TEST_ROLE, Runtime: 'nodejs22.x', Handler: 'index.handler', Code: { ZipFile: ZIP }, ...config }
      : config;
    return {
      method: create ? 'POST' : 'PUT',
      path: create ? '/2015-03-31/functions' : `/2015-03-31/functions/${name}/configuration`,
      headers: { 'content-type': 'application/json' },
      body: new TextEncoder().encode(JSON.stringify(body)),
    };
  });

/** CreateAlias and UpdateAlias requests close to valid ones. */
const nearlyValidAlias: fc.Arbitrary<WireRequest> = fc
  .record({
    name: fc.constantFrom(...BASELINE),
    alias: mostly(fc.constantFrom('live', 'beta'), fc.constantFrom('bad name', '1', '')),
    create: fc.boolean(),
    config: fc.record(
      {
        FunctionVersion: mostly(fc.constantFrom('$LATEST', '1'), fc.constantFrom('x', '')),
        Description: fc.string({ maxLength: 20 }),
        RoutingConfig: fc.record({
          AdditionalVersionWeights: fc.dictionary(fc.constantFrom('1', '2', 'x'), fc.double({ min: -1, max: 2, noNaN: true }), { maxKeys: 1 }),
        }),
      },
      { requiredKeys: [] },
    ),
  })
  .map(({ name, alias, create, config }): WireRequest => {
    const body = create ? { Name: alias, FunctionVersion: '$LATEST', ...config } : config;
    return {
      method: create ? 'POST' : 'PUT',
      path: create ? `/2015-03-31/functions/${name}/aliases` : `/2015-03-31/functions/${name}/aliases/${encodeURIComponent(alias)}`,
      headers: { 'content-type': 'application/json' },
      body: new TextEncoder().encode(JSON.stringify(body)),
    };
  });

/** A request on one of the model's routes, with generated labels, query, headers and body. */
const onRoute: fc.Arbitrary<WireRequest> = fc.constantFrom(...operations).chain((operation) => {
  const shape = inputShape(operation);
  const labelNames = [...operation.http.requestUri.matchAll(/\{([^}+]+)\+?\}/g)].map((m) => m[1] ?? '');
  const queryMembers = Object.values(shape.members ?? {}).filter((ref) => ref.location === 'querystring');
  const headerMembers = Object.values(shape.members ?? {}).filter((ref) => ref.location === 'header');
  const queryValue = fc.oneof(fc.constantFrom('1', '50', '0', '-1', 'ALL', 'true', '$LATEST', 'abc'), fc.string({ maxLength: 20 }));
  return fc.record({
    method: fc.oneof({ weight: 9, arbitrary: fc.constant(operation.http.method) }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD') }),
    labels: fc.array(label, { minLength: labelNames.length, maxLength: labelNames.length }),
    query: fc.array(fc.tuple(fc.constantFrom(...queryMembers.map((ref) => ref.locationName ?? ''), 'junk', 'Qualifier'), queryValue), { maxLength: 3 }),
    rawQuery: fc.option(junkString, { freq: 5 }),
    headers: fc.array(
      fc.tuple(
        fc.constantFrom(...headerMembers.map((ref) => (ref.locationName ?? '').toLowerCase()), 'x-junk'),
        fc.oneof(fc.constantFrom('Event', 'DryRun', 'RequestResponse', 'Tail', 'None', 'e30=', 'bm90IGpzb24='), fc.string({ maxLength: 20 })),
      ),
      { maxLength: 3 },
    ),
    body: bodyOf(operation),
  }).map(({ method, labels, query, rawQuery, headers, body }): WireRequest => {
    const [template = '', literalQuery] = operation.http.requestUri.split('?');
    let index = 0;
    const path = template.replace(/\{[^}]+\}/g, () => labels[index++] ?? '');
    const pairs = [
      ...(literalQuery ? [literalQuery] : []),
      ...query.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`),
      ...(rawQuery === null ? [] : [rawQuery]),
    ];
    return { method, path: pairs.length > 0 ? `${path}?${pairs.join('&')}` : path, headers: Object.fromEntries(headers), body };
  });
});

const anywhere: fc.Arbitrary<WireRequest> = fc.record({
  method: fc.oneof(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'), fc.string({ maxLength: 8 })),
  path: fc.oneof(junkString.map((s) => `/${s}`), fc.webPath(), fc.constantFrom('/', '/2015-03-31', '/2015-03-31/functions/', '//')),
  headers: fc.dictionary(fc.string({ maxLength: 20 }).map((s) => s.toLowerCase()), fc.string({ maxLength: 20 }), { maxKeys: 3 }),
  body: fc.uint8Array({ maxLength: 64 }),
});

/**
 * Bodies just past the whole-request limits (50 MB packages as base64 JSON, Invoke's 6 MB and
 * 1 MB payloads): one buffer, shared, so that generating them costs nothing.
 */
const OVERSIZED = new Uint8Array(70_167_212).fill(0x20);
const oversized: fc.Arbitrary<WireRequest> = fc
  .constantFrom(
    { method: 'POST', path: '/2015-03-31/functions', size: 70_167_212, type: undefined },
    { method: 'PUT', path: '/2015-03-31/functions/prop-a/code', size: 69_905_068, type: undefined },
    { method: 'POST', path: '/2015-03-31/functions/prop-a/invocations', size: 6 * 1024 * 1024 + 1, type: undefined },
    { method: 'POST', path: '/2015-03-31/functions/prop-b/invocations', size: 1024 * 1024 + 1, type: 'Event' },
  )
  .map(({ method, path, size, type }) => ({
    method,
    path,
    headers: { 'content-type': 'application/json', ...(type ? { 'x-amz-invocation-type': type } : {}) },
    body: OVERSIZED.subarray(0, size),
  }));

const anyRequest = fc.oneof(
  { weight: 1, arbitrary: oversized },
  { weight: 7, arbitrary: onRoute },
  { weight: 2, arbitrary: nearlyValid },
  { weight: 1, arbitrary: nearlyValidAlias },
  { weight: 1, arbitrary: anywhere },
);

// ---- the property ----

function wellFormed(request: WireRequest, response: WireResponse): void {
  const where = `${request.method} ${request.path}`;
  expect(Number.isInteger(response.status), where).toBe(true);
  expect(response.status, where).toBeGreaterThanOrEqual(200);
  expect(response.status, where).toBeLessThan(600);
  expect(response.headers['x-amzn-RequestId'], where).toMatch(UUID);
  expect(response.headers['Content-Type'], where).toBe('application/json');
  if (response.status >= 400) {
    expect(response.headers['x-amzn-ErrorType'], where).toMatch(/^[A-Za-z]+Exception$/);
    const body = JSON.parse(new TextDecoder().decode(response.body)) as Record<string, unknown>;
    const message = body['message'] ?? body['Message'];
    expect(typeof message === 'string' && message.length > 0, `${where}: ${JSON.stringify(body)}`).toBe(true);
    expect(['User', 'Service'], where).toContain(body['Type']);
    expect(body['Type'], where).toBe(response.status >= 500 ? 'Service' : 'User');
    // The one 500 expected here: an invocation reaching `noEnvironments`. Any other is a bug.
    if (response.status >= 500) expect(message, where).toBe('Lambdalite internal error: Error: this test does not run code');
  }
}

beforeAll(async () => {
  const testPlane = await testControlPlane({ environments: noEnvironments });
  cp = testPlane;
  rawDb = await openRaw(testPlane.dbName);
  for (const name of BASELINE) await createBaseline(name);
});
afterAll(() => {
  rawDb?.close();
  cp?.dispose();
});

describe('the wire under generated requests', () => {
  it('answers every request as Lambda would shape it, and a refused request changes nothing', async () => {
    const statuses = new Map<number, number>();
    // After a refused request the store is as before, so its snapshot serves the next run too.
    let current: Awaited<ReturnType<typeof snapshot>> | undefined;
    await fc.assert(
      fc.asyncProperty(anyRequest, async (request) => {
        const before = current ?? (await snapshot());
        current = undefined;
        const response = await handleLambdaHttpRequest(request, cp.controlPlane);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        wellFormed(request, response);
        const after = await snapshot();
        if (response.status >= 400) {
          expect(after.text, `${request.method} ${request.path} changed the store`).toBe(before.text);
          current = after;
        } else {
          await restoreBaseline(after);
        }
      }),
      { numRuns: 3000 },
    );
    // The generators reach successes and each family of refusal, or the property proves little.
    for (const status of [200, 201, 400, 404, 413]) expect(statuses.get(status) ?? 0, `status ${status}`).toBeGreaterThan(0);
  });
});
