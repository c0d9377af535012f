/**
 * Every paginator of @aws-sdk/client-lambda that applies here (paginators-1.json), driven by
 * the real SDK over the wire: with a page size of 2 over more items than that, it takes more
 * than one page, and the pages together hold every item exactly once.
 */
import {
  paginateListAliases,
  paginateListCodeSigningConfigs,
  paginateListEventSourceMappings,
  paginateListFunctionEventInvokeConfigs,
  paginateListFunctions,
  paginateListFunctionsByCodeSigningConfig,
  paginateListFunctionUrlConfigs,
  paginateListLayers,
  paginateListLayerVersions,
  paginateListProvisionedConcurrencyConfigs,
  paginateListVersionsByFunction,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { echoEnvironments } from '../support/echo-environments';
import { lambdaSdkClient } from '../support/sdk-client';
import { TEST_ROLE, testControlPlane, zipOf, type TestControlPlane } from '../support/control-plane';

let cp: TestControlPlane;
let lambda: LambdaClient;
let cscArn = '';

beforeAll(async () => {
  cp = await testControlPlane({ environments: echoEnvironments() });
  lambda = lambdaSdkClient(cp.controlPlane);
  const run = (operation: string, input: Record<string, unknown>) => cp.client.execute(operation, input);
  const csc = await run('CreateCodeSigningConfig', { AllowedPublishers: { SigningProfileVersionArns: ['arn:aws:signer:us-east-1:123456789012:/signing-profiles/p/abc'] } });
  cscArn = String((csc['CodeSigningConfig'] as { CodeSigningConfigArn: string }).CodeSigningConfigArn);
  for (const extra of ['b', 'c']) {
    await run('CreateCodeSigningConfig', { Description: extra, AllowedPublishers: { SigningProfileVersionArns: ['arn:aws:signer:us-east-1:123456789012:/signing-profiles/p/abc'] } });
  }
  for (const name of ['fn-a', 'fn-b', 'fn-c', 'fn-d', 'fn-e']) {
    await cp.client.createFunction({ FunctionName: name, Runtime: 'nodejs22.x', Role: TEST_ROLE, Handler: 'index.handler', Code: { ZipFile: zipOf({ 'index.mjs': `export const handler = async () => '${name}';` }) } });
    await run('PutFunctionCodeSigningConfig', { FunctionName: name, CodeSigningConfigArn: cscArn });
  }
  for (let i = 1; i <= 4; i++) {
    await cp.client.updateFunctionCode({ FunctionName: 'fn-a', ZipFile: zipOf({ 'index.mjs': `export const handler = async () => ${i};` }) });
    await run('PublishVersion', { FunctionName: 'fn-a' });
  }
  for (const [alias, version] of [['blue', '1'], ['green', '2'], ['live', '3'], ['test', '4']] as const) {
    await run('CreateAlias', { FunctionName: 'fn-a', Name: alias, FunctionVersion: version });
    await run('PutFunctionEventInvokeConfig', { FunctionName: 'fn-a', Qualifier: alias, MaximumRetryAttempts: 1 });
    await run('CreateFunctionUrlConfig', { FunctionName: 'fn-a', Qualifier: alias, AuthType: 'NONE' });
    await run('PutProvisionedConcurrencyConfig', { FunctionName: 'fn-a', Qualifier: alias, ProvisionedConcurrentExecutions: 1 });
  }
  for (const queue of ['q1', 'q2', 'q3']) {
    await run('CreateEventSourceMapping', { FunctionName: 'fn-b', EventSourceArn: `arn:aws:sqs:us-east-1:123456789012:${queue}` });
  }
  for (const layer of ['layer-a', 'layer-b', 'layer-c']) {
    for (let i = 0; i < 3; i++) {
      await run('PublishLayerVersion', { LayerName: layer, Content: { ZipFile: zipOf({ 'python/m.py': `V = ${i}\n` }) }, CompatibleRuntimes: ['python3.14'] });
    }
  }
}, 60_000);
afterAll(() => cp?.dispose());

/** Every item of every page, with a page size of 2. */
async function collect<T, P>(pages: AsyncIterable<P>, items: (page: P) => T[] | undefined): Promise<{ items: T[]; pages: number }> {
  const all: T[] = [];
  let count = 0;
  for await (const page of pages) {
    count++;
    all.push(...(items(page) ?? []));
  }
  return { items: all, pages: count };
}

describe('the SDK paginators', () => {
  const config = () => ({ client: lambda, pageSize: 2 });

  it.each([
    ['ListFunctions', () => collect(paginateListFunctions(config(), {}), (p) => p.Functions?.map((f) => f.FunctionName)), ['fn-a', 'fn-b', 'fn-c', 'fn-d', 'fn-e']],
    ['ListFunctions (ALL)', () => collect(paginateListFunctions(config(), { FunctionVersion: 'ALL' }), (p) => p.Functions?.map((f) => `${f.FunctionName}:${f.Version}`)),
      ['fn-a:$LATEST', 'fn-a:1', 'fn-a:2', 'fn-a:3', 'fn-a:4', 'fn-b:$LATEST', 'fn-c:$LATEST', 'fn-d:$LATEST', 'fn-e:$LATEST']],
    ['ListVersionsByFunction', () => collect(paginateListVersionsByFunction(config(), { FunctionName: 'fn-a' }), (p) => p.Versions?.map((v) => v.Version)), ['$LATEST', '1', '2', '3', '4']],
    ['ListAliases', () => collect(paginateListAliases(config(), { FunctionName: 'fn-a' }), (p) => p.Aliases?.map((a) => a.Name)), ['blue', 'green', 'live', 'test']],
    ['ListFunctionEventInvokeConfigs', () => collect(paginateListFunctionEventInvokeConfigs(config(), { FunctionName: 'fn-a' }), (p) => p.FunctionEventInvokeConfigs?.map((c) => c.FunctionArn?.split(':').at(-1))),
      ['blue', 'green', 'live', 'test']],
    ['ListFunctionUrlConfigs', () => collect(paginateListFunctionUrlConfigs(config(), { FunctionName: 'fn-a' }), (p) => p.FunctionUrlConfigs?.map((c) => c.FunctionArn?.split(':').at(-1))),
      ['blue', 'green', 'live', 'test']],
    ['ListProvisionedConcurrencyConfigs', () => collect(paginateListProvisionedConcurrencyConfigs(config(), { FunctionName: 'fn-a' }), (p) => p.ProvisionedConcurrencyConfigs?.map((c) => c.FunctionArn?.split(':').at(-1))),
      ['blue', 'green', 'live', 'test']],
    ['ListEventSourceMappings', () => collect(paginateListEventSourceMappings(config(), { FunctionName: 'fn-b' }), (p) => p.EventSourceMappings?.map((m) => m.EventSourceArn?.split(':').at(-1))),
      ['q1', 'q2', 'q3']],
    ['ListLayers', () => collect(paginateListLayers(config(), {}), (p) => p.Layers?.map((l) => `${l.LayerName}:${l.LatestMatchingVersion?.Version}`)), ['layer-a:3', 'layer-b:3', 'layer-c:3']],
    ['ListLayerVersions', () => collect(paginateListLayerVersions(config(), { LayerName: 'layer-b' }), (p) => p.LayerVersions?.map((v) => v.Version)), [3, 2, 1]],
    ['ListCodeSigningConfigs', () => collect(paginateListCodeSigningConfigs(config(), {}), (p) => p.CodeSigningConfigs?.map((c) => c.CodeSigningConfigArn)), undefined],
    ['ListFunctionsByCodeSigningConfig', () => collect(paginateListFunctionsByCodeSigningConfig(config(), { CodeSigningConfigArn: cscArn }), (p) => p.FunctionArns?.map((arn) => arn.split(':').at(-1))),
      ['fn-a', 'fn-b', 'fn-c', 'fn-d', 'fn-e']],
  ] as const)('%s pages through every item once', async (_name, pages, expected) => {
    const { items, pages: count } = await pages();
    if (expected) expect([...items].sort()).toEqual([...expected].sort());
    else expect(items).toHaveLength(3);
    expect(new Set(items.map(String)).size).toBe(items.length);
    expect(count).toBeGreaterThan(1);
  });
});
