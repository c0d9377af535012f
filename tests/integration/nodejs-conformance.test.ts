/**
 * Node.js conformance: handlers in the styles of the AWS documentation and the getting-started
 * tutorial, each a fixture directory (tests/support/nodejs-conformance-fixtures.ts) with its
 * event and the exact response, FunctionError and log lines the real QuickJS engine must give.
 * Shapes follow Lambda's Node.js runtime client (aws-lambda-nodejs-runtime-interface-client:
 * Errors.js, LogPatch.js, UserFunction.js, RAPIDClient.js) and the developer guide:
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html
 *
 * `UPDATE_CONFORMANCE=1 npx vitest run tests/integration/nodejs-conformance.test.ts` rewrites
 * the expected files from the engine's output — to be read and checked by hand before committing.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { lambdaEnvironmentVariables } from '../../src/domain/lambda-environment';
import { createQuickjsEngine } from '../../src/runtimes/nodejs/engine';
import type { EnvironmentInit, InvocationRequest, SandboxEngine } from '../../src/workers/sandbox-protocol';
import {
  NODEJS_FIXTURES,
  conformanceFixtureNames,
  maskLine,
  readConformanceFixture,
  type ExpectedInvocation,
  type FixtureOptions,
} from '../support/nodejs-conformance-fixtures';
import { testEnvironmentInit } from '../support/fixture-files';
import { nodeEngineAssets } from '../support/node-sandbox';

const UPDATE = process.env.UPDATE_CONFORMANCE === '1';

/**
 * The runtime's native client stamps its own lines with epoch milliseconds
 * (`[ERROR] [1737623036474] LAMBDA_RUNTIME Failed to post ...`): masked like the ISO times.
 */
function maskRuntimeClientLine(line: string): string {
  return line.replace(/^\[(ERROR|WARN|INFO)\] \[\d+\] LAMBDA_RUNTIME /, '[$1] [<epoch-ms>] LAMBDA_RUNTIME ');
}
const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:myLambdaFunction';

/** The variables the control plane sets (src/domain/lambda-environment.ts), plus the fixture's own. */
function variables(handler: string, own: Record<string, string> = {}): Record<string, string> {
  return lambdaEnvironmentVariables({
    functionName: 'myLambdaFunction',
    functionVersion: '$LATEST',
    runtime: 'nodejs22.x',
    handler,
    memorySizeMb: 128,
    region: 'us-east-1',
    logGroupName: '/aws/lambda/myLambdaFunction',
    logStreamName: '2024/08/31/[$LATEST]0123456789abcdef0123456789abcdef',
    userVariables: own,
  });
}

const engines: SandboxEngine[] = [];
afterEach(() => {
  for (const engine of engines.splice(0)) engine.dispose();
});

/** Answers the requests of fixtures that use the network, without leaving the machine. */
const realFetch = globalThis.fetch;
function stubNetwork(): void {
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.startsWith('data:')) return realFetch(url);
    if (url === 'https://api.example.com/echo') {
      const body = init?.body === undefined || init.body === null ? '' : new TextDecoder().decode(init.body as Uint8Array);
      const headers = [...new Headers(init?.headers)];
      return Response.json({ method: init?.method, headers, body }, { status: 201, headers: { 'x-served-by': 'stub' } });
    }
    if (url === 'https://api.example.com/todos/1') {
      return Response.json({ userId: 1, id: 1, title: 'delectus aut autem', completed: false });
    }
    throw new TypeError('getaddrinfo ENOTFOUND ' + new URL(url).hostname);
  };
}
afterAll(() => {
  globalThis.fetch = realFetch;
});

async function run(name: string): Promise<ExpectedInvocation[]> {
  const fixture = readConformanceFixture(name);
  const options: FixtureOptions = fixture.options;
  const handler = options.handler ?? 'index.handler';
  const init: EnvironmentInit = testEnvironmentInit(
    {
      runtime: 'nodejs22.x',
      handler,
      files: fixture.files,
      environment: variables(handler, options.environment),
    },
    {
      optFiles: fixture.optFiles,
      allowNetwork: options.allowNetwork === true,
      ...(options.ephemeralStorageMb !== undefined ? { ephemeralStorageMb: options.ephemeralStorageMb } : {}),
    },
  );
  if (options.allowNetwork) stubNetwork();
  else globalThis.fetch = realFetch;
  const engine = await createQuickjsEngine(nodeEngineAssets, 'nodejs22.x');
  engines.push(engine);
  let lines: string[] = [];
  const sink = (message: string): void => void lines.push(message);
  await engine.init(init, sink);
  const actual: ExpectedInvocation[] = [];
  const count = options.invocations ?? 1;
  for (let i = 0; i < count; i++) {
    const request: InvocationRequest = {
      requestId: `c0ffee00-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
      payload: fixture.event,
      deadlineEpochMs: Date.now() + 3000,
      invokedFunctionArn: options.invokedFunctionArn ?? FUNCTION_ARN,
      ...(options.clientContext !== undefined ? { clientContext: JSON.stringify(options.clientContext) } : {}),
    };
    const result = await engine.invoke(request, sink);
    actual.push({
      response: maskLine(result.payload, [request.requestId]),
      functionError: result.status === 'error' ? 'Unhandled' : null,
      logs: lines.map((line) => maskRuntimeClientLine(maskLine(line, [request.requestId]))),
    });
    lines = [];
  }
  if (UPDATE) {
    const out = actual.length === 1 ? actual[0] : actual;
    writeFileSync(join(NODEJS_FIXTURES, name, 'expected.json'), JSON.stringify(out, null, 2) + '\n');
  }
  return actual;
}

const names = conformanceFixtureNames();

describe('Node.js conformance fixtures (tests/fixtures/handlers/nodejs/*/expected.json)', () => {
  it('has at least 40 fixtures', () => {
    expect(names.length).toBeGreaterThanOrEqual(40);
  });

  for (const name of names) {
    const { options } = readConformanceFixture(name);
    it(`${name}${options.description ? `: ${options.description}` : ''}`, async () => {
      const actual = await run(name);
      expect(actual).toEqual(readConformanceFixture(name).expected);
    });
  }
});
