/**
 * Execution environments, as Lambda keeps them: one sandbox worker per environment,
 * reused warm for the same code and configuration, created cold when none is idle,
 * discarded after a timeout, a crash or running out of memory, and reclaimed when idle.
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html
 *
 * Runtime state only: nothing here is persisted; it is rebuilt as invocations arrive.
 */
import type {
  DiscardedEnvironmentInfo,
  DiscardReason,
  EngineLoadStatus,
  EnvironmentInfo,
  EnvironmentPort,
  InitializationType,
  PoolInvocation,
  PoolOutcome,
  ProvisioningResult,
  TimedLine,
} from '../control-plane/ports';
import { systemClock, type Clock } from '../domain/clock';
import { TooManyRequestsException } from '../domain/errors';
import { logStreamNameFor } from '../domain/ids';
import { engineOf, type EngineKind, type RuntimeId } from '../domain/runtime-ids';
import { runtimeExitErrorBody, timeoutErrorBody } from '../domain/runtime-errors';
import type { EngineAssets, EngineSnapshotSource, ResultMessage, SandboxWorkerFactory } from '../workers/sandbox-protocol';
import { Sandbox, SandboxLost } from './sandbox';

export interface PoolOptions {
  workerFactory: SandboxWorkerFactory;
  assets: EngineAssets;
  /** Keepers of engine memory snapshots (Pyodide's), so new sandboxes boot from one. */
  snapshots?: Partial<Record<EngineKind, EngineSnapshotSource>>;
  clock?: Clock;
  /** Idle environments are reclaimed after this long (Lambda: minutes, unspecified). */
  idleReclaimMs?: number;
  /** Engines booted at start-up so the first cold start does not wait for them. */
  prewarm?: EngineKind[];
  /** Engines for which a booted spare is kept once they have been used. */
  keepSpare?: EngineKind[];
  /** Most environments alive at once; more concurrent invocations are throttled. */
  maxEnvironments?: number;
  /** How long past the deadline the host waits for the sandbox's own stop before killing it. */
  killGraceMs?: number;
}

/** Lambda's limit on the Init phase. */
const INIT_LIMIT_MS = 10_000;

/** How many ended environments the console's "Inside Lambda" view can still show. */
const DISCARDED_HISTORY = 24;

/** Pyodide's files that make up nearly all of its first download (~13 MB of ~14.5). */
const PYODIDE_FILES = ['pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide.asm.mjs'];

type EnvironmentState = 'initializing' | 'busy' | 'idle';

interface Environment {
  id: number;
  key: string;
  functionName: string;
  /** `$LATEST` or a version number: updating $LATEST leaves published versions' environments warm. */
  functionVersion: string;
  sandbox: Sandbox;
  state: EnvironmentState;
  logStreamName: string;
  retired: boolean;
  /** Why it was retired (recorded when it is discarded). */
  retiredWhy?: DiscardReason;
  /** Initialised ahead of time by provisioned concurrency: never reclaimed while provisioned. */
  provisioned: boolean;
  initializationType: InitializationType;
  invocations: number;
  createdAt: number;
  lastUsedAt: number;
  reclaimTimer?: ReturnType<typeof setTimeout>;
  /** When it last went idle (clock ms): the idle time is counted from here. */
  idleSince?: number;
}

let nextEnvironmentId = 1;

/** What the console is shown of an environment (runtime state, never stored). */
function infoOf(environment: Environment): EnvironmentInfo {
  return {
    id: environment.id,
    functionName: environment.functionName,
    functionVersion: environment.functionVersion,
    state: environment.state,
    initializationType: environment.initializationType,
    logStreamName: environment.logStreamName,
    invocations: environment.invocations,
    createdAt: environment.createdAt,
    lastUsedAt: environment.lastUsedAt,
  };
}

export class EnvironmentPool implements EnvironmentPort {
  private readonly environments = new Set<Environment>();
  private readonly spares = new Map<EngineKind, Sandbox>();
  private readonly clock: Clock;
  private idleReclaimMs: number;
  private readonly maxEnvironments: number;
  private readonly killGraceMs: number;
  private readonly keepSpare: Set<EngineKind>;
  private disposed = false;
  /** Recently ended environments, newest first. */
  private discarded: DiscardedEnvironmentInfo[] = [];
  private pyodide: EngineLoadStatus = { state: 'not-loaded', loadedBytes: 0, totalBytes: 0 };

