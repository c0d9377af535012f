import { afterEach, describe, expect, it } from 'vitest';
import { noEnvironments, testControlPlane, type TestControlPlane } from '../../tests/support/control-plane';
import { call, createAlias, createFunction, expectError, fnArn, publish } from '../../tests/support/resource-helpers';

interface Policy {
  Version: string;
  Id: string;
  Statement: Array<Record<string, unknown>>;
}

async function policyOf(cp: TestControlPlane, input: object): Promise<{ policy: Policy; revisionId: string }> {
  const answer = await call<{ Policy: string; RevisionId: string }>(cp, 'GetPolicy', input);
  return { policy: JSON.parse(answer.Policy) as Policy, revisionId: answer.RevisionId };
}

// https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html
describe('resource policy: AddPermission, RemovePermission, GetPolicy', () => {
  let cp: TestControlPlane;
  afterEach(() => cp?.dispose());

  it('writes statements as Lambda does (examples-1.json: AddPermission, GetPolicy)', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    await createFunction(cp, 'my-function');
    const s3 = await call<{ Statement: string }>(cp, 'AddPermission', {
      FunctionName: 'my-function',
      StatementId: 's3',
      Action: 'lambda:InvokeFunction',
      Principal: 's3.amazonaws.com',
      SourceArn: 'arn:aws:s3:::my-bucket-1xpuxmplzrlbh',
      SourceAccount: '123456789012',
    });
    expect(s3.Statement).toBe(
      JSON.stringify({
        Sid: 's3',
        Effect: 'Allow',
        Principal: { Service: 's3.amazonaws.com' },
        Action: 'lambda:InvokeFunction',
        Resource: fnArn('my-function'),
        Condition: { StringEquals: { 'AWS:SourceAccount': '123456789012' }, ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::my-bucket-1xpuxmplzrlbh' } },
      }),
    );
    await call(cp, 'AddPermission', { FunctionName: 'my-function', StatementId: 'xaccount', Action: 'lambda:InvokeFunction', Principal: '223456789012' });
    await call(cp, 'AddPermission', {
      FunctionName: 'my-function',
      StatementId: 'url',
      Action: 'lambda:InvokeFunctionUrl',
      Principal: '*',
      FunctionUrlAuthType: 'NONE',
    });
    await call(cp, 'AddPermission', {
      FunctionName: 'my-function',
      StatementId: 'org',
      Action: 'lambda:InvokeFunction',
      Principal: '*',
      PrincipalOrgID: 'o-a1b2c3d4e5',
    });
    const { policy, revisionId } = await policyOf(cp, { FunctionName: 'my-function' });
    expect(policy.Version).toBe('2012-10-17');
    expect(policy.Id).toBe('default');
    expect(policy.Statement.map((statement) => statement.Sid)).toEqual(['s3', 'xaccount', 'url', 'org']);
    expect(policy.Statement[1]!.Principal).toEqual({ AWS: 'arn:aws:iam::223456789012:root' });
    expect(policy.Statement[2]!.Condition).toEqual({ StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } });
    expect(policy.Statement[2]!.Principal).toBe('*');
    expect(policy.Statement[3]!.Condition).toEqual({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } });
    // The policy's RevisionId is the function's: a change to the policy gives the function a new one.
    const configuration = await call<{ RevisionId: string }>(cp, 'GetFunctionConfiguration', { FunctionName: 'my-function' });
    expect(revisionId).toBe(configuration.RevisionId);
  });

  it('keeps one policy per qualifier, with the qualified ARN as Resource', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    await createFunction(cp, 'fn');
    const version = await publish(cp, 'fn');
    await createAlias(cp, 'fn', 'live', version);
    for (const qualifier of [undefined, version, 'live']) {
      await call(cp, 'AddPermission', { FunctionName: 'fn', Qualifier: qualifier, StatementId: 'same-sid', Action: 'lambda:InvokeFunction', Principal: 'sns.amazonaws.com' });
    }
    expect((await policyOf(cp, { FunctionName: 'fn', Qualifier: version })).policy.Statement[0]!.Resource).toBe(fnArn('fn', version));
    expect((await policyOf(cp, { FunctionName: `fn:live` })).policy.Statement[0]!.Resource).toBe(fnArn('fn', 'live'));
    expect((await policyOf(cp, { FunctionName: 'fn' })).policy.Statement[0]!.Resource).toBe(fnArn('fn'));
    const alias = await call<{ RevisionId: string }>(cp, 'GetAlias', { FunctionName: 'fn', Name: 'live' });
    expect((await policyOf(cp, { FunctionName: 'fn', Qualifier: 'live' })).revisionId).toBe(alias.RevisionId);
    await expectError(
      call(cp, 'AddPermission', { FunctionName: 'fn', Qualifier: '$LATEST', StatementId: 'x', Action: 'lambda:InvokeFunction', Principal: '*' }),
      'InvalidParameterValueException',
      400,
      'We currently do not support adding policies for $LATEST.',
    );
    await expectError(
      call(cp, 'AddPermission', { FunctionName: 'fn', Qualifier: 'nope', StatementId: 'x', Action: 'lambda:InvokeFunction', Principal: '*' }),
      'ResourceNotFoundException',
      404,
      `Cannot find alias arn: ${fnArn('fn', 'nope')}`,
    );
    await expectError(
      call(cp, 'GetPolicy', { FunctionName: 'fn', Qualifier: '42' }),
      'ResourceNotFoundException',
      404,
      `Function not found: ${fnArn('fn', '42')}`,
    );
  });

  it('answers Lambda’s errors: duplicate Sid, no policy, unknown statement, RevisionId, bad principal', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    await createFunction(cp, 'fn');
    await expectError(call(cp, 'GetPolicy', { FunctionName: 'fn' }), 'ResourceNotFoundException', 404, 'The resource you requested does not exist.');
    await expectError(call(cp, 'RemovePermission', { FunctionName: 'fn', StatementId: 'a' }), 'ResourceNotFoundException', 404, 'No policy is associated with the given resource.');
    const grant = { FunctionName: 'fn', StatementId: 'a', Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com' };
    await call(cp, 'AddPermission', grant);
    await expectError(
      call(cp, 'AddPermission', grant),
      'ResourceConflictException',
      409,
      'The statement id (a) provided already exists. Please provide a new statement id, or remove the existing statement.',
    );
    await expectError(
      call(cp, 'AddPermission', { ...grant, StatementId: 'b', RevisionId: 'not-the-revision' }),
      'PreconditionFailedException',
      412,
      'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
    );
    const { revisionId } = await policyOf(cp, { FunctionName: 'fn' });
    await call(cp, 'AddPermission', { ...grant, StatementId: 'b', RevisionId: revisionId });
    await expectError(
      call(cp, 'AddPermission', { ...grant, StatementId: 'c', Principal: 'somebody' }),
      'InvalidParameterValueException',
      400,
      'The provided principal was invalid. Please check the principal and try again.',
    );
    await expectError(call(cp, 'AddPermission', { ...grant, StatementId: 'bad sid' }), 'ValidationException', 400, /at 'statementId'/);
    await expectError(call(cp, 'RemovePermission', { FunctionName: 'fn', StatementId: 'zz' }), 'ResourceNotFoundException', 404, 'Statement zz is not found in resource policy.');
    await expectError(call(cp, 'AddPermission', { ...grant, FunctionName: 'ghost' }), 'ResourceNotFoundException', 404, `Function not found: ${fnArn('ghost')}`);

    await call(cp, 'RemovePermission', { FunctionName: 'fn', StatementId: 'a' });
    expect((await policyOf(cp, { FunctionName: 'fn' })).policy.Statement.map((statement) => statement.Sid)).toEqual(['b']);
    await call(cp, 'RemovePermission', { FunctionName: 'fn', StatementId: 'b' });
    await expectError(call(cp, 'GetPolicy', { FunctionName: 'fn' }), 'ResourceNotFoundException', 404, 'The resource you requested does not exist.');
  });

  it('refuses a policy over 20 KB with PolicyLengthExceededException', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    await createFunction(cp, 'fn');
    const grant = (i: number) => ({
      FunctionName: 'fn',
      StatementId: `statement-${i}`,
      Action: 'lambda:InvokeFunction',
      Principal: 's3.amazonaws.com',
      SourceArn: `arn:aws:s3:::${'b'.repeat(200)}-${i}`,
    });
    let added = 0;
    const error = await (async () => {
      for (let i = 0; i < 100; i++) {
        await call(cp, 'AddPermission', grant(i));
        added++;
      }
      return undefined;
    })().catch((e: unknown) => e);
    expect(added).toBeGreaterThan(10);
    expect(error).toMatchObject({ type: 'PolicyLengthExceededException', status: 400 });
    expect((error as Error).message).toMatch(/^The final policy size \(\d+\) is bigger than the limit \(20480\)\.$/);
    // The refused statement was not added.
    expect((await policyOf(cp, { FunctionName: 'fn' })).policy.Statement).toHaveLength(added);
  });

  it('DeleteFunction removes every policy of the function', async () => {
    cp = await testControlPlane({ environments: noEnvironments });
    await createFunction(cp, 'fn');
    await call(cp, 'AddPermission', { FunctionName: 'fn', StatementId: 'a', Action: 'lambda:InvokeFunction', Principal: '*' });
    await call(cp, 'DeleteFunction', { FunctionName: 'fn' });
    await createFunction(cp, 'fn');
    await expectError(call(cp, 'GetPolicy', { FunctionName: 'fn' }), 'ResourceNotFoundException', 404);
  });
});
