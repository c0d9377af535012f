import { afterEach, describe, expect, it } from 'vitest';
import { TEST_ROLE, testControlPlane, zipOf, type TestControlPlane } from '../../tests/support/control-plane';

describe('reset workspace (the console’s Settings → Reset workspace)', () => {
  let cp: TestControlPlane & { dbName: string };
  afterEach(() => cp?.dispose());

  it('deletes functions, versions, aliases, layers, test events, logs and settings, also after a reopen', async () => {
    cp = await testControlPlane();
    const { client } = cp;
    await client.updateSettings({ region: 'eu-west-3', idleReclaimMinutes: 9 });
    await client.createFunction({
      FunctionName: 'fn',
      Runtime: 'nodejs22.x',
      Role: TEST_ROLE,
      Handler: 'index.handler',
      Code: { ZipFile: zipOf({ 'index.mjs': 'export const handler = async () => { console.log("hi"); return 1; };' }) },
      Publish: true,
    });
    await client.execute('CreateAlias', { FunctionName: 'fn', Name: 'live', FunctionVersion: '1' });
    await client.execute('PublishLayerVersion', { LayerName: 'lib', Content: { ZipFile: zipOf({ 'nodejs/a.js': '1' }) } });
    await client.saveTestEvent('fn', 'ev', '{}');
    await client.invoke({ FunctionName: 'fn' });
    expect((await client.describeInsideLambda()).environments).toHaveLength(1);

    expect(await client.resetWorkspace()).toEqual({ region: 'us-east-1', accountId: '123456789012' });
    expect((await client.describeInsideLambda()).environments).toEqual([]);
    expect((await client.listFunctions({})).Functions).toEqual([]);

    const dbName = cp.dbName;
    await cp.dispose();
    cp = await testControlPlane({ dbName });
    expect((await cp.client.listFunctions({ FunctionVersion: 'ALL' })).Functions).toEqual([]);
    expect((await cp.client.execute('ListLayers', {}))['Layers']).toEqual([]);
    expect(await cp.client.getSettings()).toEqual({ region: 'us-east-1', accountId: '123456789012' });
    expect(await cp.store.getLogEvents('/aws/lambda/fn')).toEqual([]);
    expect(await cp.store.listTestEvents('fn')).toEqual([]);
    // The name is free again, and a new layer starts at version 1.
    const layer = await cp.client.execute('PublishLayerVersion', { LayerName: 'lib', Content: { ZipFile: zipOf({ 'nodejs/b.js': '2' }) } });
    expect(layer['Version']).toBe(1);
  }, 30_000);
});
