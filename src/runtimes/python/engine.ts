/**
 * The python3.x runtime on Pyodide: one execution environment per sandbox worker.
 *
 * Boot loads Pyodide (the slow part, ~3–5 s, so a spare environment can wait ready), installs
 * the MemorySize cap first (memory-guard.ts) and the runtime's bootstrap.py, then seals the
 * worker's global scope. Init writes the function's files to /var/task (and layers to /opt), then
 * makes everything outside /tmp read-only (read-only-fs.ts), and imports the handler module
 * (module-level code runs once); each invoke calls the handler through bootstrap.py,
 * which formats results, errors and log lines exactly as awslambdaric does on Lambda.
 *
 * Limits (https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html,
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html): the deadline
 * interrupts Python cooperatively (deadline-interrupt.ts) and the heap cannot grow past
 * MemorySize (memory-guard.ts); both end the invocation with the platform's error body and
 * `discard: true`. The pool's hard kill of the worker remains the only stop for `time.sleep`.
 */
import { loadPyodide, type PyodideInterface } from 'pyodide';
import type { PyCallable, PyProxy } from 'pyodide/ffi';
import { PYTHON_RUNTIMES, type RuntimeId } from '../../domain/runtime-ids';
import { outOfMemoryErrorBody, runtimeExitErrorBody, timeoutErrorBody } from '../../domain/runtime-errors';
import type {
  EngineAssets,
  EnvironmentInit,
  InitOutcome,
  InvocationRequest,
  LogSink,
  ResultMessage,
  SandboxBoot,
  SandboxEngine,
  SandboxEngineFactory,
} from '../../workers/sandbox-protocol';
import { BOOTSTRAP_MODULE } from './bootstrap-py';
import { DeadlineInterrupt } from './deadline-interrupt';
import { LineWriter } from './line-writer';
import { installMemoryGuard, type MemoryGuard } from './memory-guard';
import { captureNetwork, createJsModule, sealWorkerScope, type JsModule, type SealReport } from './sandbox-globals';
import { openSnapshot, sealSnapshot } from './snapshot-envelope';
import { prepareRuntime, writeRuntimeFiles } from './snapshot-setup';
import { TASK_ROOT, writeOptFiles, writeTaskFiles, type TaskFileSystem } from './task-files';
import { ReadOnlyFileSystem } from './read-only-fs';
import { TmpQuota } from './tmp-quota';
import { installUtcDate } from '../utc-clock';

const MIB = 1024 * 1024;

type InvokeOutcome = Omit<ResultMessage, 'kind'>;

/** What bootstrap.py's `init` returns: (ok, errorType, errorBody). */
type PyInitResult = [boolean, string | undefined, string | undefined];
/** What bootstrap.py's `invoke` returns: (status, payload, errorType). */
type PyInvokeResult = ['success' | 'error', string, string | undefined];

/** A bootstrap function as seen from JS: it returns a tuple, i.e. a PyProxy. */
type PyFunction = PyCallable & ((...args: unknown[]) => PyProxy);

/**
 * Python errors surface as `PythonError` with `.type` set to the class name; anything else
 * thrown out of Pyodide means the interpreter itself failed.
 */
function pythonErrorType(error: unknown): string | undefined {
  if (error instanceof Error && error.constructor.name === 'PythonError') {
    return (error as Error & { type?: string }).type;
  }
  return undefined;
}

class PyodideEngine implements SandboxEngine {
  readonly #pyodide: PyodideInterface;
  readonly #memory: MemoryGuard;
  readonly #interrupt = new DeadlineInterrupt();
  readonly #stdout: LineWriter;
  readonly #stderr: LineWriter;
  readonly #pyInit: PyFunction;
  readonly #pyInvoke: PyFunction;
  readonly #bootstrap: PyProxy & Record<string, PyCallable>;
  readonly #jsModule: JsModule;
  readonly #tmp: TmpQuota;
  readonly #readOnly: ReadOnlyFileSystem;
  /** WebAssembly stack switching (Emscripten's `Module.jspiSupported`; Chromium has it, Node 20 not). */
  readonly #jspi: boolean;
  #sink: LogSink = () => {};
  #init: EnvironmentInit | undefined;
  #initFailure: { errorType: string; errorBody: string } | undefined;
  #disposed = false;

