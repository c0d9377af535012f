/**
 * Input rules of CreateFunction and UpdateFunctionConfiguration, with Lambda's error types:
 * breaking the API model's constraints (service-2.json) is a ValidationException listing every
 * violation; breaking a service rule (quotas, reserved variables, runtimes) is an
 * InvalidParameterValueException. Quotas: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
 */
import { InvalidParameterValueException, ValidationException } from './errors';
import { isRuntimeId, SUPPORTED_RUNTIMES } from './runtime-ids';

export const LIMITS = {
  memoryMinMb: 128,
  memoryMaxMb: 10_240,
  timeoutMinSeconds: 1,
  timeoutMaxSeconds: 900,
  descriptionMaxLength: 256,
  handlerMaxLength: 128,
  environmentMaxBytes: 4096,
  zippedMaxBytes: 50 * 1024 * 1024,
  unzippedMaxBytes: 250 * 1024 * 1024,
  syncPayloadMaxBytes: 6 * 1024 * 1024,
} as const;

/** Every runtime id in the API model's Runtime enum (service-2.json), supported here or not. */
const MODEL_RUNTIMES = [
  'nodejs', 'nodejs4.3', 'nodejs6.10', 'nodejs8.10', 'nodejs10.x', 'nodejs12.x', 'nodejs14.x', 'nodejs16.x',
  'nodejs18.x', 'nodejs20.x', 'nodejs22.x', 'nodejs24.x', 'java8', 'java8.al2', 'java11', 'java17', 'java21',
  'java25', 'python2.7', 'python3.6', 'python3.7', 'python3.8', 'python3.9', 'python3.10', 'python3.11',
  'python3.12', 'python3.13', 'python3.14', 'dotnetcore1.0', 'dotnetcore2.0', 'dotnetcore2.1', 'dotnetcore3.1',
  'dotnet6', 'dotnet8', 'dotnet10', 'nodejs4.3-edge', 'go1.x', 'ruby2.5', 'ruby2.7', 'ruby3.2', 'ruby3.3',
  'ruby3.4', 'ruby4.0', 'provided', 'provided.al2', 'provided.al2023', 'nodejs26.x', 'python3.15',
  'java8.al2023', 'java11.al2023', 'java17.al2023',
];

/** Variables Lambda sets itself and refuses to let a function override. */
export const RESERVED_ENVIRONMENT_KEYS = [
  '_HANDLER', '_X_AMZN_TRACE_ID', 'AWS_DEFAULT_REGION', 'AWS_REGION', 'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME', 'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE', 'AWS_LAMBDA_LOG_GROUP_NAME', 'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR',
];

const ROLE_PATTERN = /^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;
const HANDLER_PATTERN = /^[^\s]+$/;
const ENV_KEY_PATTERN = /^[a-zA-Z]([a-zA-Z0-9_])+$/;

/** The configuration members both operations accept, as they arrive on the wire. */
export interface ConfigurationInput {
  Runtime?: string | undefined;
  Role?: string | undefined;
  Handler?: string | undefined;
  Description?: string | undefined;
  Timeout?: number | undefined;
  MemorySize?: number | undefined;
  Environment?: { Variables?: Record<string, string> | undefined } | undefined;
}

/** Collects the model's constraint violations, then throws them as one ValidationException. */
export class Violations {
  private readonly messages: string[] = [];

  /** `value` is shown as Coral shows it: quoted, or `null` unquoted for a missing member. */
  add(value: unknown, member: string, constraint: string): void {
    const shown = value === undefined || value === null ? 'null' : `'${String(value)}'`;
    this.messages.push(`Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`);
  }

  addHidden(member: string, constraint: string): void {
    this.messages.push(`Value at '${member}' failed to satisfy constraint: ${constraint}`);
  }

  throwIfAny(): void {
    const count = this.messages.length;
    if (count === 0) return;
    const noun = count === 1 ? 'validation error' : 'validation errors';
    throw new ValidationException(`${count} ${noun} detected: ${this.messages.join('; ')}`);
  }
}

function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

