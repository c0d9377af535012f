/**
 * The Test tab's event templates: the events Lambda's event sources send, in the shapes
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-services.html documents (each one
 * checked against @types/aws-lambda by `satisfies`, so a field out of place fails the build).
 * Sample values follow the console's own templates: account 123456789012, us-east-1.
 */
import type {
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  DynamoDBStreamEvent,
  KinesisStreamEvent,
  S3Event,
  ScheduledEvent,
  SNSEvent,
  SQSEvent,
} from 'aws-lambda';

export interface EventTemplate {
  id: string;
  /** As the console's "Template" menu names it. */
  label: string;
  /** The event as pretty-printed JSON. */
  json: string;
}

const pretty = (value: unknown): string => JSON.stringify(value, null, 2);

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';

/** https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway.html (REST API, Lambda proxy integration). */
const apiGatewayProxy = {
  resource: '/{proxy+}',
  path: '/hello/world',
  httpMethod: 'POST',
  headers: {
    Accept: '*/*',
    'Content-Type': 'application/json',
    Host: '1234567890.execute-api.us-east-1.amazonaws.com',
    'User-Agent': 'curl/8.5.0',
    'X-Forwarded-For': '203.0.113.17',
    'X-Forwarded-Port': '443',
    'X-Forwarded-Proto': 'https',
  },
  multiValueHeaders: {
    Accept: ['*/*'],
    'Content-Type': ['application/json'],
    Host: ['1234567890.execute-api.us-east-1.amazonaws.com'],
    'User-Agent': ['curl/8.5.0'],
    'X-Forwarded-For': ['203.0.113.17'],
    'X-Forwarded-Port': ['443'],
    'X-Forwarded-Proto': ['https'],
  },
  queryStringParameters: { name: 'me' },
  multiValueQueryStringParameters: { name: ['me'] },
  pathParameters: { proxy: 'hello/world' },
  stageVariables: null,
  requestContext: {
    accountId: ACCOUNT,
    apiId: '1234567890',
    authorizer: null,
    domainName: '1234567890.execute-api.us-east-1.amazonaws.com',
    httpMethod: 'POST',
    identity: {
      accessKey: null,
      accountId: null,
      apiKey: null,
      apiKeyId: null,
      caller: null,
      clientCert: null,
      cognitoAuthenticationProvider: null,
      cognitoAuthenticationType: null,
      cognitoIdentityId: null,
      cognitoIdentityPoolId: null,
      principalOrgId: null,
      sourceIp: '203.0.113.17',
      user: null,
      userAgent: 'curl/8.5.0',
      userArn: null,
    },
    path: '/prod/hello/world',
    protocol: 'HTTP/1.1',
    requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
    requestTimeEpoch: 1428582896000,
    resourceId: '123456',
    resourcePath: '/{proxy+}',
    stage: 'prod',
  },
  body: '{"test":"body"}',
  isBase64Encoded: false,
} satisfies APIGatewayProxyEvent;

/** https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html (payload format 2.0, also HTTP APIs). */
const httpApiV2 = {
  version: '2.0',
  routeKey: '$default',
  rawPath: '/my/path',
  rawQueryString: 'parameter1=value1&parameter1=value2&parameter2=value',
  cookies: ['cookie1', 'cookie2'],
  headers: { 'content-type': 'application/json', header1: 'value1', header2: 'value1,value2' },
  queryStringParameters: { parameter1: 'value1,value2', parameter2: 'value' },
  requestContext: {
    accountId: ACCOUNT,
    apiId: '<urlid>',
    domainName: '<url-id>.lambda-url.us-east-1.on.aws',
    domainPrefix: '<url-id>',
    http: { method: 'POST', path: '/my/path', protocol: 'HTTP/1.1', sourceIp: '203.0.113.17', userAgent: 'agent' },
    requestId: 'id',
    routeKey: '$default',
    stage: '$default',
    time: '12/Mar/2020:19:03:58 +0000',
    timeEpoch: 1583348638390,
  },
  body: '{"message":"Hello from the function URL"}',
  pathParameters: {},
  isBase64Encoded: false,
  stageVariables: {},
} satisfies APIGatewayProxyEventV2;