  constructor(private readonly options: PoolOptions) {
    this.clock = options.clock ?? systemClock;
    this.idleReclaimMs = options.idleReclaimMs ?? 5 * 60_000;
    this.maxEnvironments = options.maxEnvironments ?? 16;
    this.killGraceMs = options.killGraceMs ?? 20;
    this.keepSpare = new Set(options.keepSpare ?? []);
    for (const engine of options.prewarm ?? []) this.ensureSpare(engine);
  }

  /** Environments alive now, for the console's view of Lambda's insides. */
  get size(): number {
    return this.environments.size;
  }

  async invoke(invocation: PoolInvocation): Promise<PoolOutcome> {
    const warm = this.findIdle(invocation.environmentKey);
    if (warm) return this.run(warm, invocation, { coldStart: false, initLines: [], initFailed: false });
    return this.coldStart(invocation);
  }

  retire(functionName: string, functionVersion?: string): void {
    for (const environment of this.environments) {
      if (environment.functionName !== functionName) continue;
      if (functionVersion !== undefined && environment.functionVersion !== functionVersion) continue;
      environment.retired = true;
      environment.retiredWhy =
        functionVersion === undefined ? 'function-deleted' : functionVersion === '$LATEST' ? 'updated' : 'version-deleted';
      if (environment.state === 'idle') this.discard(environment, environment.retiredWhy);
    }
  }

  dispose(): void {
    this.disposed = true;
    for (const environment of this.environments) this.discard(environment, 'shutdown');
    for (const spare of this.spares.values()) spare.terminate();
    this.spares.clear();
  }

  /** An idle environment for the key, a provisioned one first (Lambda routes to those before scaling on demand). */
  private findIdle(key: string): Environment | undefined {
    let onDemand: Environment | undefined;
    for (const environment of this.environments) {
      if (environment.key !== key || environment.state !== 'idle' || environment.retired) continue;
      if (environment.provisioned) return environment;
      onDemand ??= environment;
    }
    return onDemand;
  }

  async provision(template: Omit<PoolInvocation, 'request'>, count: number): Promise<ProvisioningResult> {
    const result: ProvisioningResult = { ready: 0, failed: 0, lines: [], logStreamNames: [] };
    const starts = Array.from({ length: count }, async () => {
      const environment = this.newEnvironment(template, 'provisioned-concurrency');
      try {
        await environment.sandbox.booted;
        const init = await template.prepareInit(environment.logStreamName, 'provisioned-concurrency');
        const done = await environment.sandbox.init(
          { ...init, initDeadlineEpochMs: this.clock.now() + INIT_LIMIT_MS },
          INIT_LIMIT_MS + this.killGraceMs,
        );
        const lines = environment.sandbox.takeLines();
        result.logStreamNames.push(environment.logStreamName);
        result.lines.push(...lines.map((line) => ({ ...line, logStreamName: environment.logStreamName })));
        if (!done.ok) throw new Error(done.errorType);
        environment.provisioned = true;
        environment.state = 'idle';
        result.ready++;
      } catch {
        this.discard(environment, 'provisioning-failed');
        result.failed++;
      }
    });
    await Promise.all(starts);
    return result;
  }

  unprovision(functionName: string, functionVersion: string): void {
    for (const environment of this.environments) {
      if (environment.functionName !== functionName || environment.functionVersion !== functionVersion || !environment.provisioned) continue;
      environment.provisioned = false;
      if (environment.state === 'idle') this.release(environment);
    }
  }

  describe(): EnvironmentInfo[] {
    return [...this.environments].map(infoOf);
  }

  recentlyDiscarded(): DiscardedEnvironmentInfo[] {
    return this.discarded.map((entry) => ({ ...entry }));
  }

  pyodideStatus(): EngineLoadStatus {
    return { ...this.pyodide };
  }

