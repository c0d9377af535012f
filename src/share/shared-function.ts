/**
 * A function as a share link or a `.lambdalite.json` file carries it, and the checks every
 * decoded one passes before the UI sees it. A link is untrusted input: anything that does not
 * match what CreateFunction would accept (names, runtime ids, limits) is refused here, with a
 * message a person can act on, rather than later by the control plane.
 */
import { isRuntimeId, type RuntimeId } from '../domain/runtime-ids';
import { LIMITS, RESERVED_ENVIRONMENT_KEYS } from '../domain/validation';

/** One file of the package: UTF-8 text, or any other bytes as base64. */
export type SharedFile = { path: string; text: string } | { path: string; base64: string };

/** The test event that goes with the function (the one selected when it was shared). */
export interface SharedEvent {
  /** The saved event's name, when it had one. */
  name?: string;
  /** The event as JSON text, exactly as written. */
  json: string;
}

export interface SharedFunction {
  name: string;
  runtime: RuntimeId;
  handler: string;
  memorySize: number;
  timeout: number;
  description?: string;
  /** Environment variables, unless the sharer left them out. */
  environment?: Record<string, string>;
  files: SharedFile[];
  event?: SharedEvent;
}

/** Expected failures are values (DESIGN: `{ value } | { error }`); only the UI turns them into words on screen. */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/** Caps on what a decoded function may hold: generous for code, small enough that a hostile link cannot exhaust the tab. */
export const SHARE_LIMITS = {
  maxFiles: 200,
  maxPathLength: 256,
  /** Bytes of all files together (text as UTF-8, binary decoded). A link's files are code, not assets. */
  maxFilesBytes: 8 * 1024 * 1024,
  /** The event: Lambda's synchronous payload limit would be 6 MB; a shared one is a test event. */
  maxEventBytes: 1024 * 1024,
} as const;

