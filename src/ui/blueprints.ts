/**
 * Create function → "Use a blueprint": small starting points in both languages, each with
 * its files, its handler and a test event it answers, saved with the function so Test works
 * at once. The console's own blueprints are the model (hello-world keeps the console's code;
 * the area function is the seed tutorial's,
 * https://docs.aws.amazon.com/lambda/latest/dg/getting-started.html).
 */

export type BlueprintLanguage = 'nodejs' | 'python';

export interface BlueprintFile {
  path: string;
  text: string;
}

export interface BlueprintVariant {
  handler: string;
  files: BlueprintFile[];
}

export interface Blueprint {
  id: string;
  /** The console's "Blueprint name". */
  title: string;
  description: string;
  /** Name of the test event saved with the function. */
  eventName: string;
  /** The test event, as JSON text. */
  event: string;
  variants: Record<BlueprintLanguage, BlueprintVariant>;
}

const AREA_NODE = `export const handler = async (event, context) => {

    const length = event.length;
    const width = event.width;
    let area = calculateArea(length, width);
    console.log(\`The area is \${area}\`);

    console.log('CloudWatch log group: ', context.logGroupName);

    let data = {
        "area": area,
    };
    return JSON.stringify(data);

    function calculateArea(length, width) {
        return length * width;
    }
};
`;

const AREA_PYTHON = `import json
import logging

logger = logging.getLogger()
logger.setLevel(logging.INFO)

def lambda_handler(event, context):

    # Get the length and width parameters from the event object. The
    # runtime converts the event object to a Python dictionary
    length = event['length']
    width = event['width']

    area = calculate_area(length, width)
    print(f"The area is {area}")

    logger.info(f"CloudWatch logs group: {context.log_group_name}")

    # return the calculated area as a JSON string
    data = {"area": area}
    return json.dumps(data)

def calculate_area(length, width):
    return length*width
`;

const HELLO_NODE = `console.log('Loading function');

export const handler = async (event, context) => {
    //console.log('Received event:', JSON.stringify(event, null, 2));
    console.log('value1 =', event.key1);
    console.log('value2 =', event.key2);
    console.log('value3 =', event.key3);
    return event.key1;  // Echo back the first key value
    // throw new Error('Something went wrong');
};
`;

const HELLO_PYTHON = `import json

print('Loading function')


def lambda_handler(event, context):
    #print("Received event: " + json.dumps(event, indent=2))
    print("value1 = " + event['key1'])
    print("value2 = " + event['key2'])
    print("value3 = " + event['key3'])
    return event['key1']  # Echo back the first key value
    #raise Exception('Something went wrong')
`;

// Reads both payload shapes: API Gateway REST (v1: httpMethod, path) and HTTP API / function
// URLs (v2: requestContext.http), https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
const HTTP_NODE = `/**
 * An HTTP endpoint behind API Gateway or a function URL: read the method, path,
 * query string and body of the request, answer { statusCode, headers, body }.
 */
export const handler = async (event) => {
  const method = event.requestContext?.http?.method ?? event.httpMethod ?? 'GET';
  const path = event.rawPath ?? event.path ?? '/';
  const query = event.queryStringParameters ?? {};
  let body = event.body ?? null;
  if (body && event.isBase64Encoded) body = Buffer.from(body, 'base64').toString('utf8');

  console.log(method, path);

  if (method === 'GET') {
    const name = query.name ?? 'world';
    return json(200, { message: \`Hello, \${name}!\`, method, path });
  }
  if (method === 'POST') {
    try {
      return json(201, { received: JSON.parse(body ?? 'null'), method, path });
    } catch {
      return json(400, { message: 'The body is not valid JSON' });
    }
  }
  return json(405, { message: \`Method \${method} not allowed\` });
};

function json(statusCode, data) {
  return {
    statusCode,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(data),
  };
}
`;

const HTTP_PYTHON = `"""An HTTP endpoint behind API Gateway or a function URL: read the method, path,
query string and body of the request, answer { statusCode, headers, body }."""
import base64
import json


def lambda_handler(event, context):
    http = event.get('requestContext', {}).get('http', {})
    method = http.get('method') or event.get('httpMethod') or 'GET'
    path = event.get('rawPath') or event.get('path') or '/'
    query = event.get('queryStringParameters') or {}
    body = event.get('body')
    if body and event.get('isBase64Encoded'):
        body = base64.b64decode(body).decode('utf-8')

    print(method, path)

    if method == 'GET':
        name = query.get('name', 'world')
        return respond(200, {'message': f'Hello, {name}!', 'method': method, 'path': path})
    if method == 'POST':
        try:
            return respond(201, {'received': json.loads(body or 'null'), 'method': method, 'path': path})
        except json.JSONDecodeError:
            return respond(400, {'message': 'The body is not valid JSON'})
    return respond(405, {'message': f'Method {method} not allowed'})


def respond(status_code, data):
    return {
        'statusCode': status_code,
        'headers': {'Content-Type': 'application/json'},
        'body': json.dumps(data),
    }
`;

const TRANSFORM_NODE = `/**
 * Reshapes an order into a summary: renames fields, totals the line items
 * and drops what the next step does not need.
 */
export const handler = async (event) => {
  const items = event.items ?? [];
  const total = items.reduce((sum, item) => sum + item.price * item.quantity, 0);
  const summary = {
    id: event.orderId,
    customer: \`\${event.customer.firstName} \${event.customer.lastName}\`,
    itemCount: items.reduce((count, item) => count + item.quantity, 0),
    skus: items.map((item) => item.sku),
    total: Math.round(total * 100) / 100,
    express: event.shipping?.method === 'express',
  };
  console.log('Transformed order', summary.id);
  return summary;
};
`;

