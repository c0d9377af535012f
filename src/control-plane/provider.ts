/**
 * The control plane's API as the UI thread (and later the wire) sees it. This is the one
 * error boundary: every operation answers an ApiResult; a LambdaError keeps its type,
 * status and message, anything else becomes ServiceException (500) rather than escaping.
 */
import type { AccountScope } from '../domain/arn';
import { systemClock, type Clock } from '../domain/clock';
import { InvalidParameterValueException, LambdaError, ServiceException, type ApiResult } from '../domain/errors';
import { logGroupNameFor } from '../domain/ids';
import { SUPPORTED_RUNTIMES, type RuntimeId } from '../domain/runtime-ids';
import { accountLimits } from '../workers/protocol';
import type {
  ControlPlaneApi,
  InsideLambdaSnapshot,
  ThrottleInfo,
  InvokeResult,
  LogEvent,
  OperationShape,
  SavedTestEvent,
  StorageMode,
  WorkspaceSettings,
} from '../workers/protocol';
import type {
  PutFunctionRecursionConfigRequest,
  PutRuntimeManagementConfigRequest,
  CreateEventSourceMappingRequest,
  ListEventSourceMappingsRequest,
  UpdateEventSourceMappingRequest,
  AddLayerVersionPermissionRequest,
  DeleteLayerVersionRequest,
  GetLayerVersionByArnRequest,
  GetLayerVersionPolicyRequest,
  GetLayerVersionRequest,
  ListLayersRequest,
  ListLayerVersionsRequest,
  PublishLayerVersionRequest,
  RemoveLayerVersionPermissionRequest,
  CreateAliasRequest,
  DeleteAliasRequest,
  GetAliasRequest,
  ListAliasesRequest,
  ListVersionsByFunctionRequest,
  PublishVersionRequest,
  UpdateAliasRequest,
  CreateFunctionRequest,
  DeleteFunctionRequest,
  GetFunctionConfigurationRequest,
  GetFunctionRequest,
  ListFunctionsRequest,
  UpdateFunctionCodeRequest,
  UpdateFunctionConfigurationRequest,
} from '@aws-sdk/client-lambda';
import { operationNotAvailable } from '../domain/not-available';
import { AliasesService } from './aliases';
import { EventSourceMappingsService } from './event-source-mappings';
import { FunctionSettingsService } from './function-settings';
import { ConcurrencyGate } from './concurrency-gate';
import { FunctionsService } from './functions';
import { VersionsService } from './versions';
import { InvokeService, type InvokeInput } from './invoke';
import { LayersService } from './layers';
import { NetworkAccessService, networkAccessOperations } from './network-access';
import { filterLogEvents, summarizeStreams, type FilterLogEventsRequest, type FilterLogEventsResult, type LogStreamSummary } from './log-reader';
import { MetricsService, type InvocationSummary, type MetricsQuery, type MetricsReport } from './metrics';
import type { EngineLoadStatus, EnvironmentInfo, EnvironmentPort, LambdaliteStore, ProvisioningResult } from './ports';
import { resourceOperations, resourceServices, type ResourceServices } from './resource-operations';
import { TestEventsService } from './test-events';

async function settle<T>(operation: () => Promise<T>): Promise<ApiResult<T>> {
  try {
    return { ok: true, value: await operation() };
  } catch (error) {
    if (error instanceof LambdaError) return { ok: false, error: error.toShape() };
    if (error instanceof Error && error.name === 'QuotaExceededError') {
      // The transaction was aborted, so nothing was half-written.
      const full = new LambdaError(
        'CodeStorageExceededException',
        400,
        'Code storage limit exceeded: the browser refused to store more data. Nothing was changed; delete functions or free disk space and try again.',
      );
      return { ok: false, error: full.toShape() };
    }
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { ok: false, error: new ServiceException(`Lambdalite internal error: ${detail}`).toShape() };
  }
}

