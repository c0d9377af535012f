/**
 * QuickJS's WebAssembly: compiled once per worker, instantiated once per execution
 * environment with its own capped memory.
 *
 * Why a capped `WebAssembly.Memory` rather than `runtime.setMemoryLimit`: in these builds
 * the limit does not bound total bytes (see ENGINE-NOTES.md, "Memory"). A memory whose
 * `maximum` is MemorySize makes every allocation past it fail inside QuickJS's allocator
 * (a clean `InternalError: out of memory`), whatever the guest does.
 */
// The core plus the one variant we run: importing the umbrella 'quickjs-emscripten' package
// would make Vite emit all four variants' wasm (3.7 MB never fetched).
import RELEASE_SYNC from '@jitl/quickjs-wasmfile-release-sync';
import {
  newQuickJSWASMModuleFromVariant,
  newVariant,
  type EmscriptenModuleLoaderOptions,
  type QuickJSWASMModule,
} from 'quickjs-emscripten-core';
import { exportFunctionTable, functionTableOf } from './wasm-function-table';

const PAGE_BYTES = 64 * 1024;
/** wasm32's limit: 65536 pages (4 GiB). Emscripten's heap itself stops at 2 GiB. */
const MAX_PAGES = 65536;
/** The release build's INITIAL_MEMORY (16 MiB): the smallest memory it can be given. */
const INITIAL_PAGES = 256;
/**
 * Emscripten's emscripten_resize_heap tries `memory.grow` three times per allocation
 * (over-growing by 20%, 10%, then 5%); when all three fail, malloc returns NULL.
 */
const GROW_ATTEMPTS_PER_RESIZE = 3;

/** MemorySize as whole 64 KiB pages, between the build's initial 16 MiB and wasm32's 4 GiB. */
export function cappedMemoryPages(memorySizeMb: number): number {
  return Math.min(MAX_PAGES, Math.max(INITIAL_PAGES, Math.ceil((memorySizeMb * 1024 * 1024) / PAGE_BYTES)));
}

export function cappedMemoryBytes(memorySizeMb: number): number {
  return cappedMemoryPages(memorySizeMb) * PAGE_BYTES;
}

const compiled = new Map<string, Promise<WebAssembly.Module>>();

/**
 * Compiles QuickJS's wasm once per worker (and per location). In a browser the location is
 * a URL (`<base>quickjs/emscripten-module.wasm`); in Node it is a file path or file: URL.
 */
export function compileQuickjsWasm(location: string): Promise<WebAssembly.Module> {
  let module = compiled.get(location);
  if (!module) {
    module = loadAndCompile(location);
    module.catch(() => compiled.delete(location));
    compiled.set(location, module);
  }
  return module;
}

async function loadAndCompile(location: string): Promise<WebAssembly.Module> {
  return compileWithTableExport(await loadBytes(location));
}

/**
 * Compiles the wasm with its function table exported (rejection-tracker.ts explains why), or
 * as it is when the rewrite does not apply or does not compile: then everything works except
 * that unhandled promise rejections go unreported. Compiling from bytes rather than streaming
 * costs the browser the overlap of download and compilation (once per worker, a few ms).
 */
async function compileWithTableExport(bytes: Uint8Array<ArrayBuffer>): Promise<WebAssembly.Module> {
  const patched = exportFunctionTable(bytes);
  if (patched) {
    try {
      return await WebAssembly.compile(patched);
    } catch {
      // Fall through to the original bytes.
    }
  }
  return WebAssembly.compile(bytes);
}

