/**
 * One QuickJS instance holding one execution environment: its own wasm instance and
 * capped memory, a runtime and a context with the guest shim loaded. It exposes only the
 * shim's entry points (strings and numbers in, strings and numbers out) and the event loop
 * that drives promises and timers until something settles, the deadline passes, or memory
 * runs out.
 *
 * Handles: every handle made here is disposed here; the shim's entry points are held for
 * the VM's life and released before the context, the context before the runtime (the other
 * order aborts the wasm module). A VM that timed out or ran out of memory is discarded whole.
 */
import type {
  QuickJSContext,
  QuickJSHandle,
  QuickJSRuntime,
  QuickJSWASMModule,
} from 'quickjs-emscripten-core';
import { BOOTSTRAP_JS, GUEST_API, RUNTIME_FILENAME, type GuestApiName } from './guest/bootstrap';
import { isPartName, partFunctionSource } from './guest/parts';
import { EsmLoader } from './esm-loader';
import { fsHostCall } from './fs-host-call';
import { MemoryFileSystem } from './memory-fs';
import { HostFetch, type NetworkAccess } from './host-fetch';
import { PackageFiles, PathKind } from './package-files';
import { RejectionTracker, probeRejectionTracking } from './rejection-tracker';
import { CappedMemory, instantiateQuickjs } from './wasm';

/** Why guest code stopped without an answer. */
/** `exit`: the handler called process.exit (see `exitStatus`). */
export type Stop = 'timeout' | 'out-of-memory' | 'exit';

/** Thrown by a guest call that was interrupted (deadline) or starved of memory. */
export class GuestStopped extends Error {
  constructor(readonly stop: Stop) {
    super(stop);
    this.name = 'GuestStopped';
  }
}

/** How an event-loop run ended. */
export type LoopEnd = 'settled' | 'idle' | Stop;

type GuestValue = string | number | undefined;
/** An argument to a shim entry point; `undefined` arrives as the guest's undefined; a handle stays the caller's. */
type GuestArg = string | number | undefined | QuickJSHandle;

export class GuestVm {
  /** Receives each console record: level (TRACE…FATAL, or RAW for stdout) and message. */
  onLog: (level: string, message: string) => void = () => undefined;
  private files = new PackageFiles({});
  private fileSystem = new MemoryFileSystem(this.files, 0);
  private readonly fetcher = new HostFetch();
  private deadline = Number.POSITIVE_INFINITY;
  private interrupted = false;
  private readonly api = new Map<GuestApiName, QuickJSHandle>();
  private disposed = false;
  private guestRuns = 0;
  private esmRequires = 0;
  private exited: number | undefined;
  /** Unhandled promise rejections (rejection-tracker.ts); undefined where the build does not allow it. */
  private readonly rejections: RejectionTracker | undefined;

  private constructor(
    readonly memory: CappedMemory,
    /** Kept with the VM: the wasm instance lives as long as its runtime. */
    readonly module: QuickJSWASMModule,
    private readonly runtime: QuickJSRuntime,
    private readonly context: QuickJSContext,
    table: WebAssembly.Table | undefined,
  ) {
    const interruptHandler = (): boolean => {
      // Out of memory, or process.exit, ends the environment at once, even mid-loop in code that catches errors.
      if (this.memory.outOfMemory || this.exited !== undefined) return true;
      if (Date.now() < this.deadline) return false;
      this.interrupted = true;
      return true;
    };
    // The tracker finds its field by what setting the interrupt handler changes, so it sets it.
    this.rejections = RejectionTracker.attach({
      module,
      table,
      memory: memory.memory,
      runtime,
      context,
      enableInterruptHandler: () => runtime.setInterruptHandler(interruptHandler),
    });
    const loader = new EsmLoader((path) => this.files.readText(path), () => ({
      resolve: (specifier, parentPath) => String(this.call('esmResolve', specifier, parentPath)),
      makeError: (code, message) => this.callForHandle('makeNodeError', code, message),
      isEsm: (path) => this.call('isEsmFile', path) === 1,
      builtinExportNames: (name) => this.callString('builtinExportNames', name),
    }));
    runtime.setModuleLoader(loader.load, loader.normalize);
    this.bootstrap();
  }

