/**
 * The model's constraints on an operation's input — required members, lengths and value ranges,
 * patterns, enums — checked as Lambda's front end checks them, every violation listed in one
 * ValidationException: "1 validation error detected: Value '100' at 'memorySize' failed to satisfy
 * constraint: Member must have value greater than or equal to 128"
 * (https://docs.aws.amazon.com/lambda/latest/api/CommonErrors.html). Members are named as the
 * front end names them: the member name with a lower-case first letter, nested with dots, list
 * elements as `<list>.<n>.member`. Values of sensitive shapes are not shown.
 */
import { Violations } from '../domain/validation';
import type { OperationShape } from '../workers/protocol';
import { inputShape, shapeNamed, type Operation, type Shape } from './model';

const patterns = new Map<string, RegExp | null>();

/** The model's (Java) pattern as a whole-value JavaScript RegExp; null if JavaScript cannot compile it. */
function compiled(pattern: string): RegExp | null {
  let regexp = patterns.get(pattern);
  if (regexp !== undefined) return regexp;
  regexp = null;
  for (const flags of ['u', '']) {
    try {
      regexp = new RegExp(`^(?:${pattern})$`, flags);
      break;
    } catch {
      // try the next flags; \p{L} needs 'u', some identity escapes are refused with it
    }
  }
  patterns.set(pattern, regexp);
  return regexp;
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** How Coral prints a value in its messages (Java's toString of the deserialized value). */
function shown(value: unknown): string {
  if (value instanceof Uint8Array) return `java.nio.HeapByteBuffer[pos=0 lim=${value.byteLength} cap=${value.byteLength}]`;
  if (Array.isArray(value)) return `[${value.map(shown).join(', ')}]`;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && value !== null) {
    return `{${Object.entries(value).map(([key, item]) => `${key}=${shown(item)}`).join(', ')}}`;
  }
  return String(value);
}

/** The constraint a scalar or container breaks, in Coral's words, or undefined. */
function brokenConstraint(value: unknown, shape: Shape): string | undefined {
  let size: number | undefined;
  let noun = 'length';
  if (typeof value === 'string') size = [...value].length;
  else if (value instanceof Uint8Array) size = value.byteLength;
  else if (Array.isArray(value)) size = value.length;
  else if (shape.type === 'map' && typeof value === 'object' && value !== null) size = Object.keys(value).length;
  else if (typeof value === 'number') {
    size = value;
    noun = 'value';
  }
  if (size !== undefined) {
    if (shape.min !== undefined && size < shape.min) return `Member must have ${noun} greater than or equal to ${shape.min}`;
    if (shape.max !== undefined && size > shape.max) return `Member must have ${noun} less than or equal to ${shape.max}`;
  }
  if (typeof value === 'string') {
    if (shape.enum && !shape.enum.includes(value)) return `Member must satisfy enum value set: [${shape.enum.join(', ')}]`;
    const pattern = shape.pattern === undefined ? null : compiled(shape.pattern);
    if (pattern && shape.pattern !== undefined && !pattern.test(value)) {
      return `Member must satisfy regular expression pattern: ${shape.pattern}`;
    }
  }
  return undefined;
}

function check(value: unknown, shapeName: string, path: string, violations: Violations, hidden: boolean): void {
  const shape = shapeNamed(shapeName);
  const sensitive = hidden || shape.sensitive === true;
  const broken = brokenConstraint(value, shape);
  if (broken) {
    if (sensitive) violations.addHidden(path, broken);
    else violations.add(shown(value), path, broken);
  }
  if (shape.type === 'structure' && typeof value === 'object' && value !== null) {
    checkStructure(value as OperationShape, shape, path, violations, sensitive);
  } else if (shape.type === 'list' && Array.isArray(value) && shape.member) {
    const member = shape.member.shape;
    value.forEach((item, index) => check(item, member, `${path}.${index + 1}.member`, violations, sensitive));
  } else if (shape.type === 'map' && typeof value === 'object' && value !== null) {
    checkMap(value as Record<string, unknown>, shape, path, violations, sensitive);
  }
}

function checkMap(map: Record<string, unknown>, shape: Shape, path: string, violations: Violations, hidden: boolean): void {
  const keyShape = shape.key ? shapeNamed(shape.key.shape) : undefined;
  const valueShape = shape.value ? shapeNamed(shape.value.shape) : undefined;
  const keyBroken = keyShape && Object.keys(map).map((key) => brokenConstraint(key, keyShape)).find(Boolean);
  if (keyBroken) violations.addHidden(path, `Map keys must satisfy constraint: [${keyBroken}]`);
  const valueBroken = valueShape && Object.values(map).map((item) => brokenConstraint(item, valueShape)).find(Boolean);
  if (valueBroken) violations.addHidden(path, `Map value must satisfy constraint: [${valueBroken}]`);
  // Nested containers inside map values (rare in Lambda's model) are checked member by member.
  if (valueShape && (valueShape.type === 'structure' || valueShape.type === 'list') && shape.value) {
    const valueName = shape.value.shape;
    for (const [key, item] of Object.entries(map)) check(item, valueName, `${path}.${key}.member`, violations, hidden);
  }
}

function checkStructure(object: OperationShape, shape: Shape, prefix: string, violations: Violations, hidden: boolean): void {
  const required = new Set(shape.required ?? []);
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const path = prefix === '' ? lowerFirst(name) : `${prefix}.${lowerFirst(name)}`;
    const value = object[name];
    if (value === undefined || value === null) {
      if (required.has(name)) violations.add(undefined, path, 'Member must not be null');
      continue;
    }
    check(value, ref.shape, path, violations, hidden);
  }
}

/** Throws one ValidationException listing every constraint of the model that `input` breaks. */
export function validateInput(operation: Operation, input: OperationShape): void {
  const violations = new Violations();
  checkStructure(input, inputShape(operation), '', violations, false);
  violations.throwIfAny();
}
