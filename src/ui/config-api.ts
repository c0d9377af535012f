/**
 * What the Configuration, Versions and Aliases tabs share: typed calls of the operations the
 * client offers only through `execute`, and the pure helpers behind what they show (the 4 KB
 * counter, readable policy statements, durations), kept out of components so they are tested.
 */
import type { LambdaliteClient } from '../client/lambda-client';
import { LambdaError } from '../domain/errors';
import { LIMITS } from '../domain/validation';
import type { OperationShape } from '../workers/protocol';

/**
 * Runs an operation by its model name. The answer is in the operation's output shape (the SDK's
 * type named by the caller): the control plane builds it, the cast only names it.
 */
export async function callOperation<T>(client: LambdaliteClient, operation: string, input: object): Promise<T> {
  return (await client.execute(operation, input as OperationShape)) as unknown as T;
}

/** A "not found" answer read as "nothing configured" (GetPolicy, GetFunctionUrlConfig…). */
export function isNotFound(error: unknown): boolean {
  return error instanceof LambdaError && error.type === 'ResourceNotFoundException';
}

/**
 * Waits until the function accepts another change: Lambda refuses one while LastUpdateStatus is
 * InProgress (ResourceConflictException), and the console waits as the SDK's waiters do.
 */
export async function waitUntilUpdatable(client: LambdaliteClient, functionName: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const config = await client.getFunctionConfiguration({ FunctionName: functionName });
    if (config.State !== 'Pending' && config.LastUpdateStatus !== 'InProgress') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Bytes Lambda counts against the 4 KB limit: the variables as a JSON object, in UTF-8 (validation.ts). */
export function environmentSize(variables: ReadonlyArray<{ key: string; value: string }>): number {
  const object: Record<string, string> = {};
  for (const { key, value } of variables) if (key !== '' || value !== '') object[key] = value;
  return new TextEncoder().encode(JSON.stringify(object)).length;
}

/** Keys given more than once (blank keys left out): the console refuses to save them. */
export function duplicateKeys(rows: ReadonlyArray<{ key: string }>): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const { key } of rows) {
    if (key === '') continue;
    if (seen.has(key)) repeated.add(key);
    seen.add(key);
  }
  return [...repeated];
}

export const ENVIRONMENT_MAX_BYTES = LIMITS.environmentMaxBytes;

/** "1.2 KB"-style, as the console's counters write sizes. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A policy statement as the Permissions panel lists it. */
export interface ReadableStatement {
  sid: string;
  effect: string;
  principal: string;
  action: string;
  resource: string;
  /** `<operator> <key> = <value>` lines, e.g. `ArnLike AWS:SourceArn = arn:aws:s3:::bucket`. */
  conditions: string[];
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(text).join(', ');
  if (value && typeof value === 'object') {
    return Object.entries(value)
      .map(([k, v]) => `${k}: ${text(v)}`)
      .join('; ');
  }
  return value === undefined ? '' : String(value);
}

/** The statements of GetPolicy's `Policy` document, readable; an unreadable document gives none. */
export function readableStatements(policy: string): ReadableStatement[] {
  let document: unknown;
  try {
    document = JSON.parse(policy);
  } catch {
    return [];
  }
  const raw = (document as { Statement?: unknown }).Statement;
  const statements = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return statements.map((s: Record<string, unknown>) => {
    // `{"Service": "s3.amazonaws.com"}` reads better as the service alone; `"*"` stays `*`.
    const principal = s['Principal'];
    const principalText =
      principal && typeof principal === 'object' && !Array.isArray(principal)
        ? Object.values(principal).map(text).join(', ')
        : text(principal);
    const conditions: string[] = [];
    const condition = s['Condition'];
    if (condition && typeof condition === 'object') {
      for (const [operator, pairs] of Object.entries(condition as Record<string, unknown>)) {
        if (pairs && typeof pairs === 'object') {
          for (const [key, value] of Object.entries(pairs as Record<string, unknown>)) conditions.push(`${operator} ${key} = ${text(value)}`);
        }
      }
    }
    return {
      sid: text(s['Sid']),
      effect: text(s['Effect']),
      principal: principalText,
      action: text(s['Action']),
      resource: text(s['Resource']),
      conditions,
    };
  });
}

/** The JSON pretty-printed, or the text unchanged if it is not JSON. */
export function prettyJson(textValue: string): string {
  try {
    return JSON.stringify(JSON.parse(textValue), null, 2);
  } catch {
    return textValue;
  }
}

/** `3h 5m 0s`, as the console writes the Maximum age of event. */
export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h}h ${m}m ${s}s`;
}

/** The qualifier at the end of a qualified function ARN (`…:function:name:qualifier`). */
export function qualifierOf(functionArn: string | undefined): string {
  const parts = (functionArn ?? '').split(':');
  return parts.length >= 8 ? (parts[7] ?? '') : '';
}

/** The layer name and version of a layer version ARN (`arn:aws:lambda:region:account:layer:name:version`). */
export function layerNameOf(layerVersionArn: string): { name: string; version: string } {
  const parts = layerVersionArn.split(':');
  return { name: parts[6] ?? layerVersionArn, version: parts[7] ?? '' };
}

/** Moves the item at `index` one place up (-1) or down (+1); out-of-range moves change nothing. */
export function moved<T>(items: readonly T[], index: number, by: -1 | 1): T[] {
  const target = index + by;
  const copy = [...items];
  if (index < 0 || index >= copy.length || target < 0 || target >= copy.length) return copy;
  [copy[index], copy[target]] = [copy[target]!, copy[index]!];
  return copy;
}

/** A routing weight for the alias slider: 0–100 % as a 0–1 fraction with two decimals. */
export function weightFraction(percent: number): number {
  return Math.round(Math.min(100, Math.max(0, percent))) / 100;
}
