/**
 * Functions: CreateFunction, GetFunction, GetFunctionConfiguration, ListFunctions,
 * UpdateFunctionCode, UpdateFunctionConfiguration, DeleteFunction
 * (https://docs.aws.amazon.com/lambda/latest/api/API_Operations.html), and the resolution of
 * a FunctionName + Qualifier to $LATEST, a published version or an alias that every
 * operation shares.
 */
import type {
  CreateFunctionRequest,
  DeleteFunctionRequest,
  FunctionConfiguration,
  GetFunctionResponse,
  ListFunctionsRequest,
  ListFunctionsResponse,
  UpdateFunctionCodeRequest,
  UpdateFunctionConfigurationRequest,
} from '@aws-sdk/client-lambda';
import { assertCreatableName, functionArn, parseFunctionRef, type AccountScope, type FunctionRef } from '../domain/arn';
import type { Clock } from '../domain/clock';
import {
  InvalidParameterValueException,
  PreconditionFailedException,
  ResourceConflictException,
  ResourceNotFoundException,
  ValidationException,
} from '../domain/errors';
import {
  FUNCTION_DEFAULTS,
  toFunctionConfiguration,
  versionLabel,
  type FunctionRecord,
  type FunctionVersionRecord,
} from '../domain/function-model';
import { newUuid } from '../domain/ids';
import type { RuntimeId } from '../domain/runtime-ids';
import { refuseUnavailableMembers } from '../domain/not-available';
import { validateConfiguration } from '../domain/validation';
import { checkPackageSize, sha256Base64, unzipPackage } from './code-package';
import { verifyCodeSignature, verifyLayerSignatures } from './code-signing';
import { applyExtendedConfiguration } from './configuration';
import { validateTags } from './tags';
import { unzippedSizeOf, type LayersService } from './layers';
import type { AliasRecord, EnvironmentPort, LambdaliteStore } from './ports';

/** Lambda returns at most 50 functions a page, whatever MaxItems asks. */
const LIST_PAGE_LIMIT = 50;
const VERSION_NUMBER = /^[0-9]+$/;

export interface FunctionsOptions {
  /**
   * How long a new function stays Pending and an update InProgress. Lambda takes a moment to
   * prepare a function; callers must wait for it (the SDK's waiters do), as on AWS.
   */
  stateTransitionMs: number;
  /** Where GetFunction's Code.Location points: the app's `/api/` root. */
  apiBaseUrl: string;
}

/** A FunctionName + Qualifier resolved to the configuration it names. */
export interface ResolvedFunction {
  /** $LATEST's record, or the published version's snapshot. */
  record: FunctionRecord | FunctionVersionRecord;
  /** `$LATEST` or the version number, as Lambda reports it in Version and ExecutedVersion. */
  version: string;
  /** The qualifier the caller named, if any (`$LATEST`, a version or an alias name). */
  qualifier?: string;
  alias?: AliasRecord;
}

export class FunctionsService {
  /** Publishes versions when CreateFunction or UpdateFunctionCode ask for it (set by the provider). */
  publisher: ((record: FunctionRecord) => Promise<FunctionVersionRecord>) | undefined;
  /** Checks a function's Layers and builds its /opt (set by the provider). */
  layers: LayersService | undefined;

  constructor(
    private readonly store: LambdaliteStore,
    private readonly environments: EnvironmentPort,
    private readonly clock: Clock,
    private readonly scope: () => AccountScope,
    private readonly options: FunctionsOptions,
  ) {}