/**
 * Adapts a typed operation to the table. The cast is sound because inputs reach `execute`
 * either from the wire module, which has checked them against the model's shapes (required
 * members, types), or from typed UI code.
 */
function operation<I>(run: (input: I) => Promise<object>): (input: OperationShape) => Promise<object> {
  return (input) => run(input as unknown as I);
}

const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;

/** How a control plane is built; everything has a default fit for the app. */
export interface ControlPlaneOptions {
  clock?: Clock;
  /** How long a new function stays Pending and an update InProgress (250 ms in the app). */
  stateTransitionMs?: number;
  /** The app's API root, where GetFunction's Code.Location points. */
  apiBaseUrl?: string;
  /** Draws for weighted alias routing. */
  random?: () => number;
  /** Where the store keeps the workspace (memory when the browser refused IndexedDB). */
  storage?: StorageMode;
}

/** Lambda takes a moment to get a function ready; long enough to be seen, short enough not to annoy. */
const DEFAULT_STATE_TRANSITION_MS = 250;

export class ControlPlane implements ControlPlaneApi {
  private readonly functions: FunctionsService;
  private readonly versions: VersionsService;
  private readonly aliases: AliasesService;
  private readonly invoker: InvokeService;
  private readonly storageMode: StorageMode;
  private readonly resources: ResourceServices;
  private readonly eventSources: EventSourceMappingsService;
  private readonly settingsOfFunctions: FunctionSettingsService;
  private readonly layers: LayersService;
  /** Invocations in flight, against reserved and account concurrency. */
  readonly concurrency: ConcurrencyGate;
  private readonly testEvents: TestEventsService;
  /** CloudWatch-style per-minute metrics of every invocation. */
  private readonly metrics: MetricsService;
  /** The latest throttles, newest first (runtime state for "Inside Lambda", never stored). */
  private readonly recentThrottles: ThrottleInfo[] = [];
  private readonly clock: Clock;

  private constructor(
    private readonly store: LambdaliteStore,
    private readonly environments: EnvironmentPort,
    private settings: WorkspaceSettings,
    options: ControlPlaneOptions,
  ) {
    const scope = (): AccountScope => this.settings;
    const clock = options.clock ?? systemClock;
    this.storageMode = options.storage ?? 'indexeddb';
    this.clock = clock;
    const stateTransitionMs = options.stateTransitionMs ?? DEFAULT_STATE_TRANSITION_MS;
    this.functions = new FunctionsService(store, environments, clock, scope, {
      stateTransitionMs,
      apiBaseUrl: options.apiBaseUrl ?? '/api/',
    });
    this.layers = new LayersService(store, clock, scope, { apiBaseUrl: options.apiBaseUrl ?? '/api/' });
    this.versions = new VersionsService(this.functions, store, clock, stateTransitionMs);
    this.functions.publisher = (record) => this.versions.publish(record);
    this.functions.layers = this.layers;
    this.aliases = new AliasesService(this.functions, store, scope);
    this.eventSources = new EventSourceMappingsService(store, clock, scope, stateTransitionMs);
    this.settingsOfFunctions = new FunctionSettingsService(this.functions, store, scope);
    this.concurrency = new ConcurrencyGate(
      () => accountLimits(this.settings),
      async () => (await store.listFunctions()).reduce((sum, record) => sum + (record.reservedConcurrency ?? 0), 0),
    );
    this.invoker = new InvokeService(this.functions, environments, store, clock, scope, this.concurrency, options.random);
    this.metrics = new MetricsService(store, clock);
    // Throttles are also kept briefly in memory, for the "Inside Lambda" view.
    this.invoker.metrics = {
      recordInvocation: (invocation) => this.metrics.recordInvocation(invocation),
      recordThrottle: (throttle) => {
        this.recentThrottles.unshift({
          functionName: throttle.functionName,
          functionVersion: throttle.version,
          at: clock.now(),
          ...(throttle.reason === undefined ? {} : { reason: throttle.reason }),
        });
        this.recentThrottles.length = Math.min(this.recentThrottles.length, 20);
        this.metrics.recordThrottle(throttle);
      },
    };
    this.testEvents = new TestEventsService(this.functions, store, clock);
    // Tags, permissions, URL and event invoke configs, code signing, concurrency (resource-operations.ts).
    this.resources = resourceServices(store, clock, () => this.settings);
    if (environments.provision) {
      this.resources.concurrency.provisioner = {
        provision: (functionName, qualifier, count) => this.provisionEnvironments(functionName, qualifier, count),
        unprovision: (functionName, qualifier) => this.unprovisionEnvironments(functionName, qualifier),
      };
    }
    Object.assign(this.operations, resourceOperations(this.resources));
    // Not Lambda operations: the console's "Allow network access" (network-access.ts).
    Object.assign(this.operations, networkAccessOperations(new NetworkAccessService(this.functions, store, environments, clock)));
  }

