/**
 * Guest source (runs inside QuickJS): Node's `Buffer` for the common cases, and `atob`/`btoa`.
 * A Buffer is a Uint8Array subclass, as in Node (https://nodejs.org/api/buffer.html):
 * from/alloc/allocUnsafe/concat/byteLength/isBuffer/isEncoding/compare; toString, write,
 * slice/subarray (sharing memory), equals, compare, copy, fill, indexOf/includes,
 * toJSON, and the (U)Int8/16/32 and (Big)(U)Int64, Float/Double read/write methods.
 * Encodings: utf8, hex, base64, base64url, latin1/binary, ascii, utf16le/ucs2.
 *
 * A part (see parts.ts): compiled on first use of Buffer, atob, btoa or a module that needs them.
 */
export const BUFFER_JS = String.raw`
var utf8Encode = core.utf8Encode, utf8Decode = core.utf8Decode, inspect = core.inspect;
var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
var B64_LOOKUP = new Int16Array(128).fill(-1);
for (var b64i = 0; b64i < 64; b64i++) B64_LOOKUP[B64.charCodeAt(b64i)] = b64i;
B64_LOOKUP[45] = 62; B64_LOOKUP[95] = 63; // base64url's - and _
function base64Encode(bytes, url) {
  var out = '', i = 0, n = bytes.length;
  var alphabet = url ? B64.slice(0, 62) + '-_' : B64;
  for (; i + 2 < n; i += 3) {
    var v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += alphabet[v >> 18] + alphabet[(v >> 12) & 63] + alphabet[(v >> 6) & 63] + alphabet[v & 63];
  }
  if (i < n) {
    var w = bytes[i] << 16 | (i + 1 < n ? bytes[i + 1] << 8 : 0);
    out += alphabet[w >> 18] + alphabet[(w >> 12) & 63];
    if (i + 1 < n) out += alphabet[(w >> 6) & 63];
    if (!url) out += i + 1 < n ? '=' : '==';
  }
  return out;
}
/** Node's lenient base64 decoder: skips characters outside the alphabet, stops at '='. */
function base64Decode(str) {
  var out = new Uint8Array(Math.ceil(str.length * 3 / 4));
  var acc = 0, bits = 0, len = 0;
  for (var i = 0; i < str.length; i++) {
    var c = str.charCodeAt(i);
    if (c === 61) break;
    var v = c < 128 ? B64_LOOKUP[c] : -1;
    if (v < 0) continue;
    acc = (acc << 6) | v; bits += 6;
    if (bits >= 8) { bits -= 8; out[len++] = (acc >> bits) & 255; }
  }
  return out.subarray(0, len);
}
function hexDecode(str) {
  var n = str.length >>> 1, out = new Uint8Array(n), len = 0;
  for (var i = 0; i < n; i++) {
    var v = parseInt(str.substr(i * 2, 2), 16);
    if (v !== v || !/^[0-9a-fA-F]{2}$/.test(str.substr(i * 2, 2))) break; // Node stops at the first bad pair
    out[len++] = v;
  }
  return out.subarray(0, len);
}
var HEX = [];
for (var hexi = 0; hexi < 256; hexi++) HEX.push((hexi < 16 ? '0' : '') + hexi.toString(16));
function hexEncode(bytes) {
  var out = '';
  for (var i = 0; i < bytes.length; i++) out += HEX[bytes[i]];
  return out;
}
function latin1Decode(bytes, mask) {
  var out = '';
  for (var i = 0; i < bytes.length; i += 4096) {
    var chunk = bytes.subarray(i, i + 4096);
    out += String.fromCharCode.apply(null, mask ? Array.from(chunk, function (b) { return b & mask; }) : chunk);
  }
  return out;
}
function latin1Encode(str) {
  var out = new Uint8Array(str.length);
  for (var i = 0; i < str.length; i++) out[i] = str.charCodeAt(i) & 255;
  return out;
}
function utf16Encode(str) {
  var out = new Uint8Array(str.length * 2);
  for (var i = 0; i < str.length; i++) { var c = str.charCodeAt(i); out[i * 2] = c & 255; out[i * 2 + 1] = c >> 8; }
  return out;
}
function utf16Decode(bytes) {
  var out = '';
  for (var i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode(bytes[i] | (bytes[i + 1] << 8));
  return out;
}
function normalizeEncoding(enc) {
  if (enc === undefined || enc === null) return 'utf8';
  switch (String(enc).toLowerCase()) {
    case 'utf8': case 'utf-8': return 'utf8';
    case 'hex': return 'hex';
    case 'base64': return 'base64';
    case 'base64url': return 'base64url';
    case 'latin1': case 'binary': return 'latin1';
    case 'ascii': return 'ascii';
    case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return 'utf16le';
    default: return null;
  }
}
function unknownEncoding(enc) {
  var e = new TypeError('Unknown encoding: ' + enc);
  e.code = 'ERR_UNKNOWN_ENCODING';
  return e;
}
function encodeString(str, enc) {
  var e = normalizeEncoding(enc);
  if (e === null) throw unknownEncoding(enc);
  switch (e) {
    case 'utf8': return utf8Encode(str);
    case 'hex': return hexDecode(str);
    case 'base64': case 'base64url': return base64Decode(str);
    case 'latin1': case 'ascii': return latin1Encode(str);
    default: return utf16Encode(str);
  }
}
function decodeBytes(bytes, enc) {
  var e = normalizeEncoding(enc);
  if (e === null) throw unknownEncoding(enc);
  switch (e) {
    case 'utf8': return utf8Decode(bytes, false);
    case 'hex': return hexEncode(bytes);
    case 'base64': return base64Encode(bytes, false);
    case 'base64url': return base64Encode(bytes, true);
    case 'latin1': return latin1Decode(bytes, 0);
    case 'ascii': return latin1Decode(bytes, 127);
    default: return utf16Decode(bytes);
  }
}
function argTypeError(name, expected, actual) {
  var e = new TypeError('The "' + name + '" argument must be ' + expected + '. Received ' +
    (actual === null ? 'null' : actual === undefined ? 'undefined' : 'type ' + typeof actual + ' (' + inspect(actual) + ')'));
  e.code = 'ERR_INVALID_ARG_TYPE';
  return e;
}
class Buffer extends Uint8Array {
  static from(value, encodingOrOffset, length) {
    if (typeof value === 'string') return toBuffer(encodeString(value, encodingOrOffset));
    if (value instanceof ArrayBuffer || value instanceof SharedArrayBuffer) {
      var off = encodingOrOffset === undefined ? 0 : Number(encodingOrOffset);
      var len = length === undefined ? value.byteLength - off : Number(length);
      return new Buffer(value, off, len);
    }
    if (ArrayBuffer.isView(value)) {
      var copy = new Buffer(value.byteLength);
      copy.set(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      return copy;
    }
    if (value !== null && typeof value === 'object') {
      if (value.type === 'Buffer' && Array.isArray(value.data)) return Buffer.from(value.data);
      if (Array.isArray(value) || typeof value.length === 'number') {
        var out = new Buffer(value.length >>> 0);
        for (var i = 0; i < out.length; i++) out[i] = value[i];
        return out;
      }
      if (typeof value.valueOf === 'function' && value.valueOf() !== value) return Buffer.from(value.valueOf(), encodingOrOffset, length);
    }
    throw argTypeError('first', 'of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object', value);
  }
  static alloc(size, fill, encoding) {
    var b = new Buffer(size);
    if (fill !== undefined && fill !== 0) b.fill(fill, 0, b.length, encoding);
    return b;
  }
  static allocUnsafe(size) { return new Buffer(size); }
  static allocUnsafeSlow(size) { return new Buffer(size); }
  static isBuffer(value) { return value instanceof Buffer; }
  static isEncoding(enc) { return typeof enc === 'string' && enc !== '' && normalizeEncoding(enc) !== null; }
  static byteLength(value, encoding) {
    if (typeof value !== 'string') {
      if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value.byteLength;
      throw argTypeError('string', 'of type string or an instance of Buffer or ArrayBuffer', value);
    }
    return encodeString(value, encoding).length;
  }
  static concat(list, totalLength) {
    if (!Array.isArray(list)) throw argTypeError('list', 'an instance of Array', list);
    var total = 0, i;
    for (i = 0; i < list.length; i++) total += list[i].length;
    if (totalLength !== undefined) total = totalLength;
    var out = Buffer.alloc(total), pos = 0;
    for (i = 0; i < list.length && pos < total; i++) {
      var item = list[i];
      var bytes = item instanceof Uint8Array ? item : new Uint8Array(item.buffer, item.byteOffset, item.byteLength);
      var take = Math.min(bytes.length, total - pos);
      out.set(bytes.subarray(0, take), pos);
      pos += take;
    }
    return out;
  }
  static compare(a, b) { return a.compare(b); }
  toString(encoding, start, end) {
    start = start === undefined ? 0 : Math.max(0, start | 0);
    end = end === undefined ? this.length : Math.min(this.length, end | 0);
    if (end <= start) return '';
    return decodeBytes(this.subarray(start, end), encoding);
  }
  toLocaleString(encoding, start, end) { return this.toString(encoding, start, end); }
  toJSON() { return { type: 'Buffer', data: Array.from(this) }; }
  equals(other) {
    if (!(other instanceof Uint8Array)) throw argTypeError('otherBuffer', 'an instance of Buffer or Uint8Array', other);
    return this.compare(other) === 0;
  }
  compare(other, targetStart, targetEnd, sourceStart, sourceEnd) {
    var a = this.subarray(sourceStart || 0, sourceEnd === undefined ? this.length : sourceEnd);
    var b = other.subarray(targetStart || 0, targetEnd === undefined ? other.length : targetEnd);
    var n = Math.min(a.length, b.length);
    for (var i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
  }
  copy(target, targetStart, sourceStart, sourceEnd) {
    targetStart = targetStart || 0;
    var src = this.subarray(sourceStart || 0, sourceEnd === undefined ? this.length : sourceEnd);
    var n = Math.min(src.length, target.length - targetStart);
    if (n <= 0) return 0;
    target.set(src.subarray(0, n), targetStart);
    return n;
  }
  slice(start, end) { return this.subarray(start, end); }
  write(string, offset, length, encoding) {
    if (typeof offset === 'string') { encoding = offset; offset = 0; length = undefined; }
    else if (typeof length === 'string') { encoding = length; length = undefined; }
    offset = offset === undefined ? 0 : offset >>> 0;
    var bytes = encodeString(string, encoding);
    var n = Math.min(bytes.length, this.length - offset, length === undefined ? Infinity : length);
    this.set(bytes.subarray(0, n), offset);
    return n;
  }
  fill(value, offset, end, encoding) {
    if (typeof offset === 'string') { encoding = offset; offset = 0; end = this.length; }
    offset = offset === undefined ? 0 : offset;
    end = end === undefined ? this.length : end;
    if (typeof value === 'number') return Uint8Array.prototype.fill.call(this, value & 255, offset, end), this;
    var bytes = typeof value === 'string' ? encodeString(value, encoding) : value;
    if (bytes.length === 0) return Uint8Array.prototype.fill.call(this, 0, offset, end), this;
    for (var i = offset, j = 0; i < end; i++, j = (j + 1) % bytes.length) this[i] = bytes[j];
    return this;
  }
  indexOf(value, byteOffset, encoding) {
    if (typeof value === 'number') return Uint8Array.prototype.indexOf.call(this, value & 255, byteOffset);
    var needle = typeof value === 'string' ? encodeString(value, encoding) : value;
    var from = byteOffset === undefined ? 0 : byteOffset < 0 ? Math.max(0, this.length + byteOffset) : byteOffset;
    outer: for (var i = from; i <= this.length - needle.length; i++) {
      for (var j = 0; j < needle.length; j++) if (this[i + j] !== needle[j]) continue outer;
      return i;
    }
    return -1;
  }
  includes(value, byteOffset, encoding) { return this.indexOf(value, byteOffset, encoding) !== -1; }
  [Symbol.for('nodejs.util.inspect.custom')]() {
    var max = 50, shown = [];
    for (var i = 0; i < Math.min(max, this.length); i++) shown.push(HEX[this[i]]);
    var rest = this.length > max ? ' ... ' + (this.length - max) + ' more byte' + (this.length - max > 1 ? 's' : '') : '';
    return '<' + this.constructor.name + (shown.length ? ' ' + shown.join(' ') : '') + rest + '>';
  }
}
function toBuffer(bytes) { return new Buffer(bytes.buffer, bytes.byteOffset, bytes.byteLength); }
// Fixed-width reads and writes through a DataView, in both byte orders.
[['UInt8', 'Uint8', 1], ['Int8', 'Int8', 1], ['UInt16', 'Uint16', 2], ['Int16', 'Int16', 2], ['UInt32', 'Uint32', 4],
 ['Int32', 'Int32', 4], ['Float', 'Float32', 4], ['Double', 'Float64', 8], ['BigUInt64', 'BigUint64', 8], ['BigInt64', 'BigInt64', 8]]
  .forEach(function (spec) {
    var name = spec[0], view = spec[1], size = spec[2];
    function dv(buf) { return new DataView(buf.buffer, buf.byteOffset, buf.byteLength); }
    function check(buf, offset) {
      if (offset < 0 || offset + size > buf.length || offset !== Math.floor(offset)) {
        var e = new RangeError('The value of "offset" is out of range. It must be >= 0 and <= ' + (buf.length - size) + '. Received ' + offset);
        e.code = 'ERR_OUT_OF_RANGE';
        throw e;
      }
    }
    var suffixes = size === 1 ? [''] : ['LE', 'BE'];
    suffixes.forEach(function (suffix) {
      var little = suffix === 'LE';
      Buffer.prototype['read' + name + suffix] = function (offset) {
        offset = offset === undefined ? 0 : offset; check(this, offset);
        return dv(this)['get' + view](offset, little);
      };
      Buffer.prototype['write' + name + suffix] = function (value, offset) {
        offset = offset === undefined ? 0 : offset; check(this, offset);
        dv(this)['set' + view](offset, value, little);
        return offset + size;
      };
      if (name.indexOf('UInt') !== -1) {
        Buffer.prototype['read' + name.replace('UInt', 'Uint') + suffix] = Buffer.prototype['read' + name + suffix];
        Buffer.prototype['write' + name.replace('UInt', 'Uint') + suffix] = Buffer.prototype['write' + name + suffix];
      }
    });
  });
Buffer.poolSize = 8192;
function bufferModule() {
  return { Buffer: Buffer, atob: atobFn, btoa: btoaFn, constants: { MAX_LENGTH: 4294967296, MAX_STRING_LENGTH: 536870888 },
    kMaxLength: 4294967296, kStringMaxLength: 536870888, isUtf8: function (b) { try { utf8Decode(b, true); return true; } catch (e) { return false; } } };
}
function domException(name, message) {
  var e = new Error(message);
  e.name = name;
  return e;
}
function atobFn(data) {
  if (arguments.length === 0) throw argTypeError('data', 'of type string', undefined);
  var s = String(data).replace(/[\t\n\f\r ]/g, '');
  if (s.length % 4 === 0) s = s.replace(/==?$/, '');
  if (s.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(s)) throw domException('InvalidCharacterError', 'Invalid character');
  return latin1Decode(base64Decode(s), 0);
}
function btoaFn(data) {
  if (arguments.length === 0) throw argTypeError('data', 'of type string', undefined);
  var s = String(data);
  for (var i = 0; i < s.length; i++) if (s.charCodeAt(i) > 255) throw domException('InvalidCharacterError', 'Invalid character');
  return base64Encode(latin1Encode(s), false);
}
return {
  Buffer: Buffer, atob: atobFn, btoa: btoaFn, bufferModule: bufferModule, HEX: HEX, hexEncode: hexEncode,
  encodeString: encodeString, decodeBytes: decodeBytes, normalizeEncoding: normalizeEncoding, argTypeError: argTypeError,
};
`;