  constructor(
    pyodide: PyodideInterface,
    memory: MemoryGuard,
    jsModule: JsModule,
    readonly boot: SandboxBoot,
    readonly seal: SealReport,
  ) {
    this.#pyodide = pyodide;
    this.#memory = memory;
    this.#jsModule = jsModule;
    this.#stdout = new LineWriter((line) => this.#sink(line));
    this.#stderr = new LineWriter((line) => this.#sink(line));
    pyodide.setStdout({ write: (buffer: Uint8Array) => this.#stdout.write(buffer) });
    pyodide.setStderr({ write: (buffer: Uint8Array) => this.#stderr.write(buffer) });
    // input() sees end of file, as a Lambda function's stdin does.
    pyodide.setStdin({ stdin: () => null });
    // The deadline-driven buffer stands in for the usual Int32Array (see deadline-interrupt.ts).
    pyodide.setInterruptBuffer(this.#interrupt.buffer as unknown as Int32Array);

    // The runtime's modules are in the heap already (imported before the snapshot, or just now).
    this.#bootstrap = pyodide.pyimport(BOOTSTRAP_MODULE) as PyProxy & Record<string, PyCallable>;
    const install = this.#bootstrap.install as PyCallable;
    install(
      (message: string) => this.#sink(message),
      () => this.#memory.exceeded,
    );
    // Borrowed from the module proxy, which stays alive for the environment's life.
    this.#pyInit = this.#bootstrap.init as PyFunction;
    this.#pyInvoke = this.#bootstrap.invoke as PyFunction;
    const fs = pyodide.FS as unknown as TaskFileSystem;
    fs.mkdirTree(TASK_ROOT);
    this.#tmp = new TmpQuota(pyodide);
    // Installed on every boot (plain or from the snapshot, which holds no JS); in force from the
    // first Init's layout on, before any function code runs.
    this.#readOnly = new ReadOnlyFileSystem(pyodide);
    this.#jspi = (pyodide as unknown as { _module: { jspiSupported?: boolean } })._module.jspiSupported === true;
  }

  async init(init: EnvironmentInit, log: LogSink): Promise<InitOutcome> {
    const started = performance.now();
    const startedEpochMs = Date.now();
    this.#sink = log;
    this.#init = init;
    this.#initFailure = undefined;
    this.#memory.setLimit(init.memorySizeMb * MIB);
    const elapsed = (): number => performance.now() - started;
    const fail = (errorType: string, errorBody: string): InitOutcome => {
      this.#initFailure = { errorType, errorBody };
      return { ok: false, initDurationMs: elapsed(), errorType, errorBody };
    };

    const fs = this.#pyodide.FS as unknown as TaskFileSystem;
    // The runtime's own writes; after them only /tmp is writable, as on Lambda.
    this.#readOnly.layOut(() => {
      writeTaskFiles(fs, init.files);
      writeOptFiles(fs, init.optFiles ?? {});
      // A new environment's /tmp starts empty and holds EphemeralStorage (512 MB by default).
      this.#tmp.reset((init.ephemeralStorageMb ?? 512) * MIB);
    });
    const allowNetwork = init.allowNetwork === true;
    this.#jsModule.setNetwork(allowNetwork);
    const environment = { ...defaultEnvironment(init), ...init.environment };
    this.#interrupt.arm(init.initDeadlineEpochMs);
    let outcome: PyInitResult | undefined;
    let thrown: unknown;
    try {
      outcome = this.#call(this.#pyInit, init.handler, JSON.stringify(environment), allowNetwork) as PyInitResult;
    } catch (error) {
      thrown = error;
    } finally {
      this.#interrupt.disarm();
      this.#flushOutput();
    }

    if (this.#memory.exceeded || outcome?.[1] === 'Runtime.OutOfMemory') {
      return fail('Runtime.OutOfMemory', outOfMemoryErrorBody(''));
    }
    if (this.#interrupt.fired || Date.now() > init.initDeadlineEpochMs) {
      // The Init phase has its own limit (10 s on Lambda); the pool gives its deadline.
      return fail('Sandbox.Timedout', timeoutErrorBody('', (init.initDeadlineEpochMs - startedEpochMs) / 1000));
    }
    if (thrown !== undefined) return fail('Runtime.ExitError', runtimeExitErrorBody('', exitDetail(thrown)));
    if (!outcome) return fail('Runtime.ExitError', runtimeExitErrorBody(''));
    const [ok, errorType, errorBody] = outcome;
    if (ok) return { ok: true, initDurationMs: elapsed() };
    return fail(errorType ?? 'Runtime.Unknown', errorBody ?? '');
  }

  async invoke(invocation: InvocationRequest, log: LogSink): Promise<InvokeOutcome> {
    const init = this.#init;
    if (!init) throw new Error('invoke before init');
    const started = performance.now();
    this.#sink = log;
    const { requestId } = invocation;
    const finish = (
      status: InvokeOutcome['status'],
      payload: string,
      errorType: string | undefined,
      discard = false,
    ): InvokeOutcome => ({
      requestId,
      status,
      payload,
      ...(errorType === undefined ? {} : { errorType }),
      durationMs: performance.now() - started,
      // The wasm heap's byteLength after the call: it never shrinks, so it is the peak.
      maxMemoryUsedBytes: discard && this.#memory.exceeded ? init.memorySizeMb * MIB : this.#memory.usedBytes(),
      discard,
    });
    if (this.#initFailure) return finish('error', this.#initFailure.errorBody, this.#initFailure.errorType, true);

    this.#interrupt.arm(invocation.deadlineEpochMs);
    let outcome: PyInvokeResult | undefined;
    let thrown: unknown;
    try {
      outcome = await this.#callInvoke(
        requestId,
        invocation.payload,
        invocation.deadlineEpochMs,
        invocation.invokedFunctionArn,
        invocation.clientContext ?? null,
      ) as PyInvokeResult;
    } catch (error) {
      thrown = error;
    } finally {
      this.#interrupt.disarm();
      this.#flushOutput();
    }

    // Lambda's platform ends an environment that ran out of memory or time, whatever the
    // handler did with the MemoryError or KeyboardInterrupt it got.
    if (this.#memory.exceeded || outcome?.[2] === 'Runtime.OutOfMemory') {
      return finish('error', outOfMemoryErrorBody(requestId), 'Runtime.OutOfMemory', true);
    }
    if (this.#interrupt.fired || Date.now() > invocation.deadlineEpochMs) {
      return finish('error', timeoutErrorBody(requestId, init.timeoutSeconds), 'Sandbox.Timedout', true);
    }
    if (thrown !== undefined || !outcome) {
      return finish('error', runtimeExitErrorBody(requestId, exitDetail(thrown)), 'Runtime.ExitError', true);
    }
    const [status, payload, errorType] = outcome;
    return finish(status, payload, status === 'error' ? errorType : undefined);
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#sink = () => {};
    this.#bootstrap.destroy();
  }

  /** Call a bootstrap function and convert its tuple result, freeing the proxy. */
  #call(fn: PyFunction, ...args: unknown[]): unknown[] {
    return this.#unwrap(fn(...args));
  }

  /**
   * Call bootstrap.invoke; for a function allowed the network, where the engine has WebAssembly
   * stack switching (JSPI: Chromium), as a promising call, so Python can block on a JavaScript
   * promise (asyncio.run() of code awaiting pyodide.http.pyfetch). Otherwise a plain call.
   */
  async #callInvoke(...args: unknown[]): Promise<unknown[]> {
    // Only network calls make Python wait on a JavaScript promise, so only a function allowed the
    // network pays for a promising call on every invocation; the others' asyncio.run() takes the
    // timers-only loop, which pure asyncio code needs and no more.
    if (this.#jspi && this.#init?.allowNetwork === true) return this.#unwrap((await this.#pyInvoke.callPromising(...args)) as PyProxy);
    return this.#call(this.#pyInvoke, ...args);
  }

  #unwrap(proxy: PyProxy): unknown[] {
    try {
      return (proxy.toJs as () => unknown[])();
    } finally {
      proxy.destroy();
    }
  }

  #flushOutput(): void {
    this.#stdout.flush();
    this.#stderr.flush();
  }
}

