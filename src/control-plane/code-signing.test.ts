import { unzipSync, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { noEnvironments, testControlPlane, zipOf, type TestControlPlane } from '../../tests/support/control-plane';
import { call, createFunction, expectError, fnArn, HELLO } from '../../tests/support/resource-helpers';
import { createSigningProfile, SIGNATURE_ENTRY, signPackage, verifyPackage } from '../domain/code-signing';
import { verifyLayerSignatures } from './code-signing';

const CONFIG_ARN = /^arn:aws:lambda:us-east-1:123456789012:code-signing-config:csc-[0-9a-f]{17}$/;

interface Config {
  CodeSigningConfigArn: string;
  CodeSigningConfigId: string;
  Description: string;
  AllowedPublishers: { SigningProfileVersionArns: string[] };
  CodeSigningPolicies: { UntrustedArtifactOnDeployment: string };
  LastModified: string;
}

describe('signPackage / verifyPackage (domain)', () => {
  it('verifies what was signed, and refuses tampering, unknown and disallowed profiles', async () => {
    const profile = await createSigningProfile('us-east-1', '123456789012', 'team_a', 0);
    const other = await createSigningProfile('us-east-1', '123456789012', 'team_b', 0);
    expect(profile.profileVersionArn).toMatch(/^arn:aws:signer:us-east-1:123456789012:\/signing-profiles\/team_a\/[A-Za-z0-9]{10}$/);
    const signed = await signPackage(zipOf(HELLO), profile, 0);
    expect(Object.keys(unzipSync(signed)).sort()).toEqual([SIGNATURE_ENTRY, 'index.mjs']);
    expect(await verifyPackage(signed, [profile.profileVersionArn], [profile, other])).toEqual({ status: 'valid', profileVersionArn: profile.profileVersionArn });
    expect((await verifyPackage(signed, [other.profileVersionArn], [profile, other])).status).toBe('untrusted');
    expect((await verifyPackage(signed, [profile.profileVersionArn], [other])).status).toBe('untrusted');
    expect((await verifyPackage(zipOf(HELLO), [profile.profileVersionArn], [profile])).status).toBe('unsigned');
    const files = unzipSync(signed);
    files['index.mjs'] = new TextEncoder().encode('export const handler = async () => "tampered";\n');
    expect((await verifyPackage(zipSync(files), [profile.profileVersionArn], [profile])).status).toBe('invalid');
  });
});

// https://docs.aws.amazon.com/lambda/latest/dg/configuration-codesigning.html
describe('code signing configs', () => {
  let cp: TestControlPlane;
  afterEach(() => cp?.dispose());

  async function newProfile(name: string): Promise<string> {
    return (await call<{ ProfileVersionArn: string }>(cp, 'LambdaliteCreateSigningProfile', { ProfileName: name })).ProfileVersionArn;
  }

  async function sign(profileVersionArn: string, zip: Uint8Array): Promise<Uint8Array> {
    return (await call<{ ZipFile: Uint8Array }>(cp, 'LambdaliteSignPackage', { ProfileVersionArn: profileVersionArn, ZipFile: zip })).ZipFile;
  }

  it('Create/Get/Update/List/Delete a config', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    const profile = await newProfile('publisher');
    const { CodeSigningConfig: created } = await call<{ CodeSigningConfig: Config }>(cp, 'CreateCodeSigningConfig', {
      Description: 'mine',
      AllowedPublishers: { SigningProfileVersionArns: [profile] },
    });
    expect(created).toMatchObject({
      CodeSigningConfigArn: expect.stringMatching(CONFIG_ARN),
      Description: 'mine',
      AllowedPublishers: { SigningProfileVersionArns: [profile] },
      CodeSigningPolicies: { UntrustedArtifactOnDeployment: 'Warn' },
    });
    expect(created.CodeSigningConfigArn.endsWith(created.CodeSigningConfigId)).toBe(true);
    expect(created.LastModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    const arn = created.CodeSigningConfigArn;
    const { CodeSigningConfig: updated } = await call<{ CodeSigningConfig: Config }>(cp, 'UpdateCodeSigningConfig', {
      CodeSigningConfigArn: arn,
      CodeSigningPolicies: { UntrustedArtifactOnDeployment: 'Enforce' },
    });
    expect(updated).toMatchObject({ Description: 'mine', CodeSigningPolicies: { UntrustedArtifactOnDeployment: 'Enforce' } });
    expect(await call(cp, 'GetCodeSigningConfig', { CodeSigningConfigArn: arn })).toEqual({ CodeSigningConfig: updated });
    expect((await call<{ CodeSigningConfigs: Config[] }>(cp, 'ListCodeSigningConfigs')).CodeSigningConfigs).toEqual([updated]);
    await call(cp, 'DeleteCodeSigningConfig', { CodeSigningConfigArn: arn });
    await expectError(call(cp, 'GetCodeSigningConfig', { CodeSigningConfigArn: arn }), 'ResourceNotFoundException', 404, `The Lambda code signing configuration ${arn} can not be found.`);
    await expectError(call(cp, 'CreateCodeSigningConfig', { AllowedPublishers: { SigningProfileVersionArns: [] } }), 'ValidationException', 400);
    await expectError(call(cp, 'GetCodeSigningConfig', { CodeSigningConfigArn: 'csc-1' }), 'ValidationException', 400, /codeSigningConfigArn/);
  });

  it('Enforce refuses unsigned and untrusted packages with CodeVerificationFailedException; Warn deploys them', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    const trusted = await newProfile('trusted');
    const stranger = await newProfile('stranger');
    const { CodeSigningConfig: config } = await call<{ CodeSigningConfig: Config }>(cp, 'CreateCodeSigningConfig', {
      AllowedPublishers: { SigningProfileVersionArns: [trusted] },
      CodeSigningPolicies: { UntrustedArtifactOnDeployment: 'Enforce' },
    });
    const refusal =
      'Lambda cannot deploy the function. The function or layer might be signed using a signature that the client is not configured to accept. ' +
      `Check the provided signature for ${fnArn('signed')}.`;
    await expectError(
      createFunction(cp, 'signed', { CodeSigningConfigArn: config.CodeSigningConfigArn }),
      'CodeVerificationFailedException',
      400,
      refusal,
    );
    await expectError(
      createFunction(cp, 'signed', { CodeSigningConfigArn: config.CodeSigningConfigArn, Code: { ZipFile: await sign(stranger, zipOf(HELLO)) } }),
      'CodeVerificationFailedException',
      400,
      refusal,
    );
    await createFunction(cp, 'signed', { CodeSigningConfigArn: config.CodeSigningConfigArn, Code: { ZipFile: await sign(trusted, zipOf(HELLO)) } });
    expect(await call(cp, 'GetFunctionCodeSigningConfig', { FunctionName: 'signed' })).toEqual({ CodeSigningConfigArn: config.CodeSigningConfigArn, FunctionName: 'signed' });
    await expectError(call(cp, 'UpdateFunctionCode', { FunctionName: 'signed', ZipFile: zipOf(HELLO) }), 'CodeVerificationFailedException', 400, refusal);
    const tampered = unzipSync(await sign(trusted, zipOf(HELLO)));
    tampered['extra.js'] = new TextEncoder().encode('1');
    await expectError(call(cp, 'UpdateFunctionCode', { FunctionName: 'signed', ZipFile: zipSync(tampered) }), 'InvalidCodeSignatureException', 400);
    await call(cp, 'UpdateFunctionCode', { FunctionName: 'signed', ZipFile: await sign(trusted, zipOf({ ...HELLO, 'more.js': '2' })) });

    // Deleting a config functions use is refused; detached, it goes.
    await expectError(call(cp, 'DeleteCodeSigningConfig', { CodeSigningConfigArn: config.CodeSigningConfigArn }), 'ResourceConflictException', 409);
    expect(await call(cp, 'ListFunctionsByCodeSigningConfig', { CodeSigningConfigArn: config.CodeSigningConfigArn })).toEqual({ FunctionArns: [fnArn('signed')] });

    await call(cp, 'UpdateCodeSigningConfig', { CodeSigningConfigArn: config.CodeSigningConfigArn, CodeSigningPolicies: { UntrustedArtifactOnDeployment: 'Warn' } });
    await call(cp, 'UpdateFunctionCode', { FunctionName: 'signed', ZipFile: zipOf(HELLO) });

    await call(cp, 'DeleteFunctionCodeSigningConfig', { FunctionName: 'signed' });
    expect(await call(cp, 'GetFunctionCodeSigningConfig', { FunctionName: 'signed' })).toEqual({ CodeSigningConfigArn: '', FunctionName: 'signed' });
    await call(cp, 'DeleteCodeSigningConfig', { CodeSigningConfigArn: config.CodeSigningConfigArn });
  });

  it('verifyLayerSignatures checks the layers of a function with a config', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    const trusted = await newProfile('layers');
    const { CodeSigningConfig: config } = await call<{ CodeSigningConfig: Config }>(cp, 'CreateCodeSigningConfig', {
      AllowedPublishers: { SigningProfileVersionArns: [trusted] },
      CodeSigningPolicies: { UntrustedArtifactOnDeployment: 'Enforce' },
    });
    const publish = async (name: string, zip: Uint8Array) =>
      (await call<{ LayerVersionArn: string }>(cp, 'PublishLayerVersion', { LayerName: name, Content: { ZipFile: zip } })).LayerVersionArn;
    const layerFiles = zipOf({ 'nodejs/node_modules/util/index.js': 'module.exports = 1;' });
    const signed = await publish('signed-layer', await sign(trusted, layerFiles));
    const unsigned = await publish('unsigned-layer', layerFiles);
    const scope = { region: 'us-east-1', accountId: '123456789012' };
    expect(await verifyLayerSignatures(cp.store, scope, 'fn', config.CodeSigningConfigArn, [signed])).toEqual([{ signingProfileVersionArn: trusted }]);
    expect(await verifyLayerSignatures(cp.store, scope, 'fn', undefined, [unsigned])).toEqual([]);
    await expectError(verifyLayerSignatures(cp.store, scope, 'fn', config.CodeSigningConfigArn, [signed, unsigned]), 'CodeVerificationFailedException', 400);
  });

  it('PutFunctionCodeSigningConfig attaches a config; unknown configs and functions answer Lambda’s errors', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    await createFunction(cp, 'fn');
    const profile = await newProfile('p1');
    const { CodeSigningConfig: config } = await call<{ CodeSigningConfig: Config }>(cp, 'CreateCodeSigningConfig', {
      AllowedPublishers: { SigningProfileVersionArns: [profile] },
      CodeSigningPolicies: { UntrustedArtifactOnDeployment: 'Enforce' },
    });
    expect(await call(cp, 'PutFunctionCodeSigningConfig', { FunctionName: 'fn', CodeSigningConfigArn: config.CodeSigningConfigArn })).toEqual({
      CodeSigningConfigArn: config.CodeSigningConfigArn,
      FunctionName: 'fn',
    });
    await expectError(call(cp, 'UpdateFunctionCode', { FunctionName: 'fn', ZipFile: zipOf(HELLO) }), 'CodeVerificationFailedException', 400);
    const missing = 'arn:aws:lambda:us-east-1:123456789012:code-signing-config:csc-0123456789abcdef0';
    await expectError(
      call(cp, 'PutFunctionCodeSigningConfig', { FunctionName: 'fn', CodeSigningConfigArn: missing }),
      'CodeSigningConfigNotFoundException',
      404,
      `The code signing configuration cannot be found. Check that the provided configuration is not deleted: ${missing}.`,
    );
    await expectError(
      call(cp, 'PutFunctionCodeSigningConfig', { FunctionName: 'ghost', CodeSigningConfigArn: config.CodeSigningConfigArn }),
      'ResourceNotFoundException',
      404,
      `Function not found: ${fnArn('ghost')}`,
    );
    const profiles = await call<{ Profiles: Array<{ profileVersionArn: string; canSign: boolean; privateKeyJwk?: unknown }> }>(cp, 'LambdaliteListSigningProfiles');
    expect(profiles.Profiles).toEqual([expect.objectContaining({ profileVersionArn: profile, canSign: true })]);
    expect(profiles.Profiles[0]!.privateKeyJwk).toBeUndefined();
  });
});
