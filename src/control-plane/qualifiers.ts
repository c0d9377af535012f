/**
 * FunctionName + Qualifier as the per-function resource operations (permissions, tags, URL,
 * event invoke and provisioned concurrency configs, concurrency, code signing) read them. Each
 * of those operations answers a missing function or qualifier with its own wording, so this
 * module only resolves; the callers choose the error.
 */
import { parseFunctionRef, type AccountScope, type FunctionRef } from '../domain/arn';
import { InvalidParameterValueException, ValidationException } from '../domain/errors';
import type { FunctionRecord } from '../domain/function-model';
import type { AliasRecord, FunctionResourceStore, FunctionStore, VersionStore } from './ports';

/** What the resource services read of the store. */
export type ResourceStore = FunctionStore & VersionStore & FunctionResourceStore;

const VERSION_NUMBER = /^[0-9]+$/;
/** The model's Qualifier pattern (service-2.json, shape Qualifier: `(|[a-zA-Z0-9$_-]+)`). */
const QUALIFIER_PATTERN = /^[a-zA-Z0-9$_-]+$/;

export function isVersionNumber(qualifier: string): boolean {
  return VERSION_NUMBER.test(qualifier);
}

/**
 * Parses FunctionName (name, partial or full ARN, optionally qualified) and the Qualifier
 * parameter into one reference, with Lambda's errors for a missing name, a malformed
 * qualifier and a qualifier that contradicts the one in the ARN.
 */
export function functionRefOf(
  functionName: string | undefined,
  qualifier: string | undefined,
  scope: AccountScope,
): FunctionRef {
  if (functionName === undefined) {
    throw new ValidationException(
      "1 validation error detected: Value null at 'functionName' failed to satisfy constraint: Member must not be null",
    );
  }
  const ref = parseFunctionRef(functionName, scope);
  if (qualifier === undefined || qualifier === '') return ref;
  if (qualifier.length > 128 || !QUALIFIER_PATTERN.test(qualifier)) {
    throw new ValidationException(
      `1 validation error detected: Value '${qualifier}' at 'qualifier' failed to satisfy constraint: ` +
        'Member must satisfy regular expression pattern: (|[a-zA-Z0-9$_-]+)',
    );
  }
  if (ref.qualifier !== undefined && ref.qualifier !== qualifier) {
    throw new InvalidParameterValueException('The derived qualifier from the function name does not match the specified qualifier.');
  }
  return { name: ref.name, qualifier };
}

/** A qualifier that exists: $LATEST, a published version or an alias (with the version it points at). */
export type ExistingQualifier =
  | { kind: 'latest'; qualifier: '$LATEST' }
  | { kind: 'version'; qualifier: string; version: number }
  | { kind: 'alias'; qualifier: string; alias: AliasRecord };

/** The qualifier as it exists on the function, or undefined when there is no such version or alias. */
export async function findQualifier(
  store: ResourceStore,
  functionName: string,
  qualifier: string,
): Promise<ExistingQualifier | undefined> {
  if (qualifier === '$LATEST') return { kind: 'latest', qualifier };
  if (isVersionNumber(qualifier)) {
    const version = Number(qualifier);
    return (await store.getVersion(functionName, version)) ? { kind: 'version', qualifier, version } : undefined;
  }
  const alias = await store.getResource(functionName, 'alias', qualifier);
  return alias ? { kind: 'alias', qualifier, alias } : undefined;
}

/** The function's $LATEST record, or undefined. */
export function findFunction(store: ResourceStore, name: string): Promise<FunctionRecord | undefined> {
  return store.getFunction(name);
}
