/**
 * Guest source (runs inside QuickJS): Node's `fs` and `fs/promises` over the environment's
 * file system (memory-fs.ts, reached through the host's `fs` function): /var/task and /opt
 * read-only, /tmp writable up to EphemeralStorage. Sync calls, callback calls and promises
 * share one implementation; errors carry Node's message, errno, code, syscall and path
 * (`ENOENT: no such file or directory, open '/tmp/missing.txt'`).
 * https://nodejs.org/api/fs.html
 * Streams, file descriptors and watchers are not offered: they throw a clear TypeError.
 *
 * A part (see parts.ts): compiled on first require or import of fs or fs/promises.
 */
export const FS_JS = String.raw`
var host = core.host, resolvePath = core.resolvePath, processObject = core.processObject, buffer = part('buffer');
var Buffer = buffer.Buffer, encodeString = buffer.encodeString, decodeBytes = buffer.decodeBytes;
var normalizeEncoding = buffer.normalizeEncoding, argTypeError = buffer.argTypeError;
var URL = part('url').URL, fileURLToPath = part('url').fileURLToPath;
var ERRNO = {
  ENOENT: [-2, 'no such file or directory'], EEXIST: [-17, 'file already exists'], ENOTDIR: [-20, 'not a directory'],
  EISDIR: [-21, 'illegal operation on a directory'], ENOTEMPTY: [-39, 'directory not empty'], EROFS: [-30, 'read-only file system'],
  ENOSPC: [-28, 'no space left on device'], EINVAL: [-22, 'invalid argument'],
};
/** Runs a host fs call; a failure arrives as the string 'fs:{json}' and leaves as Node's error. */
function fsHost(op, a, b, c) {
  try {
    return host.fs(op, a, b, c);
  } catch (thrown) {
    if (typeof thrown !== 'string' || thrown.slice(0, 3) !== 'fs:') throw thrown;
    var info = JSON.parse(thrown.slice(3));
    var errno = ERRNO[info.code] || [-1, 'operation not permitted'];
    var message = info.code + ': ' + errno[1] + ', ' + info.syscall;
    if (info.path !== undefined) message += " '" + info.path + "'";
    if (info.dest !== undefined) message += " -> '" + info.dest + "'";
    var err = new Error(message);
    err.errno = errno[0];
    err.code = info.code;
    err.syscall = info.syscall;
    if (info.path !== undefined) err.path = info.path;
    if (info.dest !== undefined) err.dest = info.dest;
    throw err;
  }
}
function toPathString(p, name) {
  if (p instanceof URL) return fileURLToPath(p);
  if (p instanceof Uint8Array) return decodeBytes(p, 'utf8');
  if (typeof p !== 'string') throw argTypeError(name || 'path', 'of type string or an instance of Buffer or URL', p);
  return p;
}
function fsPath(p, name) { return resolvePath(processObject.cwd(), toPathString(p, name)); }
function encodingOf(options) { return typeof options === 'string' ? options : options && options.encoding ? options.encoding : null; }
function flagOf(options, fallback) { return options && typeof options === 'object' && options.flag ? String(options.flag) : fallback; }
function Stats(s) {
  this.dev = 2049; this.mode = s.kind === 'directory' ? 16877 : 33188; this.nlink = 1; this.uid = 993; this.gid = 990;
  this.rdev = 0; this.blksize = 4096; this.ino = 0; this.size = s.size; this.blocks = Math.ceil(s.size / 512);
  this.atimeMs = s.mtimeMs; this.mtimeMs = s.mtimeMs; this.ctimeMs = s.mtimeMs; this.birthtimeMs = s.birthtimeMs;
  this.atime = new Date(s.mtimeMs); this.mtime = new Date(s.mtimeMs); this.ctime = new Date(s.mtimeMs); this.birthtime = new Date(s.birthtimeMs);
  Object.defineProperty(this, '_kind', { value: s.kind });
}
Stats.prototype.isFile = function () { return this._kind === 'file'; };
Stats.prototype.isDirectory = function () { return this._kind === 'directory'; };
['isSymbolicLink', 'isFIFO', 'isSocket', 'isBlockDevice', 'isCharacterDevice'].forEach(function (n) { Stats.prototype[n] = function () { return false; }; });
function Dirent(name, parentPath, kind) { this.name = name; this.parentPath = parentPath; this.path = parentPath; Object.defineProperty(this, '_kind', { value: kind }); }
Dirent.prototype = Object.create(Stats.prototype);
Dirent.prototype.constructor = Dirent;
function dataBytes(data, encoding) {
  if (typeof data === 'string') return encoding && normalizeEncoding(encoding) !== 'utf8' ? encodeString(data, encoding) : data;
  if (ArrayBuffer.isView(data)) return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
  throw argTypeError('data', 'of type string or an instance of Buffer, TypedArray, or DataView', data);
}
function asBuffer(x) { return typeof x === 'string' ? x : x instanceof ArrayBuffer ? x : x.buffer.slice(x.byteOffset, x.byteOffset + x.byteLength); }

var fsSync = {
  existsSync: function (p) { try { return fsHost('exists', fsPath(p)) === 1; } catch (e) { return false; } },
  accessSync: function (p) { fsHost('stat', fsPath(p), 'access'); },
  statSync: function (p, options) {
    try { return new Stats(JSON.parse(fsHost('stat', fsPath(p), 'stat'))); }
    catch (e) { if (options && options.throwIfNoEntry === false && e.code === 'ENOENT') return undefined; throw e; }
  },
  readFileSync: function (p, options) {
    var path = fsPath(p), encoding = encodingOf(options);
    if (encoding !== null && normalizeEncoding(encoding) === 'utf8') return fsHost('readText', path);
    var bytes = Buffer.from(fsHost('read', path));
    return encoding === null || encoding === 'buffer' ? bytes : bytes.toString(encoding);
  },
  writeFileSync: function (p, data, options) {
    fsHost('write', fsPath(p), asBuffer(dataBytes(data, encodingOf(options))), flagOf(options, 'w'));
  },
  appendFileSync: function (p, data, options) {
    fsHost('write', fsPath(p), asBuffer(dataBytes(data, encodingOf(options))), flagOf(options, 'a'));
  },
  mkdirSync: function (p, options) {
    var recursive = !!(options && typeof options === 'object' && options.recursive);
    var first = fsHost('mkdir', fsPath(p), recursive ? 'recursive' : '');
    return recursive ? first : undefined;
  },
  mkdtempSync: function (prefix) {
    var chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', suffix = '';
    var bytes = new Uint8Array(host.random(6));
    for (var i = 0; i < 6; i++) suffix += chars[bytes[i] % chars.length];
    var path = fsPath(String(prefix) + suffix);
    fsHost('mkdir', path, '');
    return path;
  },
  readdirSync: function (p, options) {
    var path = fsPath(p);
    var names = JSON.parse(fsHost('readdir', path));
    if (options && typeof options === 'object' && options.withFileTypes) {
      return names.map(function (n) { return new Dirent(n, path, JSON.parse(fsHost('stat', resolvePath(path, n), 'stat')).kind); });
    }
    return names;
  },
  unlinkSync: function (p) { fsHost('unlink', fsPath(p)); },
  rmdirSync: function (p, options) { fsHost('rm', fsPath(p), options && options.recursive ? 'recursive' : '', 'rmdir'); },
  rmSync: function (p, options) {
    var flags = (options && options.recursive ? 'recursive ' : '') + (options && options.force ? 'force' : '');
    var path = fsPath(p);
    if (!(options && options.recursive)) {
      var st = null;
      try { st = JSON.parse(fsHost('stat', path, 'lstat')); } catch (e) { if (!(options && options.force)) throw e; return; }
      if (st.kind === 'directory') {
        var err = new Error('Path is a directory: rm returned EISDIR (is a directory) ' + path);
        err.code = 'ERR_FS_EISDIR'; err.errno = 21; err.syscall = 'rm'; err.path = path;
        throw err;
      }
    }
    fsHost('rm', path, flags, 'rm');
  },
  renameSync: function (from, to) { fsHost('rename', fsPath(from, 'oldPath'), fsPath(to, 'newPath')); },
  copyFileSync: function (from, to, mode) { fsHost('copy', fsPath(from, 'src'), fsPath(to, 'dest'), mode & 1 ? 'exclusive' : ''); },
  cpSync: function (from, to) { fsSync.copyFileSync(from, to); },
  realpathSync: function (p) { var path = fsPath(p); fsHost('stat', path, 'lstat'); return path; },
  truncateSync: function (p, len) {
    var bytes = fsSync.readFileSync(p);
    fsSync.writeFileSync(p, Buffer.concat([bytes.subarray(0, len || 0), Buffer.alloc(Math.max(0, (len || 0) - bytes.length))]));
  },
};
fsSync.lstatSync = fsSync.statSync;
fsSync.realpathSync.native = fsSync.realpathSync;
var FS_CONSTANTS = { F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1, COPYFILE_EXCL: 1, COPYFILE_FICLONE: 2, COPYFILE_FICLONE_FORCE: 4,
  O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2, O_CREAT: 64, O_EXCL: 128, O_TRUNC: 512, O_APPEND: 1024 };
var ASYNC_NAMES = ['access', 'stat', 'lstat', 'readFile', 'writeFile', 'appendFile', 'mkdir', 'mkdtemp', 'readdir', 'unlink',
  'rmdir', 'rm', 'rename', 'copyFile', 'cp', 'realpath', 'truncate'];
function fsPromises() {
  var promises = { constants: FS_CONSTANTS };
  ASYNC_NAMES.forEach(function (name) {
    var sync = fsSync[name + 'Sync'];
    promises[name] = function () {
      var args = arguments;
      return new Promise(function (resolve) { resolve(sync.apply(undefined, args)); });
    };
  });
  return promises;
}
function notOffered(name) {
  return function () {
    throw new TypeError('fs.' + name + ' is not available in Lambdalite: use readFile/writeFile (sync, callback or promise forms)');
  };
}
function fsModule() {
  var fs = { constants: FS_CONSTANTS, Stats: Stats, Dirent: Dirent, promises: fsPromises() };
  Object.keys(fsSync).forEach(function (k) { fs[k] = fsSync[k]; });
  ASYNC_NAMES.forEach(function (name) {
    var sync = fsSync[name + 'Sync'];
    fs[name] = function () {
      var args = Array.prototype.slice.call(arguments);
      var callback = args.pop();
      if (typeof callback !== 'function') throw argTypeError('cb', 'of type function', callback);
      var result, error = null;
      try { result = sync.apply(undefined, args); } catch (e) { error = e; }
      // Node calls back on a later turn of the event loop, never synchronously.
      setImmediate(function () { if (error) callback(error); else callback(null, result); });
    };
  });
  fs.exists = function (p, callback) { var ok = fsSync.existsSync(p); setImmediate(function () { callback(ok); }); };
  ['createReadStream', 'createWriteStream', 'open', 'openSync', 'watch', 'watchFile', 'symlinkSync', 'linkSync', 'chmodSync', 'chownSync']
    .forEach(function (n) { fs[n] = notOffered(n); });
  return fs;
}
return { fsModule: fsModule, fsPromises: fsPromises };
`;