/** Validates the members present in `input` (absent ones keep their current or default value). */
export function validateConfiguration(input: ConfigurationInput): void {
  const violations = new Violations();
  if (input.MemorySize !== undefined) {
    if (!isInteger(input.MemorySize)) violations.add(input.MemorySize, 'memorySize', 'Member must be an integer');
    else if (input.MemorySize < LIMITS.memoryMinMb)
      violations.add(input.MemorySize, 'memorySize', `Member must have value greater than or equal to ${LIMITS.memoryMinMb}`);
  }
  if (input.Timeout !== undefined) {
    if (!isInteger(input.Timeout)) violations.add(input.Timeout, 'timeout', 'Member must be an integer');
    else if (input.Timeout < LIMITS.timeoutMinSeconds)
      violations.add(input.Timeout, 'timeout', `Member must have value greater than or equal to ${LIMITS.timeoutMinSeconds}`);
  }
  if (input.Description !== undefined && input.Description.length > LIMITS.descriptionMaxLength) {
    violations.add(input.Description, 'description', `Member must have length less than or equal to ${LIMITS.descriptionMaxLength}`);
  }
  if (input.Handler !== undefined) {
    if (input.Handler.length > LIMITS.handlerMaxLength)
      violations.add(input.Handler, 'handler', `Member must have length less than or equal to ${LIMITS.handlerMaxLength}`);
    else if (!HANDLER_PATTERN.test(input.Handler))
      violations.add(input.Handler, 'handler', 'Member must satisfy regular expression pattern: [^\\s]+');
  }
  if (input.Role !== undefined && !ROLE_PATTERN.test(input.Role)) {
    violations.add(input.Role, 'role', `Member must satisfy regular expression pattern: ${ROLE_PATTERN.source.slice(1, -1)}`);
  }
  if (input.Runtime !== undefined && !MODEL_RUNTIMES.includes(input.Runtime)) {
    violations.add(input.Runtime, 'runtime', `Member must satisfy enum value set: [${MODEL_RUNTIMES.join(', ')}]`);
  }
  const variables = input.Environment?.Variables;
  if (variables !== undefined && Object.keys(variables).some((key) => !ENV_KEY_PATTERN.test(key))) {
    violations.addHidden(
      'environment.variables',
      'Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]',
    );
  }
  violations.throwIfAny();

  // Service rules, checked once the request is well formed.
  if (input.MemorySize !== undefined && input.MemorySize > LIMITS.memoryMaxMb) {
    throw new InvalidParameterValueException(
      `'MemorySize' value failed to satisfy constraint: Member must have value less than or equal to ${LIMITS.memoryMaxMb}`,
    );
  }
  if (input.Timeout !== undefined && input.Timeout > LIMITS.timeoutMaxSeconds) {
    throw new InvalidParameterValueException(
      `'Timeout' value failed to satisfy constraint: Member must have value less than or equal to ${LIMITS.timeoutMaxSeconds}`,
    );
  }
  if (input.Runtime !== undefined && !isRuntimeId(input.Runtime)) {
    throw new InvalidParameterValueException(
      `The runtime parameter of ${input.Runtime} is not supported in Lambdalite. ` +
        `Supported runtimes: ${SUPPORTED_RUNTIMES.join(', ')}.`,
    );
  }
  if (variables !== undefined) validateEnvironment(variables);
}

function validateEnvironment(variables: Record<string, string>): void {
  const reserved = Object.keys(variables).filter((key) => RESERVED_ENVIRONMENT_KEYS.includes(key));
  if (reserved.length > 0) {
    throw new InvalidParameterValueException(
      'Lambda was unable to configure your environment variables because the environment variables you have ' +
        'provided contains reserved keys that are currently not supported for modification. ' +
        `Reserved keys used in this request: ${reserved.join(', ')}`,
    );
  }
  const measured = JSON.stringify(variables);
  if (new TextEncoder().encode(measured).length > LIMITS.environmentMaxBytes) {
    throw new InvalidParameterValueException(
      'Lambda was unable to configure your environment variables because the environment variables you have ' +
        `provided exceeded the 4KB limit. String measured: ${measured}`,
    );
  }
}
