/**
 * Function names, ARNs and qualifiers, as the FunctionName member of the Lambda API
 * accepts them: `my-function`, `123456789012:function:my-function`,
 * `arn:aws:lambda:us-east-1:123456789012:function:my-function`, each with an optional `:qualifier`.
 */
import { ValidationException } from './errors';

export interface AccountScope {
  region: string;
  accountId: string;
}

export interface FunctionRef {
  name: string;
  /** `$LATEST`, a version number or an alias, when the reference carried one. */
  qualifier?: string;
}

/** The model's FunctionName pattern (service-2.json, shape FunctionName), anchored. */
const FUNCTION_NAME_PATTERN =
  /^(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?$/;

const FULL_ARN = /^arn:(aws[a-zA-Z-]*)?:lambda:([a-z0-9-]+):(\d{12}):function:([a-zA-Z0-9-_]+)(?::(\$LATEST|[a-zA-Z0-9-_]+))?$/;
const PARTIAL_ARN = /^(\d{12}):function:([a-zA-Z0-9-_]+)(?::(\$LATEST|[a-zA-Z0-9-_]+))?$/;
const PLAIN_NAME = /^([a-zA-Z0-9-_]+)(?::(\$LATEST|[a-zA-Z0-9-_]+))?$/;

export function functionArn(scope: AccountScope, name: string, qualifier?: string): string {
  const base = `arn:aws:lambda:${scope.region}:${scope.accountId}:function:${name}`;
  return qualifier === undefined ? base : `${base}:${qualifier}`;
}

/** Lambda's wording for a FunctionName that breaks the model's constraints. */
export function functionNameValidationError(value: string, member = 'functionName'): ValidationException {
  return new ValidationException(
    `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ` +
      `Member must satisfy regular expression pattern: ${FUNCTION_NAME_PATTERN.source.slice(1, -1)}`,
  );
}

/**
 * Parses any accepted form of FunctionName. An ARN naming another region or account is
 * not ours: Lambda answers it with a validation error naming the mismatch.
 */
export function parseFunctionRef(value: string, scope: AccountScope): FunctionRef {
  if (value.length === 0 || value.length > 140 || !FUNCTION_NAME_PATTERN.test(value)) {
    throw functionNameValidationError(value);
  }
  const full = FULL_ARN.exec(value);
  if (full) {
    const [, , region, account, name, qualifier] = full;
    if (region !== scope.region || account !== scope.accountId) {
      throw new ValidationException(
        `1 validation error detected: Value '${value}' at 'functionName' failed to satisfy constraint: ` +
          `the ARN's region and account must be ${scope.region} and ${scope.accountId}`,
      );
    }
    return withQualifier(name!, qualifier);
  }
  const partial = PARTIAL_ARN.exec(value);
  if (partial) {
    const [, account, name, qualifier] = partial;
    if (account !== scope.accountId) {
      throw new ValidationException(
        `1 validation error detected: Value '${value}' at 'functionName' failed to satisfy constraint: ` +
          `the ARN's account must be ${scope.accountId}`,
      );
    }
    return withQualifier(name!, qualifier);
  }
  const plain = PLAIN_NAME.exec(value);
  if (plain) return withQualifier(plain[1]!, plain[2]);
  throw functionNameValidationError(value);
}

function withQualifier(name: string, qualifier: string | undefined): FunctionRef {
  return qualifier === undefined ? { name } : { name, qualifier };
}

/** A function name given alone is limited to 64 characters (the API reference's note on FunctionName). */
export function assertCreatableName(name: string): void {
  if (name.length > 64) {
    throw new ValidationException(
      `1 validation error detected: Value '${name}' at 'functionName' failed to satisfy constraint: ` +
        'Member must have length less than or equal to 64',
    );
  }
}
