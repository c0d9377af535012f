#!/usr/bin/env node
/**
 * Writes src/wire/lambda-model.json: the Lambda API model (botocore's service-2.json, API version
 * 2015-03-31) without its documentation, which is most of its 470 KB. The wire module routes,
 * binds, validates and encodes by this file, so it keeps everything the protocol needs: metadata,
 * each operation's name, http (method, requestUri, responseCode), input, output and errors, and
 * each shape's type, members (shape, location, locationName, …), required, min, max, pattern, enum,
 * payload, streaming, sensitive, error and exception.
 *
 * The generated file is committed, so the repository builds without the shared model.
 * Usage: node scripts/compact-model.mjs [path/to/service-2.json]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = process.argv[2] ?? '/work/shared/aws-lambda-model/service-2.json';
const target = fileURLToPath(new URL('../src/wire/lambda-model.json', import.meta.url));

const OPERATION_KEYS = ['name', 'http', 'input', 'output', 'errors'];
const SHAPE_KEYS = [
  'type', 'required', 'min', 'max', 'pattern', 'enum', 'payload', 'streaming', 'sensitive',
  'error', 'exception', 'fault', 'member', 'key', 'value', 'members', 'timestampFormat',
];
const MEMBER_KEYS = [
  'shape', 'location', 'locationName', 'idempotencyToken', 'jsonvalue', 'timestampFormat', 'eventpayload',
];

const pick = (object, keys) =>
  Object.fromEntries(keys.filter((key) => object[key] !== undefined).map((key) => [key, object[key]]));

const model = JSON.parse(readFileSync(source, 'utf8'));
const operations = Object.fromEntries(
  Object.entries(model.operations).map(([name, operation]) => {
    const kept = pick(operation, OPERATION_KEYS);
    if (kept.errors) kept.errors = kept.errors.map((error) => ({ shape: error.shape }));
    return [name, kept];
  }),
);
const shapes = Object.fromEntries(
  Object.entries(model.shapes).map(([name, shape]) => {
    const kept = pick(shape, SHAPE_KEYS);
    if (kept.members) {
      kept.members = Object.fromEntries(
        Object.entries(kept.members).map(([member, ref]) => [member, pick(ref, MEMBER_KEYS)]),
      );
    }
    for (const ref of ['member', 'key', 'value']) if (kept[ref]) kept[ref] = pick(kept[ref], MEMBER_KEYS);
    return [name, kept];
  }),
);

// Every pattern must compile the way src/wire/validate.ts compiles it, or the wire would skip it.
for (const [name, shape] of Object.entries(shapes)) {
  if (shape.pattern === undefined) continue;
  try {
    new RegExp(`^(?:${shape.pattern})$`, 'u');
  } catch {
    try {
      new RegExp(`^(?:${shape.pattern})$`);
    } catch (error) {
      console.warn(`pattern of ${name} does not compile in JavaScript: ${error.message}`);
    }
  }
}

const compact = { metadata: model.metadata, operations, shapes };
writeFileSync(target, JSON.stringify(compact) + '\n');
console.log(`${target}: ${Object.keys(operations).length} operations, ${Object.keys(shapes).length} shapes, ${JSON.stringify(compact).length} bytes`);