  /** Environments are runtime state: after a reload, provisioned concurrency initialises them again. */
  private async reprovision(): Promise<void> {
    if (!this.resources.concurrency.provisioner) return;
    for (const record of await this.store.listFunctions()) {
      for (const { key, data } of await this.store.listResources(record.name, 'provisionedConcurrency')) {
        const { allocated: _allocated, failure: _failure, ...pending } = data;
        await this.store.putResource(record.name, 'provisionedConcurrency', key, pending);
        await this.resources.concurrency.allocate(record.name, key);
      }
    }
  }

  /**
   * Every operation `execute` can run, by its model name. Inputs arrive in the SDK's shapes
   * (decoded and type-checked against the model by the wire module, or typed by the UI).
   */
  private readonly operations: Record<string, (input: OperationShape) => Promise<object>> = {
    CreateFunction: operation((input: CreateFunctionRequest) => this.functions.createFunction(input)),
    GetFunction: operation((input: GetFunctionRequest) =>
      this.functions.getFunction(input.FunctionName, input.Qualifier),
    ),
    GetFunctionConfiguration: operation((input: GetFunctionConfigurationRequest) =>
      this.functions.getFunctionConfiguration(input.FunctionName, input.Qualifier),
    ),
    ListFunctions: operation((input: ListFunctionsRequest) => this.functions.listFunctions(input)),
    UpdateFunctionCode: operation((input: UpdateFunctionCodeRequest) => this.functions.updateFunctionCode(input)),
    UpdateFunctionConfiguration: operation((input: UpdateFunctionConfigurationRequest) =>
      this.functions.updateFunctionConfiguration(input),
    ),
    DeleteFunction: operation((input: DeleteFunctionRequest) => this.deleteFunctionAndMetrics(input)),
    Invoke: operation((input: InvokeInput) => this.invoker.invoke(input)),
    // Not a Lambda operation: the download behind GetFunction's Code.Location.
    LambdaliteGetFunctionCode: operation(async (input: { FunctionName: string; Qualifier?: string }) => ({
      ZipFile: await this.functions.getCode(input.FunctionName, input.Qualifier),
    })),
    PublishVersion: operation((input: PublishVersionRequest) => this.versions.publishVersion(input)),
    ListVersionsByFunction: operation((input: ListVersionsByFunctionRequest) => this.versions.listVersionsByFunction(input)),
    CreateAlias: operation((input: CreateAliasRequest) => this.aliases.createAlias(input)),
    GetAlias: operation((input: GetAliasRequest) => this.aliases.getAlias(input)),
    UpdateAlias: operation((input: UpdateAliasRequest) => this.aliases.updateAlias(input)),
    DeleteAlias: operation((input: DeleteAliasRequest) => this.aliases.deleteAlias(input)),
    ListAliases: operation((input: ListAliasesRequest) => this.aliases.listAliases(input)),
    CreateEventSourceMapping: operation((input: CreateEventSourceMappingRequest) => this.eventSources.create(input)),
    GetEventSourceMapping: operation((input: { UUID?: string }) => this.eventSources.get(input.UUID)),
    UpdateEventSourceMapping: operation((input: UpdateEventSourceMappingRequest) => this.eventSources.update(input)),
    DeleteEventSourceMapping: operation((input: { UUID?: string }) => this.eventSources.delete(input.UUID)),
    ListEventSourceMappings: operation((input: ListEventSourceMappingsRequest) => this.eventSources.list(input)),
    GetFunctionRecursionConfig: operation((input: { FunctionName?: string }) => this.settingsOfFunctions.getRecursionConfig(input.FunctionName)),
    PutFunctionRecursionConfig: operation((input: PutFunctionRecursionConfigRequest) => this.settingsOfFunctions.putRecursionConfig(input)),
    GetRuntimeManagementConfig: operation((input: { FunctionName?: string; Qualifier?: string }) =>
      this.settingsOfFunctions.getRuntimeManagementConfig(input.FunctionName, input.Qualifier),
    ),
    PutRuntimeManagementConfig: operation((input: PutRuntimeManagementConfigRequest) => this.settingsOfFunctions.putRuntimeManagementConfig(input)),
    // The deprecated asynchronous invoke: the event is queued as Invoke's Event type queues it.
    InvokeAsync: operation(async (input: { FunctionName?: string; InvokeArgs?: Uint8Array }) => {
      await this.invoker.invoke({ FunctionName: input.FunctionName, InvocationType: 'Event', Payload: input.InvokeArgs });
      return { Status: 202 };
    }),
    PublishLayerVersion: operation((input: PublishLayerVersionRequest) => this.layers.publishLayerVersion(input)),
    GetLayerVersion: operation((input: GetLayerVersionRequest) => this.layers.getLayerVersion(input)),
    GetLayerVersionByArn: operation((input: GetLayerVersionByArnRequest) => this.layers.getLayerVersionByArn(input)),
    ListLayers: operation((input: ListLayersRequest) => this.layers.listLayers(input)),
    ListLayerVersions: operation((input: ListLayerVersionsRequest) => this.layers.listLayerVersions(input)),
    DeleteLayerVersion: operation((input: DeleteLayerVersionRequest) => this.layers.deleteLayerVersion(input)),
    AddLayerVersionPermission: operation((input: AddLayerVersionPermissionRequest) => this.layers.addLayerVersionPermission(input)),
    RemoveLayerVersionPermission: operation((input: RemoveLayerVersionPermissionRequest) => this.layers.removeLayerVersionPermission(input)),
    GetLayerVersionPolicy: operation((input: GetLayerVersionPolicyRequest) => this.layers.getLayerVersionPolicy(input)),
    // Not a Lambda operation: the download behind GetLayerVersion's Content.Location (`<api>/lambdalite/layers/<name>/<version>`).
    LambdaliteGetLayerVersionContent: operation(async (input: { LayerName: string; VersionNumber: number }) => ({
      ZipFile: await this.layers.getLayerVersionContent(input.LayerName, input.VersionNumber),
    })),
  };

