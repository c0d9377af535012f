/**
 * The whole workspace as one .zip: `manifest.json` (settings, layers, functions with their
 * versions, aliases and test events) beside the code archives, stored once each under
 * `code/<CodeSha256 in base64url>.zip`; tags, reserved concurrency and "Allow network access"
 * come along (function URLs, permissions, provisioned concurrency, async and code signing settings,
 * event source mappings, logs and metrics do not). Everything is read and written through the Lambda API
 * (and the console's test-event calls), so an import obeys the same checks as the SDK would.
 *
 * Import merges: a function of the same name and the same $LATEST code is skipped; one with
 * different code is imported under `<name>-imported`; versions are re-published in order, so
 * their numbers match unless the export had gaps (deleted versions) or two versions with the
 * same code and configuration (Lambda publishes those once); the report says which.
 */
import type { AliasConfiguration, FunctionConfiguration, LayersListItem, LayerVersionsListItem } from '@aws-sdk/client-lambda';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import type { LambdaliteClient } from '../client/lambda-client';
import { isRuntimeId } from '../domain/runtime-ids';
import type { OperationShape, WorkspaceSettings } from '../workers/protocol';
import { SCRATCH_DESCRIPTION } from './scratch';
import { freeNameAmong, listFunctionNames, waitUntilReady } from './share-actions';
import { toBase64Url } from './share-link';

export const WORKSPACE_FORMAT = 'lambdalite-workspace';
export const WORKSPACE_FILE_SUFFIX = '.lambdalite-workspace.zip';

interface ExportedConfig {
  runtime: string;
  handler: string;
  memorySize: number;
  timeout: number;
  role: string;
  description?: string;
  environment?: Record<string, string>;
  ephemeralStorage?: number;
  architectures?: string[];
  /** Layer version ARNs as in the exporting workspace; mapped to this workspace's on import. */
  layers?: string[];
  /** Zip path of the code in the archive. */
  code: string;
  codeSha256: string;
}

export interface ExportedFunction {
  name: string;
  latest: ExportedConfig;
  allowNetwork?: boolean;
  tags?: Record<string, string>;
  /** PutFunctionConcurrency's ReservedConcurrentExecutions, when set. */
  reservedConcurrency?: number;
  versions: Array<ExportedConfig & { version: number }>;
  aliases: Array<{ name: string; functionVersion: string; description?: string; weights?: Record<string, number> }>;
  testEvents: Array<{ name: string; event: string }>;
}

export interface ExportedLayer {
  name: string;
  versions: Array<{
    version: number;
    description?: string;
    compatibleRuntimes?: string[];
    compatibleArchitectures?: string[];
    licenseInfo?: string;
    code: string;
    codeSha256: string;
  }>;
}

export interface WorkspaceManifest {
  format: typeof WORKSPACE_FORMAT;
  version: 1;
  exportedAt: string;
  settings: WorkspaceSettings;
  layers: ExportedLayer[];
  functions: ExportedFunction[];
}

/** How far a long export or import has got, for a progress bar. */
export interface Progress {
  done: number;
  total: number;
  /** What is being done now, e.g. "Function area: version 2". */
  step: string;
}
export type OnProgress = (progress: Progress) => void;

async function call<T>(client: LambdaliteClient, operation: string, input: object): Promise<T> {
  return (await client.execute(operation, input as OperationShape)) as unknown as T;
}

async function allPages<T>(fetchPage: (marker: string | undefined) => Promise<{ items: T[] | undefined; next: string | undefined }>): Promise<T[]> {
  const all: T[] = [];
  let marker: string | undefined;
  do {
    const page = await fetchPage(marker);
    all.push(...(page.items ?? []));
    marker = page.next;
  } while (marker);
  return all;
}

const codePath = (sha: string): string => `code/${toBase64Url(Uint8Array.from(atob(sha), (c) => c.charCodeAt(0)))}.zip`;

