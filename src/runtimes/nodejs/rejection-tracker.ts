/**
 * Unhandled promise rejections, detected inside QuickJS the way Node detects them for
 * Lambda's runtime client (`process.on('unhandledRejection')` in RIC 3.x's index.mjs).
 *
 * Why this module is unusual: QuickJS calls a host hook, `JS_SetHostPromiseRejectionTracker`,
 * whenever a promise is rejected with no handler (`is_handled` 0) and when a handler is later
 * attached to such a promise (`is_handled` 1), but quickjs-emscripten does not export that
 * function, and the emscripten build exports neither its function table nor `addFunction`.
 * So, as a deliberate and checked reach into internals:
 * 1. `exportFunctionTable` (wasm-function-table.ts) rewrites the wasm's export section to
 *    also export table 0 (`compileQuickjsWasm` does this once per worker, in Node and in the
 *    browser alike);
 * 2. `instantiateQuickjs` instantiates it through Emscripten's `instantiateWasm` hook, on the
 *    environment's own capped memory, keeping the instance to reach that table;
 * 3. a 35-byte wasm module (wasm-function-table.ts) re-exports a JavaScript callback with the C
 *    signature `void (JSContext *, JSValue promise, JSValue reason, int is_handled, void *)`
 *    (a JSValue is a NaN-boxed 64-bit value in this wasm32 build: `i64`); it goes into a new
 *    table slot;
 * 4. that slot's index is written into the runtime's `host_promise_rejection_tracker` field.
 *
 * The field has no symbol, so it is found and checked at run time against `struct JSRuntime`
 * of the QuickJS release quickjs-emscripten 0.32.0 vendors (`... interrupt_handler;
 * interrupt_opaque; host_promise_rejection_tracker; host_promise_rejection_tracker_opaque;
 * struct list_head job_list; ...`): setting the interrupt handler must change exactly one word
 * (so that word is `interrupt_handler`, holding a valid table index), the two words 8 bytes on
 * must be zero (no tracker yet), and the `job_list` 16 bytes on must be an empty list pointing
 * at itself. Once per compiled module a probe runtime then checks the whole path end to end
 * (`Promise.reject(0).catch(...)` must report "unhandled" then "handled" for one promise).
 * Any check failing turns the feature off, quietly: everything else works as before and
 * unhandled rejections simply go unreported, as they did before this module existed.
 *
 * PINNED to quickjs-emscripten 0.32.0's release-sync build (@jitl/quickjs-wasmfile-release-sync
 * 0.32.0). rejection-tracker.test.ts fails if the installed build no longer passes these checks,
 * so a version bump is noticed rather than silently losing the feature.
 */
import {
  Lifetime,
  type EitherFFI,
  type JSContextPointer,
  type JSValuePointer,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSRuntime,
  type QuickJSWASMModule,
} from 'quickjs-emscripten-core';
import { addToTable } from './wasm-function-table';

/** Bytes scanned from the start of `struct JSRuntime` (the fields used lie within its first 200). */
const SCAN_BYTES = 512;
/** `host_promise_rejection_tracker` follows `interrupt_handler` and `interrupt_opaque` (wasm32 pointers). */
const TRACKER_AFTER_INTERRUPT = 8;
/** `struct list_head job_list` follows the tracker and its opaque pointer. */
const JOB_LIST_AFTER_INTERRUPT = 16;

/**
 * The address of a runtime's struct JSRuntime. quickjs-emscripten keeps it in the protected
 * `rt` lifetime (0.32.0: `protected rt: Lifetime<JSRuntimePointer>`); read it structurally.
 */
function runtimePointer(runtime: QuickJSRuntime): number | undefined {
  const rt = (runtime as unknown as { rt?: { value?: unknown } }).rt;
  const value = rt?.value;
  return typeof value === 'number' && value > 0 && value % 4 === 0 ? value : undefined;
}

/**
 * Calls `enableInterruptHandler` (which must set the runtime's interrupt handler for the first
 * time) and locates `host_promise_rejection_tracker` by what that call changed. Answers the
 * field's address, or undefined when the layout is not the one described at the top of this
 * file. Reads memory only: nothing is written.
 */
