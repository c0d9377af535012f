/**
 * The Node.js runtime (nodejs24.x, nodejs22.x, nodejs20.x) on QuickJS: one execution environment per
 * engine. `boot` (the factory) compiles the wasm once per worker and prepares a QuickJS
 * instance with the shim loaded, so a spare environment only has to run the function's
 * module code when `init` arrives.
 *
 * Limits, cooperatively (the environment pool also terminates the worker):
 * - Timeout: QuickJS's interrupt handler stops guest code at the deadline, uncatchably; the
 *   host's event loop stops waiting on timers there too → Sandbox.Timedout, discarded.
 * - Memory: the wasm memory is capped at MemorySize → Runtime.OutOfMemory, discarded,
 *   Max Memory Used = Memory Size (Lambda kills the runtime at its limit).
 */
import type { RuntimeId } from '../../domain/runtime-ids';
import { outOfMemoryErrorBody, timeoutErrorBody } from '../../domain/runtime-errors';
import type {
  EngineAssets,
  EnvironmentInit,
  InitOutcome,
  InvocationRequest,
  LogSink,
  ResultMessage,
  SandboxEngine,
  SandboxEngineFactory,
} from '../../workers/sandbox-protocol';
import { GuestStopped, GuestVm, type LoopEnd, type Stop } from './guest-vm';
import type { NetworkAccess } from './host-fetch';
import { PART_NAMES } from './guest/parts';
import { PackageFiles } from './package-files';
import { installUtcDate } from '../utc-clock';
import { cappedMemoryBytes, compileQuickjsWasm } from './wasm';

/**
 * process.version per runtime. The major is the runtime's; minor and patch are representative
 * (Lambda updates them over time: https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html).
 */
const NODE_VERSIONS: Partial<Record<RuntimeId, string>> = { 'nodejs24.x': 'v24.11.1', 'nodejs22.x': 'v22.14.0', 'nodejs20.x': 'v20.19.0' };

/** Lambda's default EphemeralStorage (/tmp), in MB. */
const DEFAULT_TMP_MB = 512;

/** The sandbox worker's own network, for a function that allows network access. */
function workerNetwork(): NetworkAccess {
  const origin = (globalThis as { location?: { origin?: string } }).location?.origin;
  return { fetch: (input, init) => globalThis.fetch(input, init), ...(origin ? { ownOrigin: origin } : {}) };
}

/** Lambda's default MemorySize: the spare environment is prepared for it. */
const DEFAULT_MEMORY_MB = 128;

type InvokeOutcome = Omit<ResultMessage, 'kind'>;

interface GuestInitResult {
  ok: boolean;
  errorType?: string;
  errorBody?: string;
}
interface GuestOutcome {
  status: 'success' | 'error';
  payload: string;
  errorType?: string;
  /** The runtime process would have exited (uncaught exception): discard the environment. */
  fatal?: boolean;
}

/**
 * Reads the shim's encoded outcome (guest/runtime.ts, encodeOutcome): '' while pending,
 * 's'/'S' (fatal) + payload, or 'e'/'f' (fatal) + errorType.length + ':' + errorType + payload.
 */
export function decodeOutcome(text: string): GuestOutcome | undefined {
  if (text === '') return undefined;
  const kind = text[0];
  if (kind === 's') return { status: 'success', payload: text.slice(1) };
  // A response posted, then the runtime exited (an unhandled rejection in the same turn).
  if (kind === 'S') return { status: 'success', payload: text.slice(1), fatal: true };
  const colon = text.indexOf(':');
  const end = colon + 1 + Number(text.slice(1, colon));
  if ((kind !== 'e' && kind !== 'f') || colon < 2 || !(end <= text.length)) {
    throw new Error(`QuickJS runtime shim returned a malformed outcome: ${text.slice(0, 80)}`);
  }
  return { status: 'error', errorType: text.slice(colon + 1, end), payload: text.slice(end), fatal: kind === 'f' };
}

