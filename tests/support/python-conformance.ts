/**
 * The Python conformance fixtures: tests/fixtures/handlers/python/<name>/ holding the
 * function's files, `event.json`, `opt/` (the layers' files, as mounted at /opt) and
 * `expected.json`:
 *
 *   handler, environment, init (EnvironmentInit overrides), eventText (a payload that is not
 *   JSON): how to run it;
 *   initResult ({ ok } or { ok, errorType, errorBody }), initLogs: the Init phase;
 *   invocations: one entry per invocation of the same environment, each with the exact
 *   response text, functionError ("Unhandled" when the function failed), errorType and the
 *   log lines. Request ids are masked as <RequestId>, ISO times as <Time>.
 */
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EnvironmentInit } from '../../src/workers/sandbox-protocol';

export const PYTHON_FIXTURES = fileURLToPath(new URL('../fixtures/handlers/python/', import.meta.url));

export interface ExpectedInvocation {
  response?: string;
  functionError?: 'Unhandled';
  errorType?: string;
  logs?: string[];
}

export interface ConformanceSpec {
  handler?: string;
  environment?: Record<string, string>;
  init?: Partial<Pick<EnvironmentInit, 'ephemeralStorageMb' | 'memorySizeMb' | 'timeoutSeconds' | 'allowNetwork'>>;
  eventText?: string;
  initResult?: { ok: true } | { ok: false; errorType: string; errorBody: string };
  initLogs?: string[];
  /** A count before recording; the expected invocations after. */
  invocations?: number | ExpectedInvocation[];
}

export interface ConformanceFixture {
  name: string;
  spec: ConformanceSpec;
  files: Record<string, Uint8Array>;
  optFiles: Record<string, Uint8Array>;
  payload: string;
}

const NOT_PACKAGE = new Set(['event.json', 'expected.json']);

function readTree(root: string, skip: (relative: string) => boolean): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  const walk = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir).sort()) {
      const relative = prefix ? `${prefix}/${entry}` : entry;
      if (skip(relative)) continue;
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path, relative);
      else files[relative] = new Uint8Array(readFileSync(path));
    }
  };
  if (existsSync(root)) walk(root, '');
  return files;
}

/** Every fixture folder with an expected.json, in name order. */
export function conformanceFixtures(): ConformanceFixture[] {
  return readdirSync(PYTHON_FIXTURES)
    .sort()
    .filter((name) => existsSync(join(PYTHON_FIXTURES, name, 'expected.json')))
    .map((name) => {
      const root = join(PYTHON_FIXTURES, name);
      const spec = JSON.parse(readFileSync(join(root, 'expected.json'), 'utf8')) as ConformanceSpec;
      const eventPath = join(root, 'event.json');
      return {
        name,
        spec,
        files: readTree(root, (relative) => NOT_PACKAGE.has(relative) || relative === 'opt'),
        optFiles: readTree(join(root, 'opt'), () => false),
        payload: spec.eventText ?? (existsSync(eventPath) ? JSON.stringify(JSON.parse(readFileSync(eventPath, 'utf8'))) : '{}'),
      };
    });
}

const ISO_TIME = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g;

/** Mask what changes from run to run: the request id and ISO timestamps. */
export function mask(text: string, requestId?: string): string {
  const masked = requestId ? text.split(requestId).join('<RequestId>') : text;
  return masked.replace(ISO_TIME, '<Time>');
}