export function locateTrackerField(
  memory: WebAssembly.Memory,
  runtime: QuickJSRuntime,
  tableLength: number,
  enableInterruptHandler: () => void,
): number | undefined {
  const rt = runtimePointer(runtime);
  if (rt === undefined || rt + SCAN_BYTES > memory.buffer.byteLength) {
    enableInterruptHandler();
    return undefined;
  }
  const before = new Uint32Array(memory.buffer, rt, SCAN_BYTES / 4).slice();
  enableInterruptHandler();
  const after = new Uint32Array(memory.buffer, rt, SCAN_BYTES / 4);
  const changed: number[] = [];
  for (let i = 0; i < after.length; i++) if (after[i] !== before[i]) changed.push(i);
  if (changed.length !== 1) return undefined;
  const interruptWord = changed[0]!;
  const handlerIndex = after[interruptWord]!;
  const trackerWord = interruptWord + TRACKER_AFTER_INTERRUPT / 4;
  const jobListWord = interruptWord + JOB_LIST_AFTER_INTERRUPT / 4;
  if (jobListWord + 1 >= after.length) return undefined;
  const jobList = rt + jobListWord * 4;
  const valid =
    handlerIndex > 0 &&
    handlerIndex < tableLength &&
    after[interruptWord + 1] === 0 && // interrupt_opaque: quickjs-emscripten passes NULL
    after[trackerWord] === 0 && // host_promise_rejection_tracker: none yet
    after[trackerWord + 1] === 0 && // its opaque
    after[jobListWord] === jobList && // job_list.next → itself (empty list)
    after[jobListWord + 1] === jobList; // job_list.prev → itself
  return valid ? rt + trackerWord * 4 : undefined;
}

/** A rejection still unhandled after the job queue drained: both handles belong to the caller. */
export interface UnhandledRejection {
  promise: QuickJSHandle;
  reason: QuickJSHandle;
}

interface Entry {
  key: number;
  /** Our own reference to the promise (QTS_DupValuePointer): it pins the promise, and with it the reason. */
  promise: JSValuePointer;
  ctx: JSContextPointer;
  /** The reason's JSValue bits, to recognise a rejection the host itself consumed. */
  reasonBits: bigint;
  seq: number;
}

/** The low 32 bits of an object JSValue: its address, the same for every reference to it. */
function objectKey(bits: bigint): number {
  return Number(BigInt.asUintN(32, bits));
}

/**
 * One runtime's tracker: keeps each promise rejected without a handler, with a reference of
 * its own so the promise (and so its reason) cannot be freed and its address reused while
 * tracked, until a handler is attached (QuickJS calls again with is_handled 1) or the host
 * takes it as unhandled. Nothing runs and nothing is allocated while no promise is rejected;
 * a rejection that is handled costs one reference taken and released.
 */
export class RejectionTracker {
  private readonly entries = new Map<number, Entry>();
  /** Entries handled since the last drain, released after it (never inside QuickJS's call). */
  private released: Entry[] = [];
  /** Promises whose rejection the host consumes itself (`ignore`), held so their keys stay theirs. */
  private readonly ignored = new Map<number, QuickJSHandle>();
  private seq = 0;
  /** The latest tracker call, if it reported a rejection: see onRejection. */
  private lastRejected: Entry | undefined;
  private view: DataView;
  private disposed = false;

