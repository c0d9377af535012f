/**
 * Guest source (runs inside QuickJS): Lambda's Node.js runtime client, ported from
 * aws-lambda-nodejs-runtime-interface-client 3.x (the one nodejs20.x and nodejs22.x run):
 * - UserFunction.js: handler string → module → function, trying `<module>` as is, `.js`
 *   (CommonJS unless the nearest package.json says "type": "module"), `.mjs`, `.cjs`, then
 *   `require.resolve`; wrapping SyntaxError as Runtime.UserCodeSyntaxError, MODULE_NOT_FOUND
 *   as Runtime.ImportModuleError; Runtime.HandlerNotFound "<handler> is undefined or not exported".
 * - Runtime.js + CallbackContext.js: promise, callback and context.succeed/fail/done
 *   completion, callbackWaitsForEmptyEventLoop, the "beforeExit" rules when the event loop
 *   empties (sync handler → null; async handler → Runtime.NodeJsExit).
 * - Errors.js: the response body `{errorType, errorMessage, trace}` (toRapidResponse) and the
 *   log form `Invoke Error \t{errorType, errorMessage, code, ...props, stack}` (toFormatted).
 * - index.mjs + Runtime.js: the 'unhandledRejection' listener (Runtime.UnhandledPromiseRejection).
 * https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html
 * https://docs.aws.amazon.com/lambda/latest/dg/nodejs-context.html
 * https://docs.aws.amazon.com/lambda/latest/dg/nodejs-exceptions.html
 *
 * Expects in scope: everything defined by inspect.ts, globals.ts, modules.ts.
 */