  async createFunction(input: CreateFunctionRequest): Promise<FunctionConfiguration> {
    const ref = this.refWithoutQualifier(input.FunctionName);
    assertCreatableName(ref.name);
    if (input.Role === undefined) {
      throw new ValidationException(
        "1 validation error detected: Value null at 'role' failed to satisfy constraint: Member must not be null",
      );
    }
    if (input.PackageType === 'Image') {
      throw new InvalidParameterValueException('Container image functions are not supported in Lambdalite; use PackageType Zip.');
    }
    if (input.Runtime === undefined || input.Handler === undefined) {
      throw new InvalidParameterValueException(
        'Runtime and Handler are mandatory parameters for functions created with deployment packages.',
      );
    }
    validateConfiguration(input);
    const zip = this.zipFrom(input.Code, 'CreateFunction');
    if (await this.store.getFunction(ref.name)) {
      throw new ResourceConflictException(`Function already exist: ${ref.name}`);
    }
    await verifyCodeSignature(this.store, this.scope(), ref.name, input.CodeSigningConfigArn, zip);
    const now = this.clock.now();
    const base: FunctionRecord = {
      name: ref.name,
      runtime: input.Runtime as RuntimeId,
      role: input.Role,
      handler: input.Handler,
      description: input.Description ?? FUNCTION_DEFAULTS.description,
      memorySize: input.MemorySize ?? FUNCTION_DEFAULTS.memorySize,
      timeout: input.Timeout ?? FUNCTION_DEFAULTS.timeout,
      environment: { ...(input.Environment?.Variables ?? {}) },
      architectures: input.Architectures?.length ? [...input.Architectures] : [...FUNCTION_DEFAULTS.architectures],
      ephemeralStorageMb: FUNCTION_DEFAULTS.ephemeralStorageMb,
      codeSha256: await sha256Base64(zip),
      codeSize: zip.byteLength,
      lastModified: now,
      revisionId: newUuid(),
      activeAt: now + this.options.stateTransitionMs,
    };
    const record: FunctionRecord = { ...base, ...applyExtendedConfiguration(base, input) };
    if (input.Tags && Object.keys(input.Tags).length > 0) {
      validateTags(input.Tags);
      record.tags = { ...input.Tags };
    }
    if (input.CodeSigningConfigArn) record.codeSigningConfigArn = input.CodeSigningConfigArn;
    if (input.Layers?.length) {
      record.layers = await this.requireLayers().resolveFunctionLayers(input.Layers, unzippedSizeOf(zip));
      // With a code signing config, layers must be signed by an allowed profile too.
      // (https://docs.aws.amazon.com/lambda/latest/dg/configuration-codesigning.html)
      await verifyLayerSignatures(this.store, this.scope(), ref.name, input.CodeSigningConfigArn, record.layers.map((layer) => layer.arn));
    }
    await this.store.putFunction(record, zip);
    if (input.Publish) return this.configurationOf(await this.publish(record));
    return this.configurationOf(record);
  }

  async getFunction(functionName: string | undefined, qualifier?: string): Promise<Omit<GetFunctionResponse, '$metadata'>> {
    const resolved = await this.resolve(functionName, qualifier);
    const latest = resolved.version === '$LATEST' ? resolved.record : await this.requireLatest(resolved.record.name, undefined);
    const response: Omit<GetFunctionResponse, '$metadata'> = {
      Configuration: this.configurationOf(resolved.record, resolved.qualifier),
      Code: {
        RepositoryType: 'S3',
        // Lambda answers a presigned URL valid for 10 minutes; here the app itself serves the package.
        Location: `${this.options.apiBaseUrl}lambdalite/code/${encodeURIComponent(latest.name)}/${encodeURIComponent(resolved.version)}`,
      },
    };
    if (latest.tags && Object.keys(latest.tags).length > 0) response.Tags = { ...latest.tags };
    if (latest.reservedConcurrency !== undefined) {
      response.Concurrency = { ReservedConcurrentExecutions: latest.reservedConcurrency };
    }
    return response;
  }

  async getFunctionConfiguration(functionName: string | undefined, qualifier?: string): Promise<FunctionConfiguration> {
    const resolved = await this.resolve(functionName, qualifier);
    return this.configurationOf(resolved.record, resolved.qualifier);
  }

  async listFunctions(input: ListFunctionsRequest): Promise<Omit<ListFunctionsResponse, '$metadata'>> {
    if (input.MaxItems !== undefined && (input.MaxItems < 1 || input.MaxItems > 10_000)) {
      throw new ValidationException(
        `1 validation error detected: Value '${input.MaxItems}' at 'maxItems' failed to satisfy constraint: ` +
          'Member must have value between 1 and 10000',
      );
    }
    if (input.FunctionVersion !== undefined && input.FunctionVersion !== 'ALL') {
      throw new ValidationException(
        `1 validation error detected: Value '${input.FunctionVersion}' at 'functionVersion' failed to satisfy constraint: ` +
          'Member must satisfy enum value set: [ALL]',
      );
    }
    refuseUnavailableMembers([[input.MasterRegion !== undefined, 'MasterRegion (Lambda@Edge replicas)']]);
    const pageSize = Math.min(input.MaxItems ?? LIST_PAGE_LIMIT, LIST_PAGE_LIMIT);
    const latest = (await this.store.listFunctions()).sort((a, b) => a.name.localeCompare(b.name));
    // With FunctionVersion=ALL every published version follows its function's $LATEST.
    const all: Array<FunctionRecord | FunctionVersionRecord> = [];
    for (const record of latest) {
      all.push(record);
      if (input.FunctionVersion === 'ALL') all.push(...(await this.store.listVersions(record.name)));
    }
    const keyOf = (record: FunctionRecord | FunctionVersionRecord): string => `${record.name}:${versionLabel(record)}`;
    const after = input.Marker === undefined ? undefined : decodeMarker(input.Marker);
    const start = after === undefined ? 0 : all.findIndex((record) => keyOf(record) === after) + 1;
    if (after !== undefined && start === 0) throw new InvalidParameterValueException(`Invalid marker: ${input.Marker}`);
    const page = all.slice(start, start + pageSize);
    const response: Omit<ListFunctionsResponse, '$metadata'> = {
      // Under ALL every entry is a qualified ARN, $LATEST's too, as ListVersionsByFunction reports them.
      Functions: page.map((record) => this.configurationOf(record, input.FunctionVersion === 'ALL' ? versionLabel(record) : undefined)),
    };
    const last = page.at(-1);
    if (last && start + pageSize < all.length) response.NextMarker = encodeMarker(keyOf(last));
    return response;
  }