/** https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html */
const sqs = {
  Records: [
    {
      messageId: '059f36b4-87a3-44ab-83d2-661975830a7d',
      receiptHandle: 'AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...',
      body: 'test',
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '1545082649183',
        SenderId: 'AIDAIENQZJOLO23YVJ4VO',
        ApproximateFirstReceiveTimestamp: '1545082649185',
      },
      messageAttributes: {},
      md5OfBody: '098f6bcd4621d373cade4e832627b4f6',
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:${REGION}:${ACCOUNT}:my-queue`,
      awsRegion: REGION,
    },
    {
      messageId: '2e1424d4-f796-459a-8184-9c92662be6da',
      receiptHandle: 'AQEBzWwaftRI0KuVm4tP+/7q1rGgNqicHq...',
      body: 'test',
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '1545082650636',
        SenderId: 'AIDAIENQZJOLO23YVJ4VO',
        ApproximateFirstReceiveTimestamp: '1545082650649',
      },
      messageAttributes: {},
      md5OfBody: '098f6bcd4621d373cade4e832627b4f6',
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:${REGION}:${ACCOUNT}:my-queue`,
      awsRegion: REGION,
    },
  ],
} satisfies SQSEvent;

/** https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html */
const sns = {
  Records: [
    {
      EventVersion: '1.0',
      EventSubscriptionArn: `arn:aws:sns:${REGION}:${ACCOUNT}:sns-lambda:21be56ed-a058-49f5-8c98-aedd2564c486`,
      EventSource: 'aws:sns',
      Sns: {
        SignatureVersion: '1',
        Timestamp: '2019-01-02T12:45:07.000Z',
        Signature: 'tcc6faL2yUC6dgZdmrwh1Y4cGa/ebXEkAi6RibDsvpi+tE/1+82j...65r==',
        SigningCertUrl: 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-ac565b8b1a6c5d002d285f9598aa1d9b.pem',
        MessageId: '95df01b4-ee98-5cb9-9903-4c221d41eb5e',
        Message: 'Hello from SNS!',
        MessageAttributes: {
          Test: { Type: 'String', Value: 'TestString' },
          TestBinary: { Type: 'Binary', Value: 'TestBinary' },
        },
        Type: 'Notification',
        UnsubscribeUrl: `https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:${REGION}:${ACCOUNT}:test-lambda:21be56ed-a058-49f5-8c98-aedd2564c486`,
        TopicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:sns-lambda`,
        Subject: 'TestInvoke',
      },
    },
  ],
} satisfies SNSEvent;

/** https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html (an ObjectCreated:Put notification). */
const s3Put = {
  Records: [
    {
      eventVersion: '2.0',
      eventSource: 'aws:s3',
      awsRegion: REGION,
      eventTime: '1970-01-01T00:00:00.000Z',
      eventName: 'ObjectCreated:Put',
      userIdentity: { principalId: 'EXAMPLE' },
      requestParameters: { sourceIPAddress: '127.0.0.1' },
      responseElements: {
        'x-amz-request-id': 'EXAMPLE123456789',
        'x-amz-id-2': 'EXAMPLE123/5678abcdefghijklambdaisawesome/mnopqrstuvwxyzABCDEFGH',
      },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: 'testConfigRule',
        bucket: {
          name: 'amzn-s3-demo-bucket',
          ownerIdentity: { principalId: 'EXAMPLE' },
          arn: 'arn:aws:s3:::amzn-s3-demo-bucket',
        },
        object: { key: 'test%2Fkey', size: 1024, eTag: '0123456789abcdef0123456789abcdef', sequencer: '0A1B2C3D4E5F678901' },
      },
    },
  ],
} satisfies S3Event;

/** https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html (a stream with NEW_AND_OLD_IMAGES). */
const dynamodb = {
  Records: [
    {
      eventID: '1',
      eventVersion: '1.0',
      dynamodb: {
        Keys: { Id: { N: '101' } },
        NewImage: { Message: { S: 'New item!' }, Id: { N: '101' } },
        StreamViewType: 'NEW_AND_OLD_IMAGES',
        SequenceNumber: '111',
        SizeBytes: 26,
      },
      awsRegion: REGION,
      eventName: 'INSERT',
      eventSourceARN: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/ExampleTableWithStream/stream/2015-06-27T00:48:05.899`,
      eventSource: 'aws:dynamodb',
    },
    {
      eventID: '2',
      eventVersion: '1.0',
      dynamodb: {
        OldImage: { Message: { S: 'New item!' }, Id: { N: '101' } },
        SequenceNumber: '222',
        Keys: { Id: { N: '101' } },
        SizeBytes: 59,
        NewImage: { Message: { S: 'This item has changed' }, Id: { N: '101' } },
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      awsRegion: REGION,
      eventName: 'MODIFY',
      eventSourceARN: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/ExampleTableWithStream/stream/2015-06-27T00:48:05.899`,
      eventSource: 'aws:dynamodb',
    },
    {
      eventID: '3',
      eventVersion: '1.0',
      dynamodb: {
        Keys: { Id: { N: '101' } },
        SizeBytes: 38,
        SequenceNumber: '333',
        OldImage: { Message: { S: 'This item has changed' }, Id: { N: '101' } },
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      awsRegion: REGION,
      eventName: 'REMOVE',
      eventSourceARN: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/ExampleTableWithStream/stream/2015-06-27T00:48:05.899`,
      eventSource: 'aws:dynamodb',
    },
  ],
} satisfies DynamoDBStreamEvent;

/** https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html (data is base64: "Hello, this is a test."). */
const kinesis = {
  Records: [
    {
      kinesis: {
        kinesisSchemaVersion: '1.0',
        partitionKey: '1',
        sequenceNumber: '49590338271490256608559692538361571095921575989136588898',
        data: 'SGVsbG8sIHRoaXMgaXMgYSB0ZXN0Lg==',
        approximateArrivalTimestamp: 1545084650.987,
      },
      eventSource: 'aws:kinesis',
      eventVersion: '1.0',
      eventID: 'shardId-000000000006:49590338271490256608559692538361571095921575989136588898',
      eventName: 'aws:kinesis:record',
      invokeIdentityArn: `arn:aws:iam::${ACCOUNT}:role/lambda-role`,
      awsRegion: REGION,
      eventSourceARN: `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/lambda-stream`,
    },
  ],
} satisfies KinesisStreamEvent;

/** https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-run-lambda-schedule.html */
const scheduled = {
  version: '0',
  id: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa',
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: ACCOUNT,
  time: '2015-10-08T16:53:06Z',
  region: REGION,
  resources: [`arn:aws:events:${REGION}:${ACCOUNT}:rule/my-scheduled-rule`],
  detail: {},
} satisfies ScheduledEvent;

export const EVENT_TEMPLATES: readonly EventTemplate[] = [
  { id: 'hello-world', label: 'Hello World', json: pretty({ key1: 'value1', key2: 'value2', key3: 'value3' }) },
  { id: 'apigateway-aws-proxy', label: 'API Gateway AWS Proxy', json: pretty(apiGatewayProxy) },
  { id: 'apigateway-http-api-v2', label: 'API Gateway HTTP API / Function URL (payload 2.0)', json: pretty(httpApiV2) },
  { id: 'sqs-receive-message', label: 'SQS', json: pretty(sqs) },
  { id: 'sns-notification', label: 'SNS Topic Notification', json: pretty(sns) },
  { id: 's3-put', label: 'S3 Put', json: pretty(s3Put) },
  { id: 'dynamodb-update', label: 'DynamoDB Update', json: pretty(dynamodb) },
  { id: 'kinesis-get-records', label: 'Kinesis Get Records', json: pretty(kinesis) },
  { id: 'eventbridge-scheduled', label: 'EventBridge (CloudWatch Events) Scheduled Event', json: pretty(scheduled) },
];

export function eventTemplate(id: string): EventTemplate | undefined {
  return EVENT_TEMPLATES.find((t) => t.id === id);
}
