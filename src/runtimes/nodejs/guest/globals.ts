/**
 * Guest source (runs inside QuickJS): the Node globals a handler needs today — `console`
 * as Lambda patches it, timers driven by the host's event loop, `queueMicrotask`,
 * `process` (env, nextTick, cwd), `TextEncoder`/`TextDecoder` (UTF-8), `global`, and
 * `Error.captureStackTrace` (which many npm packages call unconditionally).
 *
 * Console: Lambda's runtime (aws-lambda-nodejs-runtime-interface-client, src/LogPatch.js)
 * replaces console.trace/debug/info/warn/error (and adds console.fatal) with one log record
 * per call, `<ISO time>\t<request id>\t<LEVEL>\t<util.format(...)>`; console.log is console.info.
 * The host adds the time and request id (see engine.ts), the guest formats the message.
 * https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html
 *
 * Expects in scope: `host` (log), `format`, `inspect` (inspect.ts), `hostState` (bootstrap.ts).
 */
export const GLOBALS_JS = String.raw`
var LEVEL_PRIORITY = { TRACE: 1, DEBUG: 2, INFO: 3, WARN: 4, ERROR: 5, FATAL: 6 };
// LogPatch.js: AWS_LAMBDA_LOG_FORMAT=JSON writes one JSON object a record; AWS_LAMBDA_LOG_LEVEL
// drops records below it (Lambda sets both only for a function whose LogFormat is JSON:
// https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-advanced.html).
var logConfig = { json: false, minimum: 1 };
var currentRequestId; // the invocation's id for JSON records; undefined during init, as in Lambda
function configureLogging(env) {
  logConfig.json = String(env.AWS_LAMBDA_LOG_FORMAT || '').toUpperCase() === 'JSON';
  logConfig.minimum = LEVEL_PRIORITY[String(env.AWS_LAMBDA_LOG_LEVEL || '').toUpperCase()] || 1;
}
function writeLog(level, args) {
  if (LEVEL_PRIORITY[level] < logConfig.minimum) return;
  if (logConfig.json) host.log('RAW', formatJsonMessage(level, args));
  else host.log(level, format.apply(null, args));
}
function jsonErrorReplacer(key, value) {
  if (!(value instanceof Error)) return value;
  var name = value.constructor && value.constructor.name;
  return Object.assign({ errorType: name || 'UnknownError', errorMessage: value.message, stackTrace: v8Stack(value).split('\n') }, value);
}
/** LogPatch.js formatJsonMessage: one argument kept as JSON (errors expanded), several util.format-ted. */
function formatJsonMessage(level, args) {
  var result = { timestamp: new Date().toISOString(), level: level, requestId: currentRequestId };
  if (args.length === 1) {
    result.message = args[0];
    try { return JSON.stringify(result, jsonErrorReplacer); } catch (e) {
      result.message = format(result.message);
      return JSON.stringify(result);
    }
  }
  result.message = format.apply(null, args);
  for (var i = 0; i < args.length; i++) {
    if (args[i] instanceof Error) {
      result.errorType = (args[i].constructor && args[i].constructor.name) || 'UnknownError';
      result.errorMessage = args[i].message;
      result.stackTrace = v8Stack(args[i]).split('\n');
      break;
    }
  }
  return JSON.stringify(result);
}
function levelFn(level) {
  return function (msg) {
    var args = [msg];
    for (var i = 1; i < arguments.length; i++) args.push(arguments[i]);
    writeLog(level, args);
  };
}
var consoleTimers = new Map(), consoleCounts = new Map();
var lambdaConsole = {
  trace: levelFn('TRACE'), debug: levelFn('DEBUG'), info: levelFn('INFO'),
  warn: levelFn('WARN'), error: levelFn('ERROR'), fatal: levelFn('FATAL'),
  // Node writes console.dir straight to stdout, which Lambda records without a prefix.
  dir: function (obj, options) { host.log('RAW', inspect(obj, options)); },
  assert: function (ok) {
    if (ok) return;
    var rest = Array.prototype.slice.call(arguments, 1);
    if (rest.length === 0) rest = ['Assertion failed'];
    else if (typeof rest[0] === 'string') rest[0] = 'Assertion failed: ' + rest[0];
    else rest.unshift('Assertion failed');
    writeLog('WARN', rest);
  },
  time: function (label) { consoleTimers.set(label === undefined ? 'default' : String(label), Date.now()); },
  timeLog: function (label) { timeLine(label, Array.prototype.slice.call(arguments, 1), false); },
  timeEnd: function (label) { timeLine(label, [], true); },
  count: function (label) {
    var key = label === undefined ? 'default' : String(label);
    var n = (consoleCounts.get(key) || 0) + 1;
    consoleCounts.set(key, n);
    writeLog('INFO', [key + ': ' + n]);
  },
  countReset: function (label) { consoleCounts.delete(label === undefined ? 'default' : String(label)); },
};
lambdaConsole.log = lambdaConsole.info;
// Node's console.group/table/dirxml write through this.log, which Lambda has replaced, so they
// come out as INFO records (and group's indentation, applied only by Node's own writer, does not).
lambdaConsole.group = lambdaConsole.groupCollapsed = function () { if (arguments.length > 0) lambdaConsole.log.apply(null, arguments); };
lambdaConsole.groupEnd = function () {};
lambdaConsole.dirxml = function () { lambdaConsole.log.apply(null, arguments); };
// A simplified console.table: the data as util.inspect shows it, not Node's box drawing.
lambdaConsole.table = function (data) { writeLog('INFO', [data]); };
function timeLine(label, extra, end) {
  var key = label === undefined ? 'default' : String(label);
  var started = consoleTimers.get(key);
  if (started === undefined) { writeLog('WARN', ["Warning: No such label '" + key + "' for console.time" + (end ? 'End()' : 'Log()')]); return; }
  if (end) consoleTimers.delete(key);
  writeLog('INFO', ['%s: %s'].concat([key, (Date.now() - started).toFixed(3) + 'ms']).concat(extra));
}

// Timers. The host runs the event loop (engine.ts): it drains QuickJS's job queue, asks
// nextTimerDelay(), sleeps that long (or until the deadline) and calls runNextTimer().
// Only timers that are ref'ed keep the loop alive, as in Node.
var timers = new Map();
var timerSeq = 0;
function Timeout(callback, delay, args, repeat, immediate) {
  this._id = ++timerSeq;
  this._callback = callback;
  this._delay = delay;
  this._args = args;
  this._repeat = repeat;
  this._immediate = immediate;
  this._ref = true;
  this._due = Date.now() + delay;
  this._order = timerSeq;
}
Timeout.prototype.ref = function () { this._ref = true; return this; };
Timeout.prototype.unref = function () { this._ref = false; return this; };
Timeout.prototype.hasRef = function () { return this._ref; };
Timeout.prototype.refresh = function () {
  if (timers.has(this._id)) { this._due = Date.now() + this._delay; this._order = ++timerSeq; }
  return this;
};
Timeout.prototype.close = function () { timers.delete(this._id); return this; };
Timeout.prototype[Symbol.toPrimitive] = function () { return this._id; };
function Immediate() {}
function addTimer(callback, delay, args, repeat, immediate) {
  if (typeof callback !== 'function') {
    var err = new TypeError('The "callback" argument must be of type function. Received ' + inspect(callback));
    err.code = 'ERR_INVALID_ARG_TYPE';
    throw err;
  }
  delay = Number(delay);
  if (!(delay >= 1 && delay <= 2147483647)) delay = 1; // Node clamps to [1, 2^31-1]
  if (immediate) delay = 0;
  var t = new Timeout(callback, delay, args, repeat, immediate);
  if (immediate) Object.setPrototypeOf(t, Immediate.prototype);
  timers.set(t._id, t);
  return t;
}
Object.setPrototypeOf(Immediate.prototype, Timeout.prototype);
function clearTimer(t) {
  if (t === null || t === undefined) return;
  var id = typeof t === 'object' ? t._id : Number(t);
  timers.delete(id);
}
function restArgs(args, from) { return Array.prototype.slice.call(args, from); }
function earliestTimer() {
  var best = null;
  timers.forEach(function (t) {
    if (best === null || t._due < best._due || (t._due === best._due && t._order < best._order)) best = t;
  });
  return best;
}
/** Milliseconds until the next timer is due (0 if overdue), or -1 when no ref'ed timer keeps the loop alive. */
function nextTimerDelay() {
  if (timers.size === 0) return -1; // the usual case, without a closure and a walk
  var alive = false;
  timers.forEach(function (t) { if (t._ref) alive = true; });
  if (!alive) return -1;
  return Math.max(0, earliestTimer()._due - Date.now());
}
/** Runs the earliest due timer, if any. An exception escaping it is Node's uncaughtException. */
function runNextTimer() {
  var t = earliestTimer();
  if (t === null || t._due > Date.now()) return;
  if (t._repeat) { t._due = Date.now() + t._delay; t._order = ++timerSeq; } else timers.delete(t._id);
  try {
    // A method call (not .apply) so traces show no native frame; 'this' is the Timeout, as in Node.
    t._callback(...t._args);
  } catch (err) {
    hostState.uncaughtException(err);
  }
}

var processObject = {
  env: {},
  argv: ['/var/lang/bin/node', '/var/runtime/index.mjs'],
  platform: 'linux',
  arch: 'x64',
  cwd: function () { return '/var/task'; },
  nextTick: function (fn) {
    var args = restArgs(arguments, 1);
    Promise.resolve().then(function () { fn.apply(undefined, args); });
  },
  pid: 8, ppid: 1, title: 'node', execPath: '/var/lang/bin/node', execArgv: [], exitCode: undefined,
  version: 'v22.14.0', versions: { node: '22.14.0' }, release: { name: 'node', lts: 'Jod' },
  config: { variables: {} }, features: {},
  // Lambda records stdout and stderr raw, without the time and request id console.* adds.
  stdout: { write: function (chunk) { host.log('RAW', String(chunk).replace(/\n$/, '')); return true; }, isTTY: false },
  stderr: { write: function (chunk) { host.log('RAW', String(chunk).replace(/\n$/, '')); return true; }, isTTY: false },
  hrtime: function (previous) {
    var now = Date.now(), s = Math.floor(now / 1000), ns = (now % 1000) * 1e6;
    if (previous) { s -= previous[0]; ns -= previous[1]; if (ns < 0) { s -= 1; ns += 1e9; } }
    return [s, ns];
  },
  memoryUsage: function () {
    var used = host.memoryUsed();
    return { rss: used, heapTotal: used, heapUsed: used, external: 0, arrayBuffers: 0 };
  },
  uptime: function () { return (Date.now() - processStarted) / 1000; },
  cpuUsage: function () { return { user: 0, system: 0 }; },
  emitWarning: function (warning) { host.log('RAW', '(node:8) ' + (warning instanceof Error ? warning.name + ': ' + warning.message : 'Warning: ' + warning)); },
  // process.exit ends the runtime process: Lambda answers Runtime.ExitError and starts a new environment.
  exit: function (code) {
    var status = code === undefined ? (processObject.exitCode || 0) : Number(code) | 0;
    host.exit(status);
    throw new Error('process.exit(' + status + ')'); // unwinds now; the host's interrupt stops whatever catches it
  },
  abort: function () { processObject.exit(134); },
  umask: function () { return 18; },
};
var processStarted = Date.now();
processObject.hrtime.bigint = function () { return BigInt(Date.now()) * 1000000n; };
processObject.memoryUsage.rss = function () { return host.memoryUsed(); };

function utf8Encode(input) {
  var str = String(input === undefined ? '' : input);
  var out = [];
  for (var i = 0; i < str.length; i++) {
    var c = str.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < str.length) {
      var d = str.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00); i++; } else c = 0xfffd;
    } else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return new Uint8Array(out);
}
function utf8Decode(bytes, fatal) {
  var out = '', i = 0;
  function bad() {
    if (fatal) { var e = new TypeError('The encoded data was not valid for encoding utf-8'); e.code = 'ERR_ENCODING_INVALID_ENCODED_DATA'; throw e; }
    return '\ufffd';
  }
  while (i < bytes.length) {
    var b = bytes[i];
    var need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) { out += bad(); i++; continue; }
    if (need === 0) { out += String.fromCharCode(b); i++; continue; }
    var cp = b & (0x3f >> need), ok = i + need < bytes.length;
    for (var k = 1; ok && k <= need; k++) {
      if ((bytes[i + k] & 0xc0) !== 0x80) ok = false; else cp = (cp << 6) | (bytes[i + k] & 63);
    }
    if (!ok || (need === 2 && cp < 0x800) || (need === 3 && (cp < 0x10000 || cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff)) {
      out += bad(); i++; continue;
    }
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}
function TextEncoder() {}
TextEncoder.prototype.encoding = 'utf-8';
TextEncoder.prototype.encode = function (input) { return utf8Encode(input); };
function TextDecoder(label, options) {
  var l = label === undefined ? 'utf-8' : String(label).trim().toLowerCase();
  if (l !== 'utf-8' && l !== 'utf8' && l !== 'unicode-1-1-utf-8') {
    var e = new RangeError('The "' + label + '" encoding is not supported'); e.code = 'ERR_ENCODING_NOT_SUPPORTED'; throw e;
  }
  this.encoding = 'utf-8';
  this.fatal = !!(options && options.fatal);
  this.ignoreBOM = !!(options && options.ignoreBOM);
}
TextDecoder.prototype.decode = function (input) {
  if (input === undefined) return '';
  var bytes = input instanceof ArrayBuffer ? new Uint8Array(input) :
    new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  var s = utf8Decode(bytes, this.fatal);
  return !this.ignoreBOM && s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
};

function defineGlobal(name, value) {
  Object.defineProperty(globalThis, name, { value: value, writable: true, configurable: true, enumerable: false });
}
defineGlobal('console', lambdaConsole);
defineGlobal('global', globalThis);
defineGlobal('process', processObject);
defineGlobal('setTimeout', function (cb, ms) { return addTimer(cb, ms, restArgs(arguments, 2), false, false); });
defineGlobal('setInterval', function (cb, ms) { return addTimer(cb, ms, restArgs(arguments, 2), true, false); });
defineGlobal('setImmediate', function (cb) { return addTimer(cb, 0, restArgs(arguments, 1), false, true); });
defineGlobal('clearTimeout', clearTimer);
defineGlobal('clearInterval', clearTimer);
defineGlobal('clearImmediate', clearTimer);
defineGlobal('queueMicrotask', function (cb) {
  if (typeof cb !== 'function') throw new TypeError('The "callback" argument must be of type function');
  Promise.resolve().then(function () { cb(); });
});
defineGlobal('TextEncoder', TextEncoder);
defineGlobal('TextDecoder', TextDecoder);
if (typeof Error.captureStackTrace !== 'function') {
  Object.defineProperty(Error, 'captureStackTrace', {
    value: function captureStackTrace(target) {
      var frames = String(new Error().stack || '').split('\n').slice(1).join('\n');
      Object.defineProperty(target, 'stack', { value: frames, writable: true, configurable: true, enumerable: false });
    },
    writable: true, configurable: true, enumerable: false,
  });
}
`;