  async updateFunctionCode(input: UpdateFunctionCodeRequest): Promise<FunctionConfiguration> {
    const record = await this.requireLatest(input.FunctionName, undefined);
    const zip = this.zipFrom(input, 'UpdateFunctionCode');
    await verifyCodeSignature(this.store, this.scope(), record.name, record.codeSigningConfigArn, zip);
    this.checkRevision(record, input.RevisionId);
    this.assertUpdatable(record);
    const now = this.clock.now();
    const updated: FunctionRecord = {
      ...record,
      codeSha256: await sha256Base64(zip),
      codeSize: zip.byteLength,
      lastModified: now,
      revisionId: newUuid(),
      updateCompleteAt: now + this.options.stateTransitionMs,
    };
    if (input.Architectures?.length) updated.architectures = [...input.Architectures];
    // The 250 MB unzipped quota counts the new package with the layers the function keeps.
    if (record.layers?.length) await this.requireLayers().checkCombinedSize(record.layers, unzippedSizeOf(zip));
    if (input.DryRun) return this.configurationOf({ ...record, codeSha256: updated.codeSha256, codeSize: updated.codeSize });
    await this.store.putFunction(updated, zip);
    this.environments.retire(record.name, '$LATEST');
    if (input.Publish) return this.configurationOf(await this.publish(updated));
    return this.configurationOf(updated);
  }

  async updateFunctionConfiguration(input: UpdateFunctionConfigurationRequest): Promise<FunctionConfiguration> {
    const record = await this.requireLatest(input.FunctionName, undefined);
    validateConfiguration(input);
    this.checkRevision(record, input.RevisionId);
    this.assertUpdatable(record);
    const now = this.clock.now();
    const updated: FunctionRecord = {
      ...record,
      runtime: (input.Runtime as RuntimeId | undefined) ?? record.runtime,
      role: input.Role ?? record.role,
      handler: input.Handler ?? record.handler,
      description: input.Description ?? record.description,
      memorySize: input.MemorySize ?? record.memorySize,
      timeout: input.Timeout ?? record.timeout,
      environment: input.Environment ? { ...(input.Environment.Variables ?? {}) } : record.environment,
      ...applyExtendedConfiguration(record, input),
      lastModified: now,
      revisionId: newUuid(),
      updateCompleteAt: now + this.options.stateTransitionMs,
    };
    if (input.Layers !== undefined) {
      const code = await this.store.getCode(record.name);
      const layers = await this.requireLayers().resolveFunctionLayers(input.Layers, code ? unzippedSizeOf(code) : 0, record.layers);
      const kept = new Set(record.layers?.map((layer) => layer.arn));
      const added = layers.map((layer) => layer.arn).filter((arn) => !kept.has(arn));
      await verifyLayerSignatures(this.store, this.scope(), record.name, record.codeSigningConfigArn, added);
      if (layers.length > 0) updated.layers = layers;
      else delete updated.layers;
    }
    await this.store.putFunction(updated);
    this.environments.retire(record.name, '$LATEST');
    // A deleted layer version's archive goes once nothing uses it.
    if (input.Layers !== undefined) await this.layers?.collectGarbage();
    return this.configurationOf(updated);
  }