const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const HANDLER = /^[^\s]+$/;
const ENV_KEY = /^[a-zA-Z]([a-zA-Z0-9_])+$/;
/** The console's rule for test event names (src/control-plane/test-events.ts). */
export const EVENT_NAME = /^[A-Za-z0-9._-]{1,25}$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
// Control characters would hide in a file name shown to the user; `\ : * ? " < > |` are refused by the file tree too.
// eslint-disable-next-line no-control-regex
const BAD_PATH_CHARS = /[\u0000-\u001f\u007f\\:*?"<>|]/;

const encoder = new TextEncoder();

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A package path that stays inside /var/task: relative, `/`-separated, no empty, `.` or `..` segment. */
export function pathProblem(path: string): string | undefined {
  if (path.length === 0 || path.length > SHARE_LIMITS.maxPathLength) return `a file path must have 1 to ${SHARE_LIMITS.maxPathLength} characters`;
  if (path.startsWith('/')) return `the file path "${path}" is absolute`;
  if (BAD_PATH_CHARS.test(path)) return `the file path "${path}" has a character that is not allowed`;
  if (path.split('/').some((s) => s === '' || s === '.' || s === '..')) return `the file path "${path}" has an empty, "." or ".." folder`;
  return undefined;
}

/** Bytes of a base64 string, or undefined when it is not base64. */
export function base64ToBytes(base64: string): Uint8Array | undefined {
  if (base64.length % 4 !== 0 || !BASE64.test(base64)) return undefined;
  try {
    return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The bytes of a shared file as the package holds them. */
export function fileBytes(file: SharedFile): Uint8Array {
  return 'text' in file ? encoder.encode(file.text) : (base64ToBytes(file.base64) ?? new Uint8Array());
}

/** Lambda counts the variables' keys and values against its 4 KB limit. */
export function environmentBytes(variables: Record<string, string>): number {
  return Object.entries(variables).reduce((sum, [k, v]) => sum + encoder.encode(k).length + encoder.encode(v).length, 0);
}

/**
 * Checks an untrusted value (parsed JSON) against the shape and Lambda's own limits, and
 * answers a fresh SharedFunction holding only the known members (nothing else of the input
 * survives, so an unexpected member can never reach the control plane).
 */
export function checkSharedFunction(input: unknown): Checked<SharedFunction> {
  const fail = (error: string): Checked<SharedFunction> => ({ ok: false, error });
  if (!isRecord(input)) return fail('it does not describe a function');
  const { name, runtime, handler, memorySize, timeout, description, environment, files, event } = input;
  if (typeof name !== 'string' || !FUNCTION_NAME.test(name)) {
    return fail('the function name must be 1 to 64 letters, numbers, hyphens or underscores');
  }
  if (typeof runtime !== 'string' || !isRuntimeId(runtime)) {
    return fail(`the runtime ${typeof runtime === 'string' ? `"${runtime.slice(0, 40)}"` : ''} is not one Lambdalite runs (Node.js 20.x–24.x, Python 3.11–3.14)`);
  }
  if (typeof handler !== 'string' || handler.length > LIMITS.handlerMaxLength || !HANDLER.test(handler)) {
    return fail(`the handler must be 1 to ${LIMITS.handlerMaxLength} characters without spaces`);
  }
  if (typeof memorySize !== 'number' || !Number.isInteger(memorySize) || memorySize < LIMITS.memoryMinMb || memorySize > LIMITS.memoryMaxMb) {
    return fail(`the memory must be a whole number of MB from ${LIMITS.memoryMinMb} to ${LIMITS.memoryMaxMb}`);
  }
  if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < LIMITS.timeoutMinSeconds || timeout > LIMITS.timeoutMaxSeconds) {
    return fail(`the timeout must be a whole number of seconds from ${LIMITS.timeoutMinSeconds} to ${LIMITS.timeoutMaxSeconds}`);
  }
  if (description !== undefined && (typeof description !== 'string' || description.length > LIMITS.descriptionMaxLength)) {
    return fail(`the description must be text of at most ${LIMITS.descriptionMaxLength} characters`);
  }
  const fn: SharedFunction = { name, runtime, handler, memorySize, timeout, files: [] };
  if (description) fn.description = description;

  if (environment !== undefined) {
    if (!isRecord(environment)) return fail('the environment variables are not a list of names and values');
    const variables: Record<string, string> = {};
    for (const [key, value] of Object.entries(environment)) {
      if (!ENV_KEY.test(key)) return fail(`the environment variable name "${key.slice(0, 40)}" is not valid`);
      if (RESERVED_ENVIRONMENT_KEYS.includes(key)) return fail(`the environment variable ${key} is reserved by Lambda`);
      if (typeof value !== 'string') return fail(`the environment variable ${key} has a value that is not text`);
      variables[key] = value;
    }
    if (environmentBytes(variables) > LIMITS.environmentMaxBytes) {
      return fail(`the environment variables exceed Lambda's ${LIMITS.environmentMaxBytes / 1024} KB limit`);
    }
    if (Object.keys(variables).length > 0) fn.environment = variables;
  }

  if (!Array.isArray(files) || files.length === 0) return fail('it holds no code files');
  if (files.length > SHARE_LIMITS.maxFiles) return fail(`it holds more than ${SHARE_LIMITS.maxFiles} files`);
  const seen = new Set<string>();
  let total = 0;
  for (const file of files as unknown[]) {
    if (!isRecord(file) || typeof file.path !== 'string') return fail('a file has no path');
    const path = file.path;
    const problem = pathProblem(path);
    if (problem) return fail(problem);
    if (seen.has(path) || [...seen].some((p) => p.startsWith(`${path}/`) || path.startsWith(`${p}/`))) {
      return fail(`the file path "${path}" is given twice, or as a file and a folder`);
    }
    seen.add(path);
    if (typeof file.text === 'string' && file.base64 === undefined) {
      total += encoder.encode(file.text).length;
      fn.files.push({ path: file.path, text: file.text });
    } else if (typeof file.base64 === 'string' && file.text === undefined) {
      const bytes = base64ToBytes(file.base64);
      if (!bytes) return fail(`the file "${file.path}" has damaged contents`);
      total += bytes.length;
      fn.files.push({ path: file.path, base64: file.base64 });
    } else {
      return fail(`the file "${file.path}" has no contents`);
    }
    if (total > SHARE_LIMITS.maxFilesBytes) return fail(`its files exceed ${SHARE_LIMITS.maxFilesBytes / 1024 / 1024} MB`);
  }
  fn.files.sort((a, b) => a.path.localeCompare(b.path));

  if (event !== undefined) {
    if (!isRecord(event) || typeof event.json !== 'string') return fail('the test event is not JSON text');
    if (encoder.encode(event.json).length > SHARE_LIMITS.maxEventBytes) return fail('the test event is larger than 1 MB');
    try {
      JSON.parse(event.json);
    } catch {
      return fail('the test event is not valid JSON');
    }
    if (event.name !== undefined && (typeof event.name !== 'string' || !EVENT_NAME.test(event.name))) {
      return fail('the test event name must be up to 25 letters, numbers, dots, hyphens and underscores');
    }
    fn.event = { json: event.json, ...(typeof event.name === 'string' ? { name: event.name } : {}) };
  }
  return { ok: true, value: fn };
}