/**
 * How the runtime process ended when Python raised past the bootstrap: SystemExit carries
 * its exit status, anything else (an uncaught KeyboardInterrupt, a fatal Pyodide error) is
 * reported like a process that died.
 */
function exitDetail(error: unknown): string {
  const type = pythonErrorType(error);
  if (type === 'SystemExit') {
    const code = /SystemExit: ?(\d+)?/.exec(String((error as Error).message))?.[1];
    return `exit status ${code ?? '0'}`;
  }
  return 'exit status 1';
}

/** The variables the context object reads, when the host has not set them already. */
function defaultEnvironment(init: EnvironmentInit): Record<string, string> {
  return {
    AWS_LAMBDA_FUNCTION_NAME: init.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: init.functionVersion,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(init.memorySizeMb),
    AWS_LAMBDA_LOG_GROUP_NAME: init.logGroupName,
    AWS_LAMBDA_LOG_STREAM_NAME: init.logStreamName,
    _HANDLER: init.handler,
    LAMBDA_TASK_ROOT: TASK_ROOT,
    LAMBDA_RUNTIME_DIR: '/var/runtime',
    AWS_EXECUTION_ENV: `AWS_Lambda_${init.runtime}`,
  };
}

function isPythonRuntime(runtime: RuntimeId): boolean {
  return (PYTHON_RUNTIMES as readonly string[]).includes(runtime);
}