/** Boots a QuickJS engine: compiles (once per worker) and instantiates a spare environment. */
export const createQuickjsEngine: SandboxEngineFactory = async (assets: EngineAssets, runtime: RuntimeId) => {
  if (!assets.quickjsWasmUrl) throw new Error('EngineAssets.quickjsWasmUrl is required for the Node.js runtime');
  // QuickJS takes local time from the thread's Date; Lambda's clock is UTC (TZ=:UTC).
  installUtcDate();
  const wasm = await compileQuickjsWasm(assets.quickjsWasmUrl);
  await warmUp(wasm, runtime);
  const spare = await GuestVm.create(wasm, DEFAULT_MEMORY_MB);
  const engine = new QuickjsEngine(wasm, spare, runtime);
  engine.preloadParts();
  return engine;
};

let warmedUp: Promise<void> | undefined;
/**
 * Runs a throwaway environment through init and invoke once per worker, before the spare is
 * made: the engine compiles wasm functions and host code lazily on first use, which would
 * otherwise land in the first function's Init Duration (15-20 ms instead of ~1 ms).
 */
function warmUp(wasm: WebAssembly.Module, runtime: RuntimeId): Promise<void> {
  warmedUp ??= (async () => {
    const vm = await GuestVm.create(wasm, DEFAULT_MEMORY_MB);
    const engine = new QuickjsEngine(wasm, vm, runtime);
    const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
    try {
      await engine.init(
        {
          runtime,
          handler: 'index.handler',
          files: {
            'index.mjs': encode("import { f } from './lib.cjs';\nexport const handler = async (e) => f(e);"),
            'lib.cjs': encode("exports.f = (e) => { console.log('%s', e, { e }); return JSON.stringify(e); };"),
          },
          environment: {},
          functionName: 'warm-up',
          functionVersion: '$LATEST',
          memorySizeMb: DEFAULT_MEMORY_MB,
          timeoutSeconds: 3,
          logGroupName: '',
          logStreamName: '',
          initDeadlineEpochMs: Date.now() + 10_000,
        },
        () => undefined,
      );
      const request = { requestId: 'warm-up', payload: '{"a":1}', deadlineEpochMs: Date.now() + 3000, invokedFunctionArn: '' };
      await engine.invoke(request, () => undefined);
    } finally {
      engine.dispose();
    }
  })();
  return warmedUp;
}

class QuickjsEngine implements SandboxEngine {
  private vm: GuestVm | undefined;
  private config: EnvironmentInit | undefined;
  private initFailure: { errorType: string; errorBody: string } | undefined;
  private requestId: string | undefined;
  private log: LogSink = () => undefined;

  constructor(
    private readonly wasm: WebAssembly.Module,
    spare: GuestVm,
    readonly runtime: RuntimeId,
  ) {
    this.vm = spare;
  }

  /**
   * Compiles the shim's parts (guest/parts.ts: Buffer, URL and fetch, crypto, fs, the built-in
   * modules) into the spare environment while it waits for a function, one part per turn of
   * the worker's event loop, and stops as soon as Init begins. A part compiled on demand costs
   * 15-50 ms of the function's Init Duration; compiled here it costs nothing anyone waits for.
   */
  preloadParts(): void {
    const vm = this.vm;
    const names = [...PART_NAMES];
    const step = (): void => {
      const name = names.shift();
      if (name === undefined || this.vm !== vm || vm === undefined || this.config !== undefined) return;
      try {
        vm.call('preloadPart', name);
      } catch {
        return; // the part then compiles on demand, where its error reaches the handler that needed it
      }
      setTimeout(step, 0);
    };
    setTimeout(step, 0);
  }

