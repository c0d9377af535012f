/**
 * The single typed contract between the UI thread and the control-plane worker.
 * Operations take and return the Lambda API's own shapes (the types of
 * @aws-sdk/client-lambda), so what the console does is what the SDK and CLI do.
 * Every call answers an `ApiResult`: errors cross the thread as values.
 */
import type {
  CreateFunctionRequest,
  DeleteFunctionRequest,
  FunctionConfiguration,
  GetFunctionConfigurationRequest,
  GetFunctionRequest,
  GetFunctionResponse,
  InvocationRequest,
  InvocationResponse,
  ListFunctionsRequest,
  ListFunctionsResponse,
  UpdateFunctionCodeRequest,
  UpdateFunctionConfigurationRequest,
} from '@aws-sdk/client-lambda';
import type { ApiResult } from '../domain/errors';
import type { RuntimeId } from '../domain/runtime-ids';
import type { WireRequest, WireResponse } from '../wire/http';
import type { DiscardedEnvironmentInfo, EngineLoadStatus, EnvironmentInfo } from '../control-plane/ports';

export type { DiscardedEnvironmentInfo, DiscardReason, EngineLoadStatus, EnvironmentInfo } from '../control-plane/ports';
import type { FilterLogEventsRequest, FilterLogEventsResult, LogStreamSummary } from '../control-plane/log-reader';
import type { InvocationSummary, MetricsQuery, MetricsReport } from '../control-plane/metrics';

export type { FilterLogEventsRequest, FilterLogEventsResult, LogStreamSummary } from '../control-plane/log-reader';
export type { IdentifiedLogEvent } from '../control-plane/ports';
export type { InvocationSummary, MetricsQuery, MetricsReport } from '../control-plane/metrics';

/** Invoke's answer: the API's response plus the request id the SDK reads from `x-amzn-RequestId`. */
export interface InvokeResult extends Omit<InvocationResponse, 'Payload' | '$metadata'> {
  Payload?: Uint8Array;
  $metadata: { httpStatusCode: number; requestId: string };
}

/** Workspace settings used in ARNs and limits. */
export interface WorkspaceSettings {
  region: string;
  accountId: string;
  /**
   * The account's concurrency limit (Lambda's default quota is 1,000). Settings saved before
   * it existed lack it: read it through `accountLimits()`.
   */
  accountConcurrency?: number;
  /** Concurrency kept unreserved for functions without reserved concurrency (Lambda: 100). */
  unreservedMinimum?: number;
  /** Minutes an idle execution environment is kept before it is reclaimed (default 5). */
  idleReclaimMinutes?: number;
}

/** Lambda's account defaults (https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html). */
export const ACCOUNT_DEFAULTS = { accountConcurrency: 1000, unreservedMinimum: 100, idleReclaimMinutes: 5 } as const;

/** The account's limits, with Lambda's defaults for settings that leave them out. */
export function accountLimits(settings: WorkspaceSettings): Required<Pick<WorkspaceSettings, 'accountConcurrency' | 'unreservedMinimum' | 'idleReclaimMinutes'>> {
  return {
    accountConcurrency: settings.accountConcurrency ?? ACCOUNT_DEFAULTS.accountConcurrency,
    unreservedMinimum: settings.unreservedMinimum ?? ACCOUNT_DEFAULTS.unreservedMinimum,
    idleReclaimMinutes: settings.idleReclaimMinutes ?? ACCOUNT_DEFAULTS.idleReclaimMinutes,
  };
}

/** A throttled invocation (TooManyRequestsException), as "Inside Lambda" shows it. */
export interface ThrottleInfo {
  functionName: string;
  functionVersion: string;
  /** `ReservedFunctionConcurrentInvocationLimitExceeded` or `ConcurrentInvocationLimitExceeded`. */
  reason?: string;
  at: number;
}

/** Everything the console's "Inside Lambda" view shows, read in one call (it polls). */
export interface InsideLambdaSnapshot {
  /** The control plane's clock when read, for ages. */
  now: number;
  environments: EnvironmentInfo[];
  /** Environments that ended recently, newest first, with why. */
  discarded: DiscardedEnvironmentInfo[];
  /** The latest throttles, newest first. */
  throttles: ThrottleInfo[];
  pyodide: EngineLoadStatus;
  idleReclaimMinutes: number;
}

/** One CloudWatch log event of a function's log group. */
export interface LogEvent {
  logGroupName: string;
  logStreamName: string;
  timestamp: number;
  message: string;
}

/** A test event saved for a function, as the console's Test tab keeps them. */
export interface SavedTestEvent {
  name: string;
  /** The event as JSON text, exactly as the user wrote it. */
  event: string;
  lastModified: number;
}

/** Where the workspace is kept: IndexedDB, or memory when the browser refuses storage to this page. */
export type StorageMode = 'indexeddb' | 'memory';

