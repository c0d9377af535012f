/**
 * Marker/MaxItems pagination of the List* operations (paginators-1.json: input Marker, output
 * NextMarker). The marker is opaque to callers; here it is the base64 of the last key served
 * (keys are ARNs and ids: ASCII, so btoa takes them).
 */
import { InvalidParameterValueException, ValidationException } from '../domain/errors';

export interface Page<T> {
  items: T[];
  nextMarker?: string;
}

/**
 * One page of `items` sorted by `keyOf`, after `marker`. `maxItems` outside [1, `limit`] is the
 * model's ValidationException naming `member` (the querystring member, e.g. `maxItems`).
 */
export function paginate<T>(
  items: T[],
  keyOf: (item: T) => string,
  marker: string | undefined,
  maxItems: number | undefined,
  limit: number,
): Page<T> {
  if (maxItems !== undefined && (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > limit)) {
    const constraint =
      maxItems < 1 ? 'Member must have value greater than or equal to 1' : `Member must have value less than or equal to ${limit}`;
    throw new ValidationException(`1 validation error detected: Value '${maxItems}' at 'maxItems' failed to satisfy constraint: ${constraint}`);
  }
  const sorted = [...items].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  const after = marker === undefined || marker === '' ? undefined : decodeMarker(marker);
  const start = after === undefined ? 0 : sorted.findIndex((item) => keyOf(item) > after);
  const size = Math.min(maxItems ?? limit, limit);
  const page = start < 0 ? [] : sorted.slice(start, start + size);
  const last = page.at(-1);
  return last !== undefined && start + size < sorted.length ? { items: page, nextMarker: encodeMarker(keyOf(last)) } : { items: page };
}

function encodeMarker(key: string): string {
  return btoa(JSON.stringify({ after: key }));
}

function decodeMarker(marker: string): string {
  try {
    const parsed: unknown = JSON.parse(atob(marker));
    if (typeof parsed === 'object' && parsed !== null && 'after' in parsed && typeof parsed.after === 'string') return parsed.after;
  } catch {
    // fall through to Lambda's error below
  }
  throw new InvalidParameterValueException(`Invalid marker: ${marker}`);
}
