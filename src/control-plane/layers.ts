/**
 * Layers (https://docs.aws.amazon.com/lambda/latest/dg/chapter-layers.html): PublishLayerVersion,
 * GetLayerVersion, GetLayerVersionByArn, ListLayers, ListLayerVersions, DeleteLayerVersion,
 * AddLayerVersionPermission, RemoveLayerVersionPermission, GetLayerVersionPolicy; the checks of a
 * function's `Layers` member; and the /opt tree a cold start receives.
 *
 * Layer versions live in the store's `layerVersions` (records) and `layerContent` (archives).
 * DeleteLayerVersion only marks a version deleted: "To avoid breaking functions, a copy of the
 * version remains in Lambda until no functions refer to it"
 * (https://docs.aws.amazon.com/lambda/latest/api/API_DeleteLayerVersion.html). The record stays
 * as a tombstone, so a version number is never handed out twice.
 */
import type {
  AddLayerVersionPermissionRequest,
  DeleteLayerVersionRequest,
  GetLayerVersionByArnRequest,
  GetLayerVersionPolicyRequest,
  GetLayerVersionRequest,
  ListLayersRequest,
  ListLayerVersionsRequest,
  PublishLayerVersionRequest,
  RemoveLayerVersionPermissionRequest,
} from '@aws-sdk/client-lambda';
import { unzipSync } from 'fflate';
import type { AccountScope } from '../domain/arn';
import type { Clock } from '../domain/clock';
import {
  InvalidParameterValueException,
  PolicyLengthExceededException,
  PreconditionFailedException,
  RequestTooLargeException,
  ResourceConflictException,
  ResourceNotFoundException,
  ValidationException,
} from '../domain/errors';
import { newUuid } from '../domain/ids';
import {
  LAYER_LIMITS,
  isPlainLayerName,
  layerArn,
  layerPermissionStatement,
  layerPolicyDocument,
  layerVersionArn,
  parseLayerArn,
  toLayerVersionOutput,
  toLayerVersionsListItem,
  type LayerReference,
} from '../domain/layer-model';
import { LIMITS } from '../domain/validation';
import { sha256Base64, unzipPackage } from './code-package';
import type { LambdaliteStore, LayerVersionRecord, PolicyStatement } from './ports';

const ARCHITECTURES = ['x86_64', 'arm64'];
/** Unzipped layers kept in memory for cold starts; past this, the oldest are dropped. */
const FILE_CACHE_MAX_BYTES = 256 * 1024 * 1024;

export type LayerVersionOutput = ReturnType<typeof toLayerVersionOutput>;
export type LayerVersionsListItem = ReturnType<typeof toLayerVersionsListItem>;

export interface LayersOptions {
  /** The app's API root: Content.Location is `<apiBaseUrl>lambdalite/layers/<name>/<version>`. */
  apiBaseUrl: string;
}

/**
 * The path below the API root where a layer version's archive downloads (GetLayerVersion's
 * Content.Location); the wire answers it with the `LambdaliteGetLayerVersionContent` operation.
 */
export function layerContentPath(layerName: string, version: number): string {
  return `lambdalite/layers/${encodeURIComponent(layerName)}/${version}`;
}

/** Total size of a zip's files once extracted, read from its directory without inflating anything. */
export function unzippedSizeOf(zip: Uint8Array): number {
  let total = 0;
  try {
    unzipSync(zip, {
      filter: (file) => {
        if (!file.name.endsWith('/')) total += file.originalSize;
        return false;
      },
    });
  } catch {
    throw new InvalidParameterValueException('Could not unzip uploaded file. Please check your file, then try to upload again.');
  }
  return total;
}

export class LayersService {
  /** Unzipped layer versions by ARN (`<name>:<version>`): immutable, so never stale. */
  private readonly files = new Map<string, { files: Record<string, Uint8Array>; bytes: number }>();

  constructor(
    private readonly store: LambdaliteStore,
    private readonly clock: Clock,
    private readonly scope: () => AccountScope,
    private readonly options: LayersOptions,
  ) {}

