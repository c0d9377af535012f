/**
 * Guest source (runs inside QuickJS): CommonJS `require` over the deployment package,
 * following Node's algorithm (https://nodejs.org/api/modules.html#all-together):
 * relative and absolute paths try X, X.js, X.json, then X/package.json "main", X/index.js,
 * X/index.json; bare names walk up node_modules directories, honour package.json "exports"
 * (the "require", "node" and "default" conditions) and finally Lambda's NODE_PATH
 * (/opt/nodejs/node22/node_modules:/opt/nodejs/node_modules:/var/runtime/node_modules:/var/runtime:/var/task).
 * A miss throws Node's MODULE_NOT_FOUND error with its "Require stack" message, which the
 * runtime turns into Runtime.ImportModuleError when it escapes the handler module.
 *
 * Expects in scope: `host` (stat, readText, compile), `nodeErrorMark` (inspect.ts).
 */
export const MODULES_JS = String.raw`
var RUNTIME_FILE = '/var/runtime/index.mjs';
var NODE_PATH = ['/opt/nodejs/node22/node_modules', '/opt/nodejs/node_modules', '/var/runtime/node_modules', '/var/runtime', '/var/task'];
var BUILTINS = ['assert', 'async_hooks', 'buffer', 'child_process', 'cluster', 'console', 'constants', 'crypto', 'dgram',
  'diagnostics_channel', 'dns', 'domain', 'events', 'fs', 'http', 'http2', 'https', 'inspector', 'module', 'net', 'os',
  'path', 'perf_hooks', 'process', 'punycode', 'querystring', 'readline', 'repl', 'stream', 'string_decoder', 'sys',
  'timers', 'tls', 'trace_events', 'tty', 'url', 'util', 'v8', 'vm', 'wasi', 'worker_threads', 'zlib'];

function normalizePath(p) {
  var parts = p.split('/'), out = [];
  for (var i = 0; i < parts.length; i++) {
    var s = parts[i];
    if (s === '' || s === '.') continue;
    if (s === '..') out.pop(); else out.push(s);
  }
  return '/' + out.join('/');
}
function dirname(p) { var i = p.lastIndexOf('/'); return i <= 0 ? '/' : p.slice(0, i); }
function resolvePath(dir, request) { return normalizePath(request.charAt(0) === '/' ? request : dir + '/' + request); }
function isRelative(request) {
  return request === '.' || request === '..' || request.slice(0, 2) === './' || request.slice(0, 3) === '../' || request.charAt(0) === '/';
}
function builtinName(request) {
  var name = request.slice(0, 5) === 'node:' ? request.slice(5) : request;
  var root = name.split('/')[0];
  return BUILTINS.indexOf(root) !== -1 || request.slice(0, 5) === 'node:' ? name : null;
}
function nodeError(Ctor, code, message) {
  var err = new Ctor(message);
  err.code = code;
  Object.defineProperty(err, nodeErrorMark, { value: true });
  return err;
}

var packageCache = Object.create(null);
function readPackage(dir) {
  var file = dir + '/package.json';
  if (file in packageCache) return packageCache[file];
  var text = host.stat(file) === 1 ? host.readText(file) : undefined;
  var pkg = null;
  if (text !== undefined) {
    try { pkg = JSON.parse(text); } catch (e) { e.message = 'Error parsing ' + file + ': ' + e.message; throw e; }
  }
  packageCache[file] = pkg;
  return pkg;
}
/** Nearest package.json "type" decides whether .js is ESM (https://nodejs.org/api/packages.html#type). */
function packageType(file) {
  for (var dir = dirname(file); ; dir = dirname(dir)) {
    if (dir.slice(-13) === '/node_modules') return 'commonjs';
    var pkg = readPackage(dir);
    if (pkg) return pkg.type === 'module' ? 'module' : 'commonjs';
    if (dir === '/') return 'commonjs';
  }
}
function isEsmFile(file) {
  return file.slice(-4) === '.mjs' || (file.slice(-3) === '.js' && packageType(file) === 'module');
}

function tryFile(p) { return host.stat(p) === 1 ? p : null; }
function tryExtensions(p) { return tryFile(p) || tryFile(p + '.js') || tryFile(p + '.json') || tryFile(p + '.node'); }
function tryDirectory(p) {
  if (host.stat(p) !== 2) return null;
  var pkg = readPackage(p);
  if (pkg && typeof pkg.main === 'string' && pkg.main) {
    var m = resolvePath(p, pkg.main);
    var found = tryExtensions(m) || tryFile(m + '/index.js') || tryFile(m + '/index.json');
    if (found) return found;
  }
  return tryFile(p + '/index.js') || tryFile(p + '/index.json') || tryFile(p + '/index.node');
}
function exportsTarget(value, conditions) {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    for (var i = 0; i < value.length; i++) { var t = exportsTarget(value[i], conditions); if (t) return t; }
    return null;
  }
  if (value && typeof value === 'object') {
    for (var key in value) {
      if (conditions.indexOf(key) !== -1) { var r = exportsTarget(value[key], conditions); if (r) return r; }
    }
  }
  return null;
}
/** package.json "exports" for "." and "./sub" (exact keys and "./dir/*" patterns). */
function resolveExports(pkgDir, pkg, subpath, conditions) {
  var exp = pkg.exports;
  if (typeof exp === 'string' || Array.isArray(exp) || (exp && Object.keys(exp).every(function (k) { return k.charAt(0) !== '.'; }))) {
    exp = { '.': exp };
  }
  var target = null;
  if (Object.prototype.hasOwnProperty.call(exp, subpath)) target = exportsTarget(exp[subpath], conditions);
  else {
    for (var key in exp) {
      var star = key.indexOf('*');
      if (star === -1) continue;
      var pre = key.slice(0, star), post = key.slice(star + 1);
      if (subpath.slice(0, pre.length) === pre && subpath.length >= key.length - 1 && subpath.slice(subpath.length - post.length) === post) {
        var middle = subpath.slice(pre.length, subpath.length - post.length);
        var t = exportsTarget(exp[key], conditions);
        if (t) target = t.split('*').join(middle);
        break;
      }
    }
  }
  if (!target) {
    throw nodeError(Error, 'ERR_PACKAGE_PATH_NOT_EXPORTED', subpath === '.'
      ? 'No "exports" main defined in ' + pkgDir + '/package.json'
      : 'Package subpath \'' + subpath + '\' is not defined by "exports" in ' + pkgDir + '/package.json');
  }
  return resolvePath(pkgDir, target);
}
/** Resolves a bare specifier from directory fromDir (shared with the ESM loader via conditions). */
function resolvePackage(request, fromDir, conditions) {
  var parts = request.split('/');
  var nameLen = request.charAt(0) === '@' ? 2 : 1;
  var name = parts.slice(0, nameLen).join('/');
  var subpath = parts.length > nameLen ? './' + parts.slice(nameLen).join('/') : '.';
  var dirs = [];
  for (var dir = fromDir; ; dir = dirname(dir)) {
    if (dir.slice(-13) !== '/node_modules') dirs.push((dir === '/' ? '' : dir) + '/node_modules');
    if (dir === '/') break;
  }
  // Lambda sets NODE_PATH (node22's or node20's layer folder first); Node reads it at startup.
  var nodePath = typeof processObject.env.NODE_PATH === 'string' ? processObject.env.NODE_PATH.split(':').filter(Boolean) : NODE_PATH;
  dirs = dirs.concat(nodePath);
  for (var i = 0; i < dirs.length; i++) {
    var pkgDir = dirs[i] + '/' + name;
    if (host.stat(pkgDir) === 2) {
      var pkg = readPackage(pkgDir);
      if (pkg && pkg.exports !== undefined && pkg.exports !== null) return tryFile(resolveExports(pkgDir, pkg, subpath, conditions));
    }
    var base = dirs[i] + '/' + request;
    var found = tryExtensions(base) || tryDirectory(base);
    if (found) return found;
  }
  return null;
}

function Module(id, parent) {
  this.id = id;
  this.path = dirname(id);
  this.exports = {};
  this.filename = id;
  this.loaded = false;
  this.children = [];
  this.paths = [];
  Object.defineProperty(this, 'parentModule', { value: parent, enumerable: false, writable: true });
  if (parent) parent.children.push(this);
}
var moduleCache = Object.create(null);
var runtimeModule = new Module(RUNTIME_FILE, null);

function requireStack(parent) {
  var stack = [];
  for (var m = parent; m; m = m.parentModule) stack.push(m.filename);
  return stack;
}
function resolveFilename(request, parent) {
  if (typeof request !== 'string' || request === '') {
    var te = nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'id' must be a non-empty string. Received " + inspect(request));
    throw te;
  }
  var found = isRelative(request)
    ? (function () { var base = resolvePath(parent ? parent.path : '/var/task', request); return tryExtensions(base) || tryDirectory(base); })()
    : resolvePackage(request, parent ? parent.path : '/var/task', ['require', 'node', 'default']);
  if (found) return found;
  var stack = requireStack(parent);
  var err = new Error("Cannot find module '" + request + "'" + (stack.length ? '\nRequire stack:\n- ' + stack.join('\n- ') : ''));
  err.code = 'MODULE_NOT_FOUND';
  err.requireStack = stack;
  throw err;
}
function loadModule(request, parent) {
  var builtin = builtinName(request);
  if (builtin !== null) return part('builtins').requireBuiltin(builtin, request);
  var filename = resolveFilename(request, parent);
  return loadFile(filename, parent).exports;
}
function loadFile(filename, parent) {
  var cached = moduleCache[filename];
  if (cached) return cached;
  if (isEsmFile(filename)) {
    // Node 22.12+ loads an ES module without top-level await synchronously (require(esm)).
    var esm = new Module(filename, parent);
    try {
      esm.exports = host.requireEsm(filename);
    } catch (e) {
      if (e === 'async') {
        throw nodeError(Error, 'ERR_REQUIRE_ASYNC_MODULE', 'require() cannot be used on an ESM graph with top-level await. Use import() instead. To see where the top-level await comes from, use --experimental-print-required-tla.');
      }
      throw e;
    }
    esm.loaded = true;
    moduleCache[filename] = esm;
    return esm;
  }
  var module = new Module(filename, parent);
  moduleCache[filename] = module;
  try {
    if (filename.slice(-5) === '.json') {
      try { module.exports = JSON.parse(host.readText(filename)); } catch (e) { e.message = filename + ': ' + e.message; throw e; }
    } else if (filename.slice(-5) === '.node') {
      throw nodeError(Error, 'ERR_DLOPEN_FAILED', filename + ': native addons cannot run in Lambdalite');
    } else {
      var wrapper = host.compile(filename);
      wrapper.call(module.exports, module.exports, makeRequire(module), module, filename, module.path);
    }
    module.loaded = true;
  } catch (e) {
    delete moduleCache[filename];
    throw e;
  }
  return module;
}
/** node:module's createRequire(filename | file URL), https://nodejs.org/api/module.html#modulecreaterequirefilename */
function createRequire(from) {
  var url = part('url');
  var filename = from instanceof url.URL || String(from).slice(0, 7) === 'file://' ? url.fileURLToPath(from) : String(from);
  if (filename.charAt(0) !== '/') {
    var e = new TypeError("The argument 'filename' must be a file URL object, file URL string, or absolute path string. Received " + inspect(from));
    e.code = 'ERR_INVALID_ARG_VALUE';
    throw e;
  }
  return makeRequire(new Module(filename, null));
}
function makeRequire(module) {
  function require(request) { return loadModule(request, module); }
  require.resolve = function (request) {
    if (builtinName(request) !== null) return request;
    return resolveFilename(request, module);
  };
  require.cache = moduleCache;
  require.main = undefined;
  return require;
}
`;
