/**
 * Workspace export and import against the real control plane (IndexedDB on fake-indexeddb):
 * everything goes through the Lambda API, so these are the calls the console makes.
 */
import fc from 'fast-check';
import { zipSync, strToU8 } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { noEnvironments, testControlPlane, zipOf, TEST_ROLE, type TestControlPlane } from '../../tests/support/control-plane';
import type { LambdaliteClient } from '../client/lambda-client';
import type { OperationShape } from '../workers/protocol';
import { exportWorkspace, importWorkspace, readWorkspaceFile, WorkspaceFileError, type Progress } from './workspace-archive';

const planes: TestControlPlane[] = [];
afterEach(async () => {
  await Promise.all(planes.splice(0).map((cp) => cp.dispose()));
});

async function plane(): Promise<LambdaliteClient> {
  const cp = await testControlPlane({ environments: noEnvironments });
  planes.push(cp);
  return cp.client;
}

const call = async <T = Record<string, unknown>>(client: LambdaliteClient, op: string, input: object): Promise<T> =>
  (await client.execute(op, input as OperationShape)) as unknown as T;

const code = (v: string) => zipOf({ 'index.mjs': `export const handler = async () => '${v}';\n` });

/** Two functions, versions 1–2 of one, an alias with weights, a layer it uses, test events. */
async function seed(client: LambdaliteClient): Promise<void> {
  const layer = await call<{ LayerVersionArn: string }>(client, 'PublishLayerVersion', {
    LayerName: 'utils',
    Description: 'shared helpers',
    CompatibleRuntimes: ['nodejs22.x'],
    Content: { ZipFile: zipOf({ 'nodejs/node_modules/utils/index.js': 'module.exports = 1;' }) },
  });
  await client.createFunction({
    FunctionName: 'area',
    Runtime: 'nodejs22.x',
    Role: TEST_ROLE,
    Handler: 'index.handler',
    Code: { ZipFile: code('v1') },
    MemorySize: 256,
    Environment: { Variables: { UNIT: 'cm' } },
    Layers: [layer.LayerVersionArn],
  });
  await call(client, 'PublishVersion', { FunctionName: 'area', Description: 'first' });
  await client.updateFunctionCode({ FunctionName: 'area', ZipFile: code('v2') });
  await call(client, 'PublishVersion', { FunctionName: 'area' });
  await client.updateFunctionCode({ FunctionName: 'area', ZipFile: code('latest') });
  await call(client, 'CreateAlias', { FunctionName: 'area', Name: 'live', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 0.25 } } });
  await client.saveTestEvent('area', 'square', '{"length":2,"width":2}');
  const { FunctionArn } = await client.getFunctionConfiguration({ FunctionName: 'area' });
  await call(client, 'TagResource', { Resource: FunctionArn, Tags: { course: 'lambda-101' } });
  await call(client, 'PutFunctionConcurrency', { FunctionName: 'area', ReservedConcurrentExecutions: 5 });
  await client.saveTestEvent('area', 'wide', '{"length":9,"width":1}');
  await client.createFunction({ FunctionName: 'hello', Runtime: 'python3.13', Role: TEST_ROLE, Handler: 'lambda_function.lambda_handler', Code: { ZipFile: zipOf({ 'lambda_function.py': 'def lambda_handler(e, c):\n    return 1\n' }) } });
  await client.updateSettings({ idleReclaimMinutes: 7 });
}

