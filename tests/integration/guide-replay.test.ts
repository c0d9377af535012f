/**
 * The seed's operations guide ("AWS CLI — Lambda Operations Guide", chapters 4–7 and 10–13),
 * replayed step by step through the real @aws-sdk/client-lambda: each `aws lambda …` command of
 * the guide becomes the SDK call the CLI makes, and each result is checked against what the
 * guide shows (its `--query` projections included). Chapter 12's event source mappings are
 * replayed as the API stores them; their sources polling and invoking belong to later work.
 *
 * The API replay runs on environments that echo which version ran (the guide is about the
 * API); the last test runs the guide's handler in the real Pyodide once, for 7.1's response.
 */
import {
  CreateEventSourceMappingCommand,
  DeleteEventSourceMappingCommand,
  GetEventSourceMappingCommand,
  ListEventSourceMappingsCommand,
  UpdateEventSourceMappingCommand,
  AddPermissionCommand,
  CreateAliasCommand,
  CreateFunctionCommand,
  DeleteFunctionConcurrencyCommand,
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionConfigurationCommand,
  GetPolicyCommand,
  GetProvisionedConcurrencyConfigCommand,
  InvokeCommand,
  LambdaClient,
  ListLayerVersionsCommand,
  ListVersionsByFunctionCommand,
  PublishLayerVersionCommand,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
  PutProvisionedConcurrencyConfigCommand,
  RemovePermissionCommand,
  ResourceNotFoundException,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { echoEnvironments } from '../support/echo-environments';
import { lambdaSdkClient } from '../support/sdk-client';
import { testControlPlane, zipOf, type TestControlPlane } from '../support/control-plane';

const ROLE_ARN = 'arn:aws:iam::123456789012:role/lambda-basic-execution';
const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:hello-api';
/** 4.1 Minimal handler (lambda_function.py), zipped as in 4.2. */
const HANDLER_PY = 'def handler(event, context):\n    return {\n        "message": "Hello Lambda",\n        "input": event\n    }\n';
const functionZip = (revision = '') => zipOf({ 'lambda_function.py': HANDLER_PY + revision });
const waiter = { minDelay: 1, maxDelay: 1, maxWaitTime: 30 };
const text = (payload: Uint8Array | undefined) => new TextDecoder().decode(payload);

let cp: TestControlPlane;
let lambda: LambdaClient;

beforeAll(async () => {
  // The app's own state timing: a real script meets Pending and InProgress, as on AWS.
  cp = await testControlPlane({ environments: echoEnvironments(), controlPlane: { stateTransitionMs: 250 } });
  lambda = lambdaSdkClient(cp.controlPlane);
});
afterAll(() => cp?.dispose());

describe('the operations guide, replayed', () => {
  it('4. Packaging (Zip) & Basic Function Creation', async () => {
    // 4.3 aws lambda create-function --function-name hello-api --runtime python3.11 --role $ROLE_ARN
    //     --handler lambda_function.handler --zip-file fileb://function.zip --timeout 10 --memory-size 256
    const created = await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'hello-api',
        Runtime: 'python3.11',
        Role: ROLE_ARN,
        Handler: 'lambda_function.handler',
        Code: { ZipFile: functionZip() },
        Timeout: 10,
        MemorySize: 256,
      }),
    );
    expect(created).toMatchObject({ FunctionName: 'hello-api', FunctionArn: FUNCTION_ARN, Runtime: 'python3.11', Timeout: 10, MemorySize: 256, State: 'Pending' });
    await waitUntilFunctionActiveV2({ client: lambda, ...waiter }, { FunctionName: 'hello-api' });
    // 4.4 aws lambda get-function --function-name hello-api --query 'Configuration.{Name:FunctionName,Runtime:Runtime,LastModified:LastModified}'
    const { Configuration } = await lambda.send(new GetFunctionCommand({ FunctionName: 'hello-api' }));
    expect({ Name: Configuration?.FunctionName, Runtime: Configuration?.Runtime }).toEqual({ Name: 'hello-api', Runtime: 'python3.11' });
    expect(Configuration?.LastModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
  });

  it('5. Updating Code & Configuration', async () => {
    // 5.1 aws lambda update-function-code --function-name hello-api --zip-file fileb://function.zip
    const updated = await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'hello-api', ZipFile: functionZip('# v2\n') }));
    expect(updated.LastUpdateStatus).toBe('InProgress');
    // (On AWS too, the next update must wait for this one: aws lambda wait function-updated.)
    await waitUntilFunctionUpdatedV2({ client: lambda, ...waiter }, { FunctionName: 'hello-api' });
    // 5.2 --memory-size 512 --timeout 20
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'hello-api', MemorySize: 512, Timeout: 20 }));
    await waitUntilFunctionUpdatedV2({ client: lambda, ...waiter }, { FunctionName: 'hello-api' });
    // 5.3 --environment "Variables={STAGE=dev,LOG_LEVEL=INFO}"
    await lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: 'hello-api', Environment: { Variables: { STAGE: 'dev', LOG_LEVEL: 'INFO' } } }),
    );
    await waitUntilFunctionUpdatedV2({ client: lambda, ...waiter }, { FunctionName: 'hello-api' });
    // 5.4 --query '{Name:FunctionName,Mem:MemorySize,Timeout:Timeout,Env:Environment.Variables}'
    const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'hello-api' }));
    expect({ Name: config.FunctionName, Mem: config.MemorySize, Timeout: config.Timeout, Env: config.Environment?.Variables }).toEqual({
      Name: 'hello-api',
      Mem: 512,
      Timeout: 20,
      Env: { STAGE: 'dev', LOG_LEVEL: 'INFO' },
    });
  });

  it('6. Versions, Aliases & Traffic Shifting', async () => {
    // 6.1 aws lambda publish-version --function-name hello-api  (the guide's output shows e.g. "Version": "3")
    const versions: string[] = [];
    for (const revision of ['', '# v3\n', '# v4\n', '# v5\n']) {
      if (revision) {
        await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'hello-api', ZipFile: functionZip(revision) }));
        await waitUntilFunctionUpdatedV2({ client: lambda, ...waiter }, { FunctionName: 'hello-api' });
      }
      const published = await lambda.send(new PublishVersionCommand({ FunctionName: 'hello-api' }));
      versions.push(published.Version ?? '?');
    }
    expect(versions).toEqual(['1', '2', '3', '4']);
    await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'hello-api', ZipFile: functionZip('# v6\n') }));
    await waitUntilFunctionUpdatedV2({ client: lambda, ...waiter }, { FunctionName: 'hello-api' });
    expect((await lambda.send(new PublishVersionCommand({ FunctionName: 'hello-api' }))).Version).toBe('5');
    // 6.2 aws lambda list-versions-by-function --function-name hello-api --query 'Versions[].Version'
    const listed = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'hello-api' }));
    expect(listed.Versions?.map((v) => v.Version)).toEqual(['$LATEST', '1', '2', '3', '4', '5']);
    // 6.3 aws lambda create-alias --function-name hello-api --name prod --function-version 3
    const alias = await lambda.send(new CreateAliasCommand({ FunctionName: 'hello-api', Name: 'prod', FunctionVersion: '3' }));
    expect(alias).toMatchObject({ AliasArn: `${FUNCTION_ARN}:prod`, Name: 'prod', FunctionVersion: '3' });
    // 6.4 aws lambda update-alias --function-name hello-api --name prod --function-version 4
    expect((await lambda.send(new UpdateAliasCommand({ FunctionName: 'hello-api', Name: 'prod', FunctionVersion: '4' }))).FunctionVersion).toBe('4');
    // 6.5 --function-version 5 --routing-config AdditionalVersionWeights='{"4":0.10}'  (90% to 5, 10% to 4)
    const weighted = await lambda.send(
      new UpdateAliasCommand({ FunctionName: 'hello-api', Name: 'prod', FunctionVersion: '5', RoutingConfig: { AdditionalVersionWeights: { '4': 0.1 } } }),
    );
    expect(weighted).toMatchObject({ FunctionVersion: '5', RoutingConfig: { AdditionalVersionWeights: { '4': 0.1 } } });
    const ran: Record<string, number> = {};
    for (let i = 0; i < 1000; i++) {
      const answer = await lambda.send(new InvokeCommand({ FunctionName: 'hello-api:prod' }));
      ran[answer.ExecutedVersion ?? '?'] = (ran[answer.ExecutedVersion ?? '?'] ?? 0) + 1;
    }
    expect(Object.keys(ran).sort()).toEqual(['4', '5']);
    expect((ran['4'] ?? 0) / 1000).toBeGreaterThan(0.06);
    expect((ran['4'] ?? 0) / 1000).toBeLessThan(0.14);
  }, 60_000);

  it('7. Invocation Patterns', async () => {
    // 7.1 aws lambda invoke --function-name hello-api --payload '{"name":"Alice"}' response.json
    const sync = await lambda.send(new InvokeCommand({ FunctionName: 'hello-api', Payload: '{"name":"Alice"}' }));
    expect(sync.StatusCode).toBe(200);
    expect(sync.ExecutedVersion).toBe('$LATEST');
    expect(sync.FunctionError).toBeUndefined();
    // 7.2 aws lambda invoke --function-name hello-api:prod --payload file://event.json out.json
    const viaAlias = await lambda.send(new InvokeCommand({ FunctionName: 'hello-api:prod', Payload: '{"from":"file"}' }));
    expect(['4', '5']).toContain(viaAlias.ExecutedVersion);
    expect(JSON.parse(text(viaAlias.Payload))).toMatchObject({ arn: `${FUNCTION_ARN}:prod` });
    // 7.3 aws lambda invoke --function-name hello-api --invocation-type DryRun /dev/null
    const dryRun = await lambda.send(new InvokeCommand({ FunctionName: 'hello-api', InvocationType: 'DryRun' }));
    expect(dryRun.StatusCode).toBe(204);
    // 7.4 aws lambda invoke --function-name hello-api --invocation-type Event --payload '{"batch":true}' /dev/null
    const queued = await lambda.send(new InvokeCommand({ FunctionName: 'hello-api', InvocationType: 'Event', Payload: '{"batch":true}' }));
    expect(queued.StatusCode).toBe(202);
    expect(text(queued.Payload ?? undefined)).toBe('');
  });

  it('10. Concurrency & Scaling Controls', async () => {
    // 10.1 aws lambda put-function-concurrency --function-name hello-api --reserved-concurrent-executions 20
    expect(await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'hello-api', ReservedConcurrentExecutions: 20 }))).toMatchObject({
      ReservedConcurrentExecutions: 20,
    });
    // 10.4 aws lambda get-function-concurrency --function-name hello-api
    expect((await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'hello-api' }))).ReservedConcurrentExecutions).toBe(20);
    // 10.2 aws lambda delete-function-concurrency --function-name hello-api
    const removed = await lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: 'hello-api' }));
    expect(removed.$metadata.httpStatusCode).toBe(204);
    expect((await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'hello-api' }))).ReservedConcurrentExecutions).toBeUndefined();
    // 10.3 aws lambda put-provisioned-concurrency-config --function-name hello-api --qualifier prod --provisioned-concurrent-executions 5
    const provisioned = await lambda.send(
      new PutProvisionedConcurrencyConfigCommand({ FunctionName: 'hello-api', Qualifier: 'prod', ProvisionedConcurrentExecutions: 5 }),
    );
    expect(provisioned).toMatchObject({ RequestedProvisionedConcurrentExecutions: 5, Status: 'IN_PROGRESS' });
    expect(
      (await lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'hello-api', Qualifier: 'prod' }))).RequestedProvisionedConcurrentExecutions,
    ).toBe(5);
  });

  it('11. Permissions & Resource-Based Policies', async () => {
    // 11.1 aws lambda add-permission --function-name hello-api --statement-id apigw-invoke --action lambda:InvokeFunction
    //      --principal apigateway.amazonaws.com --source-arn arn:aws:execute-api:us-east-1:123456789012:abc123defg/*/GET/hello
    const sourceArn = 'arn:aws:execute-api:us-east-1:123456789012:abc123defg/*/GET/hello';
    const added = await lambda.send(
      new AddPermissionCommand({
        FunctionName: 'hello-api',
        StatementId: 'apigw-invoke',
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        SourceArn: sourceArn,
      }),
    );
    expect(added.$metadata.httpStatusCode).toBe(201);
    const statement = {
      Sid: 'apigw-invoke',
      Effect: 'Allow',
      Principal: { Service: 'apigateway.amazonaws.com' },
      Action: 'lambda:InvokeFunction',
      Resource: FUNCTION_ARN,
      Condition: { ArnLike: { 'AWS:SourceArn': sourceArn } },
    };
    expect(JSON.parse(added.Statement ?? '')).toEqual(statement);
    // 11.2 aws lambda get-policy --function-name hello-api
    const policy = await lambda.send(new GetPolicyCommand({ FunctionName: 'hello-api' }));
    expect(JSON.parse(policy.Policy ?? '')).toEqual({ Version: '2012-10-17', Id: 'default', Statement: [statement] });
    expect(policy.RevisionId).toBeDefined();
    // 11.3 aws lambda remove-permission --function-name hello-api --statement-id apigw-invoke
    const removed = await lambda.send(new RemovePermissionCommand({ FunctionName: 'hello-api', StatementId: 'apigw-invoke' }));
    expect(removed.$metadata.httpStatusCode).toBe(204);
    await expect(lambda.send(new GetPolicyCommand({ FunctionName: 'hello-api' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('12. Event Source Mappings', async () => {
    // 12.1 aws lambda create-event-source-mapping --function-name hello-api --event-source-arn arn:aws:sqs:us-east-1:123456789012:orders-queue --batch-size 10
    const sqs = await lambda.send(
      new CreateEventSourceMappingCommand({ FunctionName: 'hello-api', EventSourceArn: 'arn:aws:sqs:us-east-1:123456789012:orders-queue', BatchSize: 10 }),
    );
    expect(sqs.$metadata.httpStatusCode).toBe(202);
    expect(sqs).toMatchObject({ State: 'Creating', BatchSize: 10, FunctionArn: FUNCTION_ARN, StateTransitionReason: 'USER_INITIATED' });
    expect(sqs.UUID).toMatch(/^[0-9a-f-]{36}$/);
    // 12.2 --event-source-arn arn:aws:kinesis:us-east-1:123456789012:stream/payments-stream --starting-position LATEST --maximum-batching-window-in-seconds 2
    const kinesis = await lambda.send(
      new CreateEventSourceMappingCommand({
        FunctionName: 'hello-api',
        EventSourceArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/payments-stream',
        StartingPosition: 'LATEST',
        MaximumBatchingWindowInSeconds: 2,
      }),
    );
    expect(kinesis).toMatchObject({ BatchSize: 100, StartingPosition: 'LATEST', MaximumBatchingWindowInSeconds: 2 });
    // 12.3 aws lambda list-event-source-mappings --function-name hello-api --query 'EventSourceMappings[].{UUID:UUID,State:State,SourceArn:EventSourceArn}'
    await new Promise((resolve) => setTimeout(resolve, 300));
    const listed = await lambda.send(new ListEventSourceMappingsCommand({ FunctionName: 'hello-api' }));
    const projected = listed.EventSourceMappings?.map((m) => ({ UUID: m.UUID, State: m.State, SourceArn: m.EventSourceArn }));
    expect(projected).toHaveLength(2);
    expect(projected).toEqual(
      expect.arrayContaining([
        { UUID: sqs.UUID, State: 'Enabled', SourceArn: 'arn:aws:sqs:us-east-1:123456789012:orders-queue' },
        { UUID: kinesis.UUID, State: 'Enabled', SourceArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/payments-stream' },
      ]),
    );
    // 12.4 aws lambda update-event-source-mapping --uuid <UUID> --batch-size 5
    const updated = await lambda.send(new UpdateEventSourceMappingCommand({ UUID: sqs.UUID, BatchSize: 5 }));
    expect(updated).toMatchObject({ State: 'Updating', BatchSize: 5 });
    // 12.5 aws lambda delete-event-source-mapping --uuid <UUID>
    await new Promise((resolve) => setTimeout(resolve, 300));
    const deleted = await lambda.send(new DeleteEventSourceMappingCommand({ UUID: sqs.UUID }));
    expect(deleted).toMatchObject({ State: 'Deleting', UUID: sqs.UUID });
    await expect(lambda.send(new GetEventSourceMappingCommand({ UUID: sqs.UUID }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID: kinesis.UUID }));
  });

  it('13. Layers', async () => {
    // 13.1 aws lambda publish-layer-version --layer-name hello-layer --zip-file fileb://layer.zip --compatible-runtimes python3.11
    const layerZip = zipOf({ 'python/greeting.py': 'GREETING = "hello from the layer"\n' });
    const published = await lambda.send(
      new PublishLayerVersionCommand({ LayerName: 'hello-layer', Content: { ZipFile: layerZip }, CompatibleRuntimes: ['python3.11'] }),
    );
    expect(published.$metadata.httpStatusCode).toBe(201);
    expect(published).toMatchObject({ Version: 1, CompatibleRuntimes: ['python3.11'], LayerVersionArn: 'arn:aws:lambda:us-east-1:123456789012:layer:hello-layer:1' });
    // 13.2 aws lambda list-layer-versions --layer-name hello-layer --query 'LayerVersions[].Version'
    const listed = await lambda.send(new ListLayerVersionsCommand({ LayerName: 'hello-layer' }));
    expect(listed.LayerVersions?.map((v) => v.Version)).toEqual([1]);
    // 13.3 LAYER_ARN=$(… --query 'LayerVersions[0].LayerVersionArn' --output text); aws lambda update-function-configuration --layers $LAYER_ARN
    const layerArn = listed.LayerVersions?.[0]?.LayerVersionArn ?? '';
    await waitUntilFunctionUpdatedV2({ client: lambda, ...waiter }, { FunctionName: 'hello-api' });
    const updated = await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'hello-api', Layers: [layerArn] }));
    expect(updated.Layers).toEqual([{ Arn: layerArn, CodeSize: layerZip.byteLength }]);
  });
});

describe("the guide's handler in the real Python runtime", () => {
  it('7.1 answers {"message": "Hello Lambda", "input": {"name": "Alice"}}', async () => {
    const real = await testControlPlane();
    try {
      const sdk = lambdaSdkClient(real.controlPlane);
      await sdk.send(
        new CreateFunctionCommand({ FunctionName: 'hello-api', Runtime: 'python3.11', Role: ROLE_ARN, Handler: 'lambda_function.handler', Code: { ZipFile: functionZip() }, Timeout: 10, MemorySize: 256 }),
      );
      const answer = await sdk.send(new InvokeCommand({ FunctionName: 'hello-api', Payload: '{"name":"Alice"}' }));
      expect(answer.FunctionError).toBeUndefined();
      expect(text(answer.Payload)).toBe('{"message": "Hello Lambda", "input": {"name": "Alice"}}');
    } finally {
      await real.dispose();
    }
  }, 120_000);
});
