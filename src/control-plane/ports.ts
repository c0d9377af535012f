/**
 * What the control plane needs from the outside, as small interfaces: the store
 * (persistence/ implements it on IndexedDB) and the environment pool (runtimes/).
 */
import type {
  EventSourceMappingConfiguration,
  FunctionEventInvokeConfig,
  FunctionUrlConfig,
  ProvisionedConcurrencyConfigListItem,
} from '@aws-sdk/client-lambda';
import type { SigningProfileRecord } from '../domain/code-signing';
import type { FunctionRecord, FunctionVersionRecord } from '../domain/function-model';
import type { LayerVersionView } from '../domain/layer-model';
import type { PolicyStatementShape } from '../domain/policy';
import type { RuntimeId } from '../domain/runtime-ids';
import type { EnvironmentInit, InvocationRequest } from '../workers/sandbox-protocol';
import type { LogEvent, SavedTestEvent, WorkspaceSettings } from '../workers/protocol';

export interface FunctionStore {
  getFunction(name: string): Promise<FunctionRecord | undefined>;
  listFunctions(): Promise<FunctionRecord[]>;
  getCode(name: string): Promise<Uint8Array | undefined>;
  /** Writes the record and (when given) its package in one transaction. */
  putFunction(record: FunctionRecord, code?: Uint8Array): Promise<void>;
  /**
   * Removes the function, every version, its packages, its per-function resources, queued
   * events, log events, metrics and test events in one transaction.
   */
  deleteFunction(name: string): Promise<void>;
}

export interface LogStore {
  /** Queues events; they are written shortly after, in order, and readers see them. */
  appendLogEvents(events: LogEvent[]): void;
  getLogEvents(logGroupName: string, since?: number): Promise<LogEvent[]>;
}

/** A log event with its place in the group's write order (the store's key). */
export interface IdentifiedLogEvent extends LogEvent {
  eventId: number;
}

/** Reads for the console's Logs tab (CloudWatch's DescribeLogStreams / FilterLogEvents / live tail). */
export interface LogReadStore {
  /**
   * A group's events written after event `afterEventId` (all of them when 0), in time order,
   * and the store's last event id when read: the cursor of the next call. Write order, not
   * time order, makes the cursor: an invocation's lines are written when it ends, with the
   * earlier times they were logged at.
   */
  readLogEvents(logGroupName: string, afterEventId: number): Promise<{ events: IdentifiedLogEvent[]; lastEventId: number }>;
}

/** One invocation (or throttled request) as the Monitor tab lists it. */
export interface InvocationSummary {
  requestId: string;
  /** Epoch ms the invocation started (or was throttled). */
  timestamp: number;
  /** The version that ran (`$LATEST`, `1`…). */
  version: string;
  invocationType: 'RequestResponse' | 'Event';
  outcome: 'success' | 'error' | 'throttled';
  /** The function error's type (`Sandbox.Timedout`, `Error`…) or the throttle's reason. */
  errorType?: string;
  durationMs?: number;
  billedDurationMs?: number;
  memorySizeMb?: number;
  maxMemoryUsedMb?: number;
  /** Cold starts only. */
  initDurationMs?: number;
}

/**
 * One function version's metrics for one minute (CloudWatch's 1-minute data point), with a
 * sparse duration histogram for percentiles and the minute's latest invocation summaries.
 */
export interface MetricBucket {
  functionName: string;
  /** Epoch ms of the minute's start. */
  minute: number;
  /** The executed version (`$LATEST`, `1`…). */
  version: string;
  invocations: number;
  errors: number;
  throttles: number;
  durationCount: number;
  durationSum: number;
  durationMin: number;
  durationMax: number;
  /** Logarithmic bin index → count (see control-plane/metrics.ts). */
  durationBins: Record<number, number>;
  maxConcurrency: number;
  recent: InvocationSummary[];
}

export interface MetricsStore {
  /** Adds each bucket into the stored one of the same key with `merge` (or stores it), in one transaction. */
  mergeMetricBuckets(buckets: MetricBucket[], merge: (stored: MetricBucket, added: MetricBucket) => MetricBucket): Promise<void>;
  /** A function's buckets whose minute is in [fromMinute, toMinute], every version. */
  listMetricBuckets(functionName: string, fromMinute: number, toMinute: number): Promise<MetricBucket[]>;
  /** A function's `count` newest buckets, newest first. */
  latestMetricBuckets(functionName: string, count: number): Promise<MetricBucket[]>;
  /** Deletes every function's buckets older than `minute` (retention). */
  deleteMetricsBefore(minute: number): Promise<void>;
}

