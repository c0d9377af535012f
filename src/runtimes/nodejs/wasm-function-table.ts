/**
 * QuickJS's wasm function table, made reachable from JavaScript: the release build exports
 * neither the table nor Emscripten's `addFunction`, so `exportFunctionTable` adds an export of
 * table 0 to the module's bytes (nothing else changes), and `addToTable` puts a JavaScript
 * function with a given C signature into a new slot, through a tiny wasm trampoline module.
 * Used by rejection-tracker.ts (which explains why); pinned with it to quickjs-emscripten 0.32.0.
 */

/** The name the rewritten module exports its function table under. */
export const TABLE_EXPORT = 'lambdalite_function_table';

/**
 * A wasm module importing `e.t` and exporting it as `t` with the tracker's C signature
 * (i32 ctx, i64 promise, i64 reason, i32 is_handled, i32 opaque) → (), so a JavaScript
 * function can sit in QuickJS's function table and be called through `call_indirect`.
 */
const TRAMPOLINE_WASM = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version 1
  0x01, 0x09, 0x01, 0x60, 0x05, 0x7f, 0x7e, 0x7e, 0x7f, 0x7f, 0x00, // type 0: (i32 i64 i64 i32 i32) -> ()
  0x02, 0x07, 0x01, 0x01, 0x65, 0x01, 0x74, 0x00, 0x00, // import "e" "t": func of type 0
  0x07, 0x05, 0x01, 0x01, 0x74, 0x00, 0x00, // export "t": func 0
]);

/** The C signature of JSHostPromiseRejectionTracker on wasm32 (a JSValue is a NaN-boxed i64). */
export type TrackerCallback = (ctx: number, promise: bigint, reason: bigint, isHandled: number, opaque: number) => void;

let trampolineModule: WebAssembly.Module | undefined;
/** Puts `callback` in a new slot of `table` and returns the slot's index. */
export function addToTable(table: WebAssembly.Table, callback: TrackerCallback): number {
  trampolineModule ??= new WebAssembly.Module(TRAMPOLINE_WASM);
  const instance = new WebAssembly.Instance(trampolineModule, { e: { t: callback } });
  const index = table.grow(1);
  table.set(index, instance.exports.t);
  return index;
}

function readLeb(bytes: Uint8Array, at: number): { value: number; next: number } | undefined {
  let value = 0;
  let shift = 0;
  let p = at;
  for (;;) {
    if (p >= bytes.length || shift > 28) return undefined;
    const byte = bytes[p++]!;
    value |= (byte & 0x7f) << shift;
    shift += 7;
    if ((byte & 0x80) === 0) return { value: value >>> 0, next: p };
  }
}

function leb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

/**
 * The wasm module with one more export: table 0 as `TABLE_EXPORT`. Only the export section
 * changes (its entry count and one appended entry); code and data are untouched. Answers
 * undefined for bytes that are not a wasm module with an export section, or that already
 * export that name; the caller then compiles the original bytes and the feature is off.
 */
export function exportFunctionTable(bytes: Uint8Array): Uint8Array<ArrayBuffer> | undefined {
  const header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  if (bytes.length < 8 || header.some((b, i) => bytes[i] !== b)) return undefined;
  let p = 8;
  while (p < bytes.length) {
    const sectionStart = p;
    const id = bytes[p]!;
    const size = readLeb(bytes, p + 1);
    if (!size) return undefined;
    const bodyStart = size.next;
    const bodyEnd = bodyStart + size.value;
    if (bodyEnd > bytes.length) return undefined;
    if (id === 7) {
      const count = readLeb(bytes, bodyStart);
      if (!count) return undefined;
      const name = new TextEncoder().encode(TABLE_EXPORT);
      if (indexOfBytes(bytes.subarray(count.next, bodyEnd), name) !== -1) return undefined;
      const entry = [...leb(name.length), ...name, 0x01 /* table */, 0x00 /* index 0 */];
      const entries = bytes.subarray(count.next, bodyEnd);
      const body = [...leb(count.value + 1)];
      const bodyLength = body.length + entries.length + entry.length;
      const sectionHeader = [7, ...leb(bodyLength)];
      const out = new Uint8Array(bytes.length - (bodyEnd - sectionStart) + sectionHeader.length + bodyLength);
      let o = 0;
      out.set(bytes.subarray(0, sectionStart), o);
      o += sectionStart;
      out.set(sectionHeader, o);
      o += sectionHeader.length;
      out.set(body, o);
      o += body.length;
      out.set(entries, o);
      o += entries.length;
      out.set(entry, o);
      o += entry.length;
      out.set(bytes.subarray(bodyEnd), o);
      return out;
    }
    p = bodyEnd;
  }
  return undefined;
}

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** The exported function table of an instance made from `exportFunctionTable`'s bytes, if any. */
export function functionTableOf(instance: WebAssembly.Instance): WebAssembly.Table | undefined {
  const table = instance.exports[TABLE_EXPORT];
  return table instanceof WebAssembly.Table ? table : undefined;
}