function exportedConfig(config: FunctionConfiguration, code: string): ExportedConfig {
  const out: ExportedConfig = {
    runtime: config.Runtime ?? '',
    handler: config.Handler ?? '',
    memorySize: config.MemorySize ?? 128,
    timeout: config.Timeout ?? 3,
    role: config.Role ?? '',
    code,
    codeSha256: config.CodeSha256 ?? '',
  };
  if (config.Description) out.description = config.Description;
  const variables = config.Environment?.Variables;
  if (variables && Object.keys(variables).length > 0) out.environment = { ...variables };
  if (config.EphemeralStorage?.Size !== undefined && config.EphemeralStorage.Size !== 512) out.ephemeralStorage = config.EphemeralStorage.Size;
  if (config.Architectures && config.Architectures.length > 0) out.architectures = [...config.Architectures];
  if (config.Layers && config.Layers.length > 0) out.layers = config.Layers.map((l) => l.Arn ?? '');
  return out;
}

/** Exports every function (scratch copies of shared links left out), layer, test event and the settings. */
export async function exportWorkspace(client: LambdaliteClient, onProgress: OnProgress = () => undefined): Promise<{ zip: Uint8Array; manifest: WorkspaceManifest }> {
  const files: Zippable = {};
  const addCode = (sha: string, zip: Uint8Array): string => {
    const path = codePath(sha);
    // Archives are compressed already: stored, not deflated again.
    files[path] ??= [zip, { level: 0 }];
    return path;
  };
  const settings = await client.getSettings();
  const functions = (
    await allPages<FunctionConfiguration>(async (m) => {
      const page = await client.listFunctions(m ? { Marker: m } : {});
      return { items: page.Functions, next: page.NextMarker };
    })
  )
    .filter((f) => f.Description !== SCRATCH_DESCRIPTION)
    .sort((a, b) => (a.FunctionName ?? '').localeCompare(b.FunctionName ?? ''));
  const layerList = await allPages<LayersListItem>(async (m) => {
    const page = await call<{ Layers?: LayersListItem[]; NextMarker?: string }>(client, 'ListLayers', m ? { Marker: m } : {});
    return { items: page.Layers, next: page.NextMarker };
  });
  const layerVersions = new Map<string, LayerVersionsListItem[]>();
  for (const layer of layerList) {
    const name = layer.LayerName ?? '';
    const versions = await allPages<LayerVersionsListItem>(async (m) => {
      const page = await call<{ LayerVersions?: LayerVersionsListItem[]; NextMarker?: string }>(client, 'ListLayerVersions', { LayerName: name, ...(m ? { Marker: m } : {}) });
      return { items: page.LayerVersions, next: page.NextMarker };
    });
    layerVersions.set(name, versions.sort((a, b) => (a.Version ?? 0) - (b.Version ?? 0)));
  }
  const total = functions.length + [...layerVersions.values()].reduce((n, v) => n + v.length, 0) + 1;
  let done = 0;
  const step = (label: string): void => onProgress({ done, total, step: label });

  const manifest: WorkspaceManifest = { format: WORKSPACE_FORMAT, version: 1, exportedAt: new Date().toISOString(), settings, layers: [], functions: [] };
  for (const [name, versions] of layerVersions) {
    const layer: ExportedLayer = { name, versions: [] };
    for (const item of versions) {
      const version = item.Version ?? 0;
      step(`Layer ${name}: version ${version}`);
      const detail = await call<{ Content?: { CodeSha256?: string } }>(client, 'GetLayerVersion', { LayerName: name, VersionNumber: version });
      const { ZipFile } = await call<{ ZipFile: Uint8Array }>(client, 'LambdaliteGetLayerVersionContent', { LayerName: name, VersionNumber: version });
      const sha = detail.Content?.CodeSha256 ?? '';
      layer.versions.push({
        version,
        ...(item.Description ? { description: item.Description } : {}),
        ...(item.CompatibleRuntimes?.length ? { compatibleRuntimes: [...item.CompatibleRuntimes] } : {}),
        ...(item.CompatibleArchitectures?.length ? { compatibleArchitectures: [...item.CompatibleArchitectures] } : {}),
        ...(item.LicenseInfo ? { licenseInfo: item.LicenseInfo } : {}),
        code: addCode(sha, ZipFile),
        codeSha256: sha,
      });
      done++;
    }
    manifest.layers.push(layer);
  }

  for (const listed of functions) {
    const name = listed.FunctionName ?? '';
    step(`Function ${name}`);
    const latestConfig = await client.getFunctionConfiguration({ FunctionName: name });
    const latestZip = await client.getFunctionCodeZip(name);
    const fn: ExportedFunction = {
      name,
      latest: exportedConfig(latestConfig, addCode(latestConfig.CodeSha256 ?? '', latestZip)),
      versions: [],
      aliases: [],
      testEvents: [],
    };
    const versions = await allPages<FunctionConfiguration>(async (m) => {
      const page = await call<{ Versions?: FunctionConfiguration[]; NextMarker?: string }>(client, 'ListVersionsByFunction', { FunctionName: name, ...(m ? { Marker: m } : {}) });
      return { items: page.Versions, next: page.NextMarker };
    });
    for (const v of versions.filter((v) => v.Version !== '$LATEST').sort((a, b) => Number(a.Version) - Number(b.Version))) {
      step(`Function ${name}: version ${v.Version}`);
      const { ZipFile } = await call<{ ZipFile: Uint8Array }>(client, 'LambdaliteGetFunctionCode', { FunctionName: name, Qualifier: v.Version });
      fn.versions.push({ ...exportedConfig(v, addCode(v.CodeSha256 ?? '', ZipFile)), version: Number(v.Version) });
    }
    const aliases = await allPages<AliasConfiguration>(async (m) => {
      const page = await call<{ Aliases?: AliasConfiguration[]; NextMarker?: string }>(client, 'ListAliases', { FunctionName: name, ...(m ? { Marker: m } : {}) });
      return { items: page.Aliases, next: page.NextMarker };
    });
    fn.aliases = aliases.map((a) => ({
      name: a.Name ?? '',
      functionVersion: a.FunctionVersion ?? '$LATEST',
      ...(a.Description ? { description: a.Description } : {}),
      ...(a.RoutingConfig?.AdditionalVersionWeights && Object.keys(a.RoutingConfig.AdditionalVersionWeights).length > 0
        ? { weights: { ...a.RoutingConfig.AdditionalVersionWeights } }
        : {}),
    }));
    fn.testEvents = (await client.listTestEvents(name)).map((e) => ({ name: e.name, event: e.event }));
    try {
      const access = await call<{ AllowNetwork?: boolean }>(client, 'LambdaliteGetNetworkAccess', { FunctionName: name });
      if (access.AllowNetwork) fn.allowNetwork = true;
    } catch {
      // An older control plane without the setting: nothing to carry.
    }
    const { Tags } = await call<{ Tags?: Record<string, string> }>(client, 'ListTags', { Resource: latestConfig.FunctionArn });
    if (Tags && Object.keys(Tags).length > 0) fn.tags = { ...Tags };
    const { ReservedConcurrentExecutions } = await call<{ ReservedConcurrentExecutions?: number }>(client, 'GetFunctionConcurrency', { FunctionName: name });
    if (ReservedConcurrentExecutions !== undefined) fn.reservedConcurrency = ReservedConcurrentExecutions;
    manifest.functions.push(fn);
    done++;
  }
  step('Writing the archive');
  files['manifest.json'] = [new TextEncoder().encode(JSON.stringify(manifest, null, 2)), { level: 6 }];
  const zip = zipSync(files);
  done++;
  step('Done');
  return { zip, manifest };
}

