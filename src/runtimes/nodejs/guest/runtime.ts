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
function logError(message, err) { lambdaConsole.error(message, toFormatted(intoError(err))); }

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
  processObject.env = functionData.environment;
  loadHandler('/var/task', functionData.handler).then(function (fn) {
    if (initState !== null) return;
    handlerFunction = fn;
    try { handlerIsAsync = fn.constructor && fn.constructor.name === 'AsyncFunction'; } catch (e) { handlerIsAsync = false; }
    initState = { ok: true };
  }, failInit);
}

// ---- Invoking (Runtime.js, CallbackContext.js) ----
var current = null; // { outcome, onEmpty }
function settle(inv, outcome) { if (inv.outcome === null) inv.outcome = outcome; }
function errorOutcome(err, fatal) {
  var body = toRapidResponse(err);
  return { status: 'error', errorType: String(body.errorType), payload: JSON.stringify(body), fatal: !!fatal };
}
function serialize(result) {
  try {
    var text = JSON.stringify(result === undefined ? null : result);
    return text === undefined ? 'null' : text;
  } catch (e) {
    throw new Error('Unable to stringify response body');
  }
}
function invoke(eventJson, metaJson) {
  var meta = JSON.parse(metaJson);
  var inv = { outcome: null, onEmpty: null };
  current = inv;
  var isCompleteInvoked = false;
  var postError = function (err) { logError('Invoke Error', err); settle(inv, errorOutcome(err, false)); };
  var complete = function (result) {
    if (isCompleteInvoked) {
      lambdaConsole.error('Invocation has already been reported as done. Cannot call complete more than once per invocation.');
      return;
    }
    isCompleteInvoked = true;
    settle(inv, { status: 'success', payload: serialize(result) });
  };
  var waitForEmptyEventLoop = true;
  var callback = function (err, result) {
    inv.onEmpty = null;
    if (err !== undefined && err !== null) postError(err);
    else if (!waitForEmptyEventLoop) complete(result);
    else inv.onEmpty = function () { complete(result); };
  };
  var done = function (err, result) {
    inv.onEmpty = null;
    if (err !== undefined && err !== null) postError(err); else complete(result);
  };
  var finished = false;
  var once = function (fn) {
    return function () { if (!finished) { fn.apply(null, arguments); finished = true; } };
  };
  var deadline = meta.deadlineMs;
  var context = {
    get callbackWaitsForEmptyEventLoop() { return waitForEmptyEventLoop; },
    set callbackWaitsForEmptyEventLoop(value) { waitForEmptyEventLoop = value; },
    succeed: once(function (result) { done(null, result); }),
    fail: once(function (err) { if (err === undefined || err === null) done('handled'); else done(err, null); }),
    done: once(done),
    functionVersion: functionData.functionVersion,
    functionName: functionData.functionName,
    memoryLimitInMB: functionData.memoryLimitInMB,
    logGroupName: functionData.logGroupName,
    logStreamName: functionData.logStreamName,
    clientContext: meta.clientContext === undefined ? undefined : JSON.parse(meta.clientContext),
    identity: undefined,
    invokedFunctionArn: meta.invokedFunctionArn,
    awsRequestId: meta.requestId,
    getRemainingTimeInMillis: function () { return deadline - Date.now(); },
  };
  var cb = once(callback);
  inv.onEmpty = function () {
    isCompleteInvoked = true;
    if (handlerIsAsync) { var e = new NodeJsExit(); logError('Invoke Error', e); settle(inv, errorOutcome(e, false)); }
    else settle(inv, { status: 'success', payload: 'null' });
  };
  try {
    var result = handlerFunction(JSON.parse(eventJson), context, cb);
    if (result && result.then && typeof result.then === 'function') {
      result.then(context.succeed, context.fail).catch(context.fail);
    }
  } catch (err) {
    cb(err);
  }
}
/** The event loop has nothing left to run: Node's "beforeExit". */
function loopEmpty() {
  if (current === null || current.outcome !== null) return;
  var onEmpty = current.onEmpty;
  current.onEmpty = null;
  try {
    if (onEmpty) onEmpty(); else settle(current, { status: 'success', payload: 'null' });
  } catch (err) {
    hostState.uncaughtException(err);
  }
}
hostState.uncaughtException = function (err) {
  if (current === null) { failInit(err); return; }
  logError('Uncaught Exception', err);
  // Lambda's runtime posts the error, then exits (status 129): the environment is gone.
  settle(current, errorOutcome(err, true));
};
`;