  async publishLayerVersion(input: PublishLayerVersionRequest): Promise<LayerVersionOutput> {
    const layerName = this.layerNameOf(input.LayerName);
    const runtimes = input.CompatibleRuntimes ?? [];
    const architectures = input.CompatibleArchitectures ?? [];
    if (runtimes.length > LAYER_LIMITS.compatibleRuntimes) {
      throw validation(`[${runtimes.join(', ')}]`, 'compatibleRuntimes', `Member must have length less than or equal to ${LAYER_LIMITS.compatibleRuntimes}`);
    }
    if (architectures.length > LAYER_LIMITS.compatibleArchitectures) {
      throw validation(`[${architectures.join(', ')}]`, 'compatibleArchitectures', `Member must have length less than or equal to ${LAYER_LIMITS.compatibleArchitectures}`);
    }
    const unknownArchitecture = architectures.find((architecture) => !ARCHITECTURES.includes(architecture));
    if (unknownArchitecture !== undefined) {
      throw validation(`[${architectures.join(', ')}]`, 'compatibleArchitectures', `Member must satisfy constraint: [Member must satisfy enum value set: [${ARCHITECTURES.join(', ')}]]`);
    }
    if (input.Description !== undefined && input.Description.length > LIMITS.descriptionMaxLength) {
      throw validation(input.Description, 'description', `Member must have length less than or equal to ${LIMITS.descriptionMaxLength}`);
    }
    if (input.LicenseInfo !== undefined && input.LicenseInfo.length > 512) {
      throw validation(input.LicenseInfo, 'licenseInfo', 'Member must have length less than or equal to 512');
    }
    const content = input.Content;
    if (content?.S3Bucket !== undefined) {
      throw new InvalidParameterValueException('Lambdalite has no S3: upload the layer archive as Content.ZipFile.');
    }
    const zip = content?.ZipFile;
    if (!zip || zip.byteLength === 0) throw new InvalidParameterValueException('Please provide a source for layer content.');
    if (zip.byteLength > LIMITS.zippedMaxBytes) {
      throw new RequestTooLargeException(`Request must be smaller than ${LIMITS.zippedMaxBytes} bytes for the PublishLayerVersion operation`);
    }
    // A layer is held to the same 250 MB unzipped quota as a package (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html).
    const files = unzipPackage(zip);
    const unzippedSize = Object.values(files).reduce((sum, file) => sum + file.byteLength, 0);
    const existing = await this.store.listLayerVersions(layerName);
    // Numbers count up from 1 per layer and are never reused, deleted versions included.
    const version = existing.reduce((highest, record) => Math.max(highest, record.version), 0) + 1;
    const record: LayerVersionRecord = {
      layerName,
      version,
      description: input.Description ?? '',
      createdDate: this.clock.now(),
      compatibleRuntimes: [...runtimes],
      compatibleArchitectures: [...architectures],
      codeSha256: await sha256Base64(zip),
      codeSize: zip.byteLength,
      unzippedSize,
    };
    if (input.LicenseInfo !== undefined) record.licenseInfo = input.LicenseInfo;
    await this.store.putLayerVersion(record, zip);
    return this.output(record);
  }

  async getLayerVersion(input: GetLayerVersionRequest): Promise<LayerVersionOutput> {
    return this.output(await this.requireVisible(this.layerNameOf(input.LayerName), input.VersionNumber));
  }

  async getLayerVersionByArn(input: GetLayerVersionByArnRequest): Promise<LayerVersionOutput> {
    const parts = input.Arn === undefined ? undefined : parseLayerArn(input.Arn);
    if (!parts || parts.version === undefined) {
      throw validation(input.Arn ?? 'null', 'arn', 'Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:layer:[a-zA-Z0-9-_]+:[0-9]+');
    }
    if (!this.isOurs(parts)) throw new ResourceNotFoundException('The resource you requested does not exist.');
    return this.output(await this.requireVisible(parts.layerName, parts.version));
  }

  /** The latest version of each layer that matches the filters (deleted versions never match). */
  async listLayers(input: ListLayersRequest): Promise<{ Layers: Array<{ LayerName: string; LayerArn: string; LatestMatchingVersion: LayerVersionsListItem }>; NextMarker?: string }> {
    checkMaxItems(input.MaxItems);
    const latest = new Map<string, LayerVersionRecord>();
    for (const record of await this.store.listLayerVersions()) {
      if (record.deleted || !matches(record, input)) continue;
      const current = latest.get(record.layerName);
      if (!current || current.version < record.version) latest.set(record.layerName, record);
    }
    const sorted = [...latest.values()].sort((a, b) => (a.layerName < b.layerName ? -1 : a.layerName > b.layerName ? 1 : 0));
    const { items, nextMarker } = page(sorted, (record) => record.layerName, (record, after) => record.layerName > after, input);
    const scope = this.scope();
    const response: Awaited<ReturnType<LayersService['listLayers']>> = {
      Layers: items.map((record) => ({
        LayerName: record.layerName,
        LayerArn: layerArn(scope, record.layerName),
        LatestMatchingVersion: toLayerVersionsListItem(record, scope),
      })),
    };
    if (nextMarker !== undefined) response.NextMarker = nextMarker;
    return response;
  }

