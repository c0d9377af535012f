/**
 * Share links and function files. A link carries the function in its fragment, so no server
 * (not even the one serving Lambdalite) ever receives it:
 *
 *   <app>#share=<payload>          the full console, showing what the link holds
 *   <app>?embed#share=<payload>    embed mode (also `#embed=<payload>`)
 *
 * `<payload>` is base64url (RFC 4648 §5, no padding) of raw DEFLATE (fflate) of a compact
 * JSON form. Base64url has no `/`, so a payload can never be read as a console route (`#/…`).
 * The same function as a readable `.lambdalite.json` file is for functions too big for a link.
 */
import { deflateSync, Inflate, strFromU8, strToU8 } from 'fflate';
import { checkSharedFunction, type Checked, type SharedFile, type SharedFunction } from './shared-function';

/**
 * Links longer than this are not offered; "Download as file" is. Chromium would open a 2 MB
 * URL, but a link travels through chat, mail and issue trackers, which cut or refuse long
 * ones (8 K is about where many do), and it must stay readable enough to paste.
 */
export const LINK_MAX_CHARS = 8000;
/** What a typical tutorial function's link should stay under (checked by the unit tests). */
export const TUTORIAL_LINK_TARGET_CHARS = 2000;
/** Longest payload accepted when opening a link: Chromium's own URL limit is 2 MB. */
export const PAYLOAD_MAX_CHARS = 2 * 1024 * 1024;
/** Longest inflated JSON accepted: beyond it a link is treated as a compression bomb. */
export const INFLATED_MAX_BYTES = 16 * 1024 * 1024;
/** Largest `.lambdalite.json` file read. */
export const FILE_MAX_BYTES = 24 * 1024 * 1024;
export const FILE_FORMAT = 'lambdalite-function';
export const FILE_EXTENSION = '.lambdalite.json';

const BASE64URL = /^[A-Za-z0-9_-]+$/;

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array | undefined {
  if (!BASE64URL.test(text) || text.length % 4 === 1) return undefined;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/** Inflates raw DEFLATE, giving up once the output passes `maxBytes` (fed 1 KB at a time, so a bomb is stopped after at most ~1 MB more). */
export function inflateCapped(data: Uint8Array, maxBytes: number): Uint8Array | undefined {
  const parts: Uint8Array[] = [];
  let total = 0;
  let tooBig = false;
  let finished = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > maxBytes) tooBig = true;
    else parts.push(chunk);
    if (final) finished = true;
  });
  try {
    const step = 1024;
    for (let at = 0; at < data.length && !tooBig; at += step) {
      inflater.push(data.subarray(at, at + step), at + step >= data.length);
    }
  } catch {
    return undefined;
  }
  if (tooBig || !finished) return undefined;
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The compact wire form: short keys, files as `[path, text]` or `[path, {b: base64}]`, event as `[json, name?]`. */
interface WireFunction {
  v: 1;
  n: string;
  r: string;
  h: string;
  m: number;
  t: number;
  d?: string;
  e?: Record<string, string>;
  f: Array<[string, string] | [string, { b: string }]>;
  ev?: [string] | [string, string];
}

function toWire(fn: SharedFunction): WireFunction {
  const wire: WireFunction = {
    v: 1,
    n: fn.name,
    r: fn.runtime,
    h: fn.handler,
    m: fn.memorySize,
    t: fn.timeout,
    f: fn.files.map((f) => ('text' in f ? [f.path, f.text] : [f.path, { b: f.base64 }])),
  };
  if (fn.description) wire.d = fn.description;
  if (fn.environment && Object.keys(fn.environment).length > 0) wire.e = fn.environment;
  if (fn.event) wire.ev = fn.event.name !== undefined ? [fn.event.json, fn.event.name] : [fn.event.json];
  return wire;
}

/** Wire form → the readable shape `checkSharedFunction` checks; anything malformed becomes a value that fails the check. */
function fromWire(wire: unknown): unknown {
  if (typeof wire !== 'object' || wire === null || Array.isArray(wire)) return undefined;
  const w = wire as Record<string, unknown>;
  if (w.v !== 1) return undefined;
  const files = Array.isArray(w.f)
    ? (w.f as unknown[]).map((entry) => {
        if (!Array.isArray(entry) || entry.length !== 2) return undefined;
        const [path, body] = entry as [unknown, unknown];
        if (typeof body === 'string') return { path, text: body };
        if (typeof body === 'object' && body !== null && typeof (body as { b?: unknown }).b === 'string') {
          return { path, base64: (body as { b: string }).b };
        }
        return undefined;
      })
    : undefined;
  let event: unknown;
  if (w.ev !== undefined) {
    event = Array.isArray(w.ev) && (w.ev.length === 1 || w.ev.length === 2) ? { json: w.ev[0], ...(w.ev.length === 2 ? { name: w.ev[1] } : {}) } : null;
  }
  return {
    name: w.n,
    runtime: w.r,
    handler: w.h,
    memorySize: w.m,
    timeout: w.t,
    ...(w.d !== undefined ? { description: w.d } : {}),
    ...(w.e !== undefined ? { environment: w.e } : {}),
    files,
    ...(event !== undefined ? { event } : {}),
  };
}

