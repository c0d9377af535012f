/**
 * Guest source (runs inside QuickJS), spliced into the builtins part (builtins.ts): Node's
 * `util` (format, inspect, promisify, callbackify, types, isDeepStrictEqual, inherits,
 * deprecate; https://nodejs.org/api/util.html), `querystring`
 * (https://nodejs.org/api/querystring.html) and `assert` with AssertionError
 * (https://nodejs.org/api/assert.html).
 */
export const UTIL_ASSERT_JS = String.raw`
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

`;