/** One line of the import report. */
export interface ReportEntry {
  kind: 'function' | 'layer' | 'settings';
  /** The name in the file. */
  name: string;
  outcome: 'added' | 'skipped' | 'renamed' | 'failed';
  /** The name it now has, when renamed. */
  newName?: string;
  /** Why, and anything that did not come across exactly (version numbers, aliases, events). */
  details: string[];
}

export interface ImportReport {
  entries: ReportEntry[];
}

/** A workspace file that cannot be read at all. */
export class WorkspaceFileError extends Error {
  override name = 'WorkspaceFileError';
}

const NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const LAYER_NAME = /^[a-zA-Z0-9_-]{1,140}$/;
const LAYER_ARN = /^arn:[a-z-]+:lambda:[a-z0-9-]+:\d{12}:layer:([a-zA-Z0-9_-]+):(\d+)$/;
/** The archive is the user's own file, but may have been sent by anyone: bound what it may make us unzip. */
const WORKSPACE_MAX_UNZIPPED = 1024 * 1024 * 1024;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkConfig(value: unknown, files: Record<string, Uint8Array>, where: string): ExportedConfig {
  if (!isRecord(value)) throw new WorkspaceFileError(`${where} is not described`);
  const { runtime, handler, memorySize, timeout, role, code, codeSha256 } = value;
  if (typeof runtime !== 'string' || !isRuntimeId(runtime)) throw new WorkspaceFileError(`${where} has a runtime Lambdalite does not run`);
  if (typeof handler !== 'string' || typeof role !== 'string' || typeof memorySize !== 'number' || typeof timeout !== 'number') {
    throw new WorkspaceFileError(`${where} has a damaged configuration`);
  }
  if (typeof code !== 'string' || !Object.hasOwn(files, code) || typeof codeSha256 !== 'string') throw new WorkspaceFileError(`${where}'s code is missing from the file`);
  const out: ExportedConfig = { runtime, handler, memorySize, timeout, role, code, codeSha256 };
  if (typeof value.description === 'string') out.description = value.description;
  if (isRecord(value.environment)) {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(value.environment)) if (typeof v === 'string') env[k] = v;
    out.environment = env;
  }
  if (typeof value.ephemeralStorage === 'number') out.ephemeralStorage = value.ephemeralStorage;
  if (Array.isArray(value.architectures)) out.architectures = value.architectures.filter((a): a is string => typeof a === 'string');
  if (Array.isArray(value.layers)) out.layers = value.layers.filter((a): a is string => typeof a === 'string');
  return out;
}

