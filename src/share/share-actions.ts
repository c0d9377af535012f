/**
 * What the console does with shared functions, through the same client (and so the same
 * Lambda API) as everything else: read a function into a SharedFunction, create or replace one
 * from it, and run one in a scratch function that is deleted afterwards.
 */
import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import type { LambdaliteClient } from '../client/lambda-client';
import { LambdaError } from '../domain/errors';
import type { InvokeResult } from '../workers/protocol';
import { isScratchFunction, SCRATCH_DESCRIPTION, SCRATCH_PREFIX } from './scratch';
import { bytesToBase64, fileBytes, type SharedEvent, type SharedFile, type SharedFunction } from './shared-function';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function asSharedFile(path: string, bytes: Uint8Array): SharedFile {
  if (!bytes.includes(0)) {
    try {
      return { path, text: strictUtf8.decode(bytes) };
    } catch {
      // not UTF-8: carried as bytes
    }
  }
  return { path, base64: bytesToBase64(bytes) };
}

/** What the share dialog needs besides the function: what was left out of it. */
export interface SharedFunctionInfo {
  fn: SharedFunction;
  /** Layers the function uses; a link cannot carry them. */
  omittedLayers: string[];
  /** Variables the function has (shared or not). */
  environmentCount: number;
}

/** The function's $LATEST as deployed, with the chosen event and, if asked, its variables. */
export async function sharedFunctionOf(
  client: LambdaliteClient,
  name: string,
  options: { includeEnvironment: boolean; event?: SharedEvent },
): Promise<SharedFunctionInfo> {
  const [{ Configuration: config }, zip] = await Promise.all([client.getFunction({ FunctionName: name }), client.getFunctionCodeZip(name)]);
  if (!config) throw new TypeError(`GetFunction answered no configuration for ${name}`);
  const entries = unzipSync(zip);
  const files = Object.entries(entries)
    .filter(([path]) => !path.endsWith('/'))
    .map(([path, bytes]) => asSharedFile(path, bytes))
    .sort((a, b) => a.path.localeCompare(b.path));
  const variables = config.Environment?.Variables ?? {};
  const fn: SharedFunction = {
    name,
    runtime: config.Runtime as SharedFunction['runtime'],
    handler: config.Handler ?? '',
    memorySize: config.MemorySize ?? 128,
    timeout: config.Timeout ?? 3,
    files,
  };
  if (config.Description) fn.description = config.Description;
  if (options.includeEnvironment && Object.keys(variables).length > 0) fn.environment = { ...variables };
  if (options.event) fn.event = options.event;
  return { fn, omittedLayers: (config.Layers ?? []).map((l) => l.Arn ?? ''), environmentCount: Object.keys(variables).length };
}

export function zipShared(fn: SharedFunction): Uint8Array {
  const tree: Zippable = {};
  for (const file of fn.files) tree[file.path] = [fileBytes(file), { level: 6 }];
  return zipSync(tree);
}

function isNotFound(error: unknown): boolean {
  return error instanceof LambdaError && error.type === 'ResourceNotFoundException';
}

