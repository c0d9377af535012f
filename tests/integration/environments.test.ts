/**
 * Execution environments as Lambda runs them, with the real QuickJS engine: provisioned
 * concurrency initialises environments ahead of time (no Init Duration on their invocations,
 * AWS_LAMBDA_INITIALIZATION_TYPE=provisioned-concurrency), two invocations at once run in two
 * environments, and the pool can be looked into for the console's "Inside Lambda" view.
 * https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html
 */
import {
  CreateAliasCommand,
  DeleteProvisionedConcurrencyConfigCommand,
  GetProvisionedConcurrencyConfigCommand,
  InvokeCommand,
  PutProvisionedConcurrencyConfigCommand,
} from '@aws-sdk/client-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { lambdaSdkClient } from '../support/sdk-client';
import { TEST_ROLE, testControlPlane, zipOf, type TestControlPlane } from '../support/control-plane';

const HANDLER = `
let invocations = 0;
const startedBy = process.env.AWS_LAMBDA_INITIALIZATION_TYPE;
console.log('init', startedBy);
export const handler = async (event) => {
  invocations++;
  if (event.wait) await new Promise((resolve) => setTimeout(resolve, event.wait));
  return { startedBy, invocations };
};
`;

let cp: TestControlPlane;
afterEach(() => cp?.dispose());

const decode = (payload: Uint8Array | undefined) => JSON.parse(new TextDecoder().decode(payload));

describe('execution environments', () => {
  it('provisioned environments are initialised ahead of time and serve invocations without Init Duration', async () => {
    cp = await testControlPlane();
    await cp.client.createFunction({ FunctionName: 'warm', Runtime: 'nodejs22.x', Role: TEST_ROLE, Handler: 'index.handler', Code: { ZipFile: zipOf({ 'index.mjs': HANDLER }) }, Publish: true });
    const provisioned = await cp.controlPlane.provisionEnvironments('warm', '1', 2);
    expect(provisioned).toMatchObject({ ready: 2, failed: 0 });
    const live = await cp.client.listEnvironments();
    expect(live.map((e) => [e.functionVersion, e.state, e.initializationType, e.invocations])).toEqual([
      ['1', 'idle', 'provisioned-concurrency', 0],
      ['1', 'idle', 'provisioned-concurrency', 0],
    ]);
    const answer = await cp.client.invoke({ FunctionName: 'warm:1', LogType: 'Tail' });
    expect(decode(answer.Payload)).toEqual({ startedBy: 'provisioned-concurrency', invocations: 1 });
    const report = atob(answer.LogResult ?? '').split('\n').find((line) => line.startsWith('REPORT'));
    expect(report).toMatch(/^REPORT RequestId: \S+\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\t?$/);
    expect(report).not.toContain('Init Duration');
    // Their Init was logged when they were provisioned, in their own streams.
    const logs = await cp.client.getLogEvents('warm');
    expect(logs.filter((e) => e.message.startsWith('INIT_START'))).toHaveLength(2);
    expect(logs.filter((e) => e.message.includes('init\tprovisioned-concurrency') || e.message.includes('init provisioned-concurrency'))).toHaveLength(2);
    // $LATEST is not provisioned: its first invocation is an on-demand cold start.
    const latest = await cp.client.invoke({ FunctionName: 'warm', LogType: 'Tail' });
    expect(decode(latest.Payload)).toEqual({ startedBy: 'on-demand', invocations: 1 });
    expect(atob(latest.LogResult ?? '')).toContain('Init Duration');
  }, 60_000);

  it('PutProvisionedConcurrencyConfig on an alias is IN_PROGRESS while environments run Init, then READY, and they serve the alias', async () => {
    cp = await testControlPlane();
    const lambda = lambdaSdkClient(cp.controlPlane);
    await cp.client.createFunction({ FunctionName: 'pc', Runtime: 'nodejs22.x', Role: TEST_ROLE, Handler: 'index.handler', Code: { ZipFile: zipOf({ 'index.mjs': HANDLER }) }, Publish: true });
    await lambda.send(new CreateAliasCommand({ FunctionName: 'pc', Name: 'live', FunctionVersion: '1' }));
    const put = await lambda.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: 'pc', Qualifier: 'live', ProvisionedConcurrentExecutions: 2 }));
    expect(put.$metadata.httpStatusCode).toBe(202);
    expect(put).toMatchObject({ Status: 'IN_PROGRESS', RequestedProvisionedConcurrentExecutions: 2, AllocatedProvisionedConcurrentExecutions: 0 });
    await expect
      .poll(async () => (await lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'pc', Qualifier: 'live' }))).Status, { timeout: 30_000 })
      .toBe('READY');
    const ready = await lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'pc', Qualifier: 'live' }));
    expect(ready).toMatchObject({ AllocatedProvisionedConcurrentExecutions: 2, AvailableProvisionedConcurrentExecutions: 2 });
    const environments = await cp.client.listEnvironments();
    expect(environments.filter((e) => e.initializationType === 'provisioned-concurrency')).toHaveLength(2);
    const answer = await lambda.send(new InvokeCommand({ FunctionName: 'pc:live', LogType: 'Tail' }));
    expect(decode(answer.Payload)).toEqual({ startedBy: 'provisioned-concurrency', invocations: 1 });
    expect(atob(answer.LogResult ?? '')).not.toContain('Init Duration');
    await lambda.send(new DeleteProvisionedConcurrencyConfigCommand({ FunctionName: 'pc', Qualifier: 'live' }));
    const after = await cp.client.listEnvironments();
    expect(after.filter((e) => e.functionName === 'pc').every((e) => e.state !== 'initializing')).toBe(true);
  }, 60_000);

  it('two invocations at once run in two environments, each warm afterwards', async () => {
    cp = await testControlPlane();
    await cp.client.createFunction({ FunctionName: 'pair', Runtime: 'nodejs22.x', Role: TEST_ROLE, Handler: 'index.handler', Code: { ZipFile: zipOf({ 'index.mjs': HANDLER }) } });
    const event = new TextEncoder().encode('{"wait":300}');
    const [a, b] = await Promise.all([cp.client.invoke({ FunctionName: 'pair', Payload: event }), cp.client.invoke({ FunctionName: 'pair', Payload: event })]);
    expect([decode(a.Payload).invocations, decode(b.Payload).invocations]).toEqual([1, 1]);
    const live = (await cp.client.listEnvironments()).filter((e) => e.functionName === 'pair');
    expect(live.map((e) => [e.state, e.invocations])).toEqual([
      ['idle', 1],
      ['idle', 1],
    ]);
    expect(new Set(live.map((e) => e.logStreamName)).size).toBe(2);
  }, 60_000);
});
