import { afterEach, describe, expect, it } from 'vitest';
import { noEnvironments, testControlPlane, type TestControlPlane } from '../../tests/support/control-plane';
import { call, createFunction, expectError, fnArn } from '../../tests/support/resource-helpers';
import { validateTags } from './tags';

// https://docs.aws.amazon.com/lambda/latest/dg/configuration-tags.html
describe('tags: TagResource, UntagResource, ListTags', () => {
  let cp: TestControlPlane;
  afterEach(() => cp?.dispose());

  it('adds, merges, lists and removes a function’s tags; GetFunction shows them', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    await createFunction(cp, 'tagged');
    const before = await call<{ RevisionId: string }>(cp, 'GetFunctionConfiguration', { FunctionName: 'tagged' });
    expect(await call(cp, 'TagResource', { Resource: fnArn('tagged'), Tags: { Department: 'Sales', Category: 'Web Tools' } })).toEqual({});
    await call(cp, 'TagResource', { Resource: fnArn('tagged'), Tags: { Department: 'Assets' } });
    expect(await call(cp, 'ListTags', { Resource: fnArn('tagged') })).toEqual({ Tags: { Department: 'Assets', Category: 'Web Tools' } });
    const fn = await call<{ Tags?: Record<string, string> }>(cp, 'GetFunction', { FunctionName: 'tagged' });
    expect(fn.Tags).toEqual({ Department: 'Assets', Category: 'Web Tools' });
    const after = await call<{ RevisionId: string }>(cp, 'GetFunctionConfiguration', { FunctionName: 'tagged' });
    expect(after.RevisionId).not.toBe(before.RevisionId);

    await call(cp, 'UntagResource', { Resource: fnArn('tagged'), TagKeys: ['Department', 'NotThere'] });
    expect(await call(cp, 'ListTags', { Resource: fnArn('tagged') })).toEqual({ Tags: { Category: 'Web Tools' } });
    await call(cp, 'UntagResource', { Resource: fnArn('tagged'), TagKeys: ['Category'] });
    expect(await call(cp, 'ListTags', { Resource: fnArn('tagged') })).toEqual({ Tags: {} });
  });

  it('refuses versions and aliases, unknown functions and malformed ARNs with Lambda’s errors', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    await createFunction(cp, 'fn');
    await expectError(
      call(cp, 'TagResource', { Resource: fnArn('fn', '1'), Tags: { a: 'b' } }),
      'InvalidParameterValueException',
      400,
      'Tagging operations are permitted on Lambda functions only. Tags on aliases and versions are not supported. Please specify either a function name or a function ARN.',
    );
    await expectError(call(cp, 'ListTags', { Resource: fnArn('nope') }), 'ResourceNotFoundException', 404, `Function not found: ${fnArn('nope')}`);
    await expectError(call(cp, 'TagResource', { Resource: 'fn', Tags: { a: 'b' } }), 'ValidationException', 400, /Value 'fn' at 'resource' failed to satisfy constraint/);
    await expectError(call(cp, 'TagResource', { Resource: fnArn('fn') }), 'ValidationException', 400, /Value null at 'tags'/);
  });

  it('enforces the 50-tag limit, the key and value constraints and the reserved aws: prefix', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    await createFunction(cp, 'fn');
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`key${i}`, `v${i}`]));
    await call(cp, 'TagResource', { Resource: fnArn('fn'), Tags: fifty });
    await expectError(
      call(cp, 'TagResource', { Resource: fnArn('fn'), Tags: { one: 'more' } }),
      'InvalidParameterValueException',
      400,
      'Number of tags exceeds resource tag limit.',
    );
    // Replacing an existing key does not add a tag.
    await call(cp, 'TagResource', { Resource: fnArn('fn'), Tags: { key0: 'changed' } });
    await expectError(call(cp, 'TagResource', { Resource: fnArn('fn'), Tags: { 'aws:owner': 'x' } }), 'InvalidParameterValueException', 400, /aws:/);
    await expectError(
      call(cp, 'TagResource', { Resource: fnArn('fn'), Tags: { ['k'.repeat(129)]: 'x' } }),
      'ValidationException',
      400,
      /Map keys must satisfy constraint: \[Member must have length less than or equal to 128/,
    );
    await expectError(
      call(cp, 'TagResource', { Resource: fnArn('fn'), Tags: { ok: 'semi;colon' } }),
      'ValidationException',
      400,
      /Map value must satisfy constraint/,
    );
  });

  it('validateTags accepts Unicode letters, spaces and the allowed symbols', () => {
    expect(() => validateTags({ 'Équipe Café': 'a b_c.d:e/f=g+h-i@j', Empty: '' })).not.toThrow();
  });

  it('tags code signing configs too', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    const { CodeSigningConfig } = await call<{ CodeSigningConfig: { CodeSigningConfigArn: string } }>(cp, 'CreateCodeSigningConfig', {
      AllowedPublishers: { SigningProfileVersionArns: ['arn:aws:signer:us-east-1:123456789012:/signing-profiles/p/abcdefghij'] },
      Tags: { team: 'a' },
    });
    await call(cp, 'TagResource', { Resource: CodeSigningConfig.CodeSigningConfigArn, Tags: { env: 'dev' } });
    expect(await call(cp, 'ListTags', { Resource: CodeSigningConfig.CodeSigningConfigArn })).toEqual({ Tags: { team: 'a', env: 'dev' } });
  });
});