/** An operation's input or output in the API's own shape (a member of the model's structures). */
export type OperationShape = Record<string, unknown>;

export interface ControlPlaneApi {
  /**
   * Runs one Lambda API operation by its model name (`CreateFunction`, `Invoke`…) on an input
   * already decoded from the wire into the SDK's shape. The wire module and the SDK tests go
   * through here; an operation Lambdalite does not offer answers an error that says so.
   */
  execute(operation: string, input: OperationShape): Promise<ApiResult<OperationShape>>;
  createFunction(input: CreateFunctionRequest): Promise<ApiResult<FunctionConfiguration>>;
  getFunction(input: GetFunctionRequest): Promise<ApiResult<Omit<GetFunctionResponse, '$metadata'>>>;
  getFunctionConfiguration(input: GetFunctionConfigurationRequest): Promise<ApiResult<FunctionConfiguration>>;
  listFunctions(input: ListFunctionsRequest): Promise<ApiResult<Omit<ListFunctionsResponse, '$metadata'>>>;
  updateFunctionCode(input: UpdateFunctionCodeRequest): Promise<ApiResult<FunctionConfiguration>>;
  updateFunctionConfiguration(input: UpdateFunctionConfigurationRequest): Promise<ApiResult<FunctionConfiguration>>;
  deleteFunction(input: DeleteFunctionRequest): Promise<ApiResult<{ StatusCode: number }>>;
  invoke(input: Omit<InvocationRequest, 'Payload'> & { Payload?: Uint8Array }): Promise<ApiResult<InvokeResult>>;

  /** The deployment package (zip bytes) of a function's $LATEST, for the code editor. */
  getFunctionCodeZip(functionName: string): Promise<ApiResult<Uint8Array>>;
  /** The runtimes that work here, for the console's Runtime menu. */
  listRuntimes(): Promise<RuntimeId[]>;
  getSettings(): Promise<WorkspaceSettings>;
  updateSettings(settings: Partial<WorkspaceSettings>): Promise<ApiResult<WorkspaceSettings>>;
  /** The function's saved test events, by name. */
  listTestEvents(functionName: string): Promise<ApiResult<SavedTestEvent[]>>;
  /** Saves (creates or replaces) a test event; a function keeps at most 10, as the console allows. */
  saveTestEvent(functionName: string, name: string, event: string): Promise<ApiResult<SavedTestEvent>>;
  deleteTestEvent(functionName: string, name: string): Promise<ApiResult<void>>;
  /** Whether the workspace is kept (IndexedDB) or lives only as long as the page (memory). */
  getStorageMode(): Promise<StorageMode>;
  /** The live execution environments, for the console's "Inside Lambda" view. */
  listEnvironments(): Promise<EnvironmentInfo[]>;
  /** Live and recently ended environments, recent throttles and Pyodide's loading, in one read. */
  describeInsideLambda(): Promise<InsideLambdaSnapshot>;
  /** How far loading Pyodide has come (the page's progress bar polls it). */
  getPyodideStatus(): Promise<EngineLoadStatus>;
  /**
   * Deletes everything of the workspace (functions, versions, aliases, layers, configs, test
   * events, logs, metrics, settings) in one transaction and ends every environment; answers
   * the default settings. The page reloads after it.
   */
  resetWorkspace(): Promise<ApiResult<WorkspaceSettings>>;
  /** Log events of a function's log group, oldest first (optionally only newer than `since`). */
  getLogEvents(functionName: string, since?: number): Promise<ApiResult<LogEvent[]>>;
  /** The function's per-minute metrics (Invocations, Errors, Throttles, Duration, ConcurrentExecutions) over [fromMs, toMs]. */
  getMetrics(functionName: string, fromMs: number, toMs: number, query?: MetricsQuery): Promise<ApiResult<MetricsReport>>;
  /** The function's latest invocations and throttled requests, newest first (at most `limit`, up to 100). */
  listRecentInvocations(functionName: string, limit: number): Promise<ApiResult<InvocationSummary[]>>;
  /** The streams of the function's log group, the most recently written first. */
  listLogStreams(functionName: string): Promise<ApiResult<LogStreamSummary[]>>;
  /** Events of the function's log group matching a CloudWatch filter pattern; with `afterEventId`, only newer writes (live tail). */
  filterLogEvents(functionName: string, request?: FilterLogEventsRequest): Promise<ApiResult<FilterLogEventsResult>>;
}

/** What the control-plane worker exposes: the API, plus the start call the client makes first. */
export interface ControlPlaneWorkerApi extends ControlPlaneApi {
  /** Opens the store and starts the environment pool; engine files are served under `appBaseUrl`. */
  start(appBaseUrl: string): Promise<void>;
  /** Answers one request of the Lambda REST API (relayed by the service worker from `<origin>/api`). */
  handleHttpRequest(request: WireRequest): Promise<WireResponse>;
}