/** Options of one sandbox's boot: the stored snapshot, if the host has one. */
export interface PyodideBootOptions {
  /** A snapshot envelope (snapshot-envelope.ts) made by an earlier sandbox. */
  snapshot?: Uint8Array;
}

/**
 * Load Pyodide from `assets.pyodideIndexUrl` (the app's own copy; never a CDN) and return an
 * engine ready for `init`, its worker sealed.
 *
 * With a valid snapshot, Pyodide is restored from it (~0.5 s instead of ~4–5 s). Without one,
 * or when the snapshot is stale, corrupt or fails to restore, Pyodide loads the plain way,
 * imports the runtime and a new snapshot is made (`engine.boot.snapshot`), for the host to keep.
 * The snapshot is taken before the seal and before any function's code or variables exist.
 */
export const createPyodideEngine: SandboxEngineFactory = async (
  assets: EngineAssets,
  runtime: RuntimeId,
  options: PyodideBootOptions = {},
) => {
  if (!isPythonRuntime(runtime)) throw new Error(`The Pyodide engine does not run ${runtime}`);
  const indexURL = assets.pyodideIndexUrl;
  if (!indexURL) throw new Error('EngineAssets.pyodideIndexUrl is required to load Pyodide');
  // Captured before the seal removes them from the global scope.
  const jsModule = createJsModule(captureNetwork());
  // Before Pyodide creates its heap, so every growth is checked.
  const memory = installMemoryGuard();
  installUtcDate();

  let pyodide: PyodideInterface | undefined;
  const boot: SandboxBoot = { from: 'plain' };
  if (options.snapshot) {
    const opened = openSnapshot(options.snapshot);
    if (opened.ok) {
      try {
        pyodide = await loadPyodide({ indexURL, checkAPIVersion: true, jsglobals: jsModule.object, _loadSnapshot: opened.snapshot });
        boot.from = 'snapshot';
        writeRuntimeFiles(pyodide);
      } catch (error) {
        boot.snapshotRefused = `restore failed: ${error instanceof Error ? error.message : String(error)}`;
        memory.forget();
      }
    } else {
      boot.snapshotRefused = opened.reason;
    }
  }
  if (!pyodide) {
    pyodide = await loadPyodide({ indexURL, checkAPIVersion: true, jsglobals: jsModule.object, _makeSnapshot: true });
    prepareRuntime(pyodide);
    try {
      boot.snapshot = sealSnapshot(pyodide.makeMemorySnapshot());
    } catch (error) {
      // No snapshot this time; the next sandbox loads the plain way again.
      boot.snapshotRefused = `snapshot not made: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  memory.settle();
  const engine = new PyodideEngine(pyodide, memory, jsModule, boot, { removed: [], kept: [] });
  // Last: nothing of the app's global scope is needed after this point.
  const seal = sealWorkerScope();
  engine.seal.removed.push(...seal.removed);
  engine.seal.kept.push(...seal.kept);
  return engine;
};