  /** Instantiates QuickJS on a memory capped at `memorySizeMb` and loads the shim. */
  static async create(wasm: WebAssembly.Module, memorySizeMb: number): Promise<GuestVm> {
    let memory = new CappedMemory(memorySizeMb);
    let { module, table } = await instantiateQuickjs(wasm, memory);
    // Once per worker: does the rejection tracker work on this build? A probe that trapped
    // may have left the instance unusable, so the environment gets a fresh one.
    if (probeRejectionTracking(wasm, module, table, memory.memory) === 'broken') {
      memory = new CappedMemory(memorySizeMb);
      ({ module, table } = await instantiateQuickjs(wasm, memory));
      probeRejectionTracking(wasm, module, table, memory.memory);
    }
    const runtime = module.newRuntime();
    const context = runtime.newContext();
    return new GuestVm(memory, module, runtime, context, table);
  }

  /** Whether unhandled promise rejections are detected in this environment. */
  get tracksRejections(): boolean {
    return this.rejections !== undefined;
  }

  /** The status the handler passed to process.exit, once it did. */
  get exitStatus(): number | undefined {
    return this.exited;
  }

  get memorySizeBytes(): number {
    return this.memory.maximumBytes;
  }

  /**
   * Counts the times guest code may have run (a shim call, or a drain of the job queue that
   * ran something). Nothing the guest holds can change while it stays the same, so callers
   * may keep what they last read from the guest instead of asking again.
   */
  get runs(): number {
    return this.guestRuns;
  }

  /** The function's files (package and layers) the guest's require/import read from, and /tmp's size. */
  setFiles(files: PackageFiles, tmpCapacityBytes: number): void {
    this.files = files;
    this.fileSystem = new MemoryFileSystem(files, tmpCapacityBytes);
  }

  /** What the guest's `fetch` may reach: nothing unless the function allows network access. */
  setNetwork(network: NetworkAccess | undefined): void {
    this.fetcher.network = network;
  }

  /** Guest code running past this epoch-ms time is interrupted (uncatchably). */
  setDeadline(epochMs: number): void {
    this.deadline = epochMs;
  }

  /** Calls a shim entry point with string/number arguments; returns its string/number result. */
  call(name: GuestApiName, ...args: GuestArg[]): GuestValue {
    const handle = this.callForHandle(name, ...args);
    try {
      const type = this.context.typeof(handle);
      if (type === 'string') return this.context.getString(handle);
      if (type === 'number') return this.context.getNumber(handle);
      if (type === 'boolean') return this.context.dump(handle) === true ? 1 : 0;
      return undefined;
    } finally {
      handle.dispose();
    }
  }

  /**
   * Calls a shim entry point that always returns a string. Cheaper than `call` on the
   * per-invoke path: no `typeof` round trip (a C string allocated and freed in the guest).
   */
  callString(name: GuestApiName, ...args: GuestArg[]): string {
    const handle = this.callForHandle(name, ...args);
    try {
      return this.context.getString(handle);
    } finally {
      handle.dispose();
    }
  }