  async init(init: EnvironmentInit, log: LogSink): Promise<InitOutcome> {
    const started = performance.now();
    const initWindowSeconds = (init.initDeadlineEpochMs - Date.now()) / 1000;
    this.config = init;
    this.log = log;
    this.requestId = undefined;
    let vm = this.vm;
    if (!vm || vm.memorySizeBytes !== cappedMemoryBytes(init.memorySizeMb)) {
      vm?.dispose();
      vm = await GuestVm.create(this.wasm, init.memorySizeMb);
      this.vm = vm;
    }
    vm.onLog = (level, message) => this.writeLog(level, message);
    vm.setFiles(new PackageFiles(init.files, init.optFiles), (init.ephemeralStorageMb ?? DEFAULT_TMP_MB) * 1024 * 1024);
    vm.setNetwork(init.allowNetwork === true ? workerNetwork() : undefined);
    vm.setDeadline(init.initDeadlineEpochMs);
    const done = (): InitOutcome => ({ ok: true, initDurationMs: performance.now() - started });
    const fail = (errorType: string, errorBody: string): InitOutcome => {
      this.initFailure = { errorType, errorBody };
      return { ok: false, initDurationMs: performance.now() - started, errorType, errorBody };
    };
    try {
      vm.call('startInit', JSON.stringify(this.functionData(init)));
      let result: GuestInitResult | undefined;
      const end = await vm.runLoop(() => {
        const text = vm.call('initResult');
        result = text ? (JSON.parse(String(text)) as GuestInitResult) : undefined;
        return result !== undefined;
      });
      if (end === 'settled') {
        return result?.ok ? done() : fail(result?.errorType ?? 'Error', result?.errorBody ?? '{}');
      }
      if (end === 'idle') {
        // The handler module's top-level await never settled: Node exits with status 13.
        return fail('Runtime.ExitError', initExitBody('exit status 13'));
      }
      return this.initStopped(end, initWindowSeconds, fail);
    } catch (error) {
      if (error instanceof GuestStopped) {
        return this.initStopped(error.stop, initWindowSeconds, fail);
      }
      throw error;
    }
  }

  async invoke(invocation: InvocationRequest, log: LogSink): Promise<InvokeOutcome> {
    const started = performance.now();
    const vm = this.vm;
    const config = this.config;
    this.log = log;
    this.requestId = invocation.requestId;
    const result = (fields: Omit<InvokeOutcome, 'requestId' | 'durationMs' | 'maxMemoryUsedBytes' | 'discard'> &
      Partial<Pick<InvokeOutcome, 'discard' | 'maxMemoryUsedBytes'>>): InvokeOutcome => ({
      requestId: invocation.requestId,
      durationMs: performance.now() - started,
      maxMemoryUsedBytes: vm?.memory.peakBytes ?? 0,
      discard: false,
      ...fields,
    });
    if (!vm || !config) throw new Error('invoke before init');
    if (this.initFailure) {
      return result({ status: 'error', payload: this.initFailure.errorBody, errorType: this.initFailure.errorType });
    }
    vm.setDeadline(invocation.deadlineEpochMs);
    let outcome: GuestOutcome | undefined;
    let end: LoopEnd;
    try {
      // Metadata as separate arguments: a JSON object of it cost a stringify here and a
      // parse in the guest on every invoke. `invoke` and `loopEmpty` answer the outcome as
      // they leave it, so the loop asks `outcome` only after guest code ran since then
      // (a handler that calls back synchronously needs no `outcome` call at all).
      let text = vm.callString(
        'invoke',
        invocation.payload,
        invocation.requestId,
        invocation.deadlineEpochMs,
        invocation.invokedFunctionArn,
        invocation.clientContext,
      );
      let textAt = vm.runs;
      end = await vm.runLoop(
        () => {
          if (vm.runs !== textAt) {
            text = vm.callString('outcome');
            textAt = vm.runs;
          }
          outcome = decodeOutcome(text);
          return outcome !== undefined;
        },
        () => {
          text = vm.callString('loopEmpty');
          textAt = vm.runs;
        },
      );
    } catch (error) {
      if (!(error instanceof GuestStopped)) throw error;
      end = error.stop;
    }
    if (end === 'timeout' || end === 'out-of-memory' || end === 'exit') return result(this.stopped(end, invocation.requestId, config));
    if (!outcome) return result({ status: 'success', payload: 'null' });
    return result({
      status: outcome.status,
      payload: outcome.payload,
      ...(outcome.errorType !== undefined ? { errorType: outcome.errorType } : {}),
      discard: outcome.fatal === true,
    });
  }