/** Reads and checks a workspace file; throws WorkspaceFileError with a readable reason. */
export function readWorkspaceFile(zip: Uint8Array): { manifest: WorkspaceManifest; files: Record<string, Uint8Array> } {
  if (zip.length < 4 || zip[0] !== 0x50 || zip[1] !== 0x4b) throw new WorkspaceFileError('The file is not a .zip archive.');
  let unzippedTotal = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, {
      filter: (f) => {
        unzippedTotal += f.originalSize;
        if (unzippedTotal > WORKSPACE_MAX_UNZIPPED) throw new WorkspaceFileError('The file unpacks to more than 1 GB.');
        return true;
      },
    });
  } catch (error) {
    if (error instanceof WorkspaceFileError) throw error;
    throw new WorkspaceFileError(`The .zip file could not be unzipped (${error instanceof Error ? error.message : String(error)}).`);
  }
  const manifestBytes = files['manifest.json'];
  if (!manifestBytes) throw new WorkspaceFileError('The file has no manifest.json: it is not a Lambdalite workspace export.');
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(manifestBytes));
  } catch {
    throw new WorkspaceFileError('The manifest.json of the file is not JSON.');
  }
  if (!isRecord(raw) || raw.format !== WORKSPACE_FORMAT) throw new WorkspaceFileError('The file is not a Lambdalite workspace export.');
  if (raw.version !== 1) throw new WorkspaceFileError('The file was written by a newer Lambdalite.');
  const manifest: WorkspaceManifest = { format: WORKSPACE_FORMAT, version: 1, exportedAt: String(raw.exportedAt ?? ''), settings: { region: '', accountId: '' }, layers: [], functions: [] };
  if (isRecord(raw.settings)) {
    const s = raw.settings;
    manifest.settings = {
      region: typeof s.region === 'string' ? s.region : '',
      accountId: typeof s.accountId === 'string' ? s.accountId : '',
      ...(typeof s.accountConcurrency === 'number' ? { accountConcurrency: s.accountConcurrency } : {}),
      ...(typeof s.unreservedMinimum === 'number' ? { unreservedMinimum: s.unreservedMinimum } : {}),
      ...(typeof s.idleReclaimMinutes === 'number' ? { idleReclaimMinutes: s.idleReclaimMinutes } : {}),
    };
  }
  for (const layer of Array.isArray(raw.layers) ? raw.layers : []) {
    if (!isRecord(layer) || typeof layer.name !== 'string' || !LAYER_NAME.test(layer.name) || !Array.isArray(layer.versions)) {
      throw new WorkspaceFileError('A layer in the file is damaged.');
    }
    const out: ExportedLayer = { name: layer.name, versions: [] };
    for (const v of layer.versions as unknown[]) {
      if (!isRecord(v) || typeof v.version !== 'number' || typeof v.code !== 'string' || !Object.hasOwn(files, v.code)) {
        throw new WorkspaceFileError(`A version of layer ${layer.name} is damaged or its archive is missing.`);
      }
      out.versions.push({
        version: v.version,
        code: v.code,
        codeSha256: typeof v.codeSha256 === 'string' ? v.codeSha256 : '',
        ...(typeof v.description === 'string' ? { description: v.description } : {}),
        ...(Array.isArray(v.compatibleRuntimes) ? { compatibleRuntimes: v.compatibleRuntimes.filter((r): r is string => typeof r === 'string') } : {}),
        ...(Array.isArray(v.compatibleArchitectures) ? { compatibleArchitectures: v.compatibleArchitectures.filter((r): r is string => typeof r === 'string') } : {}),
        ...(typeof v.licenseInfo === 'string' ? { licenseInfo: v.licenseInfo } : {}),
      });
    }
    out.versions.sort((a, b) => a.version - b.version);
    manifest.layers.push(out);
  }
  for (const fn of Array.isArray(raw.functions) ? raw.functions : []) {
    if (!isRecord(fn) || typeof fn.name !== 'string' || !NAME.test(fn.name)) throw new WorkspaceFileError('A function in the file has a damaged name.');
    const name = fn.name;
    const out: ExportedFunction = { name, latest: checkConfig(fn.latest, files, `Function ${name}`), versions: [], aliases: [], testEvents: [] };
    if (fn.allowNetwork === true) out.allowNetwork = true;
    if (isRecord(fn.tags)) {
      const tags: Record<string, string> = {};
      for (const [k, v] of Object.entries(fn.tags)) if (typeof v === 'string') tags[k] = v;
      if (Object.keys(tags).length > 0) out.tags = tags;
    }
    if (typeof fn.reservedConcurrency === 'number') out.reservedConcurrency = fn.reservedConcurrency;
    for (const v of Array.isArray(fn.versions) ? fn.versions : []) {
      if (!isRecord(v) || typeof v.version !== 'number' || !Number.isInteger(v.version) || v.version < 1) {
        throw new WorkspaceFileError(`A version of function ${name} is damaged.`);
      }
      out.versions.push({ ...checkConfig(v, files, `Version ${v.version} of ${name}`), version: v.version });
    }
    out.versions.sort((a, b) => a.version - b.version);
    for (const a of Array.isArray(fn.aliases) ? fn.aliases : []) {
      if (!isRecord(a) || typeof a.name !== 'string' || typeof a.functionVersion !== 'string') throw new WorkspaceFileError(`An alias of function ${name} is damaged.`);
      const weights: Record<string, number> = {};
      if (isRecord(a.weights)) for (const [k, w] of Object.entries(a.weights)) if (typeof w === 'number') weights[k] = w;
      out.aliases.push({
        name: a.name,
        functionVersion: a.functionVersion,
        ...(typeof a.description === 'string' ? { description: a.description } : {}),
        ...(Object.keys(weights).length > 0 ? { weights } : {}),
      });
    }
    for (const e of Array.isArray(fn.testEvents) ? fn.testEvents : []) {
      if (isRecord(e) && typeof e.name === 'string' && typeof e.event === 'string') out.testEvents.push({ name: e.name, event: e.event });
    }
    manifest.functions.push(out);
  }
  return { manifest, files };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Imports a workspace file into this workspace, merging (see the module comment). Never
 * overwrites: what exists is skipped or the import is renamed. Settings are applied only to
 * an empty workspace, since changing the region or account would change every ARN in it.
 */