/** The link payload of a function. */
export function encodeSharePayload(fn: SharedFunction): string {
  return toBase64Url(deflateSync(strToU8(JSON.stringify(toWire(fn))), { level: 9, mem: 12 }));
}

/** Decodes and checks a payload from a link; never throws, whatever the text. */
export function decodeSharePayload(payload: string): Checked<SharedFunction> {
  const damaged = (why: string): Checked<SharedFunction> => ({ ok: false, error: `The link is damaged or incomplete: ${why}.` });
  try {
    if (payload.length === 0) return damaged('it carries no function');
    if (payload.length > PAYLOAD_MAX_CHARS) return damaged('it is longer than any link Lambdalite makes');
    const bytes = fromBase64Url(payload);
    if (!bytes) return damaged('it has characters a Lambdalite link never has (was it cut short or changed?)');
    const json = inflateCapped(bytes, INFLATED_MAX_BYTES);
    if (!json) return damaged('its contents could not be decompressed');
    let parsed: unknown;
    try {
      parsed = JSON.parse(strFromU8(json));
    } catch {
      return damaged('its contents are not readable');
    }
    const checked = checkSharedFunction(fromWire(parsed));
    return checked.ok ? checked : { ok: false, error: `The link cannot be opened: ${checked.error}.` };
  } catch (error) {
    // Defence in depth: every known failure is a value above; an engine error must not escape either.
    return damaged(error instanceof Error ? error.message : 'unexpected contents');
  }
}

/** What a URL's fragment (and query) asks for: a shared function, in the console or in embed mode. */
export interface ShareLocation {
  payload: string;
  embed: boolean;
}

/** `#share=<p>` or `#embed=<p>`, with `?embed` in the query turning on embed mode. Undefined for any other fragment. */
export function parseShareLocation(hash: string, search = ''): ShareLocation | undefined {
  const match = /^#?(share|embed)=([^&]*)/.exec(hash);
  if (!match) return undefined;
  const embedQuery = new URLSearchParams(search).has('embed');
  return { payload: match[2] ?? '', embed: match[1] === 'embed' || embedQuery };
}

/** The app's own address without query or fragment (`https://host/lambdalite/`). */
export function appBaseOf(href: string): string {
  const url = new URL(href);
  return `${url.origin}${url.pathname}`;
}

export function shareUrl(appBase: string, payload: string): string {
  return `${appBase}#share=${payload}`;
}

export function embedUrl(appBase: string, payload: string): string {
  return `${appBase}?embed#share=${payload}`;
}

/** The iframe snippet for a tutorial page; the title names the function for screen readers. */
export function embedSnippet(appBase: string, payload: string, functionName: string): string {
  const title = `Lambdalite: ${functionName}`.replace(/[&"<>]/g, (c) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[c] ?? c);
  return `<iframe src="${embedUrl(appBase, payload)}" title="${title}" width="100%" height="760" style="border:1px solid #d5dbdb;border-radius:8px" loading="lazy" allow="clipboard-write"></iframe>`;
}

/** The `.lambdalite.json` file of a function: readable JSON, the same shape the checks read. */
export function functionFileText(fn: SharedFunction): string {
  return `${JSON.stringify({ format: FILE_FORMAT, version: 1, function: fn }, null, 2)}\n`;
}

export function functionFileName(fn: SharedFunction): string {
  return `${fn.name}${FILE_EXTENSION}`;
}

/** Reads a `.lambdalite.json` file's text; never throws. */
export function decodeFunctionFile(text: string): Checked<SharedFunction> {
  const bad = (why: string): Checked<SharedFunction> => ({ ok: false, error: `The file is not a Lambdalite function file: ${why}.` });
  try {
    if (text.length > FILE_MAX_BYTES) return bad('it is larger than 24 MB');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return bad('it is not JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || (parsed as { format?: unknown }).format !== FILE_FORMAT) {
      return bad(`it has no "format": "${FILE_FORMAT}"`);
    }
    if ((parsed as { version?: unknown }).version !== 1) return bad('it was written by a newer Lambdalite');
    const checked = checkSharedFunction((parsed as { function?: unknown }).function);
    return checked.ok ? checked : { ok: false, error: `The file cannot be opened: ${checked.error}.` };
  } catch (error) {
    return bad(error instanceof Error ? error.message : 'unexpected contents');
  }
}

export type { SharedFile, SharedFunction };