export async function functionExists(client: LambdaliteClient, name: string): Promise<boolean> {
  try {
    await client.getFunctionConfiguration({ FunctionName: name });
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

export async function listFunctionNames(client: LambdaliteClient): Promise<Set<string>> {
  const names = new Set<string>();
  let marker: string | undefined;
  do {
    const page = await client.listFunctions(marker ? { Marker: marker } : {});
    for (const f of page.Functions ?? []) if (f.FunctionName) names.add(f.FunctionName);
    marker = page.NextMarker;
  } while (marker);
  return names;
}

/** `<name>-2`, `-3`… (or `<name>-<suffix>`): the first not taken, within Lambda's 64 characters. */
export function freeNameAmong(taken: ReadonlySet<string>, name: string, suffix?: string): string {
  for (let n = 1; ; n++) {
    const tail = suffix === undefined ? `-${n + 1}` : n === 1 ? `-${suffix}` : `-${suffix}-${n}`;
    const candidate = `${name.slice(0, 64 - tail.length)}${tail}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export async function freeName(client: LambdaliteClient, name: string): Promise<string> {
  return freeNameAmong(await listFunctionNames(client), name);
}

function ready(config: FunctionConfiguration | undefined): boolean {
  return config !== undefined && config.State !== 'Pending' && config.LastUpdateStatus !== 'InProgress';
}

/** Lambda keeps a new function Pending and an update InProgress for a moment, refusing updates meanwhile. */
export async function waitUntilReady(client: LambdaliteClient, name: string, first?: FunctionConfiguration): Promise<FunctionConfiguration> {
  let config = first ?? (await client.getFunctionConfiguration({ FunctionName: name }));
  for (let attempt = 0; attempt < 200 && !ready(config); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    config = await client.getFunctionConfiguration({ FunctionName: name });
  }
  return config;
}

/** The role the console would make for the function (Lambdalite does not check roles). */
export function roleFor(accountId: string, name: string): string {
  return `arn:aws:iam::${accountId}:role/service-role/${name.slice(0, 40)}-role-shared`;
}

function configurationOf(fn: SharedFunction): {
  Runtime: SharedFunction['runtime'];
  Handler: string;
  MemorySize: number;
  Timeout: number;
  Description: string;
  Environment: { Variables: Record<string, string> };
} {
  return {
    Runtime: fn.runtime,
    Handler: fn.handler,
    MemorySize: fn.memorySize,
    Timeout: fn.timeout,
    Description: fn.description ?? '',
    Environment: { Variables: { ...(fn.environment ?? {}) } },
  };
}

/** The answer to a name clash: a new function under another name, or a confirmed replacement. */
export type ImportChoice = { mode: 'new'; name: string } | { mode: 'replace' };

/** What importing did beyond creating the function. */
export interface ImportOutcome {
  name: string;
  /** The saved test event's name, or why it was not saved. */
  eventSaved?: string;
  eventProblem?: string;
}

async function saveEvent(client: LambdaliteClient, name: string, event: SharedEvent | undefined, outcome: ImportOutcome): Promise<void> {
  if (!event) return;
  const eventName = event.name ?? 'sharedEvent';
  try {
    await client.saveTestEvent(name, eventName, event.json);
    outcome.eventSaved = eventName;
  } catch (error) {
    outcome.eventProblem = error instanceof Error ? error.message : String(error);
  }
}

/** Creates the function under `name` (which must be free), with its test event saved. */
export async function createFromShared(client: LambdaliteClient, fn: SharedFunction, name: string): Promise<ImportOutcome> {
  const { accountId } = await client.getSettings();
  const created = await client.createFunction({ FunctionName: name, Role: roleFor(accountId, name), Code: { ZipFile: zipShared(fn) }, ...configurationOf(fn) });
  await waitUntilReady(client, name, created);
  const outcome: ImportOutcome = { name };
  await saveEvent(client, name, fn.event, outcome);
  return outcome;
}

/**
 * Replaces an existing function's $LATEST code and settings with the shared ones (its versions,
 * aliases, other test events and logs stay, as after a Deploy).
 */
export async function replaceWithShared(client: LambdaliteClient, fn: SharedFunction, name: string): Promise<ImportOutcome> {
  await waitUntilReady(client, name);
  const updated = await client.updateFunctionCode({ FunctionName: name, ZipFile: zipShared(fn) });
  await waitUntilReady(client, name, updated);
  const configured = await client.updateFunctionConfiguration({ FunctionName: name, ...configurationOf(fn) });
  await waitUntilReady(client, name, configured);
  const outcome: ImportOutcome = { name };
  await saveEvent(client, name, fn.event, outcome);
  return outcome;
}

/** A scratch function unused this long was left by a tab that closed (an open one recreates its own if needed). */
const SCRATCH_STALE_MS = 60 * 60 * 1000;

/**
 * Runs a shared function without adding it to the workspace: a scratch function is created on
 * the first Run (cold start), reused while the code stays the same (warm starts, as Lambda
 * would), updated when it changes, and deleted by `dispose`. It runs in the sealed sandbox like
 * any function.
 */
export class ScratchRunner {
  #name: string | undefined;
  #key: string | undefined;
  #disposed = false;
  readonly #client: LambdaliteClient;

  constructor(client: LambdaliteClient) {
    this.#client = client;
  }

  /** The scratch function's name once created (it shows in logs as AWS_LAMBDA_FUNCTION_NAME). */
  get functionName(): string | undefined {
    return this.#name;
  }

  async run(fn: SharedFunction, eventJson: string): Promise<InvokeResult> {
    // A run starts on a live page (one back from the back/forward cache too): only a dispose during it counts.
    this.#disposed = false;
    try {
      return await this.#run(fn, eventJson);
    } catch (error) {
      // Removed meanwhile (another tab's clean-up, or the user): make it again once.
      if (!isNotFound(error) || this.#name === undefined) throw error;
      this.#name = undefined;
      return this.#run(fn, eventJson);
    }
  }

  async #run(fn: SharedFunction, eventJson: string): Promise<InvokeResult> {
    const config = { ...configurationOf(fn), Description: SCRATCH_DESCRIPTION };
    const key = JSON.stringify([fn.files, config]);
    if (this.#name === undefined) {
      const name = `${SCRATCH_PREFIX}${Math.random().toString(36).slice(2, 8)}-${fn.name}`.slice(0, 64);
      const { accountId } = await this.#client.getSettings();
      const created = await this.#client.createFunction({ FunctionName: name, Role: roleFor(accountId, name), Code: { ZipFile: zipShared(fn) }, ...config });
      this.#name = name;
      this.#key = key;
      if (this.#disposed) {
        // The page closed while the function was being created: remove it rather than leave it behind.
        await this.dispose();
        throw new TypeError('The run was cancelled: its page was closed.');
      }
      await waitUntilReady(this.#client, name, created);
    } else if (key !== this.#key) {
      const name = this.#name;
      await waitUntilReady(this.#client, name);
      await waitUntilReady(this.#client, name, await this.#client.updateFunctionCode({ FunctionName: name, ZipFile: zipShared(fn) }));
      await waitUntilReady(this.#client, name, await this.#client.updateFunctionConfiguration({ FunctionName: name, ...config }));
      this.#key = key;
    }
    return this.#client.invoke({
      FunctionName: this.#name,
      InvocationType: 'RequestResponse',
      LogType: 'Tail',
      Payload: new TextEncoder().encode(eventJson),
    });
  }

  /** Deletes the scratch function (best effort: a closing page may not get to finish). */
  async dispose(): Promise<void> {
    this.#disposed = true;
    const name = this.#name;
    this.#name = undefined;
    if (name !== undefined) await this.#client.deleteFunction({ FunctionName: name }).catch(() => undefined);
  }
}

/** Removes scratch functions that closed tabs left behind. */
export async function removeStaleScratchFunctions(client: LambdaliteClient, now = Date.now()): Promise<number> {
  let removed = 0;
  let marker: string | undefined;
  const stale: string[] = [];
  do {
    const page = await client.listFunctions(marker ? { Marker: marker } : {});
    for (const f of page.Functions ?? []) {
      const modified = Date.parse((f.LastModified ?? '').replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
      if (f.FunctionName && isScratchFunction(f) && now - modified > SCRATCH_STALE_MS) {
        stale.push(f.FunctionName);
      }
    }
    marker = page.NextMarker;
  } while (marker);
  for (const name of stale) {
    await client.deleteFunction({ FunctionName: name }).then(
      () => removed++,
      () => undefined,
    );
  }
  return removed;
}