  /** A layer's versions, newest first; an unknown layer has none (Lambda answers an empty list). */
  async listLayerVersions(input: ListLayerVersionsRequest): Promise<{ LayerVersions: LayerVersionsListItem[]; NextMarker?: string }> {
    const layerName = this.layerNameOf(input.LayerName);
    checkMaxItems(input.MaxItems);
    const versions = (await this.store.listLayerVersions(layerName))
      .filter((record) => !record.deleted && matches(record, input))
      .sort((a, b) => b.version - a.version);
    const { items, nextMarker } = page(versions, (record) => String(record.version), (record, after) => record.version < Number(after), input);
    const scope = this.scope();
    const response: Awaited<ReturnType<LayersService['listLayerVersions']>> = {
      LayerVersions: items.map((record) => toLayerVersionsListItem(record, scope)),
    };
    if (nextMarker !== undefined) response.NextMarker = nextMarker;
    return response;
  }

  /**
   * Hides a version from the API. Deleting a version that does not exist (or no longer does)
   * succeeds, as on AWS. Its archive is dropped once no function or function version uses it.
   */
  async deleteLayerVersion(input: DeleteLayerVersionRequest): Promise<Record<string, never>> {
    const layerName = this.layerNameOf(input.LayerName);
    const version = checkVersionNumber(input.VersionNumber);
    const record = await this.store.getLayerVersion(layerName, version);
    if (record && !record.deleted) {
      const { policy: _policy, ...rest } = record;
      await this.store.putLayerVersion({ ...rest, deleted: true });
      await this.collectGarbage();
    }
    // 204 with no body (the operation has no output members).
    return {};
  }

  async addLayerVersionPermission(input: AddLayerVersionPermissionRequest): Promise<{ Statement: string; RevisionId: string }> {
    const layerName = this.layerNameOf(input.LayerName);
    const record = await this.requireForPolicy(layerName, input.VersionNumber);
    const statementId = input.StatementId ?? '';
    if (input.Action !== 'lambda:GetLayerVersion') {
      throw validation(input.Action ?? 'null', 'action', 'Member must satisfy regular expression pattern: lambda:GetLayerVersion');
    }
    if (input.Principal === undefined || !/^(\d{12}|\*|arn:(aws[a-zA-Z-]*):iam::\d{12}:root)$/.test(input.Principal)) {
      throw validation(input.Principal ?? 'null', 'principal', 'Member must satisfy regular expression pattern: \\d{12}|\\*|arn:(aws[a-zA-Z-]*):iam::\\d{12}:root');
    }
    const statements = record.policy?.statements ?? [];
    if (statements.some((statement) => statement.Sid === statementId)) {
      throw new ResourceConflictException(
        `The statement id (${statementId}) provided already exists. Please provide a new statement id, or remove the existing statement.`,
      );
    }
    this.checkPolicyRevision(record, input.RevisionId);
    const statement: PolicyStatement = layerPermissionStatement({
      statementId,
      action: input.Action,
      principal: input.Principal,
      resource: layerVersionArn(this.scope(), layerName, record.version),
      ...(input.OrganizationId === undefined ? {} : { organizationId: input.OrganizationId }),
    });
    const next = [...statements, statement];
    const size = new TextEncoder().encode(layerPolicyDocument(next)).byteLength;
    if (size > LAYER_LIMITS.policyMaxBytes) {
      throw new PolicyLengthExceededException(`The final policy size (${size}) is bigger than the limit (${LAYER_LIMITS.policyMaxBytes}).`);
    }
    const revisionId = newUuid();
    await this.store.putLayerVersion({ ...record, policy: { revisionId, statements: next } });
    return { Statement: JSON.stringify(statement), RevisionId: revisionId };
  }

