/**
 * Python conformance: handlers in the styles of the AWS documentation (python-handler.html,
 * python-context.html, python-logging.html, python-exceptions.html, python-layers.html, the
 * event examples of each service's "Using Lambda with …" page) and of the seed tutorial, each
 * with its event and the exact response, FunctionError and log lines, run against the real
 * Pyodide in a worker thread: one plain load for the file; each fixture is a new environment
 * (a new Init) in it, and an environment the runtime discards is replaced from the snapshot.
 *
 * Fixtures: tests/fixtures/handlers/python/<name>/ (see tests/support/python-conformance.ts).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PythonSandbox } from '../../src/runtimes/python/test-harness';
import { conformanceFixtures, mask, type ConformanceFixture, type ExpectedInvocation } from '../support/python-conformance';

const fixtures = conformanceFixtures();
let sandbox: PythonSandbox;
let snapshot: Uint8Array | undefined;

beforeAll(async () => {
  sandbox = await PythonSandbox.boot();
  snapshot = sandbox.ready?.snapshot;
});

afterAll(() => sandbox?.terminate());

async function run(fixture: ConformanceFixture) {
  const { spec } = fixture;
  const { done, logs } = await sandbox.init(fixture.files, {
    ...(spec.handler ? { handler: spec.handler } : {}),
    environment: spec.environment ?? {},
    optFiles: fixture.optFiles,
    ...spec.init,
  });
  const initResult = done.ok
    ? { ok: true as const }
    : { ok: false as const, errorType: done.errorType, errorBody: mask(done.errorBody) };
  const count = Array.isArray(spec.invocations) ? spec.invocations.length : (spec.invocations ?? 1);
  const invocations: ExpectedInvocation[] = [];
  for (let i = 0; i < count; i++) {
    const { result, lines } = await sandbox.invoke(fixture.payload);
    invocations.push({
      response: mask(result.payload, result.requestId),
      ...(result.status === 'error' ? { functionError: 'Unhandled' as const, errorType: result.errorType ?? '' } : {}),
      logs: lines.map((line) => mask(line, result.requestId)),
    });
    if (result.discard) {
      sandbox.terminate();
      sandbox = await PythonSandbox.boot(snapshot ? { snapshot } : {});
      break;
    }
  }
  return { initResult, initLogs: logs.map((l) => mask(l.message)), invocations };
}

describe('Python conformance', () => {
  test('at least 40 fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(40);
  });

  test.each(fixtures.map((f) => [f.name, f] as const))('%s', async (_name, fixture) => {
    const actual = await run(fixture);
    expect(actual).toEqual({
      initResult: fixture.spec.initResult,
      initLogs: fixture.spec.initLogs,
      invocations: fixture.spec.invocations,
    });
  });
});