  execute: ControlPlaneApi['execute'] = (operation, input) =>
    settle(async () => {
      const run = this.operations[operation];
      if (!run) throw operationNotAvailable(operation);
      return (await run(input)) as OperationShape;
    });

  /** Builds the control plane and runs the Event invocations a previous session left queued. */
  static async create(store: LambdaliteStore, environments: EnvironmentPort, options: ControlPlaneOptions = {}): Promise<ControlPlane> {
    const controlPlane = new ControlPlane(store, environments, await store.getSettings(), options);
    controlPlane.applyEnvironmentSettings();
    void controlPlane.invoker.drainQueue().catch((error: unknown) => console.error('Lambdalite: the event queue could not be read', error));
    void controlPlane.reprovision().catch((error: unknown) => console.error('Lambdalite: provisioned concurrency could not be restored', error));
    return controlPlane;
  }

  createFunction: ControlPlaneApi['createFunction'] = (input) => settle(() => this.functions.createFunction(input));

  getFunction: ControlPlaneApi['getFunction'] = (input) =>
    settle(() => this.functions.getFunction(input.FunctionName, input.Qualifier));

  getFunctionConfiguration: ControlPlaneApi['getFunctionConfiguration'] = (input) =>
    settle(() => this.functions.getFunctionConfiguration(input.FunctionName, input.Qualifier));

