/**
 * The environment variables Lambda sets in every execution environment
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
 * The function's own variables come first; Lambda's reserved ones cannot be overridden.
 */
import { engineOf, executionEnvOf, type RuntimeId } from './runtime-ids';

export interface EnvironmentContext {
  functionName: string;
  functionVersion: string;
  runtime: RuntimeId;
  handler: string;
  memorySizeMb: number;
  region: string;
  logGroupName: string;
  logStreamName: string;
  userVariables: Record<string, string>;
  /** `provisioned-concurrency` for environments initialised ahead of time. */
  initializationType?: 'on-demand' | 'provisioned-concurrency';
  /** LoggingConfig: with the JSON format Lambda tells the runtime the format and the application log level. */
  logging?: { logFormat: 'Text' | 'JSON'; applicationLogLevel?: string | undefined } | undefined;
}

export function lambdaEnvironmentVariables(context: EnvironmentContext): Record<string, string> {
  const nodeMajor = context.runtime.replace(/^nodejs(\d+)\.x$/, '$1');
  const runtimeSpecific: Record<string, string> =
    engineOf(context.runtime) === 'quickjs'
      ? {
          NODE_PATH: `/opt/nodejs/node${nodeMajor}/node_modules:/opt/nodejs/node_modules:/var/runtime/node_modules:/var/runtime:/var/task`,
        }
      : { PYTHONPATH: '/var/runtime' };
  return {
    ...context.userVariables,
    ...runtimeSpecific,
    _HANDLER: context.handler,
    AWS_REGION: context.region,
    AWS_DEFAULT_REGION: context.region,
    AWS_EXECUTION_ENV: executionEnvOf(context.runtime),
    AWS_LAMBDA_FUNCTION_NAME: context.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(context.memorySizeMb),
    AWS_LAMBDA_FUNCTION_VERSION: context.functionVersion,
    AWS_LAMBDA_INITIALIZATION_TYPE: context.initializationType ?? 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: context.logGroupName,
    AWS_LAMBDA_LOG_STREAM_NAME: context.logStreamName,
    AWS_LAMBDA_RUNTIME_API: '127.0.0.1:9001',
    LAMBDA_TASK_ROOT: '/var/task',
    LAMBDA_RUNTIME_DIR: '/var/runtime',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    PATH: '/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin',
    // https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-advanced.html: the runtimes read these.
    ...(context.logging?.logFormat === 'JSON'
      ? { AWS_LAMBDA_LOG_FORMAT: 'JSON', AWS_LAMBDA_LOG_LEVEL: context.logging.applicationLogLevel ?? 'INFO' }
      : {}),
  };
}