  private constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly context: QuickJSContext,
    private readonly ffi: EitherFFI,
    /** A number handle whose 8-byte slot lends itself to QTS_DupValuePointer for a borrowed JSValue. */
    private readonly scratch: QuickJSHandle,
    private readonly field: number,
  ) {
    this.view = new DataView(memory.buffer);
  }

  /**
   * Sets the runtime's interrupt handler through `enableInterruptHandler` (always, exactly
   * once) and, when `table` exists and the layout checks pass, installs a tracker on the
   * runtime. Answers undefined when the feature is off.
   */
  static attach(options: {
    module: QuickJSWASMModule;
    table: WebAssembly.Table | undefined;
    memory: WebAssembly.Memory;
    runtime: QuickJSRuntime;
    context: QuickJSContext;
    enableInterruptHandler: () => void;
  }): RejectionTracker | undefined {
    const { module, table, memory, runtime, context, enableInterruptHandler } = options;
    if (!table || verdicts.get(module) === false) {
      enableInterruptHandler();
      return undefined;
    }
    const field = locateTrackerField(memory, runtime, table.length, enableInterruptHandler);
    if (field === undefined) return undefined;
    const tracker = new RejectionTracker(memory, context, module.getFFI(), context.newNumber(0), field);
    try {
      const index = addToTable(table, tracker.onRejection);
      new Uint32Array(memory.buffer, field, 1)[0] = index;
    } catch {
      tracker.dispose();
      return undefined;
    }
    return tracker;
  }

  /** Whether anything awaits `takeUnhandled` (or release): false costs the caller nothing more. */
  get pending(): boolean {
    return this.entries.size > 0 || this.released.length > 0;
  }

  /** A position in the order of rejections, for `consumed`. */
  mark(): number {
    return this.seq;
  }

  /**
   * The host took `error` as the outcome of something it ran since `since` (evalCode of a
   * module throws its evaluation promise's rejection and frees that promise): forget the
   * rejections with that reason, which no guest code could ever handle.
   */
  consumed(error: QuickJSHandle, since: number): void {
    if (this.entries.size === 0) return;
    const bits = this.bitsAt(error.value);
    for (const [key, entry] of this.entries) {
      if (entry.seq > since && entry.reasonBits === bits) this.forget(key);
    }
  }

  /** The host consumes this promise's settlement itself: a rejection of it is not the guest's. */
  ignore(promise: QuickJSHandle): void {
    const key = objectKey(this.bitsAt(promise.value));
    this.forget(key);
    if (!this.ignored.has(key)) this.ignored.set(key, promise.dup());
  }

  /**
   * Every rejection still unhandled, oldest first, handed over to the caller (which must
   * dispose both handles of each); also releases those handled since the last call.
   */
  takeUnhandled(): UnhandledRejection[] {
    this.release();
    const taken: UnhandledRejection[] = [];
    for (const entry of this.entries.values()) {
      taken.push({ promise: this.handle(entry.ctx, entry.promise), reason: this.handle(entry.ctx, this.ffi.QTS_PromiseResult(entry.ctx, entry.promise)) });
    }
    this.entries.clear();
    this.lastRejected = undefined;
    return taken;
  }

  /**
   * Hands each rejection still unhandled to `deliver`, oldest first, until it answers true
   * (the runtime exited: the rest are never seen); disposes every handle either way.
   */
  report(deliver: (reason: QuickJSHandle, promise: QuickJSHandle) => boolean): void {
    const taken = this.takeUnhandled();
    try {
      for (const { reason, promise } of taken) if (deliver(reason, promise)) break;
    } finally {
      for (const { reason, promise } of taken) {
        reason.dispose();
        promise.dispose();
      }
    }
  }

  /** Releases every reference it holds and unhooks itself from the runtime. Idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    try {
      new Uint32Array(this.memory.buffer, this.field, 1)[0] = 0;
    } catch {
      // Memory gone with an aborted module: nothing to unhook.
    }
    this.release();
    for (const entry of this.entries.values()) this.ffi.QTS_FreeValuePointer(entry.ctx, entry.promise);
    this.entries.clear();
    for (const handle of this.ignored.values()) if (handle.alive) handle.dispose();
    this.ignored.clear();
    if (this.scratch.alive) this.scratch.dispose();
  }

  /**
   * Called by QuickJS, synchronously, from inside the rejection or the `then`.
   *
   * One rejection is QuickJS's own: a module whose body throws runs as an async function
   * whose promise is rejected, read back and freed at once inside the C module evaluator
   * (js_execute_sync_module), before the same reason rejects the module's evaluation promise,
   * which `import()` handles (or evalCode consumes). So a rejection that comes straight after
   * another with the very same reason, no other tracker call between them, supersedes it.
   * User code only does the same by rejecting one reason object twice in a row.
   */
  private readonly onRejection = (ctx: number, promise: bigint, reason: bigint, isHandled: number): void => {
    if (this.disposed) return;
    const key = objectKey(promise);
    const last = this.lastRejected;
    this.lastRejected = undefined;
    if (isHandled !== 0) {
      this.forget(key);
      return;
    }
    if (this.ignored.has(key)) return;
    const reasonBits = BigInt.asUintN(64, reason);
    if (last && last.reasonBits === reasonBits && this.entries.get(last.key) === last) this.forget(last.key);
    this.forget(key);
    this.seq += 1;
    const context = ctx as JSContextPointer;
    const entry: Entry = { key, promise: this.dupBorrowed(context, promise), ctx: context, reasonBits, seq: this.seq };
    this.entries.set(key, entry);
    this.lastRejected = entry;
  };

  private forget(key: number): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.released.push(entry);
  }

  /** A reference of our own to a JSValue QuickJS only lends to the callback. */
  private dupBorrowed(ctx: JSContextPointer, bits: bigint): JSValuePointer {
    const view = this.dataView();
    const slot = this.scratch.value;
    const saved = view.getBigUint64(slot, true);
    view.setBigUint64(slot, bits, true);
    try {
      return this.ffi.QTS_DupValuePointer(ctx, slot);
    } finally {
      // The Dup may have grown memory (a malloc): write through a fresh view.
      this.dataView().setBigUint64(slot, saved, true);
    }
  }

  /** What ContextMemory.heapValueHandle builds: copied with Dup, released with Free, owned by the runtime. */
  private handle(ctx: JSContextPointer, pointer: JSValuePointer): QuickJSHandle {
    const { ffi } = this;
    return new Lifetime(
      pointer,
      (value: JSValuePointer) => ffi.QTS_DupValuePointer(ctx, value),
      (value: JSValuePointer) => ffi.QTS_FreeValuePointer(ctx, value),
      this.context.runtime,
    );
  }

  private dataView(): DataView {
    if (this.view.buffer !== this.memory.buffer) this.view = new DataView(this.memory.buffer);
    return this.view;
  }

  private bitsAt(pointer: number): bigint {
    return this.dataView().getBigUint64(pointer, true);
  }

  private release(): void {
    if (this.released.length === 0) return;
    const released = this.released;
    this.released = [];
    for (const entry of released) this.ffi.QTS_FreeValuePointer(entry.ctx, entry.promise);
  }
}