  async removeLayerVersionPermission(input: RemoveLayerVersionPermissionRequest): Promise<Record<string, never>> {
    const layerName = this.layerNameOf(input.LayerName);
    const record = await this.requireForPolicy(layerName, input.VersionNumber);
    this.checkPolicyRevision(record, input.RevisionId);
    const statements = record.policy?.statements ?? [];
    const kept = statements.filter((statement) => statement.Sid !== input.StatementId);
    if (kept.length === statements.length) {
      throw new ResourceNotFoundException(`Statement ${input.StatementId ?? ''} is not found in resource policy.`);
    }
    const { policy: _policy, ...rest } = record;
    await this.store.putLayerVersion(kept.length === 0 ? rest : { ...rest, policy: { revisionId: newUuid(), statements: kept } });
    // 204 with no body (the operation has no output members).
    return {};
  }

  async getLayerVersionPolicy(input: GetLayerVersionPolicyRequest): Promise<{ Policy: string; RevisionId: string }> {
    const layerName = this.layerNameOf(input.LayerName);
    const record = await this.requireForPolicy(layerName, input.VersionNumber);
    if (!record.policy || record.policy.statements.length === 0) {
      throw new ResourceNotFoundException('No policy is associated with the given resource.');
    }
    return { Policy: layerPolicyDocument(record.policy.statements), RevisionId: record.policy.revisionId };
  }

  /** The archive behind Content.Location (not a Lambda operation). */
  async getLayerVersionContent(layerName: string | undefined, versionNumber: number | undefined): Promise<Uint8Array> {
    const record = await this.requireVisible(this.layerNameOf(layerName), versionNumber);
    const zip = await this.store.getLayerContent(record.layerName, record.version);
    if (!zip) throw new ResourceNotFoundException('The resource you requested does not exist.');
    return zip;
  }

  /**
   * Checks a function's `Layers` member (CreateFunction, UpdateFunctionConfiguration) and answers
   * what the function keeps of each: its ARN and size. `current` are the layers the function
   * already uses: a version deleted since it was added may stay ("Your functions can continue to
   * use any layer version that you've already added, even after that layer version has been
   * deleted", https://docs.aws.amazon.com/lambda/latest/dg/adding-layers.html), but not be added.
   *
   * CompatibleRuntimes and CompatibleArchitectures are not checked: Lambda does not enforce them
   * either (they are metadata that filters ListLayers and the console's layer picker), and the
   * operations guide attaches a layer published for python3.11 to any Python function.
   */
  async resolveFunctionLayers(
    arns: readonly string[],
    functionUnzippedSize: number,
    current: readonly LayerReference[] = [],
  ): Promise<LayerReference[]> {
    if (arns.length > LAYER_LIMITS.layersPerFunction) {
      throw new InvalidParameterValueException(`Cannot reference more than ${LAYER_LIMITS.layersPerFunction} layers.`);
    }
    const scope = this.scope();
    const seen = new Map<string, string>();
    const references: LayerReference[] = [];
    let total = functionUnzippedSize;
    for (const arn of arns) {
      // The model also accepts AWS-managed layers (`arn:aws:lambda:::awslayer:<name>`): AWS publishes them, so none exist here.
      if (/^arn:[a-zA-Z0-9-]+:lambda:::awslayer:[a-zA-Z0-9-_]+$/.test(arn)) {
        throw new InvalidParameterValueException(`AWS-managed layers (${arn}) are not available in Lambdalite: it has only the layers you publish.`);
      }
      const parts = parseLayerArn(arn);
      if (!parts || parts.version === undefined) {
        throw validation(`[${arns.join(', ')}]`, 'layers', 'Member must satisfy constraint: [Member must have length less than or equal to 2048, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: (arn:[a-zA-Z0-9-]+:lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:layer:[a-zA-Z0-9-_]+:[0-9]+)|(arn:[a-zA-Z0-9-]+:lambda:::awslayer:[a-zA-Z0-9-_]+), Member must not be null]');
      }
      if (parts.region !== scope.region) {
        throw new InvalidParameterValueException(`Layers are not in the same region as the function. Layers are expected to be in region ${scope.region}.`);
      }
      const record = parts.accountId === scope.accountId ? await this.store.getLayerVersion(parts.layerName, parts.version) : undefined;
      const alreadyUsed = current.some((reference) => reference.arn === arn);
      if (!record || (record.deleted && !alreadyUsed)) {
        throw new InvalidParameterValueException(`Layer version ${arn} does not exist.`);
      }
      const layer = arn.slice(0, arn.lastIndexOf(':'));
      const earlier = seen.get(layer);
      if (earlier !== undefined) {
        throw new InvalidParameterValueException(
          `Two different versions of the same layer are not allowed to be referenced in the same function. ${earlier} and ${arn} are versions of the same layer.`,
        );
      }
      seen.set(layer, arn);
      total += record.unzippedSize;
      references.push({ arn, codeSize: record.codeSize });
    }
    checkCombinedSize(total);
    return references;
  }

