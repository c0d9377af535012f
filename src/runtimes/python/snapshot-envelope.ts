/**
 * The memory snapshot of an initialised Python runtime, as the app stores it.
 *
 * Pyodide's private snapshot API (`loadPyodide({ _makeSnapshot })`, `makeMemorySnapshot()`,
 * `loadPyodide({ _loadSnapshot })`, pyodide 314.0.7) checks a magic number and the build id,
 * nothing more: a truncated or damaged snapshot would be copied into the heap and fail later,
 * somewhere. So the bytes travel in an envelope: a 16-byte header (magic, the key of the runtime
 * code it holds, the payload's length and a checksum) in front of Pyodide's snapshot. A stale
 * key (another Pyodide or another bootstrap.py), a wrong length or checksum, and the sandbox
 * loads Pyodide the slow way and makes a new snapshot instead.
 */
import { PYTHON_SNAPSHOT_KEY } from './snapshot-key';

const MAGIC = 0x5350_4c4c; // "LLPS" little-endian
const HEADER_BYTES = 16;

/** 32-bit FNV-1a of a string: the key's fingerprint in the header. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * A checksum of every 8th 32-bit word (the payload's length is a multiple of 16). Every word
 * took 60–150 ms of a cold worker's time for Pyodide's 30 MB, a fifth of a restore; a stride
 * of 8 still catches truncation, a zeroed or foreign block and most scattered damage, and a
 * snapshot that slips through fails Pyodide's own checks or the restore, and falls back too.
 */
const STRIDE = 8;

function checksum(words: Uint32Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < words.length; i += STRIDE) {
    a = (a + (words[i] ?? 0)) >>> 0;
    b = (b + a) >>> 0;
  }
  return (b ^ Math.imul(a, 0x9e3779b1)) >>> 0;
}

/** Wrap Pyodide's snapshot bytes for storage. */
export function sealSnapshot(snapshot: Uint8Array, key: string = PYTHON_SNAPSHOT_KEY): Uint8Array {
  if (snapshot.byteLength % 16 !== 0) throw new Error('A Pyodide snapshot is a multiple of 16 bytes');
  const bytes = new Uint8Array(HEADER_BYTES + snapshot.byteLength);
  bytes.set(snapshot, HEADER_BYTES);
  const header = new Uint32Array(bytes.buffer, 0, 4);
  header[0] = MAGIC;
  header[1] = fnv1a(key);
  header[2] = snapshot.byteLength;
  header[3] = checksum(new Uint32Array(bytes.buffer, HEADER_BYTES, snapshot.byteLength / 4));
  return bytes;
}

export type OpenedSnapshot = { ok: true; snapshot: Uint8Array } | { ok: false; reason: string };

/** Check an envelope and return Pyodide's snapshot inside it (a view, no copy). */
export function openSnapshot(bytes: Uint8Array, key: string = PYTHON_SNAPSHOT_KEY): OpenedSnapshot {
  if (bytes.byteLength < HEADER_BYTES + 16 || bytes.byteOffset % 4 !== 0) return { ok: false, reason: 'too short' };
  const header = new Uint32Array(bytes.buffer, bytes.byteOffset, 4);
  if (header[0] !== MAGIC) return { ok: false, reason: 'not a Lambdalite snapshot' };
  if (header[1] !== fnv1a(key)) return { ok: false, reason: 'stale: made by another Pyodide or runtime version' };
  const length = header[2] ?? 0;
  if (length !== bytes.byteLength - HEADER_BYTES || length % 16 !== 0) return { ok: false, reason: 'truncated' };
  const payload = new Uint32Array(bytes.buffer, bytes.byteOffset + HEADER_BYTES, length / 4);
  if (checksum(payload) !== header[3]) return { ok: false, reason: 'corrupt: checksum mismatch' };
  return { ok: true, snapshot: bytes.subarray(HEADER_BYTES) };
}