export interface SettingsStore {
  getSettings(): Promise<WorkspaceSettings>;
  putSettings(settings: WorkspaceSettings): Promise<void>;
  /**
   * Empties the whole workspace (every object store: functions, versions, aliases, layers,
   * configs, queued events, logs, metrics, test events, settings) in one transaction.
   */
  clearWorkspace(): Promise<void>;
}

export interface TestEventStore {
  listTestEvents(functionName: string): Promise<SavedTestEvent[]>;
  putTestEvent(functionName: string, event: SavedTestEvent): Promise<void>;
  deleteTestEvent(functionName: string, name: string): Promise<void>;
}

export interface VersionStore {
  listVersions(functionName: string): Promise<FunctionVersionRecord[]>;
  getVersion(functionName: string, version: number): Promise<FunctionVersionRecord | undefined>;
  getVersionCode(functionName: string, version: number): Promise<Uint8Array | undefined>;
  /** Writes the version, its copy of the package and the updated $LATEST record in one transaction. */
  publishVersion(version: FunctionVersionRecord, code: Uint8Array, latest: FunctionRecord): Promise<void>;
  /** Deletes a version, its package and every resource under its qualifier, in one transaction. */
  deleteVersion(functionName: string, version: number): Promise<void>;
}

/** An alias: a name pointing at a version, optionally splitting traffic with a second one. */
export interface AliasRecord {
  name: string;
  functionVersion: string;
  description: string;
  /** RoutingConfig.AdditionalVersionWeights: version → weight in [0, 1]. */
  additionalVersionWeights?: Record<string, number>;
  revisionId: string;
}

/** An event source mapping as Lambda reports it, plus when its transitional state ends. */
export interface EventSourceMappingRecord {
  configuration: EventSourceMappingConfiguration;
  /** The state after the transition (Enabled or Disabled) and when it is reached. */
  settledState: 'Enabled' | 'Disabled';
  settlesAt: number;
}

/** A resource-based policy of one qualifier: its statements as Lambda writes them in GetPolicy. */
export interface PolicyRecord {
  revisionId: string;
  statements: PolicyStatement[];
}

/** One statement of a resource-based policy, in the JSON Lambda returns from GetPolicy. */
export type PolicyStatement = PolicyStatementShape;

/** What each kind of per-function resource holds, keyed by qualifier (or alias name). */
export interface FunctionResourceData {
  alias: AliasRecord;
  /** Event source mappings, keyed by UUID (stored now; polled when the event sources arrive). */
  eventSourceMapping: EventSourceMappingRecord;
  policy: PolicyRecord;
  eventInvokeConfig: Omit<FunctionEventInvokeConfig, 'LastModified'> & { lastModified: number };
  urlConfig: FunctionUrlConfig;
  provisionedConcurrency: ProvisionedConcurrencyConfigListItem & {
    requested: number;
    readyAt: number;
    /** Set once the environments were really initialised: how many are ready. */
    allocated?: number;
    /** Why initialising them failed (Status FAILED), when it did. */
    failure?: string;
  };
}

export type FunctionResourceKind = keyof FunctionResourceData;

/** A row of the functionResources store. */
export interface StoredFunctionResource<K extends FunctionResourceKind = FunctionResourceKind> {
  functionName: string;
  kind: K;
  /** The qualifier the resource belongs to (`$LATEST`, a version number, an alias name) or the alias's own name. */
  key: string;
  data: FunctionResourceData[K];
}

/**
 * Small per-function resources. They live and die with their function (DeleteFunction removes
 * them all) and with their qualifier (deleting a version removes those keyed by it).
 */
export interface FunctionResourceStore {
  getResource<K extends FunctionResourceKind>(functionName: string, kind: K, key: string): Promise<FunctionResourceData[K] | undefined>;
  listResources<K extends FunctionResourceKind>(functionName: string, kind: K): Promise<Array<{ key: string; data: FunctionResourceData[K] }>>;
  putResource<K extends FunctionResourceKind>(functionName: string, kind: K, key: string, data: FunctionResourceData[K]): Promise<void>;
  deleteResource(functionName: string, kind: FunctionResourceKind, key: string): Promise<void>;
  /**
   * Removes everything kept under one qualifier (policy, URL, event invoke and provisioned
   * concurrency configs), but not an alias record of that name, in one transaction: DeleteAlias
   * calls it so a new alias of the same name starts without them, as on AWS.
   */
  deleteQualifierResources(functionName: string, qualifier: string): Promise<void>;
}

