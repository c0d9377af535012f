/**
 * Reads the Node.js conformance fixtures: each directory under tests/fixtures/handlers/nodejs
 * that holds an `expected.json` is one case. Its files are the deployment package, except:
 * - `event.json`: the event (the payload sent, verbatim);
 * - `expected.json`: one expected invocation, or an array of them for `fixture.json`'s
 *   `invocations` warm invocations of one environment: `{ response, functionError, logs }`
 *   with `response` the payload text, `functionError` "Unhandled" or null, and `logs` the
 *   lines the runtime wrote (init's lines with the first invocation), times and request ids
 *   masked as `<time>` and `<request-id>`;
 * - `fixture.json` (optional): handler, environment, allowNetwork, ephemeralStorageMb,
 *   invocations, clientContext, invokedFunctionArn, description;
 * - `opt/`: the layers' files, mounted at /opt.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODEJS_FIXTURES = fileURLToPath(new URL('../fixtures/handlers/nodejs/', import.meta.url));

export interface ExpectedInvocation {
  response: string;
  functionError: 'Unhandled' | null;
  logs: string[];
}

export interface FixtureOptions {
  description?: string;
  handler?: string;
  environment?: Record<string, string>;
  allowNetwork?: boolean;
  ephemeralStorageMb?: number;
  invocations?: number;
  clientContext?: unknown;
  invokedFunctionArn?: string;
}

export interface ConformanceFixture {
  name: string;
  files: Record<string, Uint8Array>;
  optFiles: Record<string, Uint8Array>;
  event: string;
  options: FixtureOptions;
  expected: ExpectedInvocation[];
}

const NOT_PACKAGE = new Set(['event.json', 'expected.json', 'fixture.json']);

function readTree(root: string, skip: (path: string) => boolean): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      const rel = relative(root, path).split('\\').join('/');
      if (skip(rel)) continue;
      if (statSync(path).isDirectory()) walk(path);
      else files[rel] = new Uint8Array(readFileSync(path));
    }
  };
  if (existsSync(root)) walk(root);
  return files;
}

export function conformanceFixtureNames(): string[] {
  return readdirSync(NODEJS_FIXTURES)
    .filter((name) => existsSync(join(NODEJS_FIXTURES, name, 'expected.json')))
    .sort();
}

export function readConformanceFixture(name: string): ConformanceFixture {
  const root = join(NODEJS_FIXTURES, name);
  const text = (file: string): string | undefined =>
    existsSync(join(root, file)) ? readFileSync(join(root, file), 'utf8') : undefined;
  const expected = JSON.parse(text('expected.json') ?? '[]') as ExpectedInvocation | ExpectedInvocation[];
  return {
    name,
    files: readTree(root, (rel) => NOT_PACKAGE.has(rel) || rel === 'opt'),
    optFiles: readTree(join(root, 'opt'), () => false),
    event: (text('event.json') ?? '{}').trim(),
    options: JSON.parse(text('fixture.json') ?? '{}') as FixtureOptions,
    expected: Array.isArray(expected) ? expected : [expected],
  };
}

const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g;
/** Frames in the runtime's own file: their line numbers move with every runtime version, in Lambda as here. */
const RUNTIME_FRAME = /file:\/\/\/var\/runtime\/index\.mjs:\d+:\d+/g;

/** Masks what changes between runs: ISO times, the request ids given, and runtime line numbers. */
export function maskLine(line: string, requestIds: string[]): string {
  let masked = line.replace(ISO, '<time>').replace(RUNTIME_FRAME, 'file:///var/runtime/index.mjs:<line>');
  for (const id of requestIds) masked = masked.split(id).join('<request-id>');
  return masked;
}
