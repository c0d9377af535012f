/**
 * Guest source (runs inside QuickJS): Node's built-in modules as a handler reaches them with
 * `require('x')`, `require('node:x')` or `import ... from 'x'`: path (posix), events, util,
 * querystring, assert, os, timers, timers/promises, url, buffer, crypto, fs, fs/promises,
 * string_decoder (utf8), perf_hooks, process, console. Each is built on first use and cached.
 *
 * A built-in that Node has and Lambdalite does not (net, http, child_process, ...) fails
 * loudly, never silently: `Error: Cannot find module 'net' (not available in Lambdalite)`
 * with code MODULE_NOT_FOUND (so at module level it is Lambda's Runtime.ImportModuleError).
 * https://nodejs.org/api/modules.html#built-in-modules
 *
 * A part (see parts.ts): compiled on the first require or import of a built-in.
 */
import { PATH_EVENTS_JS } from './path-events';
import { UTIL_ASSERT_JS } from './util-assert';

export const BUILTINS_JS = String.raw`
var inspect = core.inspect, inspectCustom = core.inspectCustom, format = core.format, processObject = core.processObject;
var lambdaConsole = core.lambdaConsole, nodeError = core.nodeError, BUILTINS = core.BUILTINS, builtinName = core.builtinName;
var nodeErrorMark = core.nodeErrorMark, createRequire = core.createRequire, TextEncoder = core.TextEncoder, TextDecoder = core.TextDecoder, utf8Decode = core.utf8Decode;
var buffer = part('buffer'), url = part('url');
var argTypeError = buffer.argTypeError, bufferModule = buffer.bufferModule, normalizeEncoding = buffer.normalizeEncoding;
var decodeBytes = buffer.decodeBytes, percentEncode = url.percentEncode, URL = url.URL, URLSearchParams = url.URLSearchParams;
var fileURLToPath = url.fileURLToPath, pathToFileURL = url.pathToFileURL;
function performanceObject() { return part('web').performance; }
function cryptoModule() { return part('crypto').cryptoModule(); }
function fsModule() { return part('fs').fsModule(); }
function fsPromises() { return part('fs').fsPromises(); }
${PATH_EVENTS_JS}
${UTIL_ASSERT_JS}
// ---- os, timers, string_decoder, perf_hooks ----
function osModule() {
  var memory = Number(processObject.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE || 128) * 1024 * 1024;
  return {
    EOL: '\n', devNull: '/dev/null',
    platform: function () { return 'linux'; }, type: function () { return 'Linux'; }, arch: function () { return 'x64'; },
    release: function () { return '5.10.0'; }, hostname: function () { return 'localhost'; }, tmpdir: function () { return '/tmp'; },
    homedir: function () { return '/home/sbx_user1051'; }, endianness: function () { return 'LE'; },
    totalmem: function () { return memory; }, freemem: function () { return memory; }, uptime: function () { return Math.floor(performanceObject().now() / 1000); },
    cpus: function () { return [{ model: 'Lambdalite (QuickJS)', speed: 0, times: { user: 0, nice: 0, sys: 0, idle: 0, irq: 0 } }]; },
    availableParallelism: function () { return 1; },
    loadavg: function () { return [0, 0, 0]; }, networkInterfaces: function () { return {}; },
    userInfo: function () { return { uid: 993, gid: 990, username: 'sbx_user1051', homedir: '/home/sbx_user1051', shell: null }; },
    constants: { signals: {}, errno: {} },
  };
}
function timersModule() {
  return { setTimeout: setTimeout, setInterval: setInterval, setImmediate: setImmediate,
    clearTimeout: clearTimeout, clearInterval: clearInterval, clearImmediate: clearImmediate, promises: timersPromises() };
}
function timersPromises() {
  return {
    setTimeout: function (ms, value) { return new Promise(function (resolve) { setTimeout(resolve, ms, value); }); },
    setImmediate: function (value) { return new Promise(function (resolve) { setImmediate(resolve, value); }); },
    scheduler: { wait: function (ms) { return new Promise(function (resolve) { setTimeout(resolve, ms); }); } },
  };
}
function StringDecoder(encoding) {
  this.encoding = normalizeEncoding(encoding) || 'utf8';
  this._pending = new Uint8Array(0);
}
StringDecoder.prototype.write = function (buf) {
  if (this.encoding !== 'utf8') return decodeBytes(buf, this.encoding);
  var bytes = new Uint8Array(this._pending.length + buf.length);
  bytes.set(this._pending); bytes.set(buf, this._pending.length);
  // Keep an incomplete UTF-8 sequence at the end for the next write.
  var cut = bytes.length;
  for (var back = 1; back <= Math.min(3, bytes.length); back++) {
    var b = bytes[bytes.length - back];
    if ((b & 0xc0) === 0x80) continue;
    var need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    if (need > back) cut = bytes.length - back;
    break;
  }
  this._pending = bytes.slice(cut);
  return utf8Decode(bytes.subarray(0, cut), false);
};
StringDecoder.prototype.end = function (buf) {
  var out = buf ? this.write(buf) : '';
  if (this._pending.length) out += utf8Decode(this._pending, false);
  this._pending = new Uint8Array(0);
  return out;
};

// ---- the registry ----
var builtinFactories = {
  assert: assertModule,
  'assert/strict': assertModule,
  buffer: bufferModule,
  console: function () { return lambdaConsole; },
  crypto: cryptoModule,
  events: function () { return EventEmitter; },
  fs: fsModule,
  module: function () {
    return { createRequire: createRequire, builtinModules: BUILTINS.slice(), isBuiltin: function (n) { return builtinName(String(n)) !== null; } };
  },
  'fs/promises': fsPromises,
  os: osModule,
  path: function () { return pathModule; },
  'path/posix': function () { return pathModule; },
  perf_hooks: function () { return { performance: performanceObject() }; },
  process: function () { return processObject; },
  querystring: function () { return querystringModule; },
  string_decoder: function () { return { StringDecoder: StringDecoder }; },
  timers: timersModule,
  'timers/promises': timersPromises,
  url: function () {
    return { URL: URL, URLSearchParams: URLSearchParams, fileURLToPath: fileURLToPath, pathToFileURL: pathToFileURL,
      domainToASCII: function (d) { return String(d).toLowerCase(); }, domainToUnicode: function (d) { return String(d); } };
  },
  util: utilModule,
  'util/types': function () { return utilTypes; },
};
var builtinCache = Object.create(null);

/** The exports of built-in module name (without 'node:'); request is what the caller wrote. */
function requireBuiltin(name, request) {
  if (name in builtinCache) return builtinCache[name];
  var factory = Object.prototype.hasOwnProperty.call(builtinFactories, name) ? builtinFactories[name] : null;
  if (factory === null) {
    var root = name.split('/')[0];
    if (!isKnownBuiltin(name)) throw nodeError(Error, 'ERR_UNKNOWN_BUILTIN_MODULE', 'No such built-in module: ' + request);
    var err = new Error("Cannot find module '" + request + "' (not available in Lambdalite)");
    err.code = 'MODULE_NOT_FOUND';
    throw err;
  }
  var exports = factory();
  builtinCache[name] = exports;
  return exports;
}
/** The names an ES import of a built-in may take (its own enumerable keys that are identifiers). */
function builtinExportNames(name) {
  var m;
  try { m = requireBuiltin(name, name); } catch (e) { return '[]'; } // the import itself then throws the error
  var keys = typeof m === 'function' || (typeof m === 'object' && m !== null) ? Object.keys(m) : [];
  return JSON.stringify(keys.filter(function (k) { return /^[A-Za-z_$][\w$]*$/.test(k); }));
}
/** Whether an ES import may name this built-in (one we have, or one Node has that we refuse loudly). */
// Built-ins Node has only under the node: scheme (https://nodejs.org/api/modules.html#built-in-modules-with-mandatory-node-prefix).
var PREFIX_ONLY = ['sea', 'sqlite', 'test', 'test/reporters'];
function isKnownBuiltin(name) {
  return Object.prototype.hasOwnProperty.call(builtinFactories, name) || BUILTINS.indexOf(name.split('/')[0]) !== -1 ||
    PREFIX_ONLY.indexOf(name) !== -1;
}
return { requireBuiltin: requireBuiltin, builtinExportNames: builtinExportNames, isKnownBuiltin: isKnownBuiltin, EventEmitter: EventEmitter };
`;
