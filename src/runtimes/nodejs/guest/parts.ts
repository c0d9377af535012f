/**
 * The guest's bulkier pieces (Buffer, URL, the other web globals, crypto, fs, the built-in modules) are
 * "parts": compiled by QuickJS only when a handler first uses them, so that every execution
 * environment does not pay to parse ~90 KB of source it may never run (parsing the whole shim
 * up front tripled the time to make a spare environment).
 *
 * A part is a function body: it reads what it needs from `core` (the shim's own helpers) and
 * from other parts through `part(name)`, and returns what it offers. The host compiles it
 * (host.compilePart) as `(function (core, part) { ... })` in the runtime's file name; the shim
 * calls it once and keeps the result in its closure, out of user code's reach.
 */
import { BUFFER_JS } from './buffer';
import { BUILTINS_JS } from './builtins';
import { CRYPTO_JS } from './crypto';
import { FS_JS } from './fs';
import { URL_JS } from './url';
import { WEB_JS } from './web';

export const PART_SOURCES = {
  buffer: BUFFER_JS,
  url: URL_JS,
  web: WEB_JS,
  crypto: CRYPTO_JS,
  fs: FS_JS,
  builtins: BUILTINS_JS,
} as const;
export type PartName = keyof typeof PART_SOURCES;
/** In dependency order: each part's own parts come before it. */
export const PART_NAMES: readonly PartName[] = ['buffer', 'url', 'web', 'crypto', 'fs', 'builtins'];

export function isPartName(name: string): name is PartName {
  return Object.prototype.hasOwnProperty.call(PART_SOURCES, name);
}

/** A part as QuickJS compiles it: a function of the shim's core and the part loader. */
export function partFunctionSource(name: PartName): string {
  return `(function (core, part) {\n'use strict';\n${PART_SOURCES[name]}\n})`;
}

/**
 * Guest source (spliced into the bootstrap after the core pieces): `part(name)`, the `core`
 * object parts read from, the globals that load a part on first use, and process's
 * EventEmitter methods (from the builtins part) installed on first call.
 */
export const PARTS_JS = String.raw`
var core = {
  host: host, inspect: inspect, inspectCustom: inspectCustom, format: format, getConstructorName: getConstructorName,
  utf8Encode: utf8Encode, utf8Decode: utf8Decode, processObject: processObject, lambdaConsole: lambdaConsole,
  nodeErrorMark: nodeErrorMark, nodeError: nodeError, resolvePath: resolvePath, BUILTINS: BUILTINS,
  builtinName: builtinName, createRequire: createRequire, TextEncoder: TextEncoder, TextDecoder: TextDecoder,
};
var partCache = Object.create(null);
function part(name) {
  var loaded = partCache[name];
  if (loaded === undefined) {
    loaded = host.compilePart(name)(core, part);
    partCache[name] = loaded;
  }
  return loaded;
}
/** A global that compiles its part when first read; assigning it first just replaces it. */
function lazyGlobal(name, partName) {
  Object.defineProperty(globalThis, name, {
    configurable: true, enumerable: false,
    get: function () { var value = part(partName)[name]; defineGlobal(name, value); return value; },
    set: function (value) { defineGlobal(name, value); },
  });
}
['Buffer', 'atob', 'btoa'].forEach(function (n) { lazyGlobal(n, 'buffer'); });
['URL', 'URLSearchParams'].forEach(function (n) { lazyGlobal(n, 'url'); });
['structuredClone', 'AbortController', 'AbortSignal', 'performance', 'Headers', 'Request', 'Response', 'fetch']
  .forEach(function (n) { lazyGlobal(n, 'web'); });
lazyGlobal('crypto', 'crypto');
// process is an EventEmitter in Node (handlers call process.on('exit' | 'unhandledRejection', ...)).
// Lambdalite never emits those events (docs/ARCHITECTURE.md); registering them must work.
var EMITTER_METHODS = ['on', 'once', 'off', 'addListener', 'removeListener', 'removeAllListeners', 'emit', 'listeners',
  'rawListeners', 'listenerCount', 'prependListener', 'prependOnceListener', 'eventNames', 'setMaxListeners', 'getMaxListeners'];
EMITTER_METHODS.forEach(function (method) {
  Object.defineProperty(processObject, method, {
    configurable: true, writable: true, enumerable: false,
    value: function () {
      var EventEmitter = part('builtins').EventEmitter;
      EMITTER_METHODS.forEach(function (m) { delete processObject[m]; });
      Object.setPrototypeOf(processObject, EventEmitter.prototype);
      EventEmitter.init.call(processObject);
      return processObject[method].apply(processObject, arguments);
    },
  });
});
Object.defineProperty(globalThis, Symbol.for('lambdalite.requireBuiltin'), {
  value: function (name) { return part('builtins').requireBuiltin(name, name); },
});
`;