export const RUNTIME_JS = String.raw`
function runtimeErrorClass(name, message) {
  var C = class extends Error {
    constructor(arg) {
      super(message !== undefined ? message : arg);
      // Drop this constructor's own frame, so traces start where the runtime threw.
      this.stack = String(this.stack).split('\n').slice(1).join('\n');
    }
  };
  Object.defineProperty(C, 'name', { value: name });
  C.prototype.name = 'Runtime.' + name;
  return C;
}
var ImportModuleError = runtimeErrorClass('ImportModuleError');
var HandlerNotFound = runtimeErrorClass('HandlerNotFound');
var MalformedHandlerName = runtimeErrorClass('MalformedHandlerName');
var UserCodeSyntaxError = runtimeErrorClass('UserCodeSyntaxError');
/**
 * Errors.js: class UnhandledPromiseRejection extends Error { constructor(reason, promise) {
 * super(reason); this.reason = reason; this.promise = promise; } }, named
 * 'Runtime.UnhandledPromiseRejection'. Its message is String(reason) ("Error: x"); reason and
 * promise are its enumerable properties, so the log shows "reason":{…},"promise":{}.
 */
var UnhandledPromiseRejection = (function () {
  var C = class extends Error {
    constructor(reason, promise) {
      super(reason);
      this.stack = String(this.stack).split('\n').slice(1).join('\n');
      this.reason = reason;
      this.promise = promise;
    }
  };
  Object.defineProperty(C, 'name', { value: 'UnhandledPromiseRejection' });
  C.prototype.name = 'Runtime.UnhandledPromiseRejection';
  return C;
})();
var NodeJsExit = runtimeErrorClass('NodeJsExit',
  'The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by a Promise that was never settled. For more information, see https://nodejs.org/docs/latest/api/process.html#exit-codes');

function isErrorLike(obj) {
  if (Object.prototype.toString.call(obj) === '[object Error]') return true;
  return !!(obj && obj.name && obj.message && obj.stack && typeof obj.name === 'string' &&
    typeof obj.message === 'string' && typeof obj.stack === 'string');
}
function intoError(err) { return err instanceof Error ? err : new Error(err); }
/** Errors.toRapidResponse: the invocation's (or init's) error body. */
function toRapidResponse(error) {
  try {
    if (isErrorLike(error)) {
      return { errorType: error.name, errorMessage: error.message, trace: v8Stack(error).split('\n') };
    }
    return { errorType: typeof error, errorMessage: error.toString(), trace: [] };
  } catch (e) {
    return { errorType: 'handled', errorMessage: 'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack' };
  }
}
function withEnumerableProperties(key, value) {
  if (value instanceof Error) {
    var ret = Object.assign({ errorType: value.name, errorMessage: value.message, code: value.code }, value);
    ret.stack = v8Stack(value).split('\n');
    return ret;
  }
  return value;
}
/** Errors.toFormatted: what Lambda logs after "Invoke Error" / "Uncaught Exception". */
function toFormatted(error) {
  try { return '\t' + JSON.stringify(error, withEnumerableProperties); }
  catch (e) { return '\t' + JSON.stringify(toRapidResponse(error)); }
}
/** LogPatch.js structuredConsole.logError: text 'Invoke Error' and the formatted error, or in JSON format the error itself. */
function logError(message, err) {
  if (logConfig.json) lambdaConsole.error(intoError(err));
  else lambdaConsole.error(message, toFormatted(intoError(err)));
}

// ---- Loading the handler (UserFunction.js) ----
var functionData = {};
var handlerFunction = null;
var handlerIsAsync = false;
var initState = null; // null while loading, then { ok: true } or { ok: false, errorType, errorBody }

function tryRequireFile(file, extension) {
  var path = file + (extension || '');
  return host.stat(path) !== 0 ? loadModule(path, runtimeModule) : undefined;
}
async function tryAwaitImport(file, extension) {
  var path = file + (extension || '');
  if (host.stat(path) === 1) return await import('file://' + path);
  return undefined;
}
async function _tryRequire(appRoot, moduleRoot, module) {
  var lambdaStylePath = resolvePath(appRoot, moduleRoot + module);
  var extensionless = tryRequireFile(lambdaStylePath);
  if (extensionless) return extensionless;
  var pjHasModule = packageType(lambdaStylePath) === 'module';
  if (!pjHasModule) {
    var loaded = tryRequireFile(lambdaStylePath, '.js');
    if (loaded) return loaded;
  }
  var found = (pjHasModule && (await tryAwaitImport(lambdaStylePath, '.js'))) ||
    (await tryAwaitImport(lambdaStylePath, '.mjs')) ||
    tryRequireFile(lambdaStylePath, '.cjs');
  if (found) return found;
  // require.resolve(module, { paths: [appRoot, moduleRoot] }) from /var/runtime/index.mjs.
  return loadModule(module, runtimeModule);
}
async function _loadUserApp(appRoot, moduleRoot, module) {
  try {
    return await _tryRequire(appRoot, moduleRoot, module);
  } catch (e) {
    if (e instanceof SyntaxError) throw new UserCodeSyntaxError(e);
    else if (e && e.code !== undefined && e.code === 'MODULE_NOT_FOUND') throw new ImportModuleError(e);
    else throw e;
  }
}
async function loadHandler(appRoot, fullHandlerString) {
  if (fullHandlerString.indexOf('..') !== -1) {
    throw new MalformedHandlerName("'" + fullHandlerString + "' is not a valid handler name. Use absolute paths when specifying root directories in handler names.");
  }
  var slash = fullHandlerString.lastIndexOf('/');
  var moduleRoot = fullHandlerString.slice(0, slash + 1);
  var match = fullHandlerString.slice(slash + 1).match(/^([^.]*)\.(.*)$/);
  if (!match || match.length !== 3) throw new MalformedHandlerName('Bad handler');
  var userApp = await _loadUserApp(appRoot, moduleRoot, match[1]);
  var handlerFunc = match[2].split('.').reduce(function (nested, key) { return nested && nested[key]; }, userApp);
  if (!handlerFunc) throw new HandlerNotFound(fullHandlerString + ' is undefined or not exported');
  if (typeof handlerFunc !== 'function') throw new HandlerNotFound(fullHandlerString + ' is not a function');
  return handlerFunc;
}
function failInit(err) {
  if (initState !== null) return;
  logError('Uncaught Exception', err);
  var body = toRapidResponse(err);
  initState = { ok: false, errorType: String(body.errorType), errorBody: JSON.stringify(body) };
}
function startInit(configJson) {
  functionData = JSON.parse(configJson);
  // Node turns every value assigned to process.env into a string (https://nodejs.org/api/process.html#processenv).
  processObject.env = new Proxy(functionData.environment, {
    set: function (target, key, value) { target[key] = String(value); return true; },
    defineProperty: function (target, key, descriptor) {
      return Reflect.defineProperty(target, key, { value: String(descriptor.value), writable: true, enumerable: true, configurable: true });
    },
  });
  configureLogging(processObject.env);
  if (functionData.nodeVersion) {
    processObject.version = functionData.nodeVersion;
    processObject.versions = { node: functionData.nodeVersion.slice(1) };
  }
  loadHandler('/var/task', functionData.handler).then(function (fn) {
    if (initState !== null) return;
    handlerFunction = fn;
    try { handlerIsAsync = fn.constructor && fn.constructor.name === 'AsyncFunction'; } catch (e) { handlerIsAsync = false; }
    initState = { ok: true };
  }, failInit);
}

// ---- Invoking (Runtime.js, CallbackContext.js) ----
// Per-invocation cost matters here (QuickJS interprets; every closure, object and JSON
// round trip is measurable at warm-invoke scale), so the invocation's state lives in one
// plain object and the helpers below take it as an argument instead of being re-created
// as closures on every call. Behaviour is CallbackContext.js's, step for step.
var current = null; // the running Invocation
// What Node's "beforeExit" does for the invocation (CallbackContext.js's onEmpty hook).
var EMPTY_NOTHING = 0;    // the handler completed: nothing left to do
var EMPTY_EXIT = 1;       // nothing completed it: async → Runtime.NodeJsExit, sync → null
var EMPTY_COMPLETE = 2;   // callback(null, result) waiting for the empty event loop
function Invocation() {
  this.outcome = null;          // { status, payload, errorType?, fatal? } once settled
  this.encoded = '';            // the outcome as the host reads it (see encodeOutcome)
  this.onEmpty = EMPTY_EXIT;
  this.emptyResult = undefined; // the result EMPTY_COMPLETE completes with
  this.isCompleteInvoked = false;
  this.waitForEmptyEventLoop = true;
  this.finished = false;        // CallbackContext's once(): set after the wrapped call returns
}
function settle(inv, outcome) { if (inv.outcome === null) inv.outcome = outcome; }
function errorOutcome(err, fatal) {
  var body = toRapidResponse(err);
  return { status: 'error', errorType: String(body.errorType), payload: JSON.stringify(body), fatal: !!fatal };
}
/**
 * The outcome as one string, cheaper to build and read than JSON of the outcome (which
 * would escape the whole payload again): 's' + payload for a success ('S' when the runtime
 * exited after posting it); for an error, 'e' (or 'f' when the environment must be
 * discarded) + errorType.length + ':' + errorType + payload.
 */
function encodeOutcome(outcome) {
  if (outcome.status === 'success') return (outcome.fatal ? 'S' : 's') + outcome.payload;
  var type = outcome.errorType === undefined ? '' : outcome.errorType;
  return (outcome.fatal ? 'f' : 'e') + type.length + ':' + type + outcome.payload;
}
function serialize(result) {
  try {
    var text = JSON.stringify(result === undefined ? null : result);
    return text === undefined ? 'null' : text;
  } catch (e) {
    throw new Error('Unable to stringify response body');
  }
}
function postError(inv, err) { logError('Invoke Error', err); settle(inv, errorOutcome(err, false)); }
function complete(inv, result) {
  if (inv.isCompleteInvoked) {
    lambdaConsole.error('Invocation has already been reported as done. Cannot call complete more than once per invocation.');
    return;
  }
  inv.isCompleteInvoked = true;
  settle(inv, { status: 'success', payload: serialize(result) });
}
function invocationCallback(inv, err, result) {
  inv.onEmpty = EMPTY_NOTHING;
  if (err !== undefined && err !== null) postError(inv, err);
  else if (!inv.waitForEmptyEventLoop) complete(inv, result);
  else { inv.onEmpty = EMPTY_COMPLETE; inv.emptyResult = result; }
}
function invocationDone(inv, err, result) {
  inv.onEmpty = EMPTY_NOTHING;
  if (err !== undefined && err !== null) postError(inv, err); else complete(inv, result);
}
// What the once()-wrapped functions call (CallbackContext.js: succeed, fail, done, callback).
var CALL_SUCCEED = 0, CALL_FAIL = 1, CALL_DONE = 2, CALL_CALLBACK = 3;
/**
 * CallbackContext.js's onlyAllowFirstCall: succeed, fail, done and the callback share one
 * flag per invocation; a call runs only while no earlier one has returned, and the flag is
 * set after the call returns (so if it throws, a later one, such as the promise's .catch,
 * still runs). Returned anonymous and parameterless, as Lambda's wrappers are (name '',
 * length 0).
 */
function firstCallOnly(inv, kind) {
  return function () {
    if (inv.finished) return;
    var a = arguments[0];
    if (kind === CALL_SUCCEED) invocationDone(inv, null, a);
    else if (kind === CALL_FAIL) { if (a === undefined || a === null) invocationDone(inv, 'handled'); else invocationDone(inv, a, null); }
    else if (kind === CALL_DONE) invocationDone(inv, a, arguments[1]);
    else invocationCallback(inv, a, arguments[1]);
    inv.finished = true;
  };
}
/**
 * Starts an invocation. Metadata arrives as separate arguments (a JSON object of it cost a
 * JSON.parse per invoke); returns the encoded outcome if the handler settled synchronously
 * ('' otherwise), saving the host a separate outcome call.
 */
function invoke(eventJson, requestId, deadlineMs, invokedFunctionArn, clientContext) {
  var inv = new Invocation();
  current = inv;
  currentRequestId = requestId;
  var context = {
    get callbackWaitsForEmptyEventLoop() { return inv.waitForEmptyEventLoop; },
    set callbackWaitsForEmptyEventLoop(value) { inv.waitForEmptyEventLoop = value; },
    succeed: firstCallOnly(inv, CALL_SUCCEED),
    fail: firstCallOnly(inv, CALL_FAIL),
    done: firstCallOnly(inv, CALL_DONE),
    functionVersion: functionData.functionVersion,
    functionName: functionData.functionName,
    memoryLimitInMB: functionData.memoryLimitInMB,
    logGroupName: functionData.logGroupName,
    logStreamName: functionData.logStreamName,
    clientContext: clientContext === undefined ? undefined : JSON.parse(clientContext),
    identity: undefined,
    invokedFunctionArn: invokedFunctionArn,
    awsRequestId: requestId,
    getRemainingTimeInMillis: function () { return deadlineMs - Date.now(); },
  };
  var cb = firstCallOnly(inv, CALL_CALLBACK);
  try {
    var result = handlerFunction(JSON.parse(eventJson), context, cb);
    if (result && result.then && typeof result.then === 'function') {
      result.then(context.succeed, context.fail).catch(context.fail);
    }
  } catch (err) {
    cb(err);
  }
  return outcomeText();
}
/** The current invocation's encoded outcome, or '' while it has none. */
function outcomeText() {
  var inv = current;
  if (inv === null || inv.outcome === null) return '';
  if (inv.encoded === '') inv.encoded = encodeOutcome(inv.outcome);
  return inv.encoded;
}
/** The event loop has nothing left to run: Node's "beforeExit". */
function loopEmpty() {
  var inv = current;
  if (inv === null || inv.outcome !== null) return outcomeText();
  var onEmpty = inv.onEmpty;
  inv.onEmpty = EMPTY_NOTHING;
  try {
    if (onEmpty === EMPTY_COMPLETE) complete(inv, inv.emptyResult);
    else if (onEmpty === EMPTY_EXIT) {
      inv.isCompleteInvoked = true;
      if (handlerIsAsync) { var e = new NodeJsExit(); logError('Invoke Error', e); settle(inv, errorOutcome(e, false)); }
      else settle(inv, { status: 'success', payload: 'null' });
    } else settle(inv, { status: 'success', payload: 'null' });
  } catch (err) {
    hostState.uncaughtException(err);
  }
  return outcomeText();
}
/**
 * The host found promise rejected with reason and still unhandled once the job queue
 * drained: Node's 'unhandledRejection', handled as RIC 3.x's index.mjs does:
 *   process.on('unhandledRejection', (reason, promise) => {
 *     let error = new Errors.UnhandledPromiseRejection(reason, promise);
 *     LogPatch.structuredConsole.logError('Unhandled Promise Rejection', error);
 *     errorCallbacks.unhandledRejection(error); });
 * During init that callback posts an init error (then exits 128); during an invocation,
 * Runtime.js posts the invocation error synchronously and calls process.exit(128) — so the
 * environment is discarded, and later rejections of the same turn are never seen (answer 1:
 * stop). If the invocation had already posted its response (the handler settled in the same
 * turn, before Node got to its rejections), that response stands: the error post is refused,
 * which the native client logs as "Failed to post handler success response. Http response
 * code: 403." (aws-lambda-cpp's do_post words every refused post so), and the process still exits.
 */
function unhandledRejection(reason, promise) {
  var error;
  try {
    error = new UnhandledPromiseRejection(reason, promise);
  } catch (err) {
    // new Error(Symbol()) throws inside the listener: Node reports that as an uncaught exception.
    hostState.uncaughtException(err);
    return current === null ? 0 : 1;
  }
  logError('Unhandled Promise Rejection', error);
  if (current === null) {
    // The init error post is asynchronous in RIC: init has not been reported yet, so even a
    // handler that loaded in this turn fails Init; every rejection of the turn is logged.
    if (initState === null || initState.ok) {
      var body = toRapidResponse(error);
      initState = { ok: false, errorType: String(body.errorType), errorBody: JSON.stringify(body) };
    }
    return 0;
  }
  var inv = current;
  if (inv.outcome === null) {
    settle(inv, errorOutcome(error, true));
  } else {
    inv.outcome.fatal = true;
    inv.encoded = '';
    host.log('RAW', '[ERROR] [' + Date.now() + '] LAMBDA_RUNTIME Failed to post handler success response. Http response code: 403.');
  }
  return 1;
}
hostState.uncaughtException = function (err) {
  if (current === null) { failInit(err); return; }
  logError('Uncaught Exception', err);
  // Lambda's runtime posts the error, then exits (status 129): the environment is gone.
  settle(current, errorOutcome(err, true));
};
`;
