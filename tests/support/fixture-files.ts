import type { EnvironmentInit } from '../../src/workers/sandbox-protocol';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../fixtures/handlers/', import.meta.url));

/** A fixture package under tests/fixtures/handlers/<language>/<name> as EnvironmentInit.files (paths relative to /var/task). */
export function fixtureFiles(language: 'nodejs' | 'python', name: string): Record<string, Uint8Array> {
  const root = join(FIXTURES, language, name);
  const files: Record<string, Uint8Array> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(root, path).split('\\').join('/')] = new Uint8Array(readFileSync(path));
    }
  };
  walk(root);
  return files;
}

/** The EnvironmentInit the runtime suites start from: the tutorial's function, 128 MB, 3 s. */
export function testEnvironmentInit(
  fields: Pick<EnvironmentInit, 'runtime' | 'handler' | 'files' | 'environment'>,
  overrides: Partial<EnvironmentInit> = {},
): EnvironmentInit {
  return {
    ...fields,
    functionName: 'myLambdaFunction',
    functionVersion: '$LATEST',
    memorySizeMb: 128,
    timeoutSeconds: 3,
    logGroupName: '/aws/lambda/myLambdaFunction',
    logStreamName: '2024/08/31/[$LATEST]0123456789abcdef0123456789abcdef',
    initDeadlineEpochMs: Date.now() + 10_000,
    ...overrides,
  };
}
