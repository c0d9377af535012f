/**
 * Response serialization of the REST-JSON protocol, by the model: the status code (the
 * operation's `responseCode`, or a member bound to `statusCode` such as Invoke's StatusCode),
 * header-bound members (X-Amz-Function-Error, X-Amz-Log-Result, X-Amz-Executed-Version…), then
 * either the payload member raw (Invoke's Payload) or the other members as a JSON body (blobs in
 * base64, timestamps in epoch seconds, absent members left out). Errors carry `x-amzn-ErrorType`
 * and a JSON body `{"Type": "User" | "Service", "message": …}`, the message member spelled as the
 * error's shape spells it (ResourceNotFoundException and ServiceException write `Message`), as
 * Lambda writes them (https://docs.aws.amazon.com/lambda/latest/api/CommonErrors.html).
 */
import type { ApiErrorShape } from '../domain/errors';
import type { OperationShape } from '../workers/protocol';
import { toBase64 } from './base64';
import type { WireResponse } from './http';
import { LAMBDA_MODEL, bodyMembers, outputShape, shapeNamed, type MemberRef, type Operation } from './model';

const JSON_CONTENT_TYPE = 'application/json';

/** A member value as the model's shape in a JSON body; values of an unexpected type pass through. */
function toJson(value: unknown, shapeName: string): unknown {
  const shape = shapeNamed(shapeName);
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null) return value;
      return structureToJson(value as OperationShape, Object.entries(shape.members ?? {}));
    }
    case 'list':
      return Array.isArray(value) ? value.map((item: unknown) => toJson(item, shape.member?.shape ?? 'String')) : value;
    case 'map': {
      if (typeof value !== 'object' || value === null) return value;
      const valueShape = shape.value?.shape ?? 'String';
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toJson(item, valueShape)]));
    }
    case 'blob':
      return value instanceof Uint8Array ? toBase64(value) : value;
    case 'timestamp':
      return value instanceof Date ? value.getTime() / 1000 : value;
    default:
      return value;
  }
}

function structureToJson(object: OperationShape, members: [string, MemberRef][]): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  for (const [name, ref] of members) {
    const value = object[name];
    if (value !== undefined && value !== null) json[name] = toJson(value, ref.shape);
  }
  return json;
}

function headerValue(value: unknown): string {
  if (value instanceof Date) return value.toUTCString();
  if (value instanceof Uint8Array) return toBase64(value);
  return String(value);
}

const encoder = new TextEncoder();

function jsonBytes(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value));
}

/** The request id the SDK reads from `x-amzn-RequestId`: the invocation's own for Invoke. */
export function requestIdOf(result: OperationShape): string | undefined {
  const metadata = result['$metadata'];
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const requestId = (metadata as { requestId?: unknown }).requestId;
  return typeof requestId === 'string' ? requestId : undefined;
}

/** The HTTP response of a successful operation. */
export function encodeResult(operation: Operation, result: OperationShape, requestId: string): WireResponse {
  const shape = outputShape(operation);
  let status = operation.http.responseCode;
  const headers: Record<string, string> = { 'Content-Type': JSON_CONTENT_TYPE, 'x-amzn-RequestId': requestId };
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const value = result[name];
    if (value === undefined || value === null) continue;
    if (ref.location === 'statusCode' && typeof value === 'number') status = value;
    else if (ref.location === 'header') headers[ref.locationName ?? name] = headerValue(value);
    else if (ref.location === 'headers' && typeof value === 'object') {
      for (const [suffix, item] of Object.entries(value)) headers[`${ref.locationName ?? ''}${suffix}`] = headerValue(item);
    }
  }

  let body: Uint8Array = new Uint8Array();
  if (shape.payload !== undefined) {
    const ref = shape.members?.[shape.payload];
    const value = result[shape.payload];
    if (ref && value !== undefined && value !== null) {
      const payloadShape = shapeNamed(ref.shape);
      if (value instanceof Uint8Array) body = value;
      else if (payloadShape.type === 'string' && typeof value === 'string') body = encoder.encode(value);
      else body = jsonBytes(toJson(value, ref.shape));
    }
  } else {
    const members = bodyMembers(shape);
    // 204 answers carry no body; operations with body members answer their JSON, even `{}`.
    if (status !== 204 && members.length > 0) body = jsonBytes(structureToJson(result, members));
  }
  return { status, headers, body };
}

/** The HTTP response of an error, with the members its shape in the model declares. */
export function encodeError(error: ApiErrorShape, requestId: string): WireResponse {
  const shape = LAMBDA_MODEL.shapes[error.type];
  const members = shape?.members ?? {};
  const fault = shape?.fault === true || error.status >= 500;
  const messageKey = 'Message' in members && !('message' in members) ? 'Message' : 'message';
  const body: Record<string, unknown> = { Type: fault ? 'Service' : 'User', [messageKey]: error.message };
  const headers: Record<string, string> = {
    'Content-Type': JSON_CONTENT_TYPE,
    'x-amzn-RequestId': requestId,
    'x-amzn-ErrorType': error.type,
  };
  if (error.reason !== undefined) body['Reason'] = error.reason;
  if (error.type === 'TooManyRequestsException') {
    // The model binds retryAfterSeconds to Retry-After; the SDK reads it into the exception.
    headers['Retry-After'] = '1';
  }
  return { status: error.status, headers, body: jsonBytes(body) };
}