  configure(settings: { idleReclaimMs?: number }): void {
    if (settings.idleReclaimMs === undefined || settings.idleReclaimMs === this.idleReclaimMs) return;
    this.idleReclaimMs = settings.idleReclaimMs;
    // Environments already idle follow the new time too, counted from when they went idle.
    for (const environment of this.environments) {
      if (environment.state === 'idle' && !environment.provisioned) this.armReclaim(environment);
    }
  }

  private newEnvironment(template: Omit<PoolInvocation, 'request'>, initializationType: InitializationType): Environment {
    if (this.environments.size >= this.maxEnvironments) this.reclaimOneIdle();
    if (this.environments.size >= this.maxEnvironments) {
      throw new TooManyRequestsException('Rate Exceeded.', 'ConcurrentInvocationLimitExceeded');
    }
    const now = this.clock.now();
    const environment: Environment = {
      id: nextEnvironmentId++,
      key: template.environmentKey,
      functionName: template.functionName,
      functionVersion: template.functionVersion,
      sandbox: this.takeSandbox(engineOf(template.runtime), template.runtime),
      state: 'initializing',
      logStreamName: logStreamNameFor(now, template.functionVersion),
      retired: false,
      provisioned: false,
      initializationType,
      invocations: 0,
      createdAt: now,
      lastUsedAt: now,
    };
    this.environments.add(environment);
    return environment;
  }

  private async coldStart(invocation: PoolInvocation): Promise<PoolOutcome> {
    const initStarted = performance.now();
    const environment = this.newEnvironment(invocation, 'on-demand');
    const { sandbox, logStreamName } = environment;
    const startedAt = this.clock.now();
    try {
      // Unzipping the code while the sandbox boots (a Python boot is ~0.5 s even from its snapshot).
      const preparing = invocation.prepareInit(logStreamName, 'on-demand');
      preparing.catch(() => undefined);
      await sandbox.booted;
      const init = await preparing;
      const initDeadline = this.clock.now() + INIT_LIMIT_MS;
      const done = await sandbox.init({ ...init, initDeadlineEpochMs: initDeadline }, INIT_LIMIT_MS + this.killGraceMs);
      const initDurationMs = performance.now() - initStarted;
      const initLines = sandbox.takeLines();
      if (!done.ok) {
        this.discard(environment, 'init-failed');
        return {
          status: 'error',
          payload: done.errorBody,
          errorType: done.errorType,
          platformStatus: 'error',
          coldStart: true,
          initDurationMs,
          initFailed: true,
          durationMs: initDurationMs,
          maxMemoryUsedMb: 0,
          logStreamName,
          initLines,
          invokeLines: [],
          startedAt,
          endedAt: this.clock.now(),
        };
      }
      return this.run(environment, invocation, { coldStart: true, initStartedAt: startedAt, initDurationMs, initLines, initFailed: false });
    } catch (error) {
      this.discard(environment, lostReason(error));
      return this.lostOutcome(error, invocation, environment, startedAt, performance.now() - initStarted, true);
    }
  }

