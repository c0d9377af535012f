/**
 * MemorySize for Pyodide: a cap on the WebAssembly heap, installed before Pyodide loads.
 *
 * Pyodide creates and exports its own `WebAssembly.Memory` (maximum 4 GB), so it cannot be
 * capped from outside. Every growth, however, goes through one JS function in Emscripten's
 * glue (`growMemory` → `wasmMemory.grow(pages)`, inside try/catch; pyodide.asm.mjs has no other
 * `.grow(` call). Wrapping `WebAssembly.Memory.prototype.grow` so that growth past the limit
 * throws makes that resize fail, `malloc` return NULL and CPython raise MemoryError, while the
 * heap stays below MemorySize: a real bound, not an after-the-fact measurement. Pyodide's own
 * base heap (~30 MB) counts toward the limit, as the runtime's memory does on Lambda.
 *
 * Emscripten's `_emscripten_resize_heap` (pyodide 314.0.7) tries three sizes for one request:
 * the request over-grown by 20%, 10% and 5% (never less than the request). A refused
 * over-growth followed by an accepted smaller attempt is not an out-of-memory; a request is
 * refused for good exactly when three attempts in a row are refused. That is what `exceeded`
 * records, and it latches: on Lambda the kernel kills the runtime even if the code would have
 * caught the MemoryError.
 */

const WASM_PAGE = 65536;
/** Attempts `_emscripten_resize_heap` makes per request (cutDown 1, 2, 4). */
const RESIZE_ATTEMPTS = 3;

export interface MemoryGuard {
  /** Cap the heap at `bytes` (MemorySize); growth beyond it is refused. */
  setLimit(bytes: number): void;
  /** Call once the engine has loaded: fixes which memory is the engine's heap. */
  settle(): void;
  /** Forget the memories seen so far (an engine that failed to load); call before loading again. */
  forget(): void;
  /** A resize request was refused for good since the environment started. */
  readonly exceeded: boolean;
  /**
   * Bytes the environment's wasm heap occupies now. The heap never shrinks, so this is also
   * the environment's peak: the figure Lambda reports as Max Memory Used.
   */
  usedBytes(): number;
}

interface GuardState {
  limit: number;
  consecutiveRefusals: number;
  exceeded: boolean;
  /** Memories seen until settle(); then Pyodide's is `memory`. */
  seen: Set<WebAssembly.Memory>;
  memory: WebAssembly.Memory | undefined;
  restoreBuffer: () => void;
}

const state: GuardState = {
  limit: Number.POSITIVE_INFINITY,
  consecutiveRefusals: 0,
  exceeded: false,
  seen: new Set(),
  memory: undefined,
  restoreBuffer: () => {},
};
let installed = false;

/**
 * Install the cap on this worker's `WebAssembly.Memory` (idempotent; one engine per worker).
 * Call before loading Pyodide.
 */
export function installMemoryGuard(): MemoryGuard {
  if (!installed) {
    installed = true;
    const proto = WebAssembly.Memory.prototype;
    const grow = proto.grow;
    proto.grow = function guardedGrow(this: WebAssembly.Memory, delta: number): number {
      state.seen.add(this);
      const target = this.buffer.byteLength + delta * WASM_PAGE;
      if (target > state.limit) {
        state.consecutiveRefusals += 1;
        if (state.consecutiveRefusals >= RESIZE_ATTEMPTS) state.exceeded = true;
        throw new RangeError(`WebAssembly.Memory.grow(): heap would exceed MemorySize (${state.limit} bytes)`);
      }
      state.consecutiveRefusals = 0;
      return grow.call(this, delta);
    };
    // Pyodide does not grow its heap while loading, so find its memory through the `buffer`
    // reads of Emscripten's updateMemoryViews until settle() picks the largest one (other
    // wasm in the thread, e.g. a loader's, may be read too), then put the getter back.
    const descriptor = Object.getOwnPropertyDescriptor(proto, 'buffer');
    const getBuffer = descriptor?.get;
    if (descriptor && getBuffer) {
      Object.defineProperty(proto, 'buffer', {
        ...descriptor,
        get(this: WebAssembly.Memory) {
          state.seen.add(this);
          return getBuffer.call(this) as ArrayBuffer;
        },
      });
      state.restoreBuffer = () => Object.defineProperty(proto, 'buffer', descriptor);
    }
  }
  return {
    setLimit(bytes: number) {
      state.limit = bytes;
    },
    get exceeded() {
      return state.exceeded;
    },
    forget() {
      state.seen.clear();
    },
    settle() {
      state.restoreBuffer();
      for (const memory of state.seen) {
        if (!state.memory || memory.buffer.byteLength > state.memory.buffer.byteLength) state.memory = memory;
      }
      state.seen.clear();
    },
    usedBytes() {
      return state.memory?.buffer.byteLength ?? 0;
    },
  };
}
