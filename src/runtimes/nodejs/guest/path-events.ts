/**
 * Guest source (runs inside QuickJS), spliced into the builtins part (builtins.ts): Node's
 * `path` (posix, as Lambda runs Linux; https://nodejs.org/api/path.html) and `events`
 * (EventEmitter, events.once; https://nodejs.org/api/events.html).
 */
export const PATH_EVENTS_JS = String.raw`
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

`;