  private async run(
    environment: Environment,
    invocation: PoolInvocation,
    cold: { coldStart: boolean; initStartedAt?: number; initDurationMs?: number; initLines: TimedLine[]; initFailed: boolean },
  ): Promise<PoolOutcome> {
    clearTimeout(environment.reclaimTimer);
    environment.state = 'busy';
    environment.invocations++;
    environment.lastUsedAt = this.clock.now();
    const { sandbox } = environment;
    const timeoutMs = invocation.timeoutSeconds * 1000;
    const startedAt = this.clock.now();
    const started = performance.now();
    let result: ResultMessage;
    const { onProgress } = invocation;
    if (onProgress) {
      onProgress({
        kind: 'started',
        logStreamName: environment.logStreamName,
        startedAt,
        coldStart: cold.coldStart,
        initStartedAt: cold.initStartedAt ?? startedAt,
        initLines: cold.initLines,
      });
      sandbox.onLine = (line) => onProgress({ kind: 'line', line });
    }
    try {
      result = await sandbox.invoke(
        { ...invocation.request, deadlineEpochMs: startedAt + timeoutMs },
        timeoutMs + this.killGraceMs,
      );
    } catch (error) {
      this.discard(environment, lostReason(error));
      return { ...this.lostOutcome(error, invocation, environment, startedAt, performance.now() - started, false), ...cold };
    } finally {
      sandbox.onLine = undefined;
    }
    const hostDurationMs = performance.now() - started;
    const timedOut = result.errorType === 'Sandbox.Timedout';
    if (timedOut) this.discard(environment, 'timeout');
    else if (result.discard) this.discard(environment, result.errorType === 'Runtime.OutOfMemory' ? 'out-of-memory' : 'runtime-exit');
    else this.release(environment);
    const outcome: PoolOutcome = {
      status: result.status,
      payload: result.payload,
      ...cold,
      durationMs: timedOut ? hostDurationMs : Math.min(result.durationMs, hostDurationMs),
      maxMemoryUsedMb: Math.max(1, Math.ceil(result.maxMemoryUsedBytes / (1024 * 1024))),
      logStreamName: environment.logStreamName,
      invokeLines: sandbox.takeLines(),
      startedAt,
      endedAt: this.clock.now(),
    };
    if (result.errorType !== undefined) outcome.errorType = result.errorType;
    if (timedOut) outcome.platformStatus = 'timeout';
    else if (result.discard) outcome.platformStatus = 'error';
    return outcome;
  }

  /** The outcome of an invocation whose sandbox was killed at its deadline or crashed. */
  private lostOutcome(
    error: unknown,
    invocation: PoolInvocation,
    environment: Environment,
    startedAt: number,
    durationMs: number,
    duringInit: boolean,
  ): PoolOutcome {
    if (!(error instanceof SandboxLost)) throw error;
    const { requestId } = invocation.request;
    const timedOut = error.reason === 'deadline';
    const lines = environment.sandbox.takeLines();
    if (!timedOut) {
      // Lambda's lines for a runtime that died, and what stopped it here (an engine that
      // failed to load, a worker crash), so the user is not left guessing.
      const now = this.clock.now();
      lines.push({ timestamp: now, message: `Lambdalite: the execution environment stopped: ${error.message}` });
      lines.push({ timestamp: now, message: `RequestId: ${requestId} Error: Runtime exited with error: signal: killed\nRuntime.ExitError` });
    }
    const outcome: PoolOutcome = {
      status: 'error',
      payload: timedOut
        ? timeoutErrorBody(requestId, duringInit ? INIT_LIMIT_MS / 1000 : invocation.timeoutSeconds)
        : runtimeExitErrorBody(requestId),
      errorType: timedOut ? 'Sandbox.Timedout' : 'Runtime.ExitError',
      platformStatus: timedOut ? 'timeout' : 'error',
      coldStart: duringInit,
      initFailed: duringInit,
      durationMs,
      maxMemoryUsedMb: invocation.memorySizeMb,
      logStreamName: environment.logStreamName,
      initLines: duringInit ? lines : [],
      invokeLines: duringInit ? [] : lines,
      startedAt,
      endedAt: this.clock.now(),
    };
    if (duringInit) outcome.initDurationMs = durationMs;
    return outcome;
  }

  private release(environment: Environment): void {
    if (environment.retired || this.disposed) {
      this.discard(environment, this.disposed ? 'shutdown' : (environment.retiredWhy ?? 'updated'));
      return;
    }
    environment.state = 'idle';
    environment.idleSince = this.clock.now();
    if (environment.provisioned) return;
    this.armReclaim(environment);
  }

  private armReclaim(environment: Environment): void {
    clearTimeout(environment.reclaimTimer);
    const idleFor = this.clock.now() - (environment.idleSince ?? this.clock.now());
    environment.reclaimTimer = setTimeout(() => {
      if (environment.state === 'idle') this.discard(environment, 'idle-reclaim');
    }, Math.max(0, this.idleReclaimMs - idleFor));
  }

  private discard(environment: Environment, reason: DiscardReason): void {
    clearTimeout(environment.reclaimTimer);
    environment.sandbox.terminate();
    if (!this.environments.delete(environment) || reason === 'shutdown') return;
    this.discarded.unshift({ ...infoOf(environment), discardedAt: this.clock.now(), reason });
    this.discarded.length = Math.min(this.discarded.length, DISCARDED_HISTORY);
  }

