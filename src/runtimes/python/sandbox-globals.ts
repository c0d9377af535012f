/**
 * The seal of a Python sandbox worker. Pyodide is no security boundary by itself (pyodide
 * issues #959, #960, #4120): `import js`, `pyodide.ffi`, `pyodide_js` and `pyodide.code.run_js`
 * hand Python code JavaScript objects, and from any JS function `.constructor.constructor`
 * is `Function`, which evaluates code in the worker's global scope. So the seal has three
 * layers, all in place before any handler code runs (see docs/ARCHITECTURE.md, "Isolation"):
 *
 * 1. **The `js` module is not the global object.** Pyodide's `jsglobals` option gets a fresh
 *    object holding only harmless JavaScript built-ins (`createJsModule`), plus `fetch` and
 *    `XMLHttpRequest` stand-ins that fail naming the "Allow network access" setting, or the
 *    real ones when the function has it on.
 * 2. **No code from strings.** `eval` is removed and the `Function`, `AsyncFunction`,
 *    `GeneratorFunction` and `AsyncGeneratorFunction` constructors are replaced (on their
 *    prototypes' `constructor` and as the global `Function`) by one that throws, and string
 *    timers are refused. Without evaluated code nothing can reach `import()` (syntax that no
 *    deletion removes), the global object by name, or any closure of the app.
 * 3. **A scrubbed global object, deny by default.** Every property of the global object and
 *    of its worker-only prototypes that is not on `KEPT_GLOBALS` (ECMAScript built-ins and a
 *    few local web APIs Pyodide calls at run time) is deleted; members of shared prototypes
 *    (EventTarget's) are shadowed on the global object. So even an object graph path to the
 *    global object that we did not foresee reaches no network, storage or messaging API.
 *
 * What the sandbox itself needs afterwards (its channel to the host, `fetch` for a function
 * allowed the network) is captured in closures first (`captureNetwork`, the worker entry).
 */

/**
 * What stays on the global object: ECMAScript's globals, and web APIs that touch nothing
 * outside the worker (Emscripten calls `performance.now`, `crypto.getRandomValues`,
 * `TextDecoder` and the timers at run time; Pyodide's event loop and `pyfetch` use the timers,
 * `AbortController`/`AbortSignal` and `Request`).
 */
export const KEPT_GLOBALS: ReadonlySet<string> = new Set([
  // ECMAScript
  'globalThis', 'Infinity', 'NaN', 'undefined', 'isFinite', 'isNaN', 'parseFloat', 'parseInt',
  'decodeURI', 'decodeURIComponent', 'encodeURI', 'encodeURIComponent', 'escape', 'unescape',
  'AggregateError', 'Array', 'ArrayBuffer', 'AsyncDisposableStack', 'Atomics', 'BigInt', 'BigInt64Array',
  'BigUint64Array', 'Boolean', 'DataView', 'Date', 'DisposableStack', 'Error', 'EvalError',
  'FinalizationRegistry', 'Float16Array', 'Float32Array', 'Float64Array', 'Function', 'Int8Array',
  'Int16Array', 'Int32Array', 'Intl', 'Iterator', 'JSON', 'Map', 'Math', 'Number', 'Object', 'Promise',
  'Proxy', 'RangeError', 'ReferenceError', 'Reflect', 'RegExp', 'Set', 'SharedArrayBuffer', 'String',
  'SuppressedError', 'Symbol', 'SyntaxError', 'TypeError', 'Uint8Array', 'Uint8ClampedArray',
  'Uint16Array', 'Uint32Array', 'URIError', 'WeakMap', 'WeakRef', 'WeakSet', 'WebAssembly',
  // Local web APIs
  'console', 'performance', 'crypto', 'Crypto', 'SubtleCrypto', 'CryptoKey', 'TextEncoder', 'TextDecoder',
  'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'structuredClone',
  'atob', 'btoa', 'URL', 'URLSearchParams', 'AbortController', 'AbortSignal', 'DOMException', 'Event',
  'EventTarget', 'Headers', 'Request', 'Response', 'Blob', 'ReadableStream', 'WritableStream',
  'TransformStream', 'ReadableStreamDefaultReader', 'CompressionStream', 'DecompressionStream',
  'reportError', 'crossOriginIsolated', 'isSecureContext',
]);

