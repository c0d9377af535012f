/**
 * Request binding of the REST-JSON protocol: path labels, query parameters, headers, the payload
 * member or the JSON body become the operation's input in the SDK's shape (blobs as Uint8Array,
 * timestamps as Date), each value type-checked against the model
 * (https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html).
 *
 * What cannot be read as the operation's input — malformed JSON, a member of the wrong JSON type,
 * a field the operation does not have — is answered as Lambda's front end answers it:
 * InvalidRequestContentException, "Could not parse request body into json: …", with the wording
 * of its JSON reader (Jackson), e.g. `Unrecognized field "Foo" (class …), not marked as ignorable`.
 */
import { InvalidRequestContentException } from '../domain/errors';
import type { OperationShape } from '../workers/protocol';
import { fromBase64 } from './base64';
import type { WireRequest } from './http';
import { bodyMembers, inputShape, shapeNamed, type MemberRef, type Operation, type Shape } from './model';
import type { RouteMatch } from './routes';

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

/** The Java class Lambda's reader would have built, for messages in its wording. */
function javaType(shapeName: string, shape: Shape): string {
  switch (shape.type) {
    case 'structure':
      return `com.amazonaws.lambda.model.${shapeName}`;
    case 'list':
      return 'java.util.ArrayList';
    case 'map':
      return 'java.util.HashMap';
    case 'string':
      return 'java.lang.String';
    case 'integer':
      return 'java.lang.Integer';
    case 'long':
      return 'java.lang.Long';
    case 'double':
      return 'java.lang.Double';
    case 'float':
      return 'java.lang.Float';
    case 'boolean':
      return 'java.lang.Boolean';
    case 'blob':
      return 'java.nio.ByteBuffer';
    case 'timestamp':
      return 'java.util.Date';
  }
}

function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'Array';
  if (typeof value === 'string') return 'String';
  if (typeof value === 'number') return Number.isInteger(value) ? 'Integer' : 'Floating-point';
  if (typeof value === 'boolean') return 'Boolean';
  return 'Object';
}

/** The body could not be read: Lambda's InvalidRequestContentException with its reader's message. */
function unreadable(detail: string): InvalidRequestContentException {
  return new InvalidRequestContentException(`Could not parse request body into json: Could not parse payload into json: ${detail}`);
}

/** Jackson's "(through reference chain: A["B"]->C["D"])" tail, naming where the value was. */
function chain(path: string[]): string {
  return path.length === 0 ? '' : ` (through reference chain: ${path.join('->')})`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads one JSON value as the model's shape `shapeName`; `path` is the reference chain so far. */
function readJson(value: unknown, shapeName: string, path: string[]): unknown {
  const shape = shapeNamed(shapeName);
  const mismatch = (): InvalidRequestContentException =>
    unreadable(`Cannot deserialize value of type \`${javaType(shapeName, shape)}\` from ${jsonKind(value)} value${chain(path)}`);
  switch (shape.type) {
    case 'structure': {
      if (!isPlainObject(value)) throw mismatch();
      return readStructure(value, shapeName, shape, Object.entries(shape.members ?? {}), path);
    }
    case 'list': {
      if (!Array.isArray(value)) throw mismatch();
      const member = shape.member?.shape ?? 'String';
      return value.map((item, index) => {
        if (item === null) throw mismatch();
        return readJson(item, member, [...path, `java.util.ArrayList[${index}]`]);
      });
    }
    case 'map': {
      if (!isPlainObject(value)) throw mismatch();
      const valueShape = shape.value?.shape ?? 'String';
      // fromEntries defines own properties: a "__proto__" key stays a key, never a prototype.
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => {
          if (item === null) throw mismatch();
          return [key, readJson(item, valueShape, [...path, `java.util.HashMap["${key}"]`])];
        }),
      );
    }
    case 'string':
      if (typeof value !== 'string') throw mismatch();
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw mismatch();
      return value;
    case 'integer':
    case 'long': {
      if (typeof value !== 'number' || !Number.isInteger(value)) throw mismatch();
      const inRange = shape.type === 'integer' ? value >= INT_MIN && value <= INT_MAX : Number.isSafeInteger(value);
      if (!inRange) {
        throw unreadable(`Numeric value (${value}) out of range of ${shape.type === 'integer' ? 'int' : 'long'}${chain(path)}`);
      }
      return value;
    }
    case 'double':
    case 'float':
      if (typeof value !== 'number') throw mismatch();
      return value;
    case 'blob': {
      if (typeof value !== 'string') throw mismatch();
      const bytes = fromBase64(value);
      if (!bytes) throw unreadable(`Cannot decode the value as base64${chain(path)}`);
      return bytes;
    }
    case 'timestamp':
      // JSON bodies carry timestamps as epoch seconds (the protocol's default format).
      if (typeof value !== 'number') throw mismatch();
      return new Date(value * 1000);
  }
}

