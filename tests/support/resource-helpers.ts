/**
 * Helpers for the tests of the per-function resource operations: every call goes through the
 * control plane's `execute` (the entry the wire uses), with the operation's model name.
 */
import { expect } from 'vitest';
import { LambdaError } from '../../src/domain/errors';
import type { OperationShape } from '../../src/workers/protocol';
import { TEST_ROLE, zipOf, type TestControlPlane } from './control-plane';

export const HELLO = { 'index.mjs': 'export const handler = async () => ({ statusCode: 200 });\n' };
export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const fnArn = (name: string, qualifier?: string) =>
  `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}${qualifier === undefined ? '' : `:${qualifier}`}`;

/** Runs an operation; answers its value or throws the LambdaError it answered. */
export async function call<T = Record<string, unknown>>(cp: TestControlPlane, operation: string, input: object = {}): Promise<T> {
  const result = await cp.controlPlane.execute(operation, input as OperationShape);
  if (!result.ok) throw LambdaError.fromShape(result.error);
  return result.value as T;
}

/** Expects the operation to fail with Lambda's type, status and (when given) message. */
export async function expectError(
  promise: Promise<unknown>,
  type: string,
  status: number,
  message?: string | RegExp,
): Promise<LambdaError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the call should have failed').toBeInstanceOf(LambdaError);
  const lambdaError = error as LambdaError;
  expect({ type: lambdaError.type, status: lambdaError.status }).toEqual({ type, status });
  if (typeof message === 'string') expect(lambdaError.message).toBe(message);
  else if (message) expect(lambdaError.message).toMatch(message);
  return lambdaError;
}

export function createFunction(cp: TestControlPlane, name: string, extra: Record<string, unknown> = {}) {
  return call(cp, 'CreateFunction', {
    FunctionName: name,
    Runtime: 'nodejs22.x',
    Role: TEST_ROLE,
    Handler: 'index.handler',
    Code: { ZipFile: zipOf(HELLO) },
    ...extra,
  });
}

/** Publishes $LATEST as a new version and answers its number. */
export async function publish(cp: TestControlPlane, name: string, description?: string): Promise<string> {
  const version = await call<{ Version: string }>(cp, 'PublishVersion', { FunctionName: name, Description: description });
  return version.Version;
}

export function createAlias(cp: TestControlPlane, name: string, alias: string, version: string) {
  return call<{ RevisionId: string }>(cp, 'CreateAlias', { FunctionName: name, Name: alias, FunctionVersion: version });
}

/** A clock the test moves by hand. */
export function manualClock(start = Date.UTC(2026, 10, 22, 8, 0, 0)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}