/** One published version of a layer. */
export interface LayerVersionRecord extends LayerVersionView {
  /** Bytes of the archive once unzipped (counted against the 250 MB limit with the function's). */
  unzippedSize: number;
  /** AddLayerVersionPermission statements. */
  policy?: PolicyRecord;
  /**
   * DeleteLayerVersion hides the version from the API; functions that already use it keep
   * working, so its content is kept while any function or version refers to it.
   */
  deleted?: boolean;
  /** Set once a deleted version's archive is dropped (nothing used it any more); the record stays so its number is never reused. */
  contentDropped?: boolean;
}

export interface LayerStore {
  /** Every layer version (deleted ones included), optionally of one layer. */
  listLayerVersions(layerName?: string): Promise<LayerVersionRecord[]>;
  getLayerVersion(layerName: string, version: number): Promise<LayerVersionRecord | undefined>;
  getLayerContent(layerName: string, version: number): Promise<Uint8Array | undefined>;
  /** Writes the record and (when given) its archive in one transaction. */
  putLayerVersion(record: LayerVersionRecord, content?: Uint8Array): Promise<void>;
  /** Removes the record and its archive for good (when nothing refers to it any more). */
  purgeLayerVersion(layerName: string, version: number): Promise<void>;
  /** Writes the record and deletes its archive in one transaction (a deleted version nothing uses any more). */
  dropLayerContent(record: LayerVersionRecord): Promise<void>;
}

/** A code signing configuration (CreateCodeSigningConfig). */
export interface CodeSigningConfigRecord {
  /** `csc-` followed by 17 hex characters, as Lambda makes them. */
  id: string;
  description: string;
  /** AllowedPublishers.SigningProfileVersionArns. */
  signingProfileVersionArns: string[];
  untrustedArtifactOnDeployment: 'Warn' | 'Enforce';
  lastModified: number;
  /** TagResource on the config's ARN, or CreateCodeSigningConfig's Tags. */
  tags?: Record<string, string>;
}

export interface CodeSigningConfigStore {
  listCodeSigningConfigs(): Promise<CodeSigningConfigRecord[]>;
  getCodeSigningConfig(id: string): Promise<CodeSigningConfigRecord | undefined>;
  putCodeSigningConfig(record: CodeSigningConfigRecord): Promise<void>;
  deleteCodeSigningConfig(id: string): Promise<void>;
}

/** Lambdalite's signing profiles (stand-ins for AWS Signer's), kept with the workspace settings. */
export interface SigningProfileStore {
  listSigningProfiles(): Promise<SigningProfileRecord[]>;
  /** Adds or replaces the profile version with the same ARN. */
  putSigningProfile(profile: SigningProfileRecord): Promise<void>;
  deleteSigningProfile(profileVersionArn: string): Promise<void>;
}

/** An Event invocation waiting in the durable queue (it survives a reload). */
export interface AsyncEventRecord {
  id?: number;
  functionName: string;
  /** The qualifier it was invoked with (`$LATEST`, version or alias), as the caller gave it. */
  qualifier?: string;
  /** The event as JSON text. */
  payload: string;
  requestId: string;
  enqueuedAt: number;
  /** Attempts made so far (Lambda makes up to 1 + MaximumRetryAttempts). */
  attempts: number;
  /** Epoch ms before which the event is not run. */
  notBefore: number;
}

export interface AsyncEventStore {
  enqueueAsyncEvent(record: AsyncEventRecord): Promise<number>;
  listAsyncEvents(): Promise<AsyncEventRecord[]>;
  putAsyncEvent(record: AsyncEventRecord): Promise<void>;
  deleteAsyncEvent(id: number): Promise<void>;
}

export type LambdaliteStore = FunctionStore &
  LogStore &
  LogReadStore &
  MetricsStore &
  SettingsStore &
  TestEventStore &
  VersionStore &
  FunctionResourceStore &
  LayerStore &
  CodeSigningConfigStore &
  SigningProfileStore &
  AsyncEventStore;

/** One log line written by a runtime, with the time it was written. */
export interface TimedLine {
  timestamp: number;
  message: string;
}

/** What the pool needs to run one invocation of one function configuration. */
export interface PoolInvocation {
  /** Identifies code + configuration: environments are reused only for the same key. */
  environmentKey: string;
  functionName: string;
  functionVersion: string;
  runtime: RuntimeId;
  timeoutSeconds: number;
  memorySizeMb: number;
  /**
   * Builds the Init input (unzips code, assembles variables); called only on a cold start, or
   * when provisioned concurrency initialises an environment ahead of time.
   */
  prepareInit(logStreamName: string, initializationType: InitializationType): Promise<Omit<EnvironmentInit, 'initDeadlineEpochMs'>>;
  request: Omit<InvocationRequest, 'deadlineEpochMs'>;
  /** Told as the invocation runs, so its log lines can be written before it ends (live tail). */
  onProgress?: (progress: InvocationProgress) => void;
}