export async function importWorkspace(client: LambdaliteClient, zip: Uint8Array, onProgress: OnProgress = () => undefined): Promise<ImportReport> {
  const { manifest, files } = readWorkspaceFile(zip);
  const entries: ReportEntry[] = [];
  const total = manifest.functions.length + manifest.layers.reduce((n, l) => n + l.versions.length, 0) + 1;
  let done = 0;
  const step = (label: string): void => onProgress({ done, total, step: label });

  step('Settings');
  const taken = await listFunctionNames(client);
  const existingLayers = await allPages<LayersListItem>(async (m) => {
    const page = await call<{ Layers?: LayersListItem[]; NextMarker?: string }>(client, 'ListLayers', m ? { Marker: m } : {});
    return { items: page.Layers, next: page.NextMarker };
  });
  if (taken.size === 0 && existingLayers.length === 0 && manifest.settings.region && manifest.settings.accountId) {
    try {
      await client.updateSettings(manifest.settings);
      entries.push({ kind: 'settings', name: 'Settings', outcome: 'added', details: [`Region ${manifest.settings.region}, account ${manifest.settings.accountId}.`] });
    } catch (error) {
      entries.push({ kind: 'settings', name: 'Settings', outcome: 'failed', details: [errorText(error)] });
    }
  } else {
    entries.push({ kind: 'settings', name: 'Settings', outcome: 'skipped', details: ['The workspace was not empty: its region, account and limits were kept.'] });
  }
  done++;
  const { accountId } = await client.getSettings();

  // Layers first: functions refer to them. Key: "<layer>:<version in the file>" → ARN here.
  const layerArns = new Map<string, string>();
  for (const layer of manifest.layers) {
    const details: string[] = [];
    let added = 0;
    let failed = 0;
    // What this workspace already has of the layer, by CodeSha256 and description.
    const have = new Map<string, { arn: string; version: number }>();
    try {
      const versions = await allPages<LayerVersionsListItem>(async (m) => {
        const page = await call<{ LayerVersions?: LayerVersionsListItem[]; NextMarker?: string }>(client, 'ListLayerVersions', { LayerName: layer.name, ...(m ? { Marker: m } : {}) });
        return { items: page.LayerVersions, next: page.NextMarker };
      });
      for (const item of versions) {
        const detail = await call<{ Content?: { CodeSha256?: string }; LayerVersionArn?: string; Description?: string }>(client, 'GetLayerVersion', {
          LayerName: layer.name,
          VersionNumber: item.Version,
        });
        have.set(`${detail.Content?.CodeSha256 ?? ''}|${detail.Description ?? ''}`, { arn: detail.LayerVersionArn ?? '', version: item.Version ?? 0 });
      }
    } catch {
      // No such layer yet.
    }
    for (const v of layer.versions) {
      step(`Layer ${layer.name}: version ${v.version}`);
      const same = have.get(`${v.codeSha256}|${v.description ?? ''}`);
      if (same) {
        layerArns.set(`${layer.name}:${v.version}`, same.arn);
        details.push(`Version ${v.version} is here already${same.version !== v.version ? ` as version ${same.version}` : ''}: skipped.`);
      } else {
        try {
          const published = await call<{ LayerVersionArn?: string; Version?: number }>(client, 'PublishLayerVersion', {
            LayerName: layer.name,
            Content: { ZipFile: files[v.code] },
            ...(v.description ? { Description: v.description } : {}),
            ...(v.compatibleRuntimes ? { CompatibleRuntimes: v.compatibleRuntimes } : {}),
            ...(v.compatibleArchitectures ? { CompatibleArchitectures: v.compatibleArchitectures } : {}),
            ...(v.licenseInfo ? { LicenseInfo: v.licenseInfo } : {}),
          });
          layerArns.set(`${layer.name}:${v.version}`, published.LayerVersionArn ?? '');
          added++;
          if (published.Version !== v.version) {
            details.push(`Version ${v.version} was published as version ${published.Version} (layer version numbers are never reused).`);
          }
        } catch (error) {
          failed++;
          details.push(`Version ${v.version} failed: ${errorText(error)}`);
        }
      }
      done++;
    }
    entries.push({ kind: 'layer', name: layer.name, outcome: failed > 0 && added === 0 ? 'failed' : added > 0 ? 'added' : 'skipped', details });
  }

  for (const fn of manifest.functions) {
    step(`Function ${fn.name}`);
    entries.push(await importFunction(client, fn, files, { taken, layerArns, accountId }));
    done++;
  }
  step('Done');
  return { entries };
}