  /**
   * Runs pending jobs and due timers until `settled()` holds, the loop has nothing left
   * (after `onEmpty`, Node's "beforeExit", had its chance), the deadline passes, or memory
   * runs out. Waits on the host's clock between timers.
   */
  async runLoop(settled: () => boolean, onEmpty?: () => void): Promise<LoopEnd> {
    let emptied = false;
    for (;;) {
      const jobs = this.runtime.executePendingJobs();
      if (jobs.error) {
        jobs.error.dispose();
        this.guestRuns += 1;
      } else if (jobs.value > 0) {
        this.guestRuns += 1;
      }
      let stop = this.stopReason();
      if (stop) return stop;
      // Node's processPromiseRejections, after the microtasks drained: what is still unhandled
      // goes to the runtime's 'unhandledRejection' listener. Nothing to do in the usual case.
      // RIC's listener answers 1 once the runtime has exited: the rest are never seen.
      if (this.rejections?.pending) {
        this.rejections.report((reason, promise) => this.stopReason() !== undefined || this.call('unhandledRejection', reason, promise) === 1);
        stop = this.stopReason();
        if (stop) return stop;
      }
      if (settled()) return 'settled';
      const delay = Number(this.call('nextTimerDelay'));
      const hostWork = this.fetcher.inFlight;
      if (delay < 0 && !hostWork) {
        if (onEmpty && !emptied) {
          emptied = true;
          onEmpty();
          continue;
        }
        return 'idle';
      }
      const remaining = this.deadline - Date.now();
      if (remaining <= 0) return 'timeout';
      if (hostWork) {
        // A fetch in flight keeps the loop alive, as an open socket does in Node; wake for
        // whichever comes first: its answer, the next timer, or the deadline.
        const wait = delay < 0 ? remaining : Math.min(delay, remaining);
        if (wait > 0) await this.fetcher.settledWithin(wait);
        if (Date.now() >= this.deadline) return 'timeout';
        if (delay >= 0) this.call('runNextTimer');
        emptied = false;
        continue;
      }
      if (delay > 0) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(delay, remaining)));
        if (delay >= remaining) return 'timeout';
      }
      this.call('runNextTimer');
      emptied = false;
    }
  }

  /** Releases the shim's handles, then the context, then the runtime. Idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    try {
      this.fetcher.abandon();
      this.rejections?.dispose();
      for (const handle of this.api.values()) handle.dispose();
      this.api.clear();
      this.context.dispose();
      this.runtime.dispose();
    } catch {
      // A module that aborted (an interrupted or starved environment) is garbage either way.
    }
  }

  private callForHandle(name: GuestApiName, ...args: GuestArg[]): QuickJSHandle {
    const fn = this.api.get(name);
    if (!fn) throw new Error(`QuickJS shim has no entry point ${name}`);
    this.guestRuns += 1;
    const { context } = this;
    // context.undefined is a static handle: never disposed (disposing it is a no-op anyway).
    const argHandles = args.map((a) =>
      typeof a === 'string' ? context.newString(a) : typeof a === 'number' ? context.newNumber(a) : (a ?? context.undefined),
    );
    try {
      const result = context.callFunction(fn, context.undefined, argHandles);
      if (result.error) throw this.failure(result.error);
      return result.value;
    } finally {
      for (let i = 0; i < args.length; i++) {
        const a = args[i];
        if (typeof a === 'string' || typeof a === 'number') argHandles[i]!.dispose();
      }
    }
  }

  private stopReason(): Stop | undefined {
    if (this.memory.outOfMemory) return 'out-of-memory';
    if (this.exited !== undefined) return 'exit';
    if (this.interrupted) return 'timeout';
    return undefined;
  }

  /** Turns (and disposes) an exception that escaped the shim into a host error. */
  private failure(error: QuickJSHandle): Error {
    const stop = this.stopReason();
    let detail: unknown;
    try {
      detail = this.context.dump(error);
    } finally {
      error.dispose();
    }
    if (stop) return new GuestStopped(stop);
    const text = typeof detail === 'object' && detail !== null ? JSON.stringify(detail) : String(detail);
    if (/out of memory/.test(text)) return new GuestStopped('out-of-memory');
    return new Error(`QuickJS runtime shim failed: ${text}`);
  }

  private bootstrap(): void {
    const { context } = this;
    const host = context.newObject();
    const define = (name: string, fn: (...args: QuickJSHandle[]) => QuickJSHandle | { error: QuickJSHandle } | void): void => {
      const handle = context.newFunction(name, fn);
      context.setProp(host, name, handle);
      handle.dispose();
    };
    define('log', (level, message) => {
      // A stopped environment is frozen in Lambda: what the shim would still log (the
      // interrupt surfacing as a rejection, say) never reaches the log.
      if (this.stopReason()) return;
      this.onLog(context.getString(level), context.getString(message));
    });
    define('stat', (path) => context.newNumber(this.files.stat(context.getString(path))));
    define('readText', (path) => {
      const text = this.files.readText(context.getString(path));
      return text === undefined ? context.undefined : context.newString(text);
    });
    define('compile', (pathHandle) => this.compileCommonJs(context.getString(pathHandle)));
    define('compilePart', (nameHandle) => {
      const name = context.getString(nameHandle);
      if (!isPartName(name)) return { error: context.newString(`no such part: ${name}`) };
      const result = context.evalCode(partFunctionSource(name), RUNTIME_FILENAME);
      return result.error ? { error: result.error } : result.value;
    });
    define('exit', (status) => {
      this.exited = context.getNumber(status);
    });
    define('memoryUsed', () => context.newNumber(this.memory.peakBytes));
    define('requireEsm', (path) => this.requireEsm(context.getString(path)));
    define('fs', (op, a, b, c) => fsHostCall(context, this.fileSystem, context.getString(op), a, b, c));
    define('random', (count) => {
      // WebCrypto fills at most 65,536 bytes a call; the guest asks in chunks no larger.
      const bytes = new Uint8Array(Math.max(0, Math.min(65536, context.getNumber(count) | 0)));
      crypto.getRandomValues(bytes);
      return context.newArrayBuffer(bytes.buffer);
    });
    define('fetch', (request, body) => {
      const bodyBytes = context.typeof(body) === 'undefined' ? undefined : context.getArrayBuffer(body);
      try {
        return this.fetcher.start(context, context.getString(request), bodyBytes?.value.slice());
      } finally {
        bodyBytes?.dispose();
      }
    });
    try {
      const factory = context.evalCode(BOOTSTRAP_JS, RUNTIME_FILENAME);
      if (factory.error) throw this.failure(factory.error);
      const made = context.callFunction(factory.value, context.undefined, host);
      factory.value.dispose();
      if (made.error) throw this.failure(made.error);
      for (const name of GUEST_API) this.api.set(name, context.getProp(made.value, name));
      made.value.dispose();
    } finally {
      host.dispose();
    }
  }

  /**
   * `require()` of an ES module, as Node 22.12+ allows for modules without top-level await
   * (https://nodejs.org/api/modules.html#loading-ecmascript-modules-using-require): QuickJS
   * evaluates such a module synchronously, so a one-line module importing it is already
   * settled when evalCode returns. Answers the namespace, or throws `async` for a module
   * that awaits at top level (the guest turns that into ERR_REQUIRE_ASYNC_MODULE).
   */
  private requireEsm(path: string): QuickJSHandle | { error: QuickJSHandle } {
    const { context } = this;
    this.esmRequires += 1;
    const source = `import * as ns from ${JSON.stringify(`file://${path}`)};\nexport { ns };`;
    const mark = this.rejections?.mark() ?? 0;
    const result = context.evalCode(source, `file:///var/runtime/require-esm-${this.esmRequires}.mjs`, { type: 'module' });
    // evalCode throws the module evaluation promise's rejection (and drops that promise): the
    // require() rethrows it, so that rejection is the host's, not one the guest left unhandled.
    if (result.error) {
      this.rejections?.consumed(result.error, mark);
      return { error: result.error };
    }
    // A module that settled synchronously may come back as its namespace, not a promise.
    const state = context.getPromiseState(result.value);
    try {
      if (state.type === 'rejected') {
        this.rejections?.consumed(state.error, mark);
        return { error: state.error };
      }
      if (state.type === 'pending') {
        this.rejections?.ignore(result.value);
        return { error: context.newString('async') };
      }
      const ns = context.getProp(state.value, 'ns');
      if (state.value !== result.value) state.value.dispose();
      return ns;
    } finally {
      result.value.dispose();
    }
  }


  /**
   * Compiles a CommonJS file as Node does, inside its wrapper function, with the wrapper's
   * first line joined to the file's first line so line numbers in traces are the file's.
   */
  private compileCommonJs(path: string): QuickJSHandle | { error: QuickJSHandle } {
    const source = this.files.stat(path) === PathKind.File ? (this.files.readText(path) ?? '') : '';
    const body = source.startsWith('#!') ? `//${source.slice(2)}` : source;
    const wrapped = `(function (exports, require, module, __filename, __dirname) { ${body}\n})`;
    const result = this.context.evalCode(wrapped, path);
    if (result.error) return { error: result.error };
    return result.value;
  }
}