function readStructure(
  object: Record<string, unknown>,
  shapeName: string,
  shape: Shape,
  members: [string, MemberRef][],
  path: string[],
): OperationShape {
  const known = new Map(members);
  const result: OperationShape = {};
  for (const [key, value] of Object.entries(object)) {
    const ref = known.get(key);
    if (!ref) {
      const names = members.map(([name]) => `"${name}"`);
      throw unreadable(
        `Unrecognized field "${key}" (class ${javaType(shapeName, shape)}), not marked as ignorable ` +
          `(${names.length} known properties: ${names.join(', ')}])${chain([...path, `${javaType(shapeName, shape)}["${key}"]`])}`,
      );
    }
    // An explicit null reads as an absent member, as Jackson reads it.
    if (value === null) continue;
    result[key] = readJson(value, ref.shape, [...path, `${javaType(shapeName, shape)}["${key}"]`]);
  }
  return result;
}

/** A header or query string value as the member's scalar type (or a list of them). */
function readText(values: string[], ref: MemberRef, where: string): unknown {
  const shape = shapeNamed(ref.shape);
  if (shape.type === 'list') {
    const member = shape.member ?? { shape: 'String' };
    return values.map((value) => readText([value], member, where));
  }
  const value = values[0] ?? '';
  const bad = (): InvalidRequestContentException =>
    new InvalidRequestContentException(
      `Could not parse request: the ${where} value '${value}' is not a valid ${javaType(ref.shape, shape)}`,
    );
  switch (shape.type) {
    case 'integer':
    case 'long': {
      if (!/^-?\d{1,19}$/.test(value)) throw bad();
      const number = Number(value);
      const inRange = shape.type === 'integer' ? number >= INT_MIN && number <= INT_MAX : Number.isSafeInteger(number);
      if (!inRange) throw bad();
      return number;
    }
    case 'double':
    case 'float': {
      const number = Number(value);
      if (value.trim() === '' || Number.isNaN(number)) throw bad();
      return number;
    }
    case 'boolean':
      if (value !== 'true' && value !== 'false') throw bad();
      return value === 'true';
    case 'timestamp': {
      const time = Date.parse(value);
      if (Number.isNaN(time)) throw bad();
      return new Date(time);
    }
    case 'blob': {
      const bytes = fromBase64(value);
      if (!bytes) throw bad();
      return bytes;
    }
    default:
      return value;
  }
}

function utf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw unreadable('Invalid UTF-8 in the request body');
  }
}

function parseJson(bytes: Uint8Array): unknown {
  const text = utf8(bytes);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw unreadable(error instanceof Error ? error.message : String(error));
  }
}

/**
 * The operation's input read from the request: uri, querystring and header members, then the
 * payload member (raw bytes for a blob such as Invoke's Payload) or the JSON body's members.
 */
export function bindRequest(operation: Operation, match: RouteMatch, request: WireRequest): OperationShape {
  const shapeName = operation.input?.shape ?? `${operation.name}Request`;
  const shape = inputShape(operation);
  const input: OperationShape = {};
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const key = ref.locationName ?? name;
    if (ref.location === 'uri') {
      const label = match.labels[key];
      if (label !== undefined) input[name] = readText([label], ref, `path parameter ${key}`);
    } else if (ref.location === 'querystring') {
      const values = match.query.get(key);
      if (values !== undefined && values.length > 0) input[name] = readText(values, ref, `query parameter ${key}`);
    } else if (ref.location === 'header') {
      const value = request.headers[key.toLowerCase()];
      if (value !== undefined) input[name] = readText([value], ref, `header ${key}`);
    }
  }

  const payloadName = shape.payload;
  if (payloadName !== undefined) {
    const ref = shape.members?.[payloadName];
    if (!ref || request.body.byteLength === 0) return input;
    const payloadShape = shapeNamed(ref.shape);
    if (payloadShape.type === 'blob') input[payloadName] = request.body;
    else if (payloadShape.type === 'string') input[payloadName] = utf8(request.body);
    else input[payloadName] = readJson(parseJson(request.body), ref.shape, []);
    return input;
  }

  const members = bodyMembers(shape);
  // Operations without body members (GET, DELETE…) ignore a body, as HTTP servers do.
  if (members.length === 0 || request.body.byteLength === 0) return input;
  const body = parseJson(request.body);
  if (!isPlainObject(body)) {
    throw unreadable(`Cannot deserialize value of type \`com.amazonaws.lambda.model.${shapeName}\` from ${jsonKind(body)} value`);
  }
  return { ...input, ...readStructure(body, shapeName, shape, members, []) };
}
