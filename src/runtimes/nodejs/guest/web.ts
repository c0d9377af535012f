/**
 * Guest source (runs inside QuickJS): the web globals Node gives a handler — `URL` and
 * `URLSearchParams` (a compact WHATWG URL parser: special schemes with authority,
 * relative resolution, dot segments, percent-encoding), `structuredClone`,
 * `AbortController`/`AbortSignal`, `performance.now()`, and `fetch` with `Headers`,
 * `Request` and `Response`.
 *
 * `fetch` goes through the host (host-fetch.ts), which performs the request with the sandbox
 * worker's fetch only when the function's "Allow network access" setting is on; otherwise it
 * rejects with a TypeError naming that setting. Bodies are read whole (no streams).
 * https://nodejs.org/api/globals.html#fetch
 *
 * A part (see parts.ts): compiled on first use of one of these globals or of node:url.
 */
export const WEB_JS = String.raw`
var host = core.host, utf8Encode = core.utf8Encode, utf8Decode = core.utf8Decode, inspect = core.inspect;
var getConstructorName = core.getConstructorName, processObject = core.processObject, resolvePath = core.resolvePath;
var HEX = part('buffer').HEX, argTypeError = part('buffer').argTypeError, Buffer = part('buffer').Buffer;
var SPECIAL_PORTS = { 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443', 'ftp:': '21', 'file:': '' };
function invalidUrl(input) {
  var e = new TypeError('Invalid URL');
  e.code = 'ERR_INVALID_URL';
  e.input = input;
  return e;
}
/** Percent-encodes UTF-8 bytes of characters outside printable ASCII and those in extra. */
function percentEncode(str, extra) {
  var out = '';
  for (var i = 0; i < str.length; i++) {
    var c = str.charCodeAt(i), ch = str[i];
    if (c > 0x20 && c < 0x7f && extra.indexOf(ch) === -1) { out += ch; continue; }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < str.length) { ch += str[++i]; }
    var bytes = utf8Encode(ch);
    for (var j = 0; j < bytes.length; j++) out += '%' + HEX[bytes[j]].toUpperCase();
  }
  return out;
}
var PATH_ENCODE = ' "#<>?' + String.fromCharCode(96) + '{}';
var USERINFO_ENCODE = PATH_ENCODE + '/:;=@[\\]^|';
function removeDotSegments(segments) {
  var out = [];
  for (var i = 0; i < segments.length; i++) {
    var s = segments[i], lower = s.toLowerCase();
    var last = i === segments.length - 1;
    if (s === '..' || lower === '.%2e' || lower === '%2e.' || lower === '%2e%2e') { out.pop(); if (last) out.push(''); }
    else if (s === '.' || lower === '%2e') { if (last) out.push(''); }
    else out.push(s);
  }
  return out;
}
/** Parses input against an optional base into { protocol, username, password, hostname, port, pathname, search, hash, opaque }. */
function parseUrl(input, base) {
  var s = String(input).replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
  var m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(s);
  var r = { protocol: '', username: '', password: '', hostname: '', port: '', pathname: '', search: '', hash: '', opaque: false };
  var rest;
  if (m) {
    r.protocol = m[1].toLowerCase() + ':';
    rest = s.slice(m[0].length);
    if (base && base.protocol === r.protocol && r.protocol in SPECIAL_PORTS && !/^[\/\\]/.test(rest)) {
      return parseRelative(rest, base, r);
    }
  } else {
    if (!base) throw invalidUrl(input);
    r.protocol = base.protocol;
    return parseRelative(s, base, r);
  }
  var special = r.protocol in SPECIAL_PORTS;
  var hashAt = rest.indexOf('#');
  if (hashAt !== -1) { r.hash = fragment(rest.slice(hashAt)); rest = rest.slice(0, hashAt); }
  var queryAt = rest.indexOf('?');
  if (queryAt !== -1) { r.search = query(rest.slice(queryAt), special); rest = rest.slice(0, queryAt); }
  if (r.protocol === 'file:') {
    // file: has an (often empty) host between '//' and the path: file:///var/task/x.
    var slashes = /^[\/\\]{2}/.test(rest);
    if (slashes) rest = rest.slice(2);
    var pathStart = slashes ? rest.search(/[\/\\]/) : 0;
    if (slashes) r.hostname = (pathStart === -1 ? rest : rest.slice(0, pathStart)).toLowerCase();
    if (r.hostname === 'localhost') r.hostname = '';
    r.pathname = path(pathStart === -1 ? '/' : rest.slice(pathStart), true);
  } else if (special) {
    rest = rest.replace(/^[\/\\]*/, '');
    var end = rest.search(/[\/\\]/);
    var authority = end === -1 ? rest : rest.slice(0, end);
    parseAuthority(authority, r, input);
    if (r.hostname === '' && r.protocol !== 'file:') throw invalidUrl(input);
    r.pathname = path(end === -1 ? '' : rest.slice(end), true);
  } else if (rest.slice(0, 2) === '//') {
    rest = rest.slice(2);
    var e2 = rest.indexOf('/');
    parseAuthority(e2 === -1 ? rest : rest.slice(0, e2), r, input);
    r.pathname = e2 === -1 ? '' : path(rest.slice(e2), false);
  } else if (rest.charAt(0) === '/') {
    r.pathname = path(rest, false);
  } else {
    r.opaque = true;
    r.pathname = percentEncode(rest, '');
  }
  return r;
}
function fragment(str) { return str === '#' ? '' : percentEncode(str, ' "<>' + String.fromCharCode(96)).replace(/^%23/, '#'); }
function query(str, special) { return str === '?' ? '' : '?' + percentEncode(str.slice(1), special ? ' "#<>\'' : ' "#<>'); }
function path(str, special) {
  var segments = (special ? str.replace(/\\/g, '/') : str).split('/').slice(1);
  if (segments.length === 0) return special ? '/' : '';
  return '/' + removeDotSegments(segments.map(function (seg) { return percentEncode(seg, PATH_ENCODE); })).join('/');
}
function parseAuthority(authority, r, input) {
  var at = authority.lastIndexOf('@');
  if (at !== -1) {
    var userinfo = authority.slice(0, at), colon = userinfo.indexOf(':');
    r.username = percentEncode(colon === -1 ? userinfo : userinfo.slice(0, colon), USERINFO_ENCODE);
    r.password = colon === -1 ? '' : percentEncode(userinfo.slice(colon + 1), USERINFO_ENCODE);
    authority = authority.slice(at + 1);
  }
  var portMatch = /:(\d*)$/.exec(authority);
  var host = portMatch && authority.charAt(0) !== '[' || (portMatch && authority.indexOf(']') < portMatch.index) ? authority.slice(0, portMatch.index) : authority;
  if (portMatch && host !== authority && portMatch[1] !== '') {
    var port = parseInt(portMatch[1], 10);
    if (port > 65535) throw invalidUrl(input);
    r.port = String(port) === SPECIAL_PORTS[r.protocol] ? '' : String(port);
  } else if (/:[^\]]*$/.test(authority) && authority.charAt(0) !== '[') {
    throw invalidUrl(input);
  }
  try { host = decodeURIComponent(host); } catch (e) { throw invalidUrl(input); }
  if (/[\u0000\t\n\r #\/<>?@[\\\]^|%]/.test(host.replace(/^\[[0-9a-fA-F:.]+\]$/, 'ipv6'))) throw invalidUrl(input);
  r.hostname = r.protocol in SPECIAL_PORTS ? host.toLowerCase() : host;
}
function parseRelative(s, base, r) {
  if (base.opaque) {
    if (s.charAt(0) !== '#') throw invalidUrl(s);
  }
  if (/^[\/\\]{2}/.test(s) && r.protocol in SPECIAL_PORTS || s.slice(0, 2) === '//') return parseUrl(r.protocol + s);
  r.username = base.username; r.password = base.password; r.hostname = base.hostname; r.port = base.port;
  var special = r.protocol in SPECIAL_PORTS;
  var hashAt = s.indexOf('#');
  if (hashAt !== -1) { r.hash = fragment(s.slice(hashAt)); s = s.slice(0, hashAt); }
  var queryAt = s.indexOf('?');
  if (queryAt !== -1) { r.search = query(s.slice(queryAt), special); s = s.slice(0, queryAt); }
  if (s === '') {
    r.pathname = base.pathname; r.opaque = base.opaque;
    if (queryAt === -1) r.search = base.search;
  } else if (/^[\/\\]/.test(s)) {
    r.pathname = path(s, special);
  } else {
    var dir = base.pathname.slice(0, base.pathname.lastIndexOf('/') + 1);
    r.pathname = path((dir || '/') + s, special);
  }
  return r;
}
var urlParts = new WeakMap();
function parts(url) {
  var p = urlParts.get(url);
  if (!p) throw new TypeError('Receiver must be an instance of class URL');
  return p;
}
function serializeUrl(p) {
  var out = p.protocol;
  if (p.hostname !== '' || p.protocol === 'file:' || (!p.opaque && p.protocol in SPECIAL_PORTS)) {
    out += '//';
    if (p.username !== '' || p.password !== '') out += p.username + (p.password !== '' ? ':' + p.password : '') + '@';
    out += p.hostname + (p.port !== '' ? ':' + p.port : '');
  }
  return out + p.pathname + p.search + p.hash;
}
class URL {
  constructor(input, base) {
    var b = base === undefined ? undefined : base instanceof URL ? parts(base) : parseUrl(String(base));
    var p = parseUrl(input instanceof URL ? input.href : String(input), b);
    urlParts.set(this, p);
    var self = this;
    p.params = new URLSearchParams(p.search);
    p.params._onChange = function () { var q = p.params.toString(); p.search = q === '' ? '' : '?' + q; };
  }
  static canParse(input, base) { try { new URL(input, base); return true; } catch (e) { return false; } }
  static parse(input, base) { try { return new URL(input, base); } catch (e) { return null; } }
  get href() { return serializeUrl(parts(this)); }
  set href(value) {
    var next = parseUrl(String(value));
    var p = parts(this);
    for (var k in next) p[k] = next[k];
    p.params._replace(p.search);
  }
  get origin() {
    var p = parts(this);
    if (p.protocol === 'blob:') { try { return new URL(p.pathname).origin; } catch (e) { return 'null'; } }
    if (!(p.protocol in SPECIAL_PORTS) || p.protocol === 'file:') return 'null';
    return p.protocol + '//' + p.hostname + (p.port !== '' ? ':' + p.port : '');
  }
  get protocol() { return parts(this).protocol; }
  set protocol(v) { var m = /^([a-zA-Z][a-zA-Z0-9+.-]*)/.exec(String(v)); if (m) parts(this).protocol = m[1].toLowerCase() + ':'; }
  get username() { return parts(this).username; }
  set username(v) { parts(this).username = percentEncode(String(v), USERINFO_ENCODE); }
  get password() { return parts(this).password; }
  set password(v) { parts(this).password = percentEncode(String(v), USERINFO_ENCODE); }
  get host() { var p = parts(this); return p.hostname + (p.port !== '' ? ':' + p.port : ''); }
  set host(v) { var p = parts(this); try { var q = parseUrl(p.protocol + '//' + String(v)); p.hostname = q.hostname; p.port = q.port; } catch (e) {} }
  get hostname() { return parts(this).hostname; }
  set hostname(v) { var p = parts(this); try { p.hostname = parseUrl(p.protocol + '//' + String(v)).hostname; } catch (e) {} }
  get port() { return parts(this).port; }
  set port(v) {
    var p = parts(this), m = /^\d*/.exec(String(v))[0];
    if (m === '') { if (String(v) === '') p.port = ''; return; }
    var n = parseInt(m, 10);
    if (n <= 65535) p.port = String(n) === SPECIAL_PORTS[p.protocol] ? '' : String(n);
  }
  get pathname() { return parts(this).pathname; }
  set pathname(v) { var p = parts(this); if (!p.opaque) p.pathname = path((String(v).charAt(0) === '/' ? '' : '/') + String(v), p.protocol in SPECIAL_PORTS); }
  get search() { var s = parts(this).search; return s === '?' ? '' : s; }
  set search(v) {
    var p = parts(this), s = String(v);
    if (s.charAt(0) === '?') s = s.slice(1);
    p.search = s === '' ? '' : query('?' + s, p.protocol in SPECIAL_PORTS);
    p.params._replace(p.search);
  }
  get searchParams() { return parts(this).params; }
  get hash() { return parts(this).hash; }
  set hash(v) { var s = String(v); if (s.charAt(0) === '#') s = s.slice(1); parts(this).hash = s === '' ? '' : fragment('#' + s); }
  toString() { return this.href; }
  toJSON() { return this.href; }
  [Symbol.for('nodejs.util.inspect.custom')]() {
    var self = this;
    var shown = {};
    ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'searchParams', 'hash']
      .forEach(function (k) { shown[k] = self[k]; });
    return 'URL ' + inspect(shown);
  }
}
function formEncode(str) {
  return percentEncode(String(str), '!"#$%&\'()+,/:;<=>?@[\\]^' + String.fromCharCode(96) + '{|}~').replace(/%20/g, '+');
}
function formDecode(str) {
  var s = str.replace(/\+/g, ' ');
  try { return decodeURIComponent(s); } catch (e) {
    return s.replace(/%([0-9a-fA-F]{2})/g, function (all, h) { return String.fromCharCode(parseInt(h, 16)); });
  }
}
class URLSearchParams {
  constructor(init) {
    this._list = [];
    this._onChange = null;
    if (init === undefined || init === null) return;
    if (typeof init === 'object' || typeof init === 'function') {
      if (typeof init[Symbol.iterator] === 'function') {
        for (var pair of init) {
          var arr = Array.from(pair);
          if (arr.length !== 2) { var e = new TypeError('Each query pair must be an iterable [name, value] tuple'); e.code = 'ERR_INVALID_TUPLE'; throw e; }
          this._list.push([String(arr[0]), String(arr[1])]);
        }
      } else {
        for (var key of Object.keys(init)) this._list.push([key, String(init[key])]);
      }
    } else this._replace(String(init));
  }
  _replace(str) {
    this._list = [];
    var s = str.charAt(0) === '?' ? str.slice(1) : str;
    if (s === '') return;
    var pairs = s.split('&');
    for (var i = 0; i < pairs.length; i++) {
      if (pairs[i] === '') continue;
      var eq = pairs[i].indexOf('=');
      this._list.push(eq === -1 ? [formDecode(pairs[i]), ''] : [formDecode(pairs[i].slice(0, eq)), formDecode(pairs[i].slice(eq + 1))]);
    }
  }
  _changed() { if (this._onChange) this._onChange(); }
  get size() { return this._list.length; }
  append(name, value) { this._list.push([String(name), String(value)]); this._changed(); }
  delete(name, value) {
    var n = String(name);
    this._list = this._list.filter(function (p) { return p[0] !== n || (value !== undefined && p[1] !== String(value)); });
    this._changed();
  }
  get(name) { var n = String(name); for (var i = 0; i < this._list.length; i++) if (this._list[i][0] === n) return this._list[i][1]; return null; }
  getAll(name) { var n = String(name); return this._list.filter(function (p) { return p[0] === n; }).map(function (p) { return p[1]; }); }
  has(name, value) { var n = String(name); return this._list.some(function (p) { return p[0] === n && (value === undefined || p[1] === String(value)); }); }
  set(name, value) {
    var n = String(name), v = String(value), found = false;
    this._list = this._list.filter(function (p) {
      if (p[0] !== n) return true;
      if (found) return false;
      found = true; p[1] = v; return true;
    });
    if (!found) this._list.push([n, v]);
    this._changed();
  }
  sort() {
    var indexed = this._list.map(function (p, i) { return [p, i]; });
    indexed.sort(function (a, b) { return a[0][0] < b[0][0] ? -1 : a[0][0] > b[0][0] ? 1 : a[1] - b[1]; });
    this._list = indexed.map(function (x) { return x[0]; });
    this._changed();
  }
  forEach(fn, thisArg) { var self = this; this._list.slice().forEach(function (p) { fn.call(thisArg, p[1], p[0], self); }); }
  keys() { return this._list.map(function (p) { return p[0]; })[Symbol.iterator](); }
  values() { return this._list.map(function (p) { return p[1]; })[Symbol.iterator](); }
  entries() { return this._list.map(function (p) { return [p[0], p[1]]; })[Symbol.iterator](); }
  [Symbol.iterator]() { return this.entries(); }
  toString() { return this._list.map(function (p) { return formEncode(p[0]) + '=' + formEncode(p[1]); }).join('&'); }
  [Symbol.for('nodejs.util.inspect.custom')]() {
    if (this._list.length === 0) return 'URLSearchParams {}';
    return 'URLSearchParams { ' + this._list.map(function (p) { return inspect(p[0]) + ' => ' + inspect(p[1]); }).join(', ') + ' }';
  }
}
Object.defineProperty(URLSearchParams.prototype, Symbol.toStringTag, { value: 'URLSearchParams', configurable: true });
function fileURLToPath(url) {
  var u = typeof url === 'string' ? new URL(url) : url;
  if (!(u instanceof URL)) throw argTypeError('path', 'of type string or an instance of URL', url);
  if (u.protocol !== 'file:') { var e = new TypeError('The URL must be of scheme file'); e.code = 'ERR_INVALID_URL_SCHEME'; throw e; }
  return decodeURIComponent(u.pathname);
}
function pathToFileURL(p) {
  var resolved = resolvePath(processObject.cwd(), String(p));
  if (String(p).slice(-1) === '/' && resolved !== '/') resolved += '/';
  return new URL('file://' + percentEncode(resolved, '%?#' + PATH_ENCODE));
}

// ---- structuredClone (the HTML structured clone algorithm, for the types a handler passes) ----
function dataCloneError(value) {
  // V8's wording: the function's source or the symbol, else #<Constructor>.
  var shown = typeof value === 'function' || typeof value === 'symbol' ? String(value) : '#<' + (getConstructorName(value) || 'Object') + '>';
  var e = new Error(shown + ' could not be cloned.');
  e.name = 'DataCloneError';
  e.code = 25;
  return e;
}
function structuredCloneFn(value) {
  if (arguments.length === 0) { var e = new TypeError("The \"value\" argument must be specified"); e.code = 'ERR_MISSING_ARGS'; throw e; }
  var memory = new Map();
  function clone(v) {
    if (v === null || typeof v !== 'object' && typeof v !== 'function') {
      if (typeof v === 'symbol') throw dataCloneError(v);
      return v;
    }
    if (typeof v === 'function') throw dataCloneError(v);
    if (memory.has(v)) return memory.get(v);
    var out;
    if (v instanceof Date) out = new Date(v.getTime());
    else if (v instanceof RegExp) out = new RegExp(v.source, v.flags);
    else if (v instanceof ArrayBuffer) out = v.slice(0);
    else if (ArrayBuffer.isView(v)) {
      var buf = clone(v.buffer);
      var C = v instanceof Buffer ? Uint8Array : v.constructor;
      out = v instanceof DataView ? new DataView(buf, v.byteOffset, v.byteLength) : new C(buf, v.byteOffset, v.length);
    } else if (v instanceof Map) { out = new Map(); memory.set(v, out); v.forEach(function (val, key) { out.set(clone(key), clone(val)); }); return out; }
    else if (v instanceof Set) { out = new Set(); memory.set(v, out); v.forEach(function (val) { out.add(clone(val)); }); return out; }
    else if (v instanceof Error) {
      var ctor = { EvalError: EvalError, RangeError: RangeError, ReferenceError: ReferenceError, SyntaxError: SyntaxError, TypeError: TypeError, URIError: URIError }[v.name] || Error;
      out = new ctor(v.message);
      out.stack = v.stack;
      if ('cause' in v) out.cause = clone(v.cause);
    } else if (v instanceof Boolean || v instanceof Number || v instanceof String) out = Object(v.valueOf());
    else if (v instanceof Promise || v instanceof WeakMap || v instanceof WeakSet || v instanceof WeakRef) throw dataCloneError(v);
    else {
      out = Array.isArray(v) ? new Array(v.length) : {};
      memory.set(v, out);
      for (var k of Object.keys(v)) out[k] = clone(v[k]);
      return out;
    }
    memory.set(v, out);
    return out;
  }
  return clone(value);
}

// ---- AbortController, performance ----
function abortError(reason) {
  if (reason !== undefined) return reason;
  var e = new Error('This operation was aborted');
  e.name = 'AbortError';
  e.code = 20;
  return e;
}
class AbortSignal {
  constructor() { this.aborted = false; this.reason = undefined; this.onabort = null; this._listeners = []; }
  addEventListener(type, fn) { if (type === 'abort') this._listeners.push(fn); }
  removeEventListener(type, fn) { this._listeners = this._listeners.filter(function (l) { return l !== fn; }); }
  throwIfAborted() { if (this.aborted) throw this.reason; }
  _abort(reason) {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason === undefined ? abortError() : reason;
    var event = { type: 'abort', target: this };
    if (typeof this.onabort === 'function') this.onabort(event);
    this._listeners.slice().forEach(function (l) { l(event); });
  }
  static abort(reason) { var s = new AbortSignal(); s._abort(reason); return s; }
  static timeout(ms) {
    var s = new AbortSignal();
    var t = setTimeout(function () {
      var e = new Error('The operation was aborted due to timeout'); e.name = 'TimeoutError'; e.code = 23; s._abort(e);
    }, ms);
    t.unref();
    return s;
  }
}
class AbortController {
  constructor() { this.signal = new AbortSignal(); }
  abort(reason) { this.signal._abort(reason); }
}
var timeOrigin = Date.now();
var performanceObject = {
  timeOrigin: timeOrigin,
  now: function () { return Date.now() - timeOrigin; },
  mark: function () {}, measure: function () {},
  toJSON: function () { return { timeOrigin: timeOrigin }; },
};

// ---- fetch, Headers, Request, Response ----
function normalizeHeaderName(name) {
  var n = String(name);
  if (!/^[!#$%&'*+\-.^_|~0-9A-Za-z\x60]+$/.test(n)) throw new TypeError('Header name must be a valid HTTP token ["' + n + '"]');
  return n.toLowerCase();
}
class Headers {
  constructor(init) {
    this._map = new Map();
    if (init === undefined || init === null) return;
    var self = this;
    if (init instanceof Headers) init.forEach(function (v, k) { self.append(k, v); });
    else if (typeof init[Symbol.iterator] === 'function') { for (var pair of init) this.append(pair[0], pair[1]); }
    else Object.keys(init).forEach(function (k) { self.append(k, init[k]); });
  }
  append(name, value) {
    var n = normalizeHeaderName(name), v = String(value).trim();
    var list = this._map.get(n);
    if (list) list.push(v); else this._map.set(n, [v]);
  }
  set(name, value) { this._map.set(normalizeHeaderName(name), [String(value).trim()]); }
  get(name) { var list = this._map.get(normalizeHeaderName(name)); return list ? list.join(', ') : null; }
  getSetCookie() { return (this._map.get('set-cookie') || []).slice(); }
  has(name) { return this._map.has(normalizeHeaderName(name)); }
  delete(name) { this._map.delete(normalizeHeaderName(name)); }
  forEach(fn, thisArg) { var self = this; this._sorted().forEach(function (p) { fn.call(thisArg, p[1], p[0], self); }); }
  _sorted() {
    var out = [];
    Array.from(this._map.keys()).sort().forEach(function (k) {
      var list = this._map.get(k);
      if (k === 'set-cookie') list.forEach(function (v) { out.push([k, v]); });
      else out.push([k, list.join(', ')]);
    }, this);
    return out;
  }
  keys() { return this._sorted().map(function (p) { return p[0]; })[Symbol.iterator](); }
  values() { return this._sorted().map(function (p) { return p[1]; })[Symbol.iterator](); }
  entries() { return this._sorted()[Symbol.iterator](); }
  [Symbol.iterator]() { return this.entries(); }
  [Symbol.for('nodejs.util.inspect.custom')]() {
    var o = {};
    this._sorted().forEach(function (p) { o[p[0]] = p[1]; });
    return 'Headers ' + inspect(o);
  }
}
/** A body as bytes plus the content type it implies (the Fetch standard's "extract a body"). */
function extractBody(body) {
  if (body === undefined || body === null) return { bytes: null, type: null };
  if (typeof body === 'string') return { bytes: utf8Encode(body), type: 'text/plain;charset=UTF-8' };
  if (body instanceof URLSearchParams) return { bytes: utf8Encode(body.toString()), type: 'application/x-www-form-urlencoded;charset=UTF-8' };
  if (body instanceof ArrayBuffer) return { bytes: new Uint8Array(body.slice(0)), type: null };
  if (ArrayBuffer.isView(body)) return { bytes: new Uint8Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength)), type: null };
  return { bytes: utf8Encode(String(body)), type: 'text/plain;charset=UTF-8' };
}
function bodyMixin(proto) {
  proto._consume = function () {
    if (this.bodyUsed) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
    this._used = true;
    return Promise.resolve(this._bytes || new Uint8Array(0));
  };
  Object.defineProperty(proto, 'bodyUsed', { get: function () { return !!this._used; }, configurable: true });
  proto.text = function () { return this._consume().then(function (b) { return utf8Decode(b, false); }); };
  proto.json = function () { return this.text().then(function (t) { return JSON.parse(t); }); };
  proto.arrayBuffer = function () { return this._consume().then(function (b) { return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength); }); };
  proto.bytes = function () { return this._consume().then(function (b) { return new Uint8Array(b); }); };
}
class Request {
  constructor(input, init) {
    init = init || {};
    var source = input instanceof Request ? input : null;
    var url;
    try { url = new URL(source ? source.url : String(input)); } catch (e) {
      var te = new TypeError('Failed to parse URL from ' + String(input)); te.cause = e; throw te;
    }
    if (url.username !== '' || url.password !== '') throw new TypeError('Request cannot be constructed from a URL that includes credentials: ' + url.href);
    this.url = url.href;
    this.method = String(init.method || (source ? source.method : 'GET')).toUpperCase();
    this.headers = new Headers(init.headers || (source ? source.headers : undefined));
    this.signal = init.signal || (source ? source.signal : new AbortSignal());
    this.redirect = init.redirect || 'follow';
    var extracted = extractBody(init.body !== undefined ? init.body : source ? source._bytes : null);
    if (extracted.bytes !== null && (this.method === 'GET' || this.method === 'HEAD')) throw new TypeError('Request with GET/HEAD method cannot have body.');
    this._bytes = extracted.bytes;
    if (extracted.type !== null && !this.headers.has('content-type')) this.headers.set('content-type', extracted.type);
  }
  clone() { return new Request(this); }
}
bodyMixin(Request.prototype);
var STATUS_TEXT = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found',
  304: 'Not Modified', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error' };
class Response {
  constructor(body, init) {
    init = init || {};
    var status = init.status === undefined ? 200 : Number(init.status);
    if (!(status >= 200 && status <= 599)) {
      var e = new RangeError('init["status"] must be in the range of 200 to 599, inclusive.'); throw e;
    }
    this.status = status;
    this.statusText = init.statusText === undefined ? '' : String(init.statusText);
    this.headers = new Headers(init.headers);
    this.type = 'default';
    this.url = '';
    this.redirected = false;
    var extracted = extractBody(body);
    this._bytes = extracted.bytes;
    if (extracted.type !== null && !this.headers.has('content-type')) this.headers.set('content-type', extracted.type);
  }
  get ok() { return this.status >= 200 && this.status <= 299; }
  get body() { return this._bytes === null ? null : { locked: false }; }
  clone() {
    if (this.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.');
    var r = new Response(this._bytes === null ? null : this._bytes.slice(), { status: this.status, statusText: this.statusText, headers: this.headers });
    r.type = this.type; r.url = this.url; r.redirected = this.redirected;
    return r;
  }
  static json(data, init) {
    var headers = new Headers(init && init.headers);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    return new Response(JSON.stringify(data), Object.assign({}, init, { headers: headers }));
  }
  static error() { var r = new Response(null, { status: 200 }); r.status = 0; r.type = 'error'; return r; }
  static redirect(url, status) { return new Response(null, { status: status || 302, headers: { location: new URL(url).href } }); }
}
bodyMixin(Response.prototype);
function fetchFn(input, init) {
  return new Promise(function (resolve, reject) {
    var request = new Request(input, init);
    var signal = request.signal;
    if (signal.aborted) { reject(signal.reason); return; }
    var meta = JSON.stringify({ url: request.url, method: request.method, headers: Array.from(request.headers) });
    var body = request._bytes === null ? undefined : request._bytes.buffer.slice(request._bytes.byteOffset, request._bytes.byteOffset + request._bytes.byteLength);
    var onAbort = function () { reject(signal.reason); };
    signal.addEventListener('abort', onAbort);
    host.fetch(meta, body).then(function (answer) {
      signal.removeEventListener('abort', onAbort);
      var m = JSON.parse(answer.meta);
      var response = new Response(null, { status: m.status >= 200 ? m.status : 200, statusText: m.statusText, headers: m.headers });
      response.status = m.status;
      response._bytes = new Uint8Array(answer.body);
      response.url = m.url;
      response.redirected = m.redirected;
      response.type = 'basic';
      resolve(response);
    }, function (reason) {
      signal.removeEventListener('abort', onAbort);
      var failure = JSON.parse(String(reason));
      if (failure.kind === 'off') { reject(new TypeError(failure.message)); return; }
      var e = new TypeError('fetch failed');
      e.cause = new Error(failure.message);
      reject(e);
    });
  });
}
return {
  URL: URL, URLSearchParams: URLSearchParams, structuredClone: structuredCloneFn, AbortController: AbortController,
  AbortSignal: AbortSignal, performance: performanceObject, Headers: Headers, Request: Request, Response: Response,
  fetch: fetchFn, fileURLToPath: fileURLToPath, pathToFileURL: pathToFileURL, percentEncode: percentEncode,
};
`;