  async deleteFunction(input: DeleteFunctionRequest): Promise<{ StatusCode: number }> {
    const ref = this.ref(input.FunctionName, input.Qualifier);
    if (ref.qualifier === '$LATEST') {
      throw new InvalidParameterValueException('$LATEST version cannot be deleted without deleting the function.');
    }
    const record = await this.store.getFunction(ref.name);
    if (!record) throw this.notFound(ref);
    if (ref.qualifier === undefined) {
      await this.store.deleteFunction(ref.name);
      this.environments.retire(ref.name);
      await this.layers?.collectGarbage();
      return { StatusCode: 204 };
    }
    if (!VERSION_NUMBER.test(ref.qualifier)) {
      throw new InvalidParameterValueException(
        `Deletion of aliases is not supported through DeleteFunction: use DeleteAlias to delete the alias ${ref.qualifier}.`,
      );
    }
    const version = Number(ref.qualifier);
    if (!(await this.store.getVersion(ref.name, version))) throw this.notFound(ref);
    const referencing = (await this.store.listResources(ref.name, 'alias'))
      .filter(({ data }) => data.functionVersion === ref.qualifier || data.additionalVersionWeights?.[ref.qualifier!] !== undefined)
      .map(({ data }) => data.name);
    if (referencing.length > 0) {
      throw new ResourceConflictException(
        `Unable to delete version because the following aliases reference it: [${referencing.join(', ')}]`,
      );
    }
    await this.store.deleteVersion(ref.name, version);
    this.environments.retire(ref.name, String(version));
    await this.layers?.collectGarbage();
    return { StatusCode: 204 };
  }

  /** The zip bytes of $LATEST's package, or of a published version's. */
  async getCode(functionName: string, version = '$LATEST'): Promise<Uint8Array> {
    const resolved = await this.resolve(functionName, version);
    const code =
      resolved.version === '$LATEST'
        ? await this.store.getCode(resolved.record.name)
        : await this.store.getVersionCode(resolved.record.name, Number(resolved.version));
    if (!code) throw this.notFound({ name: resolved.record.name, qualifier: version });
    return code;
  }

  /** The /opt tree of a configuration's layers (EnvironmentInit.optFiles), paths relative to /opt. */
  async optFilesFor(record: FunctionRecord): Promise<Record<string, Uint8Array>> {
    if (!record.layers?.length) return {};
    return this.requireLayers().layerFilesFor(record.layers.map((layer) => layer.arn));
  }

  /** The function's $LATEST record (a qualifier, if any, must be $LATEST). */
  async requireLatest(functionName: string | undefined, qualifier: string | undefined): Promise<FunctionRecord> {
    const ref = this.ref(functionName, qualifier);
    const record = await this.store.getFunction(ref.name);
    if (!record || (ref.qualifier !== undefined && ref.qualifier !== '$LATEST')) throw this.notFound(ref);
    return record;
  }

  /**
   * Resolves FunctionName (name, partial or full ARN, each with an optional `:qualifier`) and
   * the Qualifier parameter to $LATEST, a published version, or an alias's version. An alias
   * resolves to its primary version; weighted routing is Invoke's business.
   */
  async resolve(functionName: string | undefined, qualifier: string | undefined): Promise<ResolvedFunction> {
    const ref = this.ref(functionName, qualifier);
    const latest = await this.store.getFunction(ref.name);
    if (!latest) throw this.notFound(ref);
    if (ref.qualifier === undefined) return { record: latest, version: '$LATEST' };
    if (ref.qualifier === '$LATEST') return { record: latest, version: '$LATEST', qualifier: '$LATEST' };
    if (VERSION_NUMBER.test(ref.qualifier)) {
      const version = await this.store.getVersion(ref.name, Number(ref.qualifier));
      if (!version) throw this.notFound(ref);
      return { record: version, version: ref.qualifier, qualifier: ref.qualifier };
    }
    const alias = await this.store.getResource(ref.name, 'alias', ref.qualifier);
    if (!alias) throw this.notFound(ref);
    const target = await this.versionRecord(ref.name, alias.functionVersion);
    return { record: target, version: alias.functionVersion, qualifier: ref.qualifier, alias };
  }

  /** $LATEST's record or a published version's, by its Version string. */
  async versionRecord(functionName: string, version: string): Promise<FunctionRecord | FunctionVersionRecord> {
    const record =
      version === '$LATEST' ? await this.store.getFunction(functionName) : await this.store.getVersion(functionName, Number(version));
    if (!record) throw this.notFound({ name: functionName, qualifier: version });
    return record;
  }

