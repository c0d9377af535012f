/**
 * Shared by the Node.js runtime's test suites (not shipped: only *.test.ts import it).
 * Fixture handlers live in tests/fixtures/handlers/nodejs/<name>/, one deployment package each.
 */
import { fixtureFiles as sharedFixtureFiles, testEnvironmentInit } from '../../../tests/support/fixture-files';
import type { EnvironmentInit, InvocationRequest } from '../../workers/sandbox-protocol';

/** A fixture package under tests/fixtures/handlers/nodejs/<name>. */
export function fixtureFiles(name: string): Record<string, Uint8Array> {
  return sharedFixtureFiles('nodejs', name);
}

export function environmentInit(fixture: string, overrides: Partial<EnvironmentInit> = {}): EnvironmentInit {
  return testEnvironmentInit(
    {
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      files: fixtureFiles(fixture),
      environment: { AWS_REGION: 'us-east-1', AWS_LAMBDA_FUNCTION_NAME: 'myLambdaFunction' },
    },
    overrides,
  );
}

let sequence = 0;
export function invocation(payload: unknown, overrides: Partial<InvocationRequest> = {}): InvocationRequest {
  sequence += 1;
  return {
    requestId: `5c012b0a-18f7-4805-b2f6-${String(sequence).padStart(12, '0')}`,
    payload: JSON.stringify(payload),
    deadlineEpochMs: Date.now() + 3000,
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:myLambdaFunction',
    ...overrides,
  };
}

/** Collects log lines as a LogSink. */
export function logCollector(): { lines: string[]; sink: (message: string) => void } {
  const lines: string[] = [];
  return { lines, sink: (message: string) => void lines.push(message) };
}

/** `<ISO time>\t<id>\t<LEVEL>\t<message>` split into its fields (the time checked for shape). */
export function parseLogLine(line: string): { time: string; requestId: string; level: string; message: string } {
  const [time = '', requestId = '', level = '', ...rest] = line.split('\t');
  return { time, requestId, level, message: rest.join('\t') };
}

export const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
