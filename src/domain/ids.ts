/** Identifiers in the formats Lambda uses. */

/** A request id / RevisionId: a random UUID v4, as Lambda's. */
export function newUuid(): string {
  return crypto.randomUUID();
}

/** 32 lower-case hex characters, the random tail of a log stream name. */
export function newHex32(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Log stream name of an execution environment: `YYYY/MM/DD/[<version>]<32 hex>`, dated in UTC
 * (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html).
 */
export function logStreamNameFor(epochMs: number, version: string, hex32: string = newHex32()): string {
  const date = new Date(epochMs).toISOString().slice(0, 10).replaceAll('-', '/');
  return `${date}/[${version}]${hex32}`;
}

export function logGroupNameFor(functionName: string): string {
  return `/aws/lambda/${functionName}`;
}

/**
 * LastModified as Lambda writes it: ISO 8601 with milliseconds and a `+0000` offset,
 * e.g. `2019-08-14T22:26:11.234+0000`.
 */
export function lambdaTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}