  /** The configuration Lambda reports for a record, FunctionArn qualified as the caller named it. */
  configurationOf(record: FunctionRecord | FunctionVersionRecord, arnQualifier?: string): FunctionConfiguration {
    const view = { now: this.clock.now(), ...(arnQualifier === undefined ? {} : { arnQualifier }) };
    if ('version' in record) {
      return toFunctionConfiguration(record, this.scope(), { ...view, version: record.version, arnQualifier: arnQualifier ?? String(record.version) });
    }
    return toFunctionConfiguration(record, this.scope(), view);
  }

  /** Resolves FunctionName plus an optional Qualifier parameter into one reference. */
  ref(functionName: string | undefined, qualifier: string | undefined): FunctionRef {
    if (functionName === undefined) {
      throw new ValidationException(
        "1 validation error detected: Value null at 'functionName' failed to satisfy constraint: Member must not be null",
      );
    }
    const ref = parseFunctionRef(functionName, this.scope());
    if (qualifier === undefined || qualifier === '') return ref;
    if (ref.qualifier !== undefined && ref.qualifier !== qualifier) {
      throw new InvalidParameterValueException('The derived qualifier from the function name does not match the specified qualifier.');
    }
    return { name: ref.name, qualifier };
  }

  notFound(ref: FunctionRef): ResourceNotFoundException {
    return new ResourceNotFoundException(`Function not found: ${functionArn(this.scope(), ref.name, ref.qualifier)}`);
  }

  /** Lambda refuses invocations of a function that is still being created. */
  assertInvocable(record: FunctionRecord): void {
    if (record.activeAt !== undefined && this.clock.now() < record.activeAt) {
      throw new ResourceConflictException(
        'The operation cannot be performed at this time. The function is currently in the following state: Pending',
      );
    }
  }

  /** Lambda refuses a change while the function is being created or another update is running. */
  assertUpdatable(record: FunctionRecord): void {
    this.assertInvocable(record);
    if (record.updateCompleteAt !== undefined && this.clock.now() < record.updateCompleteAt) {
      throw new ResourceConflictException(
        `The operation cannot be performed at this time. An update is in progress for resource: ${functionArn(this.scope(), record.name)}`,
      );
    }
  }

  checkRevision(record: { revisionId: string }, revisionId: string | undefined): void {
    if (revisionId !== undefined && revisionId !== record.revisionId) {
      throw new PreconditionFailedException(
        'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
      );
    }
  }

  private async publish(record: FunctionRecord): Promise<FunctionVersionRecord> {
    if (!this.publisher) throw new Error('FunctionsService.publisher is not set');
    return this.publisher(record);
  }

  private requireLayers(): LayersService {
    if (!this.layers) throw new Error('FunctionsService.layers is not set');
    return this.layers;
  }

  private refWithoutQualifier(functionName: string | undefined): FunctionRef {
    const ref = this.ref(functionName, undefined);
    if (ref.qualifier !== undefined) {
      throw new InvalidParameterValueException('Function name cannot contain a qualifier when creating a function.');
    }
    return ref;
  }

  private zipFrom(
    code: { ZipFile?: Uint8Array; S3Bucket?: string; ImageUri?: string; SourceKMSKeyArn?: string; PublishTo?: string } | undefined,
    operation: 'CreateFunction' | 'UpdateFunctionCode',
  ): Uint8Array {
    refuseUnavailableMembers([
      [code?.SourceKMSKeyArn !== undefined, 'SourceKMSKeyArn (AWS KMS encryption)'],
      [code?.PublishTo !== undefined, 'PublishTo (Lambda Managed Instances)'],
    ]);
    if (code?.S3Bucket !== undefined || code?.ImageUri !== undefined) {
      throw new InvalidParameterValueException('Lambdalite has no S3 or container registry: upload the deployment package as ZipFile.');
    }
    const zip = code?.ZipFile;
    if (!zip || zip.byteLength === 0) throw new InvalidParameterValueException('Please provide a source for function code.');
    checkPackageSize(zip, operation);
    unzipPackage(zip);
    return zip;
  }
}

function encodeMarker(name: string): string {
  return btoa(JSON.stringify({ after: name }));
}

function decodeMarker(marker: string): string {
  try {
    const parsed: unknown = JSON.parse(atob(marker));
    if (typeof parsed === 'object' && parsed !== null && 'after' in parsed && typeof parsed.after === 'string') {
      return parsed.after;
    }
  } catch {
    // fall through to the error below
  }
  throw new InvalidParameterValueException(`Invalid marker: ${marker}`);
}