  listFunctions: ControlPlaneApi['listFunctions'] = (input) => settle(() => this.functions.listFunctions(input));

  updateFunctionCode: ControlPlaneApi['updateFunctionCode'] = (input) =>
    settle(() => this.functions.updateFunctionCode(input));

  updateFunctionConfiguration: ControlPlaneApi['updateFunctionConfiguration'] = (input) =>
    settle(() => this.functions.updateFunctionConfiguration(input));

  deleteFunction: ControlPlaneApi['deleteFunction'] = (input) => settle(() => this.deleteFunctionAndMetrics(input));

  /**
   * Metric points still in memory are written first, so the deletion's transaction removes them
   * too; invocations still running when the function goes are not counted afterwards.
   */
  private async deleteFunctionAndMetrics(input: DeleteFunctionRequest): Promise<{ StatusCode: number }> {
    const target = await this.functions.resolve(input.FunctionName, input.Qualifier).catch(() => undefined);
    await this.metrics.flush();
    const result = await this.functions.deleteFunction(input);
    if (target && target.qualifier === undefined) this.metrics.forget(target.record.name);
    return result;
  }

  invoke(input: InvokeInput): Promise<ApiResult<InvokeResult>> {
    return settle(() => this.invoker.invoke(input));
  }

  getFunctionCodeZip(functionName: string): Promise<ApiResult<Uint8Array>> {
    return settle(() => this.functions.getCode(functionName));
  }

  async listRuntimes(): Promise<RuntimeId[]> {
    return [...SUPPORTED_RUNTIMES];
  }

  async getSettings(): Promise<WorkspaceSettings> {
    return { ...this.settings };
  }

  updateSettings(changes: Partial<WorkspaceSettings>): Promise<ApiResult<WorkspaceSettings>> {
    return settle(async () => {
      const next = { ...this.settings, ...changes };
      if (!ACCOUNT_ID.test(next.accountId)) throw new InvalidParameterValueException('The account id must be 12 digits.');
      if (!REGION.test(next.region)) throw new InvalidParameterValueException(`${next.region} is not a region name like us-east-1.`);
      const limits = accountLimits(next);
      const whole = (value: number, min: number, max: number): boolean => Number.isInteger(value) && value >= min && value <= max;
      if (!whole(limits.accountConcurrency, 1, 1000)) {
        throw new InvalidParameterValueException('Account concurrency must be a whole number from 1 to 1000 (Lambda’s default quota).');
      }
      if (!whole(limits.unreservedMinimum, 0, limits.accountConcurrency)) {
        throw new InvalidParameterValueException('The unreserved minimum must be a whole number from 0 to the account concurrency.');
      }
      if (!whole(limits.idleReclaimMinutes, 1, 60)) {
        throw new InvalidParameterValueException('Idle environments are reclaimed after 1 to 60 minutes.');
      }
      await this.store.putSettings(next);
      this.settings = next;
      this.applyEnvironmentSettings();
      return { ...next };
    });
  }

  listTestEvents(functionName: string): Promise<ApiResult<SavedTestEvent[]>> {
    return settle(() => this.testEvents.list(functionName));
  }

  saveTestEvent(functionName: string, name: string, event: string): Promise<ApiResult<SavedTestEvent>> {
    return settle(() => this.testEvents.save(functionName, name, event));
  }

  deleteTestEvent(functionName: string, name: string): Promise<ApiResult<void>> {
    return settle(() => this.testEvents.delete(functionName, name));
  }

  getLogEvents(functionName: string, since?: number): Promise<ApiResult<LogEvent[]>> {
    return settle(async () => {
      const record = await this.functions.requireLatest(functionName, undefined);
      return this.store.getLogEvents(logGroupNameFor(record.name), since);
    });
  }