const TRANSFORM_PYTHON = `"""Reshapes an order into a summary: renames fields, totals the line items
and drops what the next step does not need."""


def lambda_handler(event, context):
    items = event.get('items', [])
    total = sum(item['price'] * item['quantity'] for item in items)
    customer = event['customer']
    summary = {
        'id': event['orderId'],
        'customer': f"{customer['firstName']} {customer['lastName']}",
        'itemCount': sum(item['quantity'] for item in items),
        'skus': [item['sku'] for item in items],
        'total': round(total, 2),
        'express': event.get('shipping', {}).get('method') == 'express',
    }
    print('Transformed order', summary['id'])
    return summary
`;

const COUNTER_NODE = `/**
 * Module code runs once per execution environment (the Init phase); the handler runs
 * for every invocation. Test twice: the first run is a cold start, the next ones reuse
 * the warm environment and its counter, until Lambda reclaims it.
 */
const environmentStartedAt = new Date().toISOString();
let invocations = 0;

export const handler = async (event, context) => {
  invocations += 1;
  const start = invocations === 1 ? 'cold' : 'warm';
  console.log(\`\${start} start: invocation \${invocations} of this environment\`);
  return {
    start,
    invocations,
    environmentStartedAt,
    logStream: context.logStreamName,
  };
};
`;

const COUNTER_PYTHON = `"""Module code runs once per execution environment (the Init phase); the handler runs
for every invocation. Test twice: the first run is a cold start, the next ones reuse
the warm environment and its counter, until Lambda reclaims it."""
from datetime import datetime, timezone

environment_started_at = datetime.now(timezone.utc).isoformat()
invocations = 0


def lambda_handler(event, context):
    global invocations
    invocations += 1
    start = 'cold' if invocations == 1 else 'warm'
    print(f'{start} start: invocation {invocations} of this environment')
    return {
        'start': start,
        'invocations': invocations,
        'environmentStartedAt': environment_started_at,
        'logStream': context.log_stream_name,
    }
`;

const NODE_HANDLER = 'index.handler';
const PYTHON_HANDLER = 'lambda_function.lambda_handler';

function variants(node: string, python: string): Record<BlueprintLanguage, BlueprintVariant> {
  return {
    nodejs: { handler: NODE_HANDLER, files: [{ path: 'index.mjs', text: node }] },
    python: { handler: PYTHON_HANDLER, files: [{ path: 'lambda_function.py', text: python }] },
  };
}

const HTTP_EVENT = {
  version: '2.0',
  routeKey: '$default',
  rawPath: '/hello',
  rawQueryString: 'name=Lambda',
  headers: { accept: 'application/json', host: 'abcdefghij.lambda-url.us-east-1.on.aws', 'user-agent': 'curl/8.5.0' },
  queryStringParameters: { name: 'Lambda' },
  requestContext: {
    accountId: '123456789012',
    apiId: 'abcdefghij',
    domainName: 'abcdefghij.lambda-url.us-east-1.on.aws',
    domainPrefix: 'abcdefghij',
    http: { method: 'GET', path: '/hello', protocol: 'HTTP/1.1', sourceIp: '203.0.113.17', userAgent: 'curl/8.5.0' },
    requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
    routeKey: '$default',
    stage: '$default',
    time: '12/Mar/2024:19:03:58 +0000',
    timeEpoch: 1710270238000,
  },
  isBase64Encoded: false,
};

const ORDER_EVENT = {
  orderId: 'ord-1042',
  customer: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' },
  items: [
    { sku: 'BOOK-001', price: 12.5, quantity: 2 },
    { sku: 'PEN-007', price: 1.99, quantity: 3 },
  ],
  shipping: { method: 'express', address: '12 Analytical Row' },
};

const pretty = (value: unknown): string => JSON.stringify(value, null, 2);

export const BLUEPRINTS: readonly Blueprint[] = [
  {
    id: 'hello-world',
    title: 'Hello world function',
    description: 'A starter function that logs the values of the event it gets and returns the first one.',
    eventName: 'hello-world',
    event: pretty({ key1: 'value1', key2: 'value2', key3: 'value3' }),
    variants: variants(HELLO_NODE, HELLO_PYTHON),
  },
  {
    id: 'area',
    title: 'Calculate area (tutorial)',
    description: 'The "Create your first Lambda function" tutorial: reads length and width from the event, logs and returns the area.',
    eventName: 'myTestEvent',
    event: pretty({ length: 6, width: 7 }),
    variants: variants(AREA_NODE, AREA_PYTHON),
  },
  {
    id: 'http-api',
    title: 'HTTP endpoint (API Gateway / function URL)',
    description: 'Answers HTTP requests from API Gateway or a function URL with statusCode, headers and a JSON body.',
    eventName: 'get-hello',
    event: pretty(HTTP_EVENT),
    variants: variants(HTTP_NODE, HTTP_PYTHON),
  },
  {
    id: 'json-transform',
    title: 'JSON transformer',
    description: 'Reshapes an order document into a summary: renamed fields, a total and the list of SKUs.',
    eventName: 'sample-order',
    event: pretty(ORDER_EVENT),
    variants: variants(TRANSFORM_NODE, TRANSFORM_PYTHON),
  },
  {
    id: 'warm-counter',
    title: 'Cold and warm start counter',
    description: 'Counts invocations in module state, so each response says whether it ran in a new (cold) or reused (warm) environment.',
    eventName: 'empty',
    event: '{}',
    variants: variants(COUNTER_NODE, COUNTER_PYTHON),
  },
];

export function blueprintById(id: string): Blueprint | undefined {
  return BLUEPRINTS.find((b) => b.id === id);
}