  /** Checks a new package against the layers a function keeps (UpdateFunctionCode). */
  async checkCombinedSize(layers: readonly LayerReference[], functionUnzippedSize: number): Promise<void> {
    let total = functionUnzippedSize;
    for (const { arn } of layers) {
      const parts = parseLayerArn(arn);
      const record = parts?.version === undefined ? undefined : await this.store.getLayerVersion(parts.layerName, parts.version);
      total += record?.unzippedSize ?? 0;
    }
    checkCombinedSize(total);
  }

  /**
   * The /opt tree of a function: its layers unzipped and merged in the function's order, a later
   * layer's file replacing an earlier one's ("Lambda extracts the layers in the order you added
   * them", https://docs.aws.amazon.com/lambda/latest/dg/adding-layers.html). Paths relative to /opt.
   */
  async layerFilesFor(arns: readonly string[]): Promise<Record<string, Uint8Array>> {
    const merged: Record<string, Uint8Array> = {};
    for (const arn of arns) Object.assign(merged, await this.unzippedLayer(arn));
    return merged;
  }

  /**
   * Drops the archives of deleted versions that no function or function version uses any more.
   * Called after DeleteLayerVersion and after a function stops using layers (update, deletion).
   */
  async collectGarbage(): Promise<void> {
    const deleted = (await this.store.listLayerVersions()).filter((record) => record.deleted && !record.contentDropped);
    if (deleted.length === 0) return;
    const used = new Set<string>();
    for (const latest of await this.store.listFunctions()) {
      for (const record of [latest, ...(await this.store.listVersions(latest.name))]) {
        for (const reference of record.layers ?? []) {
          const parts = parseLayerArn(reference.arn);
          if (parts?.version !== undefined) used.add(`${parts.layerName}:${parts.version}`);
        }
      }
    }
    for (const record of deleted) {
      const key = `${record.layerName}:${record.version}`;
      if (used.has(key)) continue;
      await this.store.dropLayerContent({ ...record, contentDropped: true });
      this.files.delete(key);
    }
  }

  private async unzippedLayer(arn: string): Promise<Record<string, Uint8Array>> {
    const parts = parseLayerArn(arn);
    if (!parts || parts.version === undefined) return {};
    const key = `${parts.layerName}:${parts.version}`;
    const cached = this.files.get(key);
    if (cached) {
      // Most recently used last, so eviction drops the coldest.
      this.files.delete(key);
      this.files.set(key, cached);
      return cached.files;
    }
    const zip = await this.store.getLayerContent(parts.layerName, parts.version);
    // A function keeps its layers' content while it uses them; a missing archive would be a bug.
    if (!zip) throw new ResourceNotFoundException(`Layer version ${arn} does not exist.`);
    const files = unzipPackage(zip);
    const bytes = Object.values(files).reduce((sum, file) => sum + file.byteLength, 0);
    this.files.set(key, { files, bytes });
    let held = [...this.files.values()].reduce((sum, entry) => sum + entry.bytes, 0);
    for (const [oldest, entry] of this.files) {
      if (held <= FILE_CACHE_MAX_BYTES || oldest === key) break;
      this.files.delete(oldest);
      held -= entry.bytes;
    }
    return files;
  }

  private output(record: LayerVersionRecord): LayerVersionOutput {
    return toLayerVersionOutput(record, this.scope(), `${this.options.apiBaseUrl}${layerContentPath(record.layerName, record.version)}`);
  }

  /** A LayerName member: a name, or a layer ARN of this workspace's region and account. */
  private layerNameOf(value: string | undefined): string {
    if (value === undefined) {
      throw new ValidationException("1 validation error detected: Value null at 'layerName' failed to satisfy constraint: Member must not be null");
    }
    if (isPlainLayerName(value) && value.length <= 140) return value;
    const parts = parseLayerArn(value);
    if (!parts || parts.version !== undefined) {
      throw validation(value, 'layerName', 'Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:(eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:layer:[a-zA-Z0-9-_]+)|[a-zA-Z0-9-_]+');
    }
    // Only this workspace's account and region exist here: another's layer is one we do not have.
    if (!this.isOurs(parts)) throw new ResourceNotFoundException('The resource you requested does not exist.');
    return parts.layerName;
  }

