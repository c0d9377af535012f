/**
 * A function as Lambdalite keeps it, and the FunctionConfiguration Lambda reports for it.
 * Persisted state only: execution environments are runtime state, never stored.
 */
import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import { functionArn, type AccountScope } from './arn';
import { lambdaTimestamp, logGroupNameFor } from './ids';
import type { LayerReference } from './layer-model';
import { engineOf, type RuntimeId } from './runtime-ids';

export type Architecture = 'x86_64' | 'arm64';

export interface FunctionRecord {
  name: string;
  runtime: RuntimeId;
  role: string;
  handler: string;
  description: string;
  memorySize: number;
  timeout: number;
  environment: Record<string, string>;
  architectures: Architecture[];
  ephemeralStorageMb: number;
  /** base64 SHA-256 of the deployment package, as Lambda's CodeSha256. */
  codeSha256: string;
  codeSize: number;
  /** Epoch ms of the last change to code or configuration. */
  lastModified: number;
  revisionId: string;
  /**
   * The function's layers in its order (later layers' files win in /opt), each with the size
   * FunctionConfiguration.Layers reports (a layer version never changes, so it is kept here).
   */
  layers?: LayerReference[];
  /** Function-level tags (TagResource); not part of a version's snapshot. */
  tags?: Record<string, string>;
  /** Reserved concurrency (PutFunctionConcurrency), function-level. */
  reservedConcurrency?: number;
  /** CodeSigningConfigArn (PutFunctionCodeSigningConfig), function-level. */
  codeSigningConfigArn?: string;
  deadLetterTargetArn?: string;
  tracingMode?: 'Active' | 'PassThrough';
  logging?: {
    logFormat: 'Text' | 'JSON';
    applicationLogLevel?: string;
    systemLogLevel?: string;
    logGroup?: string;
  };
  /** The console's "Allow network access": handlers may use fetch. Off unless turned on. */
  allowNetwork?: boolean;
  /** Epoch ms at which State turns from Pending to Active (absent: Active since creation). */
  activeAt?: number;
  /** Epoch ms at which LastUpdateStatus turns from InProgress to Successful. */
  updateCompleteAt?: number;
  /** Highest version number ever published: numbers are never reused, even after deletion. */
  lastPublishedVersion?: number;
  /** PutFunctionRecursionConfig (Terminate unless set). */
  recursiveLoop?: 'Allow' | 'Terminate';
  /** PutRuntimeManagementConfig, per qualifier ($LATEST or a version number). */
  runtimeManagement?: Record<string, { updateRuntimeOn: 'Auto' | 'FunctionUpdate' | 'Manual'; runtimeVersionArn?: string }>;
}

/** A published version: an immutable snapshot of code and configuration. */
export interface FunctionVersionRecord extends FunctionRecord {
  functionName: string;
  version: number;
}

/** Lambda's defaults for members a CreateFunction request leaves out. */
export const FUNCTION_DEFAULTS = {
  memorySize: 128,
  timeout: 3,
  description: '',
  ephemeralStorageMb: 512,
  architectures: ['x86_64'] as Architecture[],
};

/** Runtime Version ARN in Lambda's shape; the hash part names the engine build that runs it here. */
export function runtimeVersionArn(scope: AccountScope, runtime: RuntimeId): string {
  const engineBuild = engineOf(runtime) === 'quickjs' ? 'quickjs-emscripten-0.32.0' : 'pyodide-314.0.7';
  return `arn:aws:lambda:${scope.region}::runtime:${engineBuild}-${runtime.replace(/\.x$/, '')}`;
}

/** How one configuration is being looked at: which version, through which qualifier, and when. */
export interface ConfigurationView {
  /** The published version shown; absent for $LATEST. */
  version?: number;
  /** The qualifier the caller named (`$LATEST`, a version, an alias): it qualifies FunctionArn. */
  arnQualifier?: string;
  /** The time the states (Pending/Active, InProgress/Successful) are read at. */
  now: number;
}

/** The version a record is, as Lambda writes it in `Version`. */
export function versionLabel(record: FunctionRecord | FunctionVersionRecord): string {
  return 'version' in record ? String(record.version) : '$LATEST';
}

/**
 * Lambda's states (https://docs.aws.amazon.com/lambda/latest/dg/functions-states.html): a new
 * function (or version) is Pending until it is ready, then Active; an update leaves the
 * function Active with LastUpdateStatus InProgress until it completes, then Successful.
 */
export function functionStates(
  record: FunctionRecord,
  now: number,
): Pick<FunctionConfiguration, 'State' | 'StateReason' | 'StateReasonCode' | 'LastUpdateStatus'> {
  if (record.activeAt !== undefined && now < record.activeAt) {
    return { State: 'Pending', StateReason: 'The function is being created.', StateReasonCode: 'Creating' };
  }
  const updating = record.updateCompleteAt !== undefined && now < record.updateCompleteAt;
  return { State: 'Active', LastUpdateStatus: updating ? 'InProgress' : 'Successful' };
}

/** The FunctionConfiguration Lambda reports for $LATEST or a published version, with the members it fills for a Zip function. */
export function toFunctionConfiguration(
  record: FunctionRecord,
  scope: AccountScope,
  view: ConfigurationView,
): FunctionConfiguration {
  const configuration: FunctionConfiguration = {
    FunctionName: record.name,
    FunctionArn: functionArn(scope, record.name, view.arnQualifier),
    Runtime: record.runtime,
    Role: record.role,
    Handler: record.handler,
    CodeSize: record.codeSize,
    Description: record.description,
    Timeout: record.timeout,
    MemorySize: record.memorySize,
    LastModified: lambdaTimestamp(record.lastModified),
    CodeSha256: record.codeSha256,
    Version: view.version === undefined ? '$LATEST' : String(view.version),
    TracingConfig: { Mode: record.tracingMode ?? 'PassThrough' },
    RevisionId: record.revisionId,
    ...functionStates(record, view.now),
    PackageType: 'Zip',
    Architectures: [...record.architectures],
    EphemeralStorage: { Size: record.ephemeralStorageMb },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    RuntimeVersionConfig: { RuntimeVersionArn: runtimeVersionArn(scope, record.runtime) },
    LoggingConfig: {
      LogFormat: record.logging?.logFormat ?? 'Text',
      ...(record.logging?.applicationLogLevel ? { ApplicationLogLevel: record.logging.applicationLogLevel } : {}),
      ...(record.logging?.systemLogLevel ? { SystemLogLevel: record.logging.systemLogLevel } : {}),
      LogGroup: record.logging?.logGroup ?? logGroupNameFor(record.name),
    } as FunctionConfiguration['LoggingConfig'],
  };
  // Lambda omits Environment for a function without variables, and Layers for one without layers.
  if (Object.keys(record.environment).length > 0) {
    configuration.Environment = { Variables: { ...record.environment } };
  }
  if (record.layers && record.layers.length > 0) {
    configuration.Layers = record.layers.map((layer) => ({ Arn: layer.arn, CodeSize: layer.codeSize }));
  }
  if (record.deadLetterTargetArn) configuration.DeadLetterConfig = { TargetArn: record.deadLetterTargetArn };
  return configuration;
}