/** What a running invocation has done so far: its environment is ready and it started, or it logged a line. */
export type InvocationProgress =
  | { kind: 'started'; logStreamName: string; startedAt: number; coldStart: boolean; initStartedAt: number; initLines: TimedLine[] }
  | { kind: 'line'; line: TimedLine };

export interface PoolOutcome {
  status: 'success' | 'error';
  payload: string;
  errorType?: string;
  /** Why the platform ended the invocation, if it did. */
  platformStatus?: 'timeout' | 'error';
  coldStart: boolean;
  /** When a cold start's Init began (clock ms): INIT_START's time. */
  initStartedAt?: number;
  initDurationMs?: number;
  /** Set when the Init phase failed: the first invocation reports that error. */
  initFailed: boolean;
  durationMs: number;
  maxMemoryUsedMb: number;
  logStreamName: string;
  /** Lines written during Init (cold starts only) and during the invocation. */
  initLines: TimedLine[];
  invokeLines: TimedLine[];
  startedAt: number;
  endedAt: number;
}

/** AWS_LAMBDA_INITIALIZATION_TYPE: how the environment was started. */
export type InitializationType = 'on-demand' | 'provisioned-concurrency';

/** One live execution environment, as the console's "Inside Lambda" view shows it. */
export interface EnvironmentInfo {
  id: number;
  functionName: string;
  functionVersion: string;
  state: 'initializing' | 'busy' | 'idle';
  initializationType: InitializationType;
  logStreamName: string;
  invocations: number;
  createdAt: number;
  lastUsedAt: number;
}

/**
 * Why an environment ended: Lambda reclaims idle ones, discards one after a timeout, running out
 * of memory or a runtime crash, and replaces them when the code or configuration changes.
 */
export type DiscardReason =
  | 'idle-reclaim'
  | 'timeout'
  | 'out-of-memory'
  | 'runtime-exit'
  | 'crash'
  | 'init-failed'
  | 'updated'
  | 'version-deleted'
  | 'function-deleted'
  | 'capacity'
  | 'provisioning-failed'
  | 'shutdown';

/** An environment that no longer exists, kept briefly so the console can show why it went. */
export interface DiscardedEnvironmentInfo extends Omit<EnvironmentInfo, 'state'> {
  /** The state it was in when it ended. */
  state: EnvironmentInfo['state'];
  discardedAt: number;
  reason: DiscardReason;
}

/**
 * Loading of an engine that is fetched on first use (Pyodide, ~14 MB): 'downloading' counts the
 * bytes of its files as the host reads them, 'starting' is the sandbox loading the engine.
 */
export interface EngineLoadStatus {
  state: 'not-loaded' | 'loading' | 'ready' | 'failed';
  phase?: 'downloading' | 'starting';
  loadedBytes: number;
  /** 0 while unknown (no Content-Length yet). */
  totalBytes: number;
  startedAt?: number;
  readyAt?: number;
  /** How the first sandbox booted: from the stored memory snapshot (fast) or the plain way. */
  bootedFrom?: 'snapshot' | 'plain';
  error?: string;
}

/** What initialising provisioned environments wrote, for the function's log group. */
export interface ProvisioningResult {
  ready: number;
  failed: number;
  /** The log stream of each environment that ran Init. */
  logStreamNames: string[];
  lines: Array<{ logStreamName: string; timestamp: number; message: string }>;
}

export interface EnvironmentPort {
  invoke(invocation: PoolInvocation): Promise<PoolOutcome>;
  /**
   * Drops the environments of a function (of one version when given: `$LATEST` after an
   * update, a number after DeleteFunction with that Qualifier), or of a deleted function.
   */
  retire(functionName: string, functionVersion?: string): void;
  /**
   * Initialises `count` environments for one version ahead of any invocation (provisioned
   * concurrency); they are never reclaimed while provisioned. Resolves once all have run Init.
   */
  provision?(template: Omit<PoolInvocation, 'request'>, count: number): Promise<ProvisioningResult>;
  /** Ends provisioning of a function version: its environments become ordinary ones. */
  unprovision?(functionName: string, functionVersion: string): void;
  /** The live environments (runtime state, never stored). */
  describe?(): EnvironmentInfo[];
  /** Environments that ended recently, newest first, with why (a short ring buffer). */
  recentlyDiscarded?(): DiscardedEnvironmentInfo[];
  /** How far loading Pyodide has come, for the page's progress bar. */
  pyodideStatus?(): EngineLoadStatus;
  /** Applies workspace settings that concern environments. */
  configure?(settings: { idleReclaimMs?: number }): void;
  dispose(): void;
}
