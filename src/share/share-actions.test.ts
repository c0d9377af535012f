import { afterEach, describe, expect, it } from 'vitest';
import { echoEnvironments } from '../../tests/support/echo-environments';
import { testControlPlane, TEST_ROLE, zipOf, type TestControlPlane } from '../../tests/support/control-plane';
import {
  createFromShared,
  freeNameAmong,
  removeStaleScratchFunctions,
  replaceWithShared,
  ScratchRunner,
  sharedFunctionOf,
} from './share-actions';
import { SCRATCH_DESCRIPTION } from './scratch';
import type { SharedFunction } from './shared-function';

const planes: TestControlPlane[] = [];
afterEach(async () => {
  await Promise.all(planes.splice(0).map((cp) => cp.dispose()));
});

async function plane(): Promise<TestControlPlane> {
  const cp = await testControlPlane({ environments: echoEnvironments() });
  planes.push(cp);
  return cp;
}

const shared: SharedFunction = {
  name: 'area',
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  memorySize: 256,
  timeout: 5,
  environment: { UNIT: 'cm' },
  files: [
    { path: 'index.mjs', text: 'export const handler = async () => 42;\n' },
    { path: 'blob.bin', base64: 'AP8=' },
  ],
  event: { name: 'square', json: '{"length":2}' },
};

describe('shared functions in the workspace', () => {
  it('creates a function from a link, and reads it back the same', async () => {
    const { client } = await plane();
    const outcome = await createFromShared(client, shared, 'area');
    expect(outcome).toEqual({ name: 'area', eventSaved: 'square' });
    const info = await sharedFunctionOf(client, 'area', { includeEnvironment: true, event: shared.event! });
    expect(info.fn).toEqual({ ...shared, files: [...shared.files].sort((a, b) => a.path.localeCompare(b.path)) });
    const withoutEnv = await sharedFunctionOf(client, 'area', { includeEnvironment: false });
    expect(withoutEnv.fn.environment).toBeUndefined();
    expect(withoutEnv.environmentCount).toBe(1);
  });

  it('replaces $LATEST only when asked, keeping versions', async () => {
    const { client } = await plane();
    await client.createFunction({ FunctionName: 'area', Runtime: 'python3.13', Role: TEST_ROLE, Handler: 'x.y', Code: { ZipFile: zipOf({ 'x.py': '' }) } });
    await client.execute('PublishVersion', { FunctionName: 'area' });
    await replaceWithShared(client, shared, 'area');
    const config = await client.getFunctionConfiguration({ FunctionName: 'area' });
    expect(config).toMatchObject({ Runtime: 'nodejs22.x', Handler: 'index.handler', MemorySize: 256, Timeout: 5 });
    expect((await client.getFunctionConfiguration({ FunctionName: 'area', Qualifier: '1' })).Runtime).toBe('python3.13');
  });

  it('suggests free names within 64 characters', () => {
    expect(freeNameAmong(new Set(['a', 'a-2']), 'a')).toBe('a-3');
    expect(freeNameAmong(new Set(['a']), 'a', 'imported')).toBe('a-imported');
    expect(freeNameAmong(new Set(['a-imported']), 'a', 'imported')).toBe('a-imported-2');
    expect(freeNameAmong(new Set(), 'x'.repeat(64))).toHaveLength(64);
  });

  it('runs in a scratch function that is reused, updated on change and deleted', async () => {
    const { client } = await plane();
    const runner = new ScratchRunner(client);
    const first = await runner.run(shared, '{}');
    expect(first.StatusCode).toBe(200);
    const name = runner.functionName!;
    expect(name).toMatch(/^scratch-[a-z0-9]+-area$/);
    const before = (await client.getFunctionConfiguration({ FunctionName: name })).RevisionId;
    await runner.run(shared, '{"again":1}');
    expect((await client.getFunctionConfiguration({ FunctionName: name })).RevisionId).toBe(before);
    await runner.run({ ...shared, files: [{ path: 'index.mjs', text: 'export const handler = async () => 7;' }] }, '{}');
    expect((await client.getFunctionConfiguration({ FunctionName: name })).RevisionId).not.toBe(before);
    // Deleted behind its back: made again.
    await client.deleteFunction({ FunctionName: name });
    expect((await runner.run(shared, '{}')).StatusCode).toBe(200);
    const again = runner.functionName!;
    await runner.dispose();
    await expect(client.getFunctionConfiguration({ FunctionName: again })).rejects.toMatchObject({ type: 'ResourceNotFoundException' });
  });

  it('a scratch function created after its page closed is removed at once', async () => {
    const { client } = await plane();
    const runner = new ScratchRunner(client);
    const running = runner.run(shared, '{}');
    await runner.dispose();
    await expect(running).rejects.toThrow(/cancelled/);
    expect((await client.listFunctions({})).Functions).toEqual([]);
  });

  it('removes only stale scratch functions', async () => {
    const { client } = await plane();
    await client.createFunction({ FunctionName: 'scratch-old-x', Description: SCRATCH_DESCRIPTION, Runtime: 'nodejs22.x', Role: TEST_ROLE, Handler: 'index.handler', Code: { ZipFile: zipOf({ 'index.mjs': '' }) } });
    await client.createFunction({ FunctionName: 'scratch-mine', Runtime: 'nodejs22.x', Role: TEST_ROLE, Handler: 'index.handler', Code: { ZipFile: zipOf({ 'index.mjs': '' }) } });
    expect(await removeStaleScratchFunctions(client)).toBe(0);
    expect(await removeStaleScratchFunctions(client, Date.now() + 2 * 60 * 60 * 1000)).toBe(1);
    const names = (await client.listFunctions({})).Functions?.map((f) => f.FunctionName);
    expect(names).toEqual(['scratch-mine']);
  });
});