/** What Python sees as the `js` module: harmless built-ins only (the network ones are added per function). */
const JS_MODULE_MEMBERS = [
  'Object', 'Array', 'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'Date', 'JSON', 'Math', 'Promise',
  'Symbol', 'Number', 'String', 'Boolean', 'BigInt', 'RegExp', 'Reflect', 'Error', 'TypeError', 'RangeError',
  'ArrayBuffer', 'DataView', 'Uint8Array', 'Uint8ClampedArray', 'Int8Array', 'Uint16Array', 'Int16Array',
  'Uint32Array', 'Int32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
  'console', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'structuredClone',
  'TextEncoder', 'TextDecoder', 'URL', 'URLSearchParams', 'AbortController', 'AbortSignal', 'Request',
  'Response', 'Headers', 'Blob', 'crypto', 'performance', 'atob', 'btoa', 'encodeURIComponent',
  'decodeURIComponent', 'encodeURI', 'decodeURI', 'parseInt', 'parseFloat', 'isNaN', 'isFinite', 'Intl',
  'NaN', 'Infinity',
] as const;

/** The message of every network call in a function without "Allow network access". */
export const NETWORK_OFF_MESSAGE =
  'Network access is off for this function. Turn on "Allow network access" in its configuration to use fetch, pyodide.http or urllib (Lambdalite).';

/** The error of code generation from strings, which the sandbox does not allow. */
export const CODE_GENERATION_MESSAGE = 'Code generation from strings is disabled in the Lambdalite sandbox';

/** The host's network APIs, captured before the seal so a function allowed the network can have them. */
export interface NetworkCapabilities {
  fetch?: typeof fetch;
  XMLHttpRequest?: typeof XMLHttpRequest;
}

export function captureNetwork(): NetworkCapabilities {
  const scope = globalThis as Partial<NetworkCapabilities>;
  const captured: NetworkCapabilities = {};
  if (typeof scope.fetch === 'function') captured.fetch = scope.fetch.bind(globalThis);
  if (typeof scope.XMLHttpRequest === 'function') captured.XMLHttpRequest = scope.XMLHttpRequest;
  return captured;
}

/** The `js` module (Pyodide's `jsglobals`) and the switch of its network members. */
export interface JsModule {
  readonly object: Record<string, unknown>;
  /** Give the module the real `fetch`/`XMLHttpRequest` (allowed) or stand-ins that throw. */
  setNetwork(allowed: boolean): void;
}

/** A function and a constructor that fail naming the setting, in place of the network APIs. */
function networkOff(): NetworkCapabilities {
  // Synchronous throws, so a sync handler sees the error at the call, not in a promise.
  const fetchOff = function networkAccessOff(): never {
    throw new TypeError(NETWORK_OFF_MESSAGE);
  };
  const xhrOff = function networkAccessOff(): never {
    throw new TypeError(NETWORK_OFF_MESSAGE);
  };
  // Named for the sandbox test's object walk; a minifier would rename the functions themselves.
  for (const stub of [fetchOff, xhrOff]) Object.defineProperty(stub, 'name', { value: 'networkAccessOff' });
  return { fetch: fetchOff as typeof fetch, XMLHttpRequest: xhrOff as unknown as typeof XMLHttpRequest };
}

/** `timer` refusing a string handler, which browsers evaluate as code. */
function functionOnlyTimer(timer: (handler: unknown, ...rest: unknown[]) => unknown): (handler: unknown, ...rest: unknown[]) => unknown {
  return function (handler: unknown, ...rest: unknown[]): unknown {
    if (typeof handler !== 'function') throw new EvalError(CODE_GENERATION_MESSAGE);
    return timer.call(globalThis, handler, ...rest);
  };
}

export function createJsModule(network: NetworkCapabilities): JsModule {
  const scope = globalThis as unknown as Record<string, unknown>;
  const object: Record<string, unknown> = {};
  for (const name of JS_MODULE_MEMBERS) {
    if (!(name in scope)) continue;
    const value = scope[name];
    object[name] =
      (name === 'setTimeout' || name === 'setInterval') && typeof value === 'function'
        ? functionOnlyTimer(value as (handler: unknown, ...rest: unknown[]) => unknown)
        : value;
  }
  const off = networkOff();
  const setNetwork = (allowed: boolean): void => {
    const source = allowed ? network : off;
    for (const name of ['fetch', 'XMLHttpRequest'] as const) {
      if (source[name]) object[name] = source[name];
      else delete object[name];
    }
  };
  setNetwork(false);
  return { object, setNetwork };
}

/**
 * Remove `name` from `target` and every prototype in its chain. Returns whether it is gone.
 * Non-configurable properties are overwritten with `undefined` where writable.
 */