  private isOurs(parts: { region: string; accountId: string }): boolean {
    const scope = this.scope();
    return parts.region === scope.region && parts.accountId === scope.accountId;
  }

  private async requireVisible(layerName: string, versionNumber: number | undefined): Promise<LayerVersionRecord> {
    const version = checkVersionNumber(versionNumber);
    const record = await this.store.getLayerVersion(layerName, version);
    if (!record || record.deleted) throw new ResourceNotFoundException('The resource you requested does not exist.');
    return record;
  }

  private async requireForPolicy(layerName: string, versionNumber: number | undefined): Promise<LayerVersionRecord> {
    const version = checkVersionNumber(versionNumber);
    const record = await this.store.getLayerVersion(layerName, version);
    if (!record || record.deleted) {
      throw new ResourceNotFoundException(`Layer version ${layerVersionArn(this.scope(), layerName, version)} does not exist.`);
    }
    return record;
  }

  private checkPolicyRevision(record: LayerVersionRecord, revisionId: string | undefined): void {
    if (revisionId !== undefined && revisionId !== record.policy?.revisionId) {
      throw new PreconditionFailedException(
        'The Revision Id provided does not match the latest Revision Id. Call the GetLayerPolicy API to retrieve the latest Revision Id',
      );
    }
  }
}

/** "Function code combined with layers exceeds …" (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html: 250 MB unzipped, layers included). */
function checkCombinedSize(total: number): void {
  if (total > LIMITS.unzippedMaxBytes) {
    throw new InvalidParameterValueException(
      `Function code combined with layers exceeds the maximum allowed size of ${LIMITS.unzippedMaxBytes} bytes. The actual size is ${total} bytes.`,
    );
  }
}

function validation(value: string, member: string, constraint: string): ValidationException {
  return new ValidationException(`1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${constraint}`);
}

function checkVersionNumber(version: number | undefined): number {
  if (version === undefined || !Number.isInteger(version)) {
    throw new ValidationException("1 validation error detected: Value null at 'versionNumber' failed to satisfy constraint: Member must not be null");
  }
  if (version < 1) throw new InvalidParameterValueException('Layer Version Cannot be less than 1');
  return version;
}

function checkMaxItems(maxItems: number | undefined): void {
  if (maxItems === undefined) return;
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > LAYER_LIMITS.listPage) {
    const constraint = maxItems < 1 ? 'Member must have value greater than or equal to 1' : `Member must have value less than or equal to ${LAYER_LIMITS.listPage}`;
    throw validation(String(maxItems), 'maxItems', constraint);
  }
}

/** A version matches ListLayers' and ListLayerVersions' filters when it declares what they name. */
function matches(record: LayerVersionRecord, filter: { CompatibleRuntime?: string | undefined; CompatibleArchitecture?: string | undefined }): boolean {
  if (filter.CompatibleRuntime !== undefined && !record.compatibleRuntimes.includes(filter.CompatibleRuntime)) return false;
  if (filter.CompatibleArchitecture !== undefined && !record.compatibleArchitectures.includes(filter.CompatibleArchitecture)) return false;
  return true;
}

/**
 * One page of already ordered items after the Marker (paginators-1.json: Marker → NextMarker).
 * The marker is the base64 of the last key served; `isAfter` says whether an item follows it.
 */
function page<T>(
  items: T[],
  keyOf: (item: T) => string,
  isAfter: (item: T, after: string) => boolean,
  input: { Marker?: string | undefined; MaxItems?: number | undefined },
): { items: T[]; nextMarker?: string } {
  const after = input.Marker === undefined || input.Marker === '' ? undefined : decodeMarker(input.Marker);
  const rest = after === undefined ? items : items.filter((item) => isAfter(item, after));
  const size = input.MaxItems ?? LAYER_LIMITS.listPage;
  const served = rest.slice(0, size);
  const last = served.at(-1);
  return last !== undefined && rest.length > size ? { items: served, nextMarker: btoa(JSON.stringify({ after: keyOf(last) })) } : { items: served };
}

function decodeMarker(marker: string): string {
  try {
    const parsed: unknown = JSON.parse(atob(marker));
    if (typeof parsed === 'object' && parsed !== null && 'after' in parsed && typeof parsed.after === 'string') return parsed.after;
  } catch {
    // fall through to Lambda's error below
  }
  throw new InvalidParameterValueException(`Invalid marker: ${marker}`);
}