/** Per QuickJS module instance: false once its probe failed (the feature is then off there). */
const verdicts = new WeakMap<QuickJSWASMModule, boolean>();
/** Per compiled wasm: the probe's result, so each worker probes once. */
const compiledVerdicts = new WeakMap<WebAssembly.Module, ProbeResult>();

/** `ok`: works; `off`: a check failed, nothing was disturbed; `broken`: the probe trapped, discard the instance. */
export type ProbeResult = 'ok' | 'off' | 'broken';

/**
 * Checks, once per compiled module, that the tracker works end to end, on a throwaway runtime
 * of a fresh instance: the layout checks, then `Promise.reject(0).catch(...)` must report one
 * promise unhandled, then handled. The result is remembered for `wasm`; on `broken` (a trap,
 * say from a changed C signature) the caller must not keep using `module`.
 */
export function probeRejectionTracking(
  wasm: WebAssembly.Module,
  module: QuickJSWASMModule,
  table: WebAssembly.Table | undefined,
  memory: WebAssembly.Memory,
): ProbeResult {
  const known = compiledVerdicts.get(wasm);
  if (known !== undefined) {
    if (known !== 'ok') verdicts.set(module, false);
    return known;
  }
  const result = probe(module, table, memory);
  compiledVerdicts.set(wasm, result);
  if (result !== 'ok') verdicts.set(module, false);
  return result;
}

function probe(module: QuickJSWASMModule, table: WebAssembly.Table | undefined, memory: WebAssembly.Memory): ProbeResult {
  if (!table) return 'off';
  let runtime: QuickJSRuntime | undefined;
  let context: QuickJSContext | undefined;
  let field: number | undefined;
  try {
    runtime = module.newRuntime();
    const probeRuntime = runtime;
    field = locateTrackerField(memory, runtime, table.length, () => probeRuntime.setInterruptHandler(() => false));
    if (field === undefined) return 'off';
    const events: [number, number][] = [];
    const index = addToTable(table, (_ctx, promise, _reason, isHandled) => void events.push([objectKey(promise), isHandled]));
    new Uint32Array(memory.buffer, field, 1)[0] = index;
    context = runtime.newContext();
    const result = context.evalCode('Promise.reject(0).catch(function () {}); 1', 'probe.js');
    if (result.error) {
      result.error.dispose();
      return 'off';
    }
    result.value.dispose();
    const [first, second] = events;
    const works = events.length === 2 && first?.[1] === 0 && second?.[1] === 1 && first[0] === second[0];
    return works ? 'ok' : 'off';
  } catch {
    return 'broken';
  } finally {
    try {
      if (field !== undefined) new Uint32Array(memory.buffer, field, 1)[0] = 0;
      context?.dispose();
      runtime?.dispose();
    } catch {
      // An instance whose probe trapped is discarded by the caller.
    }
  }
}