async function loadBytes(location: string): Promise<Uint8Array<ArrayBuffer>> {
  const nodeFs = nodeFileSystem();
  if (nodeFs && !/^(https?|blob|data):/.test(location)) {
    const path = location.startsWith('file:') ? new URL(location) : location;
    return nodeFs.readFileSync(path) as Uint8Array<ArrayBuffer>;
  }
  const response = await fetch(location, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`Cannot load QuickJS from ${location}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Node's fs without importing it, so browser bundles never see a `node:` import. */
function nodeFileSystem(): { readFileSync(path: string | URL): Uint8Array } | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return proc?.getBuiltinModule?.('node:fs') as { readFileSync(path: string | URL): Uint8Array } | undefined;
}

/**
 * A `WebAssembly.Memory` capped at MemorySize that also records when an allocation could
 * not be satisfied, so the runtime reports Runtime.OutOfMemory even when guest code
 * catches the `out of memory` error (Lambda kills the process; nothing can catch that).
 */
export class CappedMemory {
  readonly memory: WebAssembly.Memory;
  readonly maximumBytes: number;
  private failedGrowStreak = 0;
  private exhausted = false;

  constructor(memorySizeMb: number) {
    const pages = cappedMemoryPages(memorySizeMb);
    this.maximumBytes = pages * PAGE_BYTES;
    this.memory = new WebAssembly.Memory({ initial: INITIAL_PAGES, maximum: pages });
    const grow = this.memory.grow.bind(this.memory);
    // Emscripten grows the heap by calling `grow` on the memory object it was given.
    Object.defineProperty(this.memory, 'grow', {
      value: (delta: number): number => {
        try {
          const previous = grow(delta);
          this.failedGrowStreak = 0;
          return previous;
        } catch (error) {
          this.failedGrowStreak += 1;
          if (this.failedGrowStreak >= GROW_ATTEMPTS_PER_RESIZE) this.exhausted = true;
          throw error;
        }
      },
    });
  }

  /** An allocation failed because the memory could not grow past MemorySize. */
  get outOfMemory(): boolean {
    return this.exhausted;
  }

  /**
   * Peak memory of the environment. Linear memory never shrinks, so its size is the
   * high-water mark of everything QuickJS allocated (heap, strings, array buffers), the
   * same quantity MemorySize caps; it starts at the build's 16 MiB.
   */
  get peakBytes(): number {
    return this.memory.buffer.byteLength;
  }
}

/** A QuickJS module instance and, when the wasm was compiled with it exported, its function table. */
export interface QuickjsInstance {
  module: QuickJSWASMModule;
  table: WebAssembly.Table | undefined;
}

/**
 * A QuickJS module of its own, on the given memory, from the worker's compiled wasm. It is
 * instantiated through Emscripten's `instantiateWasm` hook (not the variant's `wasmModule`
 * option, which installs its own hook) so the instance, and with it the exported function
 * table, stays reachable. The memory is still the capped one: Emscripten passes it in `imports`.
 */
export async function instantiateQuickjs(wasmModule: WebAssembly.Module, memory: CappedMemory): Promise<QuickjsInstance> {
  const silence = (): void => undefined;
  let instance: WebAssembly.Instance | undefined;
  let failed: (error: unknown) => void = () => undefined;
  const instantiationFailed = new Promise<never>((_, reject) => (failed = reject));
  // print/printErr silence the "Aborted(...)" Emscripten prints when a discarded environment's
  // module aborts on dispose; they are Emscripten Module options the package's type does not list.
  const emscriptenModule: EmscriptenModuleLoaderOptions & { print: () => void; printErr: () => void } = {
    print: silence,
    printErr: silence,
    instantiateWasm(imports, onSuccess) {
      // Emscripten waits for onSuccess; a failure must end the wait rather than hang it.
      return WebAssembly.instantiate(wasmModule, imports).then(
        (made) => {
          instance = made;
          onSuccess(made);
          return made.exports;
        },
        (error: unknown) => {
          failed(error);
          return {};
        },
      );
    },
  };
  const module = await Promise.race([
    newQuickJSWASMModuleFromVariant(newVariant(RELEASE_SYNC, { wasmMemory: memory.memory, emscriptenModule })),
    instantiationFailed,
  ]);
  return { module, table: instance ? functionTableOf(instance) : undefined };
}