  private reclaimOneIdle(): void {
    for (const environment of this.environments) {
      if (environment.state === 'idle' && !environment.provisioned) {
        this.discard(environment, 'capacity');
        return;
      }
    }
  }

  private takeSandbox(engine: EngineKind, runtime: RuntimeId): Sandbox {
    const spare = this.spares.get(engine);
    this.spares.delete(engine);
    const sandbox = spare?.isAlive ? spare : this.newSandbox(engine, runtime);
    if (this.keepSpare.has(engine)) this.ensureSpare(engine, runtime);
    return sandbox;
  }

  /** Boots a spare sandbox of an engine now, in the background, unless one is ready. */
  prewarm(engine: EngineKind): void {
    this.ensureSpare(engine);
  }

  private ensureSpare(engine: EngineKind, runtime: RuntimeId = engine === 'quickjs' ? 'nodejs22.x' : 'python3.14'): void {
    if (this.disposed || this.spares.get(engine)?.isAlive) return;
    this.spares.set(engine, this.newSandbox(engine, runtime));
  }

  private newSandbox(engine: EngineKind, runtime: RuntimeId): Sandbox {
    const snapshots = this.options.snapshots?.[engine];
    let snapshot = snapshots?.load();
    // The first Pyodide of the page is watched for the page's progress bar; later spares boot quietly.
    const tracked = engine === 'pyodide' && (this.pyodide.state === 'not-loaded' || this.pyodide.state === 'failed');
    if (tracked) {
      this.pyodide = { state: 'loading', phase: 'starting', loadedBytes: 0, totalBytes: 0, startedAt: this.clock.now() };
      snapshot = this.prefetchPyodideIfNeeded(snapshot);
    }
    const sandbox = new Sandbox(engine, this.options.workerFactory, runtime, this.options.assets, snapshot);
    if (snapshots) sandbox.booted.then((ready) => snapshots.offer(ready), () => snapshots.abandon());
    if (tracked) {
      sandbox.booted.then(
        (ready) => {
          this.pyodide = {
            ...this.pyodide,
            state: 'ready',
            readyAt: this.clock.now(),
            ...(ready.bootedFrom ? { bootedFrom: ready.bootedFrom } : {}),
          };
          delete this.pyodide.phase;
        },
        (error: unknown) => {
          this.pyodide = { ...this.pyodide, state: 'failed', error: error instanceof Error ? error.message : String(error) };
          delete this.pyodide.phase;
        },
      );
    }
    return sandbox;
  }

  /**
   * With no stored snapshot (the first Python run ever, ~5 s), Pyodide's files are fetched here
   * first, counting bytes for the progress bar; the sandbox's own fetches then come from the
   * browser's cache (or the service worker's precache). With a snapshot they were fetched before,
   * so nothing is read twice and the boot is not delayed.
   */
  private prefetchPyodideIfNeeded(snapshot: Promise<Uint8Array | undefined> | undefined): Promise<Uint8Array | undefined> | undefined {
    const base = this.options.assets.pyodideIndexUrl;
    if (!base || !/^https?:/.test(base) || typeof fetch !== 'function') return snapshot;
    return (snapshot ?? Promise.resolve(undefined)).then(async (bytes) => {
      if (bytes) return bytes;
      this.pyodide.phase = 'downloading';
      await Promise.all(PYODIDE_FILES.map((file) => this.readCounting(new URL(file, base).href))).catch(() => undefined);
      if (this.pyodide.state === 'loading') this.pyodide.phase = 'starting';
      return undefined;
    });
  }

  private async readCounting(url: string): Promise<void> {
    const response = await fetch(url);
    this.pyodide.totalBytes += Number(response.headers.get('content-length') ?? 0);
    const reader = response.body?.getReader();
    if (!reader) return;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      this.pyodide.loadedBytes += value.byteLength;
    }
  }
}

function lostReason(error: unknown): DiscardReason {
  return error instanceof SandboxLost && error.reason === 'deadline' ? 'timeout' : 'crash';
}

