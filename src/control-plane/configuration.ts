/**
 * The configuration members of CreateFunction and UpdateFunctionConfiguration beyond the basic
 * ones validateConfiguration checks: tracing, dead-letter queue, logging, ephemeral storage, and
 * the members that need AWS infrastructure a browser tab does not have.
 * (https://docs.aws.amazon.com/lambda/latest/api/API_UpdateFunctionConfiguration.html)
 */
import type { CreateFunctionRequest, UpdateFunctionConfigurationRequest } from '@aws-sdk/client-lambda';
import { InvalidParameterValueException, ValidationException } from '../domain/errors';
import type { FunctionRecord } from '../domain/function-model';
import { refuseUnavailableMembers } from '../domain/not-available';

type ConfigurationRequest = CreateFunctionRequest | UpdateFunctionConfigurationRequest;

const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];
/** Destinations a dead-letter queue may name: an SQS queue or an SNS topic. */
const DEAD_LETTER_TARGET = /^arn:(aws[a-zA-Z-]*)?:(sqs|sns):[a-z0-9-]+:\d{12}:[a-zA-Z0-9_.-]+$/;
const EPHEMERAL_MIN_MB = 512;
const EPHEMERAL_MAX_MB = 10_240;

/** Members that only make sense on AWS: each is refused with a message naming it. */
function refuseUnavailable(input: ConfigurationRequest): void {
  refuseUnavailableMembers([
    [Boolean(input.VpcConfig?.SubnetIds?.length || input.VpcConfig?.SecurityGroupIds?.length), 'VpcConfig (VPC networking)'],
    [Boolean(input.FileSystemConfigs?.length), 'FileSystemConfigs (Amazon EFS)'],
    [input.KMSKeyArn !== undefined && input.KMSKeyArn !== '', 'KMSKeyArn (AWS KMS encryption)'],
    [input.ImageConfig !== undefined, 'ImageConfig (container images)'],
    [input.SnapStart?.ApplyOn === 'PublishedVersions', 'SnapStart'],
    [input.CapacityProviderConfig !== undefined, 'CapacityProviderConfig (Lambda Managed Instances)'],
    [input.DurableConfig !== undefined, 'DurableConfig (durable functions)'],
    ['TenancyConfig' in input && input.TenancyConfig !== undefined, 'TenancyConfig (tenant isolation)'],
    ['PublishTo' in input && input.PublishTo !== undefined, 'PublishTo (Lambda Managed Instances)'],
  ]);
}

/**
 * The record's fields after applying the request's tracing, dead-letter, logging and
 * ephemeral-storage members; members the request leaves out keep their current value.
 */
export function applyExtendedConfiguration(
  record: FunctionRecord,
  input: ConfigurationRequest,
): Pick<FunctionRecord, 'tracingMode' | 'deadLetterTargetArn' | 'logging' | 'ephemeralStorageMb'> {
  refuseUnavailable(input);
  const size = input.EphemeralStorage?.Size;
  if (size !== undefined && (size < EPHEMERAL_MIN_MB || size > EPHEMERAL_MAX_MB)) {
    throw new ValidationException(
      `1 validation error detected: Value '${size}' at 'ephemeralStorage.size' failed to satisfy constraint: ` +
        `Member must have value ${size < EPHEMERAL_MIN_MB ? `greater than or equal to ${EPHEMERAL_MIN_MB}` : `less than or equal to ${EPHEMERAL_MAX_MB}`}`,
    );
  }
  const target = input.DeadLetterConfig?.TargetArn;
  if (target !== undefined && target !== '' && !DEAD_LETTER_TARGET.test(target)) {
    throw new InvalidParameterValueException(
      `The provided DeadLetterConfig TargetArn ${target} is not valid: it must be the ARN of an Amazon SQS queue or Amazon SNS topic.`,
    );
  }
  return {
    tracingMode: input.TracingConfig?.Mode ?? record.tracingMode,
    deadLetterTargetArn: input.DeadLetterConfig === undefined ? record.deadLetterTargetArn : target || undefined,
    logging: input.LoggingConfig === undefined ? record.logging : loggingFrom(record, input.LoggingConfig),
    ephemeralStorageMb: size ?? record.ephemeralStorageMb,
  };
}

function loggingFrom(
  record: FunctionRecord,
  config: NonNullable<ConfigurationRequest['LoggingConfig']>,
): NonNullable<FunctionRecord['logging']> {
  const logFormat = config.LogFormat ?? record.logging?.logFormat ?? 'Text';
  for (const [member, level] of [
    ['applicationLogLevel', config.ApplicationLogLevel],
    ['systemLogLevel', config.SystemLogLevel],
  ] as const) {
    if (level !== undefined && !LOG_LEVELS.includes(level)) {
      throw new ValidationException(
        `1 validation error detected: Value '${level}' at 'loggingConfig.${member}' failed to satisfy constraint: ` +
          `Member must satisfy enum value set: [${LOG_LEVELS.join(', ')}]`,
      );
    }
  }
  // Log levels filter structured (JSON) logs only (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-advanced.html).
  if (logFormat === 'Text' && (config.ApplicationLogLevel !== undefined || config.SystemLogLevel !== undefined)) {
    throw new InvalidParameterValueException('To set ApplicationLogLevel or SystemLogLevel, LogFormat must be JSON.');
  }
  const logging: NonNullable<FunctionRecord['logging']> = { logFormat };
  if (logFormat === 'JSON') {
    logging.applicationLogLevel = config.ApplicationLogLevel ?? record.logging?.applicationLogLevel ?? 'INFO';
    logging.systemLogLevel = config.SystemLogLevel ?? record.logging?.systemLogLevel ?? 'INFO';
  }
  const group = config.LogGroup ?? record.logging?.logGroup;
  if (group !== undefined) logging.logGroup = group;
  return logging;
}
