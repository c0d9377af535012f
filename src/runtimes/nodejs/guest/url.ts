/**
 * Guest source (runs inside QuickJS): `URL` and `URLSearchParams` as Node has them (a compact
 * WHATWG URL parser: special schemes with authority, file: URLs, relative resolution, dot
 * segments, percent-encoding, a live searchParams), and url's fileURLToPath/pathToFileURL.
 * https://nodejs.org/api/url.html
 *
 * A part (see parts.ts): compiled on first use of URL, URLSearchParams or node:url.
 */
export const URL_JS = String.raw`
var utf8Encode = core.utf8Encode, inspect = core.inspect, processObject = core.processObject, resolvePath = core.resolvePath;
var HEX = part('buffer').HEX, argTypeError = part('buffer').argTypeError;
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

return { URL: URL, URLSearchParams: URLSearchParams, fileURLToPath: fileURLToPath, pathToFileURL: pathToFileURL, percentEncode: percentEncode };
`;