  getMetrics(functionName: string, fromMs: number, toMs: number, query?: MetricsQuery): Promise<ApiResult<MetricsReport>> {
    return settle(async () => {
      const record = await this.functions.requireLatest(functionName, undefined);
      if (!(toMs >= fromMs) || toMs - fromMs > 15 * 24 * 3_600_000) {
        throw new InvalidParameterValueException('The metrics window must end after it starts and span at most 15 days.');
      }
      return this.metrics.getMetrics(record.name, fromMs, toMs, query);
    });
  }

  listRecentInvocations(functionName: string, limit: number): Promise<ApiResult<InvocationSummary[]>> {
    return settle(async () => {
      const record = await this.functions.requireLatest(functionName, undefined);
      return this.metrics.recentInvocations(record.name, Math.min(Math.max(1, Math.floor(limit)), 100));
    });
  }

  listLogStreams(functionName: string): Promise<ApiResult<LogStreamSummary[]>> {
    return settle(async () => {
      const record = await this.functions.requireLatest(functionName, undefined);
      return summarizeStreams((await this.store.readLogEvents(logGroupNameFor(record.name), 0)).events);
    });
  }

  filterLogEvents(functionName: string, request: FilterLogEventsRequest = {}): Promise<ApiResult<FilterLogEventsResult>> {
    return settle(async () => {
      const record = await this.functions.requireLatest(functionName, undefined);
      return filterLogEvents(await this.store.readLogEvents(logGroupNameFor(record.name), request.afterEventId ?? 0), request);
    });
  }

  /**
   * Initialises provisioned environments for a version or alias (PutProvisionedConcurrencyConfig's
   * runtime side); resolves when they have all run Init.
   */
  async provisionEnvironments(functionName: string, qualifier: string, count: number): Promise<ProvisioningResult> {
    const target = await this.functions.resolve(functionName, qualifier);
    return this.invoker.provisionEnvironments(target, count);
  }

  /** Ends provisioning for a version or alias: its environments become on-demand ones. */
  async unprovisionEnvironments(functionName: string, qualifier: string): Promise<void> {
    const target = await this.functions.resolve(functionName, qualifier);
    this.invoker.unprovisionEnvironments(target.record.name, target.version);
  }

  async getStorageMode(): Promise<StorageMode> {
    return this.storageMode;
  }

  async listEnvironments(): Promise<EnvironmentInfo[]> {
    return this.environments.describe?.() ?? [];
  }

  async describeInsideLambda(): Promise<InsideLambdaSnapshot> {
    return {
      now: this.clock.now(),
      environments: this.environments.describe?.() ?? [],
      discarded: this.environments.recentlyDiscarded?.() ?? [],
      throttles: this.recentThrottles.map((throttle) => ({ ...throttle })),
      pyodide: await this.getPyodideStatus(),
      idleReclaimMinutes: accountLimits(this.settings).idleReclaimMinutes,
    };
  }

  async getPyodideStatus(): Promise<EngineLoadStatus> {
    return this.environments.pyodideStatus?.() ?? { state: 'not-loaded', loadedBytes: 0, totalBytes: 0 };
  }

  resetWorkspace(): Promise<ApiResult<WorkspaceSettings>> {
    return settle(async () => {
      await this.metrics.flush();
      const names = (await this.store.listFunctions()).map((record) => record.name);
      for (const name of names) this.environments.retire(name);
      await this.store.clearWorkspace();
      this.recentThrottles.length = 0;
      this.settings = await this.store.getSettings();
      this.applyEnvironmentSettings();
      return { ...this.settings };
    });
  }

  private applyEnvironmentSettings(): void {
    this.environments.configure?.({ idleReclaimMs: accountLimits(this.settings).idleReclaimMinutes * 60_000 });
  }

  /** Stops the environments and writes the pending metric points; the store may close once it resolves. */
  dispose(): Promise<void> {
    this.environments.dispose();
    return this.metrics.close();
  }
}