  dispose(): void {
    this.vm?.dispose();
    this.vm = undefined;
  }

  private stopped(stop: Stop, requestId: string, config: EnvironmentInit): Omit<InvokeOutcome, 'requestId' | 'durationMs'> {
    if (stop === 'exit') {
      return {
        status: 'error',
        errorType: 'Runtime.ExitError',
        payload: JSON.stringify({ errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${requestId} Error: ${exitDetail(this.vm?.exitStatus)}` }),
        discard: true,
        maxMemoryUsedBytes: this.vm?.memory.peakBytes ?? 0,
      };
    }
    if (stop === 'out-of-memory') {
      return {
        status: 'error',
        errorType: 'Runtime.OutOfMemory',
        payload: outOfMemoryErrorBody(requestId),
        discard: true,
        maxMemoryUsedBytes: config.memorySizeMb * 1024 * 1024,
      };
    }
    return {
      status: 'error',
      errorType: 'Sandbox.Timedout',
      payload: timeoutErrorBody(requestId, config.timeoutSeconds),
      discard: true,
      maxMemoryUsedBytes: this.vm?.memory.peakBytes ?? 0,
    };
  }

  /**
   * Init stopped by a limit. Lambda reports these without a request id (there is none yet);
   * the init timeout's wording is ours: Lambda only logs `INIT_REPORT … Status: timeout`.
   */
  private initStopped(stop: Stop, windowSeconds: number, fail: (errorType: string, errorBody: string) => InitOutcome): InitOutcome {
    if (stop === 'out-of-memory') return fail('Runtime.OutOfMemory', initExitBody('signal: killed', 'Runtime.OutOfMemory'));
    if (stop === 'exit') {
      return fail('Runtime.ExitError', JSON.stringify({ errorType: 'Runtime.ExitError', errorMessage: `Error: ${exitDetail(this.vm?.exitStatus)}` }));
    }
    const errorMessage = `Error: Init phase timed out after ${Math.max(0, windowSeconds).toFixed(2)} seconds`;
    return fail('Sandbox.Timedout', JSON.stringify({ errorType: 'Sandbox.Timedout', errorMessage }));
  }

  /** What the shim needs to build `context` and `process.env`. */
  private functionData(init: EnvironmentInit): Record<string, unknown> {
    return {
      handler: init.handler,
      environment: init.environment,
      functionName: init.functionName,
      functionVersion: init.functionVersion,
      // Lambda passes it from AWS_LAMBDA_FUNCTION_MEMORY_SIZE: a string.
      memoryLimitInMB: String(init.memorySizeMb),
      nodeVersion: NODE_VERSIONS[this.runtime] ?? NODE_VERSIONS['nodejs22.x'],
      logGroupName: init.logGroupName,
      logStreamName: init.logStreamName,
    };
  }

  /** `<ISO time>\t<request id>\t<LEVEL>\t<message>`; the request id is `undefined` during init, as in Lambda. */
  private writeLog(level: string, message: string): void {
    const now = Date.now();
    if (level === 'RAW') {
      this.log(message, now);
      return;
    }
    this.log(`${new Date(now).toISOString()}\t${this.requestId ?? 'undefined'}\t${level}\t${message}`, now);
  }
}

/**
 * Lambda's words for a runtime process that exited on its own (process.exit): status 0 is
 * "without providing a reason", any other "with error: exit status N".
 */
function exitDetail(status: number | undefined): string {
  return status === 0 || status === undefined ? 'Runtime exited without providing a reason' : `Runtime exited with error: exit status ${status}`;
}

/** A runtime exit during init, before any request id exists. */
function initExitBody(detail: string, errorType = 'Runtime.ExitError'): string {
  return JSON.stringify({ errorType, errorMessage: `Error: Runtime exited with error: ${detail}` });
}