interface ImportContext {
  taken: Set<string>;
  layerArns: Map<string, string>;
  accountId: string;
}

async function importFunction(client: LambdaliteClient, fn: ExportedFunction, files: Record<string, Uint8Array>, context: ImportContext): Promise<ReportEntry> {
  const details: string[] = [];
  let name = fn.name;
  let outcome: ReportEntry['outcome'] = 'added';
  if (context.taken.has(fn.name)) {
    const existing = await client.getFunctionConfiguration({ FunctionName: fn.name });
    if (existing.CodeSha256 === fn.latest.codeSha256) {
      return { kind: 'function', name: fn.name, outcome: 'skipped', details: ['A function with this name and the same code exists: left as it is.'] };
    }
    // An earlier import of the same file renamed it already: do not make a second copy.
    const copies = [...context.taken].filter((n) => n.startsWith(`${fn.name}-imported`) && /^-imported(-\d+)?$/.test(n.slice(fn.name.length)));
    for (const copy of copies) {
      if ((await client.getFunctionConfiguration({ FunctionName: copy })).CodeSha256 === fn.latest.codeSha256) {
        return { kind: 'function', name: fn.name, outcome: 'skipped', details: [`Imported earlier as ${copy}, with the same code: left as it is.`] };
      }
    }
    name = freeNameAmong(context.taken, fn.name, 'imported');
    outcome = 'renamed';
    details.push(`A function named ${fn.name} with different code exists: imported as ${name}.`);
  }

  const dropped = new Set<string>();
  const configOf = (c: ExportedConfig): Record<string, unknown> => {
    const layers: string[] = [];
    for (const arn of c.layers ?? []) {
      const match = LAYER_ARN.exec(arn);
      const mapped = match ? context.layerArns.get(`${match[1]}:${match[2]}`) : undefined;
      if (mapped) layers.push(mapped);
      else dropped.add(arn);
    }
    return {
      Runtime: c.runtime,
      Handler: c.handler,
      MemorySize: c.memorySize,
      Timeout: c.timeout,
      // The role's account follows this workspace's, as the console would have made it here.
      Role: c.role.replace(/^(arn:[a-z-]+:iam::)\d{12}(:)/, `$1${context.accountId}$2`),
      Description: c.description ?? '',
      Environment: { Variables: c.environment ?? {} },
      EphemeralStorage: { Size: c.ephemeralStorage ?? 512 },
      Layers: layers,
      ...(c.architectures ? { Architectures: c.architectures } : {}),
    };
  };
  const update = async (c: ExportedConfig): Promise<void> => {
    await waitUntilReady(client, name, await client.updateFunctionCode({ FunctionName: name, ZipFile: files[c.code]! }));
    const { Role: _role, Architectures: _arch, ...configuration } = configOf(c);
    await waitUntilReady(client, name, await call<FunctionConfiguration>(client, 'UpdateFunctionConfiguration', { FunctionName: name, ...configuration }));
  };

  const first = fn.versions[0] ?? fn.latest;
  try {
    const created = await call<FunctionConfiguration>(client, 'CreateFunction', {
      FunctionName: name,
      Code: { ZipFile: files[first.code]! },
      ...configOf(first),
      ...(fn.tags ? { Tags: fn.tags } : {}),
    });
    context.taken.add(name);
    await waitUntilReady(client, name, created);
  } catch (error) {
    return { kind: 'function', name: fn.name, outcome: 'failed', details: [...details, errorText(error)] };
  }
  try {
    // Versions snapshot the setting when published: set it first, as the function's $LATEST had it.
    if (fn.allowNetwork) await call(client, 'LambdalitePutNetworkAccess', { FunctionName: name, AllowNetwork: true });

    // Versions in order, so that their numbers come out the same where the export had no gaps.
    const versionMap = new Map<string, string>();
    for (const [index, v] of fn.versions.entries()) {
      if (index > 0) await update(v);
      const published = await call<FunctionConfiguration>(client, 'PublishVersion', { FunctionName: name, ...(v.description ? { Description: v.description } : {}) });
      const got = published.Version ?? '';
      versionMap.set(String(v.version), got);
      if (got !== String(v.version)) {
        details.push(
          Number(got) < v.version && [...versionMap.values()].filter((x) => x === got).length > 1
            ? `Version ${v.version} has the same code and configuration as version ${got}: Lambda publishes them once, so it is version ${got} here.`
            : `Version ${v.version} is version ${got} here (deleted versions leave gaps that a new function cannot have).`,
        );
      }
      await waitUntilReady(client, name);
    }
    if (fn.versions.length > 0) await update(fn.latest);
    if (fn.versions.length > 0) details.push(`${fn.versions.length} version${fn.versions.length === 1 ? '' : 's'} published.`);
    for (const arn of dropped) details.push(`Layer ${arn} was not in the file or failed to import: left out.`);

    for (const alias of fn.aliases) {
      const version = alias.functionVersion === '$LATEST' ? '$LATEST' : versionMap.get(alias.functionVersion);
      if (!version) {
        details.push(`Alias ${alias.name} points to version ${alias.functionVersion}, which is not in the file: left out.`);
        continue;
      }
      const weights: Record<string, number> = {};
      for (const [v, w] of Object.entries(alias.weights ?? {})) {
        const mapped = versionMap.get(v);
        if (mapped) weights[mapped] = w;
      }
      try {
        await call(client, 'CreateAlias', {
          FunctionName: name,
          Name: alias.name,
          FunctionVersion: version,
          ...(alias.description ? { Description: alias.description } : {}),
          ...(Object.keys(weights).length > 0 ? { RoutingConfig: { AdditionalVersionWeights: weights } } : {}),
        });
      } catch (error) {
        details.push(`Alias ${alias.name} failed: ${errorText(error)}`);
      }
    }
    if (fn.aliases.length > 0) details.push(`Alias${fn.aliases.length === 1 ? '' : 'es'}: ${fn.aliases.map((a) => a.name).join(', ')}.`);
    for (const event of fn.testEvents) {
      try {
        await client.saveTestEvent(name, event.name, event.event);
      } catch (error) {
        details.push(`Test event ${event.name} failed: ${errorText(error)}`);
      }
    }
    if (fn.testEvents.length > 0) details.push(`Test event${fn.testEvents.length === 1 ? '' : 's'}: ${fn.testEvents.map((e) => e.name).join(', ')}.`);
    if (fn.reservedConcurrency !== undefined) {
      try {
        await call(client, 'PutFunctionConcurrency', { FunctionName: name, ReservedConcurrentExecutions: fn.reservedConcurrency });
        details.push(`Reserved concurrency: ${fn.reservedConcurrency}.`);
      } catch (error) {
        details.push(`Reserved concurrency ${fn.reservedConcurrency} failed: ${errorText(error)}`);
      }
    }
  } catch (error) {
    details.push(`Only partly imported: ${errorText(error)}`);
  }
  return { kind: 'function', name: fn.name, outcome, ...(name !== fn.name ? { newName: name } : {}), details };
}