export function removeProperty(target: object, name: PropertyKey): boolean {
  for (let o: object | null = target; o !== null; o = Reflect.getPrototypeOf(o)) {
    const descriptor = Reflect.getOwnPropertyDescriptor(o, name);
    if (!descriptor) continue;
    if (!Reflect.deleteProperty(o, name) && descriptor.writable) Reflect.set(o, name, undefined);
  }
  return !(name in target) || Reflect.get(target, name) === undefined;
}

/** The constructors of the four kinds of function, each of which compiles source text. */
function functionConstructors(): { proto: object; ctor: unknown }[] {
  const samples: object[] = [function () {}, async function () {}, function* () {}, async function* () {}];
  return samples.map((sample) => {
    const proto = Reflect.getPrototypeOf(sample) as object;
    return { proto, ctor: Reflect.get(proto, 'constructor') };
  });
}

/** Make every way to compile a string into code throw (layer 2). */
function disableCodeGeneration(): string[] {
  const done: string[] = [];
  const blocked = function Function(): never {
    throw new EvalError(CODE_GENERATION_MESSAGE);
  };
  const realFunction = Function;
  // `instanceof Function` and `Function.prototype.*` keep working for Pyodide's own code.
  Object.defineProperty(blocked, 'prototype', { value: realFunction.prototype, writable: false });
  Object.defineProperty(blocked, Symbol.hasInstance, { value: (value: unknown) => typeof value === 'function' });
  for (const { proto } of functionConstructors()) {
    Object.defineProperty(proto, 'constructor', { value: blocked, writable: false, configurable: false });
  }
  done.push('Function.prototype.constructor');
  const scope = globalThis as Record<string, unknown>;
  scope.Function = blocked;
  done.push('Function');
  if (removeProperty(globalThis, 'eval')) done.push('eval');
  // setTimeout("code") and setInterval("code") evaluate their string in browsers.
  for (const name of ['setTimeout', 'setInterval'] as const) {
    const timer = scope[name] as ((handler: unknown, ...rest: unknown[]) => unknown) | undefined;
    if (typeof timer !== 'function') continue;
    scope[name] = functionOnlyTimer(timer);
    done.push(`${name}(string)`);
  }
  // Blob URLs only matter to code that could load them (import(), Worker); none is left.
  const url = scope.URL as { createObjectURL?: unknown } | undefined;
  if (url && 'createObjectURL' in url) removeProperty(url, 'createObjectURL');
  return done;
}

export interface SealReport {
  /** Names deleted from the global object and its prototypes, and what was disabled. */
  removed: string[];
  /** Names that could not be removed (non-configurable and read-only), other than primitive constants. */
  kept: string[];
}

/** Is `proto` a prototype only the global object has (DedicatedWorkerGlobalScope, WorkerGlobalScope)? */
function isGlobalOnly(proto: object): boolean {
  const ctor = Reflect.getOwnPropertyDescriptor(proto, 'constructor')?.value as { name?: unknown } | undefined;
  return typeof ctor?.name === 'string' && /GlobalScope$|^Window$/.test(ctor.name);
}

/** Seal this worker (layers 2 and 3). Call once the engine has loaded, before any handler code. */
export function sealWorkerScope(): SealReport {
  const removed = disableCodeGeneration();
  const kept: string[] = [];
  const scope = globalThis as object;
  const seen = new Set<string>();
  for (let o: object | null = scope; o !== null && o !== Object.prototype; o = Reflect.getPrototypeOf(o)) {
    const own = o === scope || isGlobalOnly(o);
    for (const name of Reflect.ownKeys(o)) {
      if (typeof name !== 'string' || KEPT_GLOBALS.has(name) || seen.has(name)) continue;
      if (!own && name === 'constructor') continue;
      seen.add(name);
      if (own) {
        const descriptor = Reflect.getOwnPropertyDescriptor(o, name);
        if (Reflect.deleteProperty(o, name)) {
          removed.push(name);
          continue;
        }
        if (descriptor?.writable) {
          Reflect.set(o, name, undefined);
          removed.push(name);
          continue;
        }
        // A read-only number or string (Chromium's TEMPORARY and PERSISTENT, constants of the
        // old FileSystem API, are non-configurable on the worker's global) reaches nothing.
        const value: unknown = descriptor?.value;
        if (descriptor && !descriptor.get && (value === null || (typeof value !== 'object' && typeof value !== 'function'))) continue;
        kept.push(name);
        continue;
      }
      // A member of a prototype other objects share (EventTarget's addEventListener,
      // dispatchEvent): shadow it on the global object instead of breaking everyone's.
      if (Reflect.defineProperty(scope, name, { value: undefined, writable: false, configurable: false, enumerable: false })) {
        removed.push(name);
      } else {
        kept.push(name);
      }
    }
  }
  return { removed, kept };
}
