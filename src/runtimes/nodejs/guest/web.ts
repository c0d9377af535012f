/**
 * Guest source (runs inside QuickJS): the web globals Node gives a handler besides URL —
 * `structuredClone`, `AbortController`/`AbortSignal`, `performance.now()`, and `fetch` with
 * `Headers`, `Request` and `Response`.
 *
 * `fetch` goes through the host (host-fetch.ts), which performs the request with the sandbox
 * worker's fetch only when the function's "Allow network access" setting is on; otherwise it
 * rejects with a TypeError naming that setting. Bodies are read whole (no streams).
 * https://nodejs.org/api/globals.html#fetch
 *
 * A part (see parts.ts): compiled on first use of one of these globals.
 */
export const WEB_JS = String.raw`
var host = core.host, utf8Encode = core.utf8Encode, utf8Decode = core.utf8Decode, inspect = core.inspect;
var getConstructorName = core.getConstructorName, Buffer = part('buffer').Buffer;
var URL = part('url').URL, URLSearchParams = part('url').URLSearchParams;
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
  structuredClone: structuredCloneFn, AbortController: AbortController, AbortSignal: AbortSignal,
  performance: performanceObject, Headers: Headers, Request: Request, Response: Response, fetch: fetchFn,
};
`;