describe('workspace export and import', () => {
  it('brings back functions, versions, aliases, layers, test events and settings', async () => {
    const source = await plane();
    await seed(source);
    const progress: Progress[] = [];
    const { zip, manifest } = await exportWorkspace(source, (p) => progress.push(p));
    expect(manifest.functions.map((f) => f.name)).toEqual(['area', 'hello']);
    expect(progress.at(-1)).toMatchObject({ step: 'Done' });
    expect(progress.every((p) => p.done <= p.total)).toBe(true);
    // v1, v2, latest, hello, the layer: five archives, each stored once.
    expect(Object.keys(readWorkspaceFile(zip).files).filter((p) => p.startsWith('code/'))).toHaveLength(5);

    const target = await plane();
    const report = await importWorkspace(target, zip);
    expect(report.entries.map((e) => [e.kind, e.name, e.outcome])).toEqual([
      ['settings', 'Settings', 'added'],
      ['layer', 'utils', 'added'],
      ['function', 'area', 'added'],
      ['function', 'hello', 'added'],
    ]);
    expect((await target.getSettings()).idleReclaimMinutes).toBe(7);
    const versions = await call<{ Versions: Array<{ Version: string; CodeSha256: string; Description: string }> }>(target, 'ListVersionsByFunction', { FunctionName: 'area' });
    const sourceVersions = await call<{ Versions: Array<{ Version: string; CodeSha256: string; Description: string }> }>(source, 'ListVersionsByFunction', { FunctionName: 'area' });
    expect(versions.Versions.map((v) => [v.Version, v.CodeSha256, v.Description])).toEqual(sourceVersions.Versions.map((v) => [v.Version, v.CodeSha256, v.Description]));
    const alias = await call<{ FunctionVersion: string; RoutingConfig: unknown }>(target, 'GetAlias', { FunctionName: 'area', Name: 'live' });
    expect(alias).toMatchObject({ FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 0.25 } } });
    const config = await target.getFunctionConfiguration({ FunctionName: 'area' });
    expect(config).toMatchObject({ MemorySize: 256, Environment: { Variables: { UNIT: 'cm' } } });
    expect(config.Layers?.map((l) => l.Arn)).toEqual([expect.stringMatching(/:layer:utils:1$/)]);
    expect((await target.listTestEvents('area')).map((e) => e.name)).toEqual(['square', 'wide']);
    expect((await call<{ Tags: unknown }>(target, 'ListTags', { Resource: config.FunctionArn })).Tags).toEqual({ course: 'lambda-101' });
    expect((await call<{ ReservedConcurrentExecutions: number }>(target, 'GetFunctionConcurrency', { FunctionName: 'area' })).ReservedConcurrentExecutions).toBe(5);
    expect(await target.getFunctionCodeZip('area')).toBeInstanceOf(Uint8Array);
  });

  it('merges into a non-empty workspace: same code skipped, different code renamed, settings kept', async () => {
    const source = await plane();
    await seed(source);
    const { zip } = await exportWorkspace(source);
    const target = await plane();
    await target.createFunction({ FunctionName: 'area', Runtime: 'nodejs22.x', Role: TEST_ROLE, Handler: 'index.handler', Code: { ZipFile: code('mine') } });
    await target.updateSettings({ idleReclaimMinutes: 3 });
    const mine = (await target.getFunctionConfiguration({ FunctionName: 'area' })).CodeSha256;
    const report = await importWorkspace(target, zip);
    expect(report.entries.map((e) => [e.name, e.outcome, e.newName])).toEqual([
      ['Settings', 'skipped', undefined],
      ['utils', 'added', undefined],
      ['area', 'renamed', 'area-imported'],
      ['hello', 'added', undefined],
    ]);
    expect((await target.getSettings()).idleReclaimMinutes).toBe(3);
    expect((await target.getFunctionConfiguration({ FunctionName: 'area-imported' })).MemorySize).toBe(256);

    // A second import finds everything there already.
    const again = await importWorkspace(target, zip);
    expect(again.entries.map((e) => [e.name, e.outcome])).toEqual([
      ['Settings', 'skipped'],
      ['utils', 'skipped'],
      ['area', 'skipped'],
      ['hello', 'skipped'],
    ]);
    expect(again.entries[2]?.details).toEqual(['Imported earlier as area-imported, with the same code: left as it is.']);
    // The user's own `area` was never overwritten.
    expect((await target.getFunctionConfiguration({ FunctionName: 'area' })).CodeSha256).toBe(mine);
  });

  it('says which version numbers could not match', async () => {
    const source = await plane();
    await source.createFunction({ FunctionName: 'gappy', Runtime: 'nodejs22.x', Role: TEST_ROLE, Handler: 'index.handler', Code: { ZipFile: code('1') } });
    await call(source, 'PublishVersion', { FunctionName: 'gappy' });
    await source.updateFunctionCode({ FunctionName: 'gappy', ZipFile: code('2') });
    await call(source, 'PublishVersion', { FunctionName: 'gappy' });
    await source.updateFunctionCode({ FunctionName: 'gappy', ZipFile: code('3') });
    await call(source, 'PublishVersion', { FunctionName: 'gappy' });
    await source.deleteFunction({ FunctionName: 'gappy', Qualifier: '2' });
    const { zip } = await exportWorkspace(source);
    const report = await importWorkspace(await plane(), zip);
    expect(report.entries[1]?.details.join(' ')).toMatch(/Version 3 is version 2 here/);
  });

  it('reads any file without an error other than WorkspaceFileError (property)', () => {
    const attempt = (zip: Uint8Array): void => {
      try {
        readWorkspaceFile(zip);
      } catch (error) {
        expect(error).toBeInstanceOf(WorkspaceFileError);
      }
    };
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => attempt(bytes)), { numRuns: 300 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => attempt(new Uint8Array([0x50, 0x4b, ...bytes]))), { numRuns: 300 });
    // Manifests of any JSON shape, with names and paths that try the prototype.
    const manifest = fc.record({
      format: fc.constant('lambdalite-workspace'),
      version: fc.constant(1),
      layers: fc.array(fc.anything(), { maxLength: 3 }),
      functions: fc.array(
        fc.oneof(
          fc.anything(),
          fc.record({ name: fc.constantFrom('f', 'constructor', '__proto__'), latest: fc.record({ runtime: fc.constant('nodejs22.x'), handler: fc.string(), role: fc.string(), memorySize: fc.integer(), timeout: fc.integer(), code: fc.constantFrom('__proto__', 'constructor', 'code/x.zip', 'manifest.json'), codeSha256: fc.string() }), versions: fc.anything(), aliases: fc.anything(), testEvents: fc.anything() }),
        ),
        { maxLength: 3 },
      ),
    });
    fc.assert(
      fc.property(manifest, (m) => {
        let text: string;
        try {
          text = JSON.stringify(m) ?? 'null';
        } catch {
          return;
        }
        attempt(zipSync({ 'manifest.json': strToU8(text), 'code/x.zip': zipOf({ 'index.mjs': '' }) }));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses files that are not workspace exports', () => {
    expect(() => readWorkspaceFile(new TextEncoder().encode('hello'))).toThrow(WorkspaceFileError);
    expect(() => readWorkspaceFile(zipOf({ 'a.txt': 'x' }))).toThrow(/manifest/);
    expect(() => readWorkspaceFile(zipOf({ 'manifest.json': '{"format":"lambdalite-workspace","version":1,"functions":[{"name":"../x"}]}' }))).toThrow(/name/);
    expect(() =>
      readWorkspaceFile(zipOf({ 'manifest.json': JSON.stringify({ format: 'lambdalite-workspace', version: 1, functions: [{ name: 'f', latest: { runtime: 'nodejs22.x', handler: 'i.h', role: 'r', memorySize: 128, timeout: 3, code: 'code/missing.zip', codeSha256: 'x' } }] }) })),
    ).toThrow(/missing/);
  });
});
