/**
 * Guest source (runs inside QuickJS): the parts of Node's `crypto` handlers use most —
 * createHash (md5, sha1, sha256, sha384, sha512), createHmac over the same, randomBytes,
 * randomUUID, randomInt, getRandomValues, timingSafeEqual — and the global `crypto`
 * (randomUUID, getRandomValues). https://nodejs.org/api/crypto.html
 *
 * The hashes are small pure-JS implementations of FIPS 180-4 and RFC 1321 (checked against
 * Node's output in the conformance suite). Randomness comes from the host's
 * crypto.getRandomValues. Ciphers, key pairs and `crypto.subtle` are not here: a handler
 * that needs them fails with a TypeError naming the missing function.
 *
 * A part (see parts.ts): compiled on first use of the global crypto or node:crypto.
 */
export const CRYPTO_JS = String.raw`
var host = core.host, buffer = part('buffer');
var Buffer = buffer.Buffer, encodeString = buffer.encodeString, decodeBytes = buffer.decodeBytes;
var argTypeError = buffer.argTypeError, hexEncode = buffer.hexEncode;
function rotl(x, n) { return (x << n) | (x >>> (32 - n)); }
var MD5_S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
var MD5_K = [];
for (var md5i = 0; md5i < 64; md5i++) MD5_K.push((Math.abs(Math.sin(md5i + 1)) * 4294967296) | 0);
var SHA256_K = [0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6,
  0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3,
  0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e,
  0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
  0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814,
  0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2];
/** Pads a message as MD5 and SHA-1/256 do: 0x80, zeros, the bit length in 8 bytes. */
function padMessage(bytes, blockSize, lengthBytes, littleEndian) {
  var total = Math.ceil((bytes.length + 1 + lengthBytes) / blockSize) * blockSize;
  var out = new Uint8Array(total);
  out.set(bytes);
  out[bytes.length] = 0x80;
  var bits = bytes.length * 8;
  var dv = new DataView(out.buffer);
  var hi = Math.floor(bits / 4294967296), lo = bits >>> 0;
  if (littleEndian) { dv.setUint32(total - 8, lo, true); dv.setUint32(total - 4, hi, true); }
  else { dv.setUint32(total - 8, hi); dv.setUint32(total - 4, lo); }
  return dv;
}
function md5(bytes) {
  var dv = padMessage(bytes, 64, 8, true);
  var h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
  var m = new Array(16);
  for (var off = 0; off < dv.byteLength; off += 64) {
    for (var i = 0; i < 16; i++) m[i] = dv.getUint32(off + i * 4, true);
    var a = h[0], b = h[1], c = h[2], d = h[3];
    for (var j = 0; j < 64; j++) {
      var f, g, r = j >> 4;
      if (r === 0) { f = (b & c) | (~b & d); g = j; }
      else if (r === 1) { f = (d & b) | (~d & c); g = (5 * j + 1) & 15; }
      else if (r === 2) { f = b ^ c ^ d; g = (3 * j + 5) & 15; }
      else { f = c ^ (b | ~d); g = (7 * j) & 15; }
      var t = d; d = c; c = b;
      b = (b + rotl((a + f + MD5_K[j] + m[g]) | 0, MD5_S[r * 4 + (j & 3)])) | 0;
      a = t;
    }
    h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0;
  }
  var out = new Uint8Array(16), ov = new DataView(out.buffer);
  for (var k = 0; k < 4; k++) ov.setUint32(k * 4, h[k], true);
  return out;
}
function sha1(bytes) {
  var dv = padMessage(bytes, 64, 8, false);
  var h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  var w = new Array(80);
  for (var off = 0; off < dv.byteLength; off += 64) {
    for (var i = 0; i < 16; i++) w[i] = dv.getUint32(off + i * 4);
    for (i = 16; i < 80; i++) w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    for (var j = 0; j < 80; j++) {
      var f, k;
      if (j < 20) { f = (b & c) | (~b & d); k = 0x5a827999; }
      else if (j < 40) { f = b ^ c ^ d; k = 0x6ed9eba1; }
      else if (j < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8f1bbcdc; }
      else { f = b ^ c ^ d; k = 0xca62c1d6; }
      var t = (rotl(a, 5) + f + e + k + w[j]) | 0;
      e = d; d = c; c = rotl(b, 30); b = a; a = t;
    }
    h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0; h[4] = (h[4] + e) | 0;
  }
  return wordsOut(h);
}
function wordsOut(h) {
  var out = new Uint8Array(h.length * 4), ov = new DataView(out.buffer);
  for (var k = 0; k < h.length; k++) ov.setUint32(k * 4, h[k]);
  return out;
}
function sha256(bytes) {
  var dv = padMessage(bytes, 64, 8, false);
  var h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
  var w = new Array(64);
  for (var off = 0; off < dv.byteLength; off += 64) {
    for (var i = 0; i < 16; i++) w[i] = dv.getUint32(off + i * 4);
    for (i = 16; i < 64; i++) {
      var x = w[i - 15], y = w[i - 2];
      var s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      var s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (var j = 0; j < 64; j++) {
      var S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      var t1 = (hh + S1 + ((e & f) ^ (~e & g)) + SHA256_K[j] + w[j]) | 0;
      var S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      var t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      hh = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0;
    h[4] = (h[4] + e) | 0; h[5] = (h[5] + f) | 0; h[6] = (h[6] + g) | 0; h[7] = (h[7] + hh) | 0;
  }
  return wordsOut(h);
}
// SHA-512 on BigInt words: QuickJS has no 64-bit integers otherwise, and clarity wins over
// speed for the rare handler that asks for it.
var SHA512_K = null;
function sha512(bytes, is384) {
  var M = (1n << 64n) - 1n;
  if (SHA512_K === null) {
    SHA512_K = ('428a2f98d728ae22 7137449123ef65cd b5c0fbcfec4d3b2f e9b5dba58189dbbc 3956c25bf348b538 59f111f1b605d019 ' +
      '923f82a4af194f9b ab1c5ed5da6d8118 d807aa98a3030242 12835b0145706fbe 243185be4ee4b28c 550c7dc3d5ffb4e2 72be5d74f27b896f ' +
      '80deb1fe3b1696b1 9bdc06a725c71235 c19bf174cf692694 e49b69c19ef14ad2 efbe4786384f25e3 0fc19dc68b8cd5b5 240ca1cc77ac9c65 ' +
      '2de92c6f592b0275 4a7484aa6ea6e483 5cb0a9dcbd41fbd4 76f988da831153b5 983e5152ee66dfab a831c66d2db43210 b00327c898fb213f ' +
      'bf597fc7beef0ee4 c6e00bf33da88fc2 d5a79147930aa725 06ca6351e003826f 142929670a0e6e70 27b70a8546d22ffc 2e1b21385c26c926 ' +
      '4d2c6dfc5ac42aed 53380d139d95b3df 650a73548baf63de 766a0abb3c77b2a8 81c2c92e47edaee6 92722c851482353b a2bfe8a14cf10364 ' +
      'a81a664bbc423001 c24b8b70d0f89791 c76c51a30654be30 d192e819d6ef5218 d69906245565a910 f40e35855771202a 106aa07032bbd1b8 ' +
      '19a4c116b8d2d0c8 1e376c085141ab53 2748774cdf8eeb99 34b0bcb5e19b48a8 391c0cb3c5c95a63 4ed8aa4ae3418acb 5b9cca4f7763e373 ' +
      '682e6ff3d6b2b8a3 748f82ee5defb2fc 78a5636f43172f60 84c87814a1f0ab72 8cc702081a6439ec 90befffa23631e28 a4506cebde82bde9 ' +
      'bef9a3f7b2c67915 c67178f2e372532b ca273eceea26619c d186b8c721c0c207 eada7dd6cde0eb1e f57d4f7fee6ed178 06f067aa72176fba ' +
      '0a637dc5a2c898a6 113f9804bef90dae 1b710b35131c471b 28db77f523047d84 32caab7b40c72493 3c9ebe0a15c9bebc 431d67c49c100d4c ' +
      '4cc5d4becb3e42b6 597f299cfc657e2a 5fcb6fab3ad6faec 6c44198c4a475817').split(' ').map(function (x) { return BigInt('0x' + x); });
  }
  function rotr(x, n) { return ((x >> n) | (x << (64n - n))) & M; }
  var h = (is384
    ? 'cbbb9d5dc1059ed8 629a292a367cd507 9159015a3070dd17 152fecd8f70e5939 67332667ffc00b31 8eb44a8768581511 db0c2e0d64f98fa7 47b5481dbefa4fa4'
    : '6a09e667f3bcc908 bb67ae8584caa73b 3c6ef372fe94f82b a54ff53a5f1d36f1 510e527fade682d1 9b05688c2b3e6c1f 1f83d9abfb41bd6b 5be0cd19137e2179')
    .split(' ').map(function (x) { return BigInt('0x' + x); });
  var dv = padMessage(bytes, 128, 16, false);
  var w = new Array(80);
  for (var off = 0; off < dv.byteLength; off += 128) {
    for (var i = 0; i < 16; i++) w[i] = dv.getBigUint64(off + i * 8);
    for (i = 16; i < 80; i++) {
      var s0 = rotr(w[i - 15], 1n) ^ rotr(w[i - 15], 8n) ^ (w[i - 15] >> 7n);
      var s1 = rotr(w[i - 2], 19n) ^ rotr(w[i - 2], 61n) ^ (w[i - 2] >> 6n);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) & M;
    }
    var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (var j = 0; j < 80; j++) {
      var t1 = (hh + (rotr(e, 14n) ^ rotr(e, 18n) ^ rotr(e, 41n)) + ((e & f) ^ (~e & M & g)) + SHA512_K[j] + w[j]) & M;
      var t2 = ((rotr(a, 28n) ^ rotr(a, 34n) ^ rotr(a, 39n)) + ((a & b) ^ (a & c) ^ (b & c))) & M;
      hh = g; g = f; f = e; e = (d + t1) & M; d = c; c = b; b = a; a = (t1 + t2) & M;
    }
    h = [h[0] + a, h[1] + b, h[2] + c, h[3] + d, h[4] + e, h[5] + f, h[6] + g, h[7] + hh].map(function (x) { return x & M; });
  }
  var words = is384 ? 6 : 8;
  var out = new Uint8Array(words * 8), ov = new DataView(out.buffer);
  for (var k = 0; k < words; k++) ov.setBigUint64(k * 8, h[k]);
  return out;
}
var HASHES = {
  md5: { fn: md5, block: 64 }, sha1: { fn: sha1, block: 64 }, sha256: { fn: sha256, block: 64 },
  sha384: { fn: function (b) { return sha512(b, true); }, block: 128 }, sha512: { fn: function (b) { return sha512(b, false); }, block: 128 },
};
function hashAlgorithm(name) {
  var key = String(name).toLowerCase().replace(/^rsa-/, '').replace('sha-', 'sha');
  var alg = HASHES[key];
  if (!alg) { var e = new Error('Digest method not supported'); e.code = 'ERR_CRYPTO_INVALID_DIGEST'; throw e; }
  return alg;
}
function toBytes(data, encoding) {
  if (typeof data === 'string') return encodeString(data, encoding);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw argTypeError('data', 'of type string or an instance of Buffer, TypedArray, or DataView', data);
}
function digestOut(bytes, encoding) {
  return encoding === undefined || encoding === 'buffer' ? Buffer.from(bytes) : decodeBytes(bytes, encoding);
}
function Hash(alg, parts) { this._alg = alg; this._parts = parts || []; this._done = false; }
Hash.prototype.update = function (data, encoding) {
  if (this._done) { var e = new Error('Digest already called'); e.code = 'ERR_CRYPTO_HASH_FINALIZED'; throw e; }
  this._parts.push(Uint8Array.from(toBytes(data, encoding)));
  return this;
};
Hash.prototype._bytes = function () { return this._alg.fn(Buffer.concat(this._parts)); };
Hash.prototype.digest = function (encoding) {
  if (this._done) { var e = new Error('Digest already called'); e.code = 'ERR_CRYPTO_HASH_FINALIZED'; throw e; }
  this._done = true;
  return digestOut(this._bytes(), encoding);
};
Hash.prototype.copy = function () { return new Hash(this._alg, this._parts.slice()); };
function Hmac(alg, key) {
  var k = Uint8Array.from(toBytes(key));
  if (k.length > alg.block) k = alg.fn(k);
  var block = new Uint8Array(alg.block);
  block.set(k);
  this._outer = block.map(function (b) { return b ^ 0x5c; });
  this._inner = new Hash(alg, [block.map(function (b) { return b ^ 0x36; })]);
  this._alg = alg;
}
Hmac.prototype.update = function (data, encoding) { this._inner.update(data, encoding); return this; };
Hmac.prototype.digest = function (encoding) {
  var inner = this._inner.digest();
  return digestOut(this._alg.fn(Buffer.concat([this._outer, inner])), encoding);
};
function randomFill(view) {
  var bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  for (var off = 0; off < bytes.length; off += 65536) {
    var n = Math.min(65536, bytes.length - off);
    bytes.set(new Uint8Array(host.random(n)), off);
  }
  return view;
}
function randomBytes(size, callback) {
  var buf = randomFill(Buffer.alloc(size));
  if (typeof callback === 'function') { setImmediate(callback, null, buf); return undefined; }
  return buf;
}
function randomUUID() {
  var b = randomFill(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40; // version 4
  b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
  var h = hexEncode(b);
  return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
}
function getRandomValues(view) {
  if (!ArrayBuffer.isView(view) || view instanceof Float32Array || view instanceof Float64Array || view instanceof DataView) {
    var te = new TypeError('The data argument must be an integer-type TypedArray');
    te.name = 'TypeMismatchError';
    throw te;
  }
  if (view.byteLength > 65536) {
    var qe = new Error("The ArrayBufferView's byte length (" + view.byteLength + ') exceeds the number of bytes of entropy available via this API (65536)');
    qe.name = 'QuotaExceededError';
    throw qe;
  }
  return randomFill(view);
}
function randomInt(min, max, callback) {
  if (typeof max !== 'number') { callback = max; max = min; min = 0; }
  var range = max - min;
  var limit = Math.floor(281474976710656 / range) * range; // 2^48, rejection sampling
  var x;
  do { var b = randomFill(new Uint8Array(6)); x = 0; for (var i = 0; i < 6; i++) x = x * 256 + b[i]; } while (x >= limit);
  var n = min + (x % range);
  if (typeof callback === 'function') { setImmediate(callback, null, n); return undefined; }
  return n;
}
function cryptoModule() {
  var webcrypto = webCrypto;
  return {
    createHash: function (algorithm) { return new Hash(hashAlgorithm(algorithm)); },
    createHmac: function (algorithm, key) { return new Hmac(hashAlgorithm(algorithm), key); },
    hash: function (algorithm, data, encoding) { return new Hash(hashAlgorithm(algorithm)).update(data).digest(encoding || 'hex'); },
    getHashes: function () { return Object.keys(HASHES); },
    randomBytes: randomBytes,
    pseudoRandomBytes: randomBytes,
    randomFillSync: function (buf) { return randomFill(buf); },
    randomUUID: randomUUID,
    randomInt: randomInt,
    getRandomValues: getRandomValues,
    timingSafeEqual: function (a, b) {
      if (a.byteLength !== b.byteLength) {
        var e = new RangeError('Input buffers must have the same byte length'); e.code = 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH'; throw e;
      }
      var x = toBytes(a), y = toBytes(b), diff = 0;
      for (var i = 0; i < x.length; i++) diff |= x[i] ^ y[i];
      return diff === 0;
    },
    webcrypto: webcrypto,
  };
}
var webCrypto = Object.freeze({ randomUUID: randomUUID, getRandomValues: getRandomValues });
return { crypto: webCrypto, cryptoModule: cryptoModule };
`;
