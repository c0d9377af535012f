import { afterEach, describe, expect, it } from 'vitest';
import { noEnvironments, TEST_ROLE, testControlPlane, zipOf, type TestControlPlane } from '../../tests/support/control-plane';
import { allFunctionVersions, layerUses } from './layer-usage';

describe('functions using a layer (the Layers page, scanning ListFunctions FunctionVersion=ALL)', () => {
  let cp: TestControlPlane;
  afterEach(() => cp?.dispose());

  it('finds $LATEST and published versions by the layer’s version ARNs, and keeps a deleted version’s users', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    const publish = async (name: string): Promise<string> =>
      String((await cp.client.execute('PublishLayerVersion', { LayerName: name, Content: { ZipFile: zipOf({ 'nodejs/x.js': '1' }) } }))['LayerVersionArn']);
    const shared1 = await publish('shared');
    const shared2 = await publish('shared');
    const other = await publish('shared-other');
    const create = (name: string, layers: string[]) =>
      cp.client.createFunction({
        FunctionName: name,
        Runtime: 'nodejs22.x',
        Role: TEST_ROLE,
        Handler: 'index.handler',
        Code: { ZipFile: zipOf({ 'index.mjs': 'export const handler = async () => 1;' }) },
        Layers: layers,
      });
    await create('b-fn', [shared1]);
    await cp.client.execute('PublishVersion', { FunctionName: 'b-fn' });
    await cp.client.updateFunctionConfiguration({ FunctionName: 'b-fn', Layers: [shared2] });
    await create('a-fn', [other, shared2]);
    await create('unrelated', [other]);
    await cp.client.execute('DeleteLayerVersion', { LayerName: 'shared', VersionNumber: 1 });

    const layerArn = shared1.replace(/:1$/, '');
    expect(layerUses(await allFunctionVersions(cp.client), layerArn)).toEqual([
      { functionName: 'a-fn', functionVersion: '$LATEST', layerVersion: 2 },
      { functionName: 'b-fn', functionVersion: '1', layerVersion: 1 },
      { functionName: 'b-fn', functionVersion: '$LATEST', layerVersion: 2 },
    ]);
  });
});
