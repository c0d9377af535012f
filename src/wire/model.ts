/**
 * The Lambda API model (service-2.json of API version 2015-03-31, without documentation; see
 * scripts/compact-model.mjs) as typed data. Everything the wire does — routes, bindings, type
 * checks, constraints, status codes — is read from here rather than written per operation.
 */
import modelJson from './lambda-model.json';

/** Where a member travels in the HTTP message; absent means the JSON body. */
export type MemberLocation = 'uri' | 'querystring' | 'header' | 'headers' | 'statusCode';

export interface MemberRef {
  shape: string;
  location?: MemberLocation;
  locationName?: string;
  idempotencyToken?: boolean;
  jsonvalue?: boolean;
  timestampFormat?: string;
}

export type ShapeType =
  | 'structure'
  | 'list'
  | 'map'
  | 'string'
  | 'integer'
  | 'long'
  | 'boolean'
  | 'double'
  | 'float'
  | 'blob'
  | 'timestamp';

export interface Shape {
  type: ShapeType;
  required?: string[];
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  payload?: string;
  streaming?: boolean;
  sensitive?: boolean;
  error?: { httpStatusCode: number; senderFault?: boolean };
  exception?: boolean;
  fault?: boolean;
  member?: MemberRef;
  key?: MemberRef;
  value?: MemberRef;
  members?: Record<string, MemberRef>;
  timestampFormat?: string;
}

export interface Operation {
  name: string;
  http: { method: string; requestUri: string; responseCode: number };
  input?: { shape: string };
  output?: { shape: string };
  errors?: { shape: string }[];
}

export interface ServiceModel {
  metadata: Record<string, unknown>;
  operations: Record<string, Operation>;
  shapes: Record<string, Shape>;
}

/** The JSON import is typed structurally by TypeScript; the compact model's shape is ours. */
export const LAMBDA_MODEL = modelJson as unknown as ServiceModel;

/** The shape named `name`; the model is closed, so a missing name is a bug in the model file. */
export function shapeNamed(name: string, model: ServiceModel = LAMBDA_MODEL): Shape {
  const shape = model.shapes[name];
  if (!shape) throw new TypeError(`The Lambda model has no shape ${name}`);
  return shape;
}

/** An empty structure, for operations without an input or output shape. */
export const EMPTY_STRUCTURE: Shape = { type: 'structure', members: {} };

export function inputShape(operation: Operation, model: ServiceModel = LAMBDA_MODEL): Shape {
  return operation.input ? shapeNamed(operation.input.shape, model) : EMPTY_STRUCTURE;
}

export function outputShape(operation: Operation, model: ServiceModel = LAMBDA_MODEL): Shape {
  return operation.output ? shapeNamed(operation.output.shape, model) : EMPTY_STRUCTURE;
}

/** Members of a structure that travel in the JSON body (no location), excluding the payload member. */
export function bodyMembers(shape: Shape): [string, MemberRef][] {
  return Object.entries(shape.members ?? {}).filter(([name, ref]) => ref.location === undefined && name !== shape.payload);
}
