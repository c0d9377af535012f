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
export const BUILTINS_JS = String.raw`
var inspect = core.inspect, inspectCustom = core.inspectCustom, format = core.format, processObject = core.processObject;
var lambdaConsole = core.lambdaConsole, nodeError = core.nodeError, BUILTINS = core.BUILTINS, builtinName = core.builtinName;
var nodeErrorMark = core.nodeErrorMark, createRequire = core.createRequire, TextEncoder = core.TextEncoder, TextDecoder = core.TextDecoder, utf8Decode = core.utf8Decode;
var buffer = part('buffer'), web = part('web');
var argTypeError = buffer.argTypeError, bufferModule = buffer.bufferModule, normalizeEncoding = buffer.normalizeEncoding;
var decodeBytes = buffer.decodeBytes, percentEncode = web.percentEncode, URL = web.URL, URLSearchParams = web.URLSearchParams;
var fileURLToPath = web.fileURLToPath, pathToFileURL = web.pathToFileURL, performanceObject = web.performance;
function cryptoModule() { return part('crypto').cryptoModule(); }
function fsModule() { return part('fs').fsModule(); }
function fsPromises() { return part('fs').fsPromises(); }
// ---- path (posix: Lambda runs Linux) ----
function assertPath(p, name) { if (typeof p !== 'string') throw argTypeError(name || 'path', 'of type string', p); }
function normalizeString(p) {
  var absolute = p.charAt(0) === '/', trailing = p.length > 0 && p.charAt(p.length - 1) === '/';
  var parts = p.split('/'), out = [];
  for (var i = 0; i < parts.length; i++) {
    var s = parts[i];
    if (s === '' || s === '.') continue;
    if (s === '..') { if (out.length > 0 && out[out.length - 1] !== '..') out.pop(); else if (!absolute) out.push('..'); }
    else out.push(s);
  }
  var joined = out.join('/');
  if (absolute) return '/' + joined;
  if (joined === '') return trailing ? './' : '.';
  return joined + (trailing ? '/' : '');
}
var pathModule = {
  sep: '/', delimiter: ':',
  normalize: function (p) {
    assertPath(p);
    if (p === '') return '.';
    var n = normalizeString(p);
    return n !== '/' && p.charAt(p.length - 1) === '/' && n.charAt(n.length - 1) !== '/' ? n + '/' : n;
  },
  join: function () {
    var parts = [];
    for (var i = 0; i < arguments.length; i++) { assertPath(arguments[i]); if (arguments[i] !== '') parts.push(arguments[i]); }
    return parts.length === 0 ? '.' : pathModule.normalize(parts.join('/'));
  },
  resolve: function () {
    var resolved = '';
    for (var i = arguments.length - 1; i >= -1 && resolved.charAt(0) !== '/'; i--) {
      var p = i >= 0 ? arguments[i] : processObject.cwd();
      assertPath(p);
      if (p === '') continue;
      resolved = p + (resolved === '' ? '' : '/' + resolved);
    }
    var n = normalizeString(resolved);
    return n.length > 1 && n.charAt(n.length - 1) === '/' ? n.slice(0, -1) : n;
  },
  isAbsolute: function (p) { assertPath(p); return p.charAt(0) === '/'; },
  dirname: function (p) {
    assertPath(p);
    if (p === '') return '.';
    var end = p.length;
    while (end > 1 && p.charAt(end - 1) === '/') end--;
    var i = p.lastIndexOf('/', end - 1);
    if (i === -1) return '.';
    if (i === 0) return '/';
    var d = p.slice(0, i);
    while (d.length > 1 && d.charAt(d.length - 1) === '/') d = d.slice(0, -1);
    return d;
  },
  basename: function (p, ext) {
    assertPath(p);
    var end = p.length;
    while (end > 0 && p.charAt(end - 1) === '/') end--;
    var base = p.slice(p.lastIndexOf('/', end - 1) + 1, end);
    if (ext !== undefined && ext !== base && base.slice(base.length - ext.length) === ext) base = base.slice(0, base.length - ext.length);
    return base;
  },
  extname: function (p) {
    var base = pathModule.basename(p);
    var dot = base.lastIndexOf('.');
    return dot <= 0 ? '' : base.slice(dot);
  },
  relative: function (from, to) {
    var a = pathModule.resolve(from).split('/').filter(Boolean), b = pathModule.resolve(to).split('/').filter(Boolean);
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return a.slice(i).map(function () { return '..'; }).concat(b.slice(i)).join('/');
  },
  parse: function (p) {
    assertPath(p);
    var root = p.charAt(0) === '/' ? '/' : '', base = pathModule.basename(p), ext = pathModule.extname(p);
    var dir = pathModule.dirname(p);
    if (dir === '.' && p.indexOf('/') === -1) dir = '';
    return { root: root, dir: dir, base: base, ext: ext, name: ext ? base.slice(0, base.length - ext.length) : base };
  },
  format: function (o) {
    var dir = o.dir || o.root || '', base = o.base || (o.name || '') + (o.ext ? (o.ext.charAt(0) === '.' ? '' : '.') + o.ext : '');
    return dir === '' ? base : dir === o.root ? dir + base : dir + '/' + base;
  },
  toNamespacedPath: function (p) { return p; },
};
pathModule.posix = pathModule;
// Lambda runs Linux; a handler asking for win32 explicitly gets posix semantics rather than nothing.
pathModule.win32 = pathModule;

// ---- events ----
function EventEmitter() { EventEmitter.init.call(this); }
EventEmitter.init = function () {
  if (!this._events || this._events === Object.getPrototypeOf(this)._events) { this._events = Object.create(null); this._eventsCount = 0; }
  this._maxListeners = this._maxListeners || undefined;
};
EventEmitter.defaultMaxListeners = 10;
EventEmitter.errorMonitor = Symbol('events.errorMonitor');
EventEmitter.prototype.setMaxListeners = function (n) { this._maxListeners = n; return this; };
EventEmitter.prototype.getMaxListeners = function () { return this._maxListeners === undefined ? EventEmitter.defaultMaxListeners : this._maxListeners; };
function addListener(target, type, listener, prepend) {
  if (typeof listener !== 'function') throw argTypeError('listener', 'of type function', listener);
  if (!target._events) EventEmitter.init.call(target);
  if (target._events.newListener !== undefined) target.emit('newListener', type, listener.listener ? listener.listener : listener);
  var list = target._events[type];
  if (list === undefined) { target._events[type] = [listener]; target._eventsCount++; }
  else if (prepend) list.unshift(listener); else list.push(listener);
  return target;
}
EventEmitter.prototype.on = EventEmitter.prototype.addListener = function (type, listener) { return addListener(this, type, listener, false); };
EventEmitter.prototype.prependListener = function (type, listener) { return addListener(this, type, listener, true); };
function onceWrapper(target, type, listener) {
  var fired = false;
  function wrapper() {
    if (fired) return undefined;
    fired = true;
    target.removeListener(type, wrapper);
    return listener.apply(target, arguments);
  }
  wrapper.listener = listener;
  return wrapper;
}
EventEmitter.prototype.once = function (type, listener) {
  if (typeof listener !== 'function') throw argTypeError('listener', 'of type function', listener);
  return this.on(type, onceWrapper(this, type, listener));
};
EventEmitter.prototype.prependOnceListener = function (type, listener) { return this.prependListener(type, onceWrapper(this, type, listener)); };
EventEmitter.prototype.removeListener = EventEmitter.prototype.off = function (type, listener) {
  var list = this._events && this._events[type];
  if (list === undefined) return this;
  for (var i = list.length - 1; i >= 0; i--) {
    if (list[i] === listener || list[i].listener === listener) {
      list.splice(i, 1);
      if (list.length === 0) { delete this._events[type]; this._eventsCount--; }
      if (this._events.removeListener !== undefined) this.emit('removeListener', type, listener);
      break;
    }
  }
  return this;
};
EventEmitter.prototype.removeAllListeners = function (type) {
  if (!this._events) return this;
  if (type === undefined) { this._events = Object.create(null); this._eventsCount = 0; }
  else if (this._events[type] !== undefined) { delete this._events[type]; this._eventsCount--; }
  return this;
};
EventEmitter.prototype.emit = function (type) {
  var args = Array.prototype.slice.call(arguments, 1);
  var list = this._events && this._events[type];
  if (type === 'error' && this._events && this._events[EventEmitter.errorMonitor]) {
    this._events[EventEmitter.errorMonitor].slice().forEach(function (l) { l.apply(this, args); }, this);
  }
  if (list === undefined) {
    if (type === 'error') {
      var er = args[0];
      if (er instanceof Error) throw er;
      var err = new Error('Unhandled error. (' + inspect(er) + ')');
      err.code = 'ERR_UNHANDLED_ERROR';
      err.context = er;
      throw err;
    }
    return false;
  }
  var copy = list.slice();
  for (var i = 0; i < copy.length; i++) copy[i].apply(this, args);
  return true;
};
EventEmitter.prototype.listeners = function (type) {
  var list = this._events && this._events[type];
  return list ? list.map(function (l) { return l.listener || l; }) : [];
};
EventEmitter.prototype.rawListeners = function (type) { var list = this._events && this._events[type]; return list ? list.slice() : []; };
EventEmitter.prototype.listenerCount = function (type) { var list = this._events && this._events[type]; return list ? list.length : 0; };
EventEmitter.prototype.eventNames = function () { return this._events ? Reflect.ownKeys(this._events) : []; };
EventEmitter.listenerCount = function (emitter, type) { return emitter.listenerCount(type); };
EventEmitter.once = function (emitter, name) {
  return new Promise(function (resolve, reject) {
    function onError(err) { emitter.removeListener(name, onEvent); reject(err); }
    function onEvent() { if (name !== 'error') emitter.removeListener('error', onError); resolve(Array.prototype.slice.call(arguments)); }
    emitter.once(name, onEvent);
    if (name !== 'error') emitter.once('error', onError);
  });
};
EventEmitter.EventEmitter = EventEmitter;

// ---- util ----
var promisifyCustom = Symbol.for('nodejs.util.promisify.custom');
function promisify(original) {
  if (typeof original !== 'function') throw argTypeError('original', 'of type function', original);
  if (original[promisifyCustom]) return original[promisifyCustom];
  function fn() {
    var self = this, args = Array.prototype.slice.call(arguments);
    return new Promise(function (resolve, reject) {
      args.push(function (err, value) { if (err) reject(err); else resolve(value); });
      original.apply(self, args);
    });
  }
  Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
  Object.defineProperty(fn, promisifyCustom, { value: fn, configurable: true });
  return Object.defineProperties(fn, Object.getOwnPropertyDescriptors(original));
}
promisify.custom = promisifyCustom;
setTimeout[promisifyCustom] = function (ms, value) { return new Promise(function (resolve) { setTimeout(resolve, ms, value); }); };
setImmediate[promisifyCustom] = function (value) { return new Promise(function (resolve) { setImmediate(resolve, value); }); };
function callbackify(original) {
  return function () {
    var args = Array.prototype.slice.call(arguments), cb = args.pop(), self = this;
    original.apply(self, args).then(function (v) { processObject.nextTick(cb, null, v); }, function (err) {
      if (!err) { var e = new Error('Promise was rejected with a falsy value'); e.code = 'ERR_FALSY_VALUE_REJECTION'; e.reason = err; err = e; }
      processObject.nextTick(cb, err);
    });
  };
}
function tag(v) { return Object.prototype.toString.call(v).slice(8, -1); }
var AsyncFunction = (async function () {}).constructor;
var GeneratorFunction = (function* () {}).constructor;
var utilTypes = {
  isDate: function (v) { return v instanceof Date; },
  isRegExp: function (v) { return v instanceof RegExp; },
  isPromise: function (v) { return v instanceof Promise; },
  isNativeError: function (v) { return tag(v) === 'Error'; },
  isMap: function (v) { return v instanceof Map; },
  isSet: function (v) { return v instanceof Set; },
  isWeakMap: function (v) { return v instanceof WeakMap; },
  isWeakSet: function (v) { return v instanceof WeakSet; },
  isArrayBuffer: function (v) { return v instanceof ArrayBuffer; },
  isAnyArrayBuffer: function (v) { return v instanceof ArrayBuffer || v instanceof SharedArrayBuffer; },
  isArrayBufferView: function (v) { return ArrayBuffer.isView(v); },
  isTypedArray: function (v) { return ArrayBuffer.isView(v) && !(v instanceof DataView); },
  isUint8Array: function (v) { return v instanceof Uint8Array; },
  isDataView: function (v) { return v instanceof DataView; },
  isAsyncFunction: function (v) { return v instanceof AsyncFunction; },
  isGeneratorFunction: function (v) { return v instanceof GeneratorFunction; },
  isBoxedPrimitive: function (v) { return v instanceof Number || v instanceof String || v instanceof Boolean || v instanceof Symbol || v instanceof BigInt; },
  isProxy: function () { return false; },
};
function isDeepStrictEqual(a, b) { return deepEqual(a, b, true, new Map()); }
function deepEqual(a, b, strict, seen) {
  if (strict ? Object.is(a, b) : a == b || (a !== a && b !== b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (strict && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (tag(a) !== tag(b)) return false;
  if (seen.get(a) === b) return true;
  seen.set(a, b);
  if (a instanceof Date) return a.getTime() === b.getTime();
  if (a instanceof RegExp) return String(a) === String(b);
  if (a instanceof Error && (a.message !== b.message || a.name !== b.name)) return false;
  if (ArrayBuffer.isView(a)) {
    if (a.byteLength !== b.byteLength) return false;
    for (var i = 0; i < a.length; i++) if (!Object.is(a[i], b[i]) && !(!strict && a[i] == b[i])) return false;
    return true;
  }
  if (a instanceof Map) {
    if (a.size !== b.size) return false;
    var okMap = true;
    a.forEach(function (v, k) { if (!b.has(k) || !deepEqual(v, b.get(k), strict, seen)) okMap = false; });
    return okMap;
  }
  if (a instanceof Set) {
    if (a.size !== b.size) return false;
    var okSet = true;
    a.forEach(function (v) { if (!b.has(v)) okSet = false; });
    return okSet;
  }
  var ka = Object.keys(a), kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (var j = 0; j < ka.length; j++) {
    if (!Object.prototype.hasOwnProperty.call(b, ka[j]) || !deepEqual(a[ka[j]], b[ka[j]], strict, seen)) return false;
  }
  return true;
}
function utilModule() {
  inspect.custom = inspectCustom;
  inspect.defaultOptions = { depth: 2, breakLength: 80, compact: 3, maxArrayLength: 100, showHidden: false };
  return {
    format: format,
    formatWithOptions: function (opts) { return format.apply(null, Array.prototype.slice.call(arguments, 1)); },
    inspect: inspect,
    promisify: promisify,
    callbackify: callbackify,
    types: utilTypes,
    isDeepStrictEqual: isDeepStrictEqual,
    inherits: function (ctor, superCtor) {
      Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
      Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
    },
    deprecate: function (fn, msg, code) {
      var warned = false;
      return function () {
        if (!warned) { warned = true; lambdaConsole.warn('(node:8) ' + (code ? '[' + code + '] ' : '') + 'DeprecationWarning: ' + msg); }
        return fn.apply(this, arguments);
      };
    },
    debuglog: function () { var f = function () {}; f.enabled = false; return f; },
    isArray: Array.isArray,
    TextEncoder: TextEncoder,
    TextDecoder: TextDecoder,
    stripVTControlCharacters: function (s) { return String(s).replace(/\u001b\[[0-9;]*[A-Za-z]/g, ''); },
  };
}

// ---- querystring ----
function qsEscape(str) {
  return percentEncode(String(str), '!"#$%&+,/:;<=>?@[\\]^' + String.fromCharCode(96) + '{|}').replace(/%27/g, "'");
}
function qsUnescape(str) { try { return decodeURIComponent(str); } catch (e) { return unescape(str); } }
function qsValue(v) {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && isFinite(v)) return String(v);
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  return '';
}
var querystringModule = {
  escape: qsEscape,
  unescape: qsUnescape,
  stringify: function (obj, sep, eq) {
    sep = sep || '&'; eq = eq || '=';
    if (obj === null || typeof obj !== 'object') return '';
    return Object.keys(obj).map(function (k) {
      var v = obj[k], key = qsEscape(k) + eq;
      if (Array.isArray(v)) return v.map(function (x) { return key + qsEscape(qsValue(x)); }).join(sep);
      return key + qsEscape(qsValue(v));
    }).filter(function (s) { return s !== ''; }).join(sep);
  },
  parse: function (str, sep, eq, options) {
    sep = sep || '&'; eq = eq || '=';
    var out = Object.create(null);
    if (typeof str !== 'string' || str === '') return out;
    var max = options && typeof options.maxKeys === 'number' ? options.maxKeys : 1000;
    var pairs = str.split(sep);
    if (max > 0) pairs = pairs.slice(0, max);
    pairs.forEach(function (pair) {
      if (pair === '') return;
      var i = pair.indexOf(eq);
      var k = qsUnescape((i === -1 ? pair : pair.slice(0, i)).replace(/\+/g, ' '));
      var v = i === -1 ? '' : qsUnescape(pair.slice(i + eq.length).replace(/\+/g, ' '));
      if (!(k in out)) out[k] = v;
      else if (Array.isArray(out[k])) out[k].push(v);
      else out[k] = [out[k], v];
    });
    return out;
  },
};
querystringModule.decode = querystringModule.parse;
querystringModule.encode = querystringModule.stringify;

// ---- assert ----
class AssertionError extends Error {
  constructor(options) {
    super(options.message);
    // Node hides assert's own frames (Error.captureStackTrace with the assert function) and
    // names the code in the header: 'AssertionError [ERR_ASSERTION]: ...'.
    Object.defineProperty(this, nodeErrorMark, { value: true });
    var frames = String(this.stack).split('\n');
    while (frames.length > 0 && frames[0].indexOf('file:///var/runtime/') !== -1) frames.shift();
    this.stack = frames.join('\n');
    this.generatedMessage = !options.userMessage;
    this.code = 'ERR_ASSERTION';
    this.actual = options.actual;
    this.expected = options.expected;
    this.operator = options.operator;
  }
}
Object.defineProperty(AssertionError.prototype, 'name', { value: 'AssertionError', writable: true, configurable: true });
function assertFail(actual, expected, message, operator, generated) {
  if (message instanceof Error) throw message;
  throw new AssertionError({ message: message !== undefined ? String(message) : generated, userMessage: message !== undefined, actual: actual, expected: expected, operator: operator });
}
function assertOk(value, message) {
  if (!value) assertFail(value, true, message, '==', arguments.length === 0 ? 'No value argument passed to ' + String.fromCharCode(96) + 'assert.ok()' + String.fromCharCode(96) : 'The expression evaluated to a falsy value:\n\n  assert(' + inspect(value) + ')\n');
}
function assertModule() {
  var assert = function (value, message) { assertOk.apply(null, arguments); };
  assert.ok = function (value, message) { assertOk.apply(null, arguments); };
  assert.AssertionError = AssertionError;
  assert.fail = function (message) { assertFail(undefined, undefined, message === undefined ? undefined : message, 'fail', 'Failed'); };
  assert.equal = function (a, b, m) { if (!(a == b || (a !== a && b !== b))) assertFail(a, b, m, '==', inspect(a) + ' == ' + inspect(b)); };
  assert.notEqual = function (a, b, m) { if (a == b) assertFail(a, b, m, '!=', inspect(a) + ' != ' + inspect(b)); };
  assert.strictEqual = function (a, b, m) {
    if (!Object.is(a, b)) assertFail(a, b, m, 'strictEqual', 'Expected values to be strictly equal:\n\n' + inspect(a) + ' !== ' + inspect(b) + '\n');
  };
  assert.notStrictEqual = function (a, b, m) {
    if (Object.is(a, b)) assertFail(a, b, m, 'notStrictEqual', 'Expected "actual" to be strictly unequal to: ' + inspect(b));
  };
  assert.deepEqual = function (a, b, m) { if (!deepEqual(a, b, false, new Map())) assertFail(a, b, m, 'deepEqual', 'Expected values to be loosely deep-equal:\n\n' + inspect(a) + '\n\nshould loosely deep-equal\n\n' + inspect(b)); };
  assert.deepStrictEqual = function (a, b, m) { if (!isDeepStrictEqual(a, b)) assertFail(a, b, m, 'deepStrictEqual', 'Expected values to be strictly deep-equal:\n' + inspect(a) + '\n\nshould equal\n\n' + inspect(b)); };
  assert.notDeepStrictEqual = function (a, b, m) { if (isDeepStrictEqual(a, b)) assertFail(a, b, m, 'notDeepStrictEqual', 'Expected "actual" not to be strictly deep-equal to: ' + inspect(b)); };
  assert.notDeepEqual = function (a, b, m) { if (deepEqual(a, b, false, new Map())) assertFail(a, b, m, 'notDeepEqual', 'Expected "actual" not to be loosely deep-equal to: ' + inspect(b)); };
  assert.match = function (s, re, m) { if (!re.test(s)) assertFail(s, re, m, 'match', 'The input did not match the regular expression ' + String(re) + '. Input:\n\n' + inspect(s) + '\n'); };
  function matches(err, expected) {
    if (expected === undefined) return true;
    if (typeof expected === 'function') return expected.prototype !== undefined && err instanceof expected ? true : expected.prototype === undefined ? expected(err) === true : false;
    if (expected instanceof RegExp) return expected.test(String(err));
    return Object.keys(expected).every(function (k) { return expected[k] instanceof RegExp ? expected[k].test(err[k]) : isDeepStrictEqual(err[k], expected[k]); });
  }
  assert.throws = function (fn, expected, message) {
    try { fn(); } catch (e) {
      if (!matches(e, expected)) throw e;
      return;
    }
    assertFail(undefined, expected, typeof expected === 'string' ? expected : message, 'throws', 'Missing expected exception.');
  };
  assert.doesNotThrow = function (fn, message) { try { fn(); } catch (e) { assertFail(e, undefined, message, 'doesNotThrow', 'Got unwanted exception.\nActual message: "' + (e && e.message) + '"'); } };
  assert.rejects = async function (promiseOrFn, expected, message) {
    try { await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn); } catch (e) {
      if (!matches(e, expected)) throw e;
      return;
    }
    assertFail(undefined, expected, message, 'rejects', 'Missing expected rejection.');
  };
  assert.ifError = function (v) { if (v !== null && v !== undefined) throw v; };
  assert.strict = assert;
  return assert;
}

// ---- os, timers, string_decoder, perf_hooks ----
function osModule() {
  var memory = Number(processObject.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE || 128) * 1024 * 1024;
  return {
    EOL: '\n', devNull: '/dev/null',
    platform: function () { return 'linux'; }, type: function () { return 'Linux'; }, arch: function () { return 'x64'; },
    release: function () { return '5.10.0'; }, hostname: function () { return 'localhost'; }, tmpdir: function () { return '/tmp'; },
    homedir: function () { return '/home/sbx_user1051'; }, endianness: function () { return 'LE'; },
    totalmem: function () { return memory; }, freemem: function () { return memory; }, uptime: function () { return Math.floor(performanceObject.now() / 1000); },
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
  perf_hooks: function () { return { performance: performanceObject }; },
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
    if (BUILTINS.indexOf(root) === -1) throw nodeError(Error, 'ERR_UNKNOWN_BUILTIN_MODULE', 'No such built-in module: ' + request);
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
function isKnownBuiltin(name) {
  return Object.prototype.hasOwnProperty.call(builtinFactories, name) || BUILTINS.indexOf(name.split('/')[0]) !== -1;
}
return { requireBuiltin: requireBuiltin, builtinExportNames: builtinExportNames, isKnownBuiltin: isKnownBuiltin, EventEmitter: EventEmitter };
`;
