/**
 * Functions: CreateFunction, GetFunction, GetFunctionConfiguration, ListFunctions,
 * UpdateFunctionCode, UpdateFunctionConfiguration, DeleteFunction
 * (https://docs.aws.amazon.com/lambda/latest/api/API_Operations.html).
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
import { FUNCTION_DEFAULTS, toFunctionConfiguration, type FunctionRecord } from '../domain/function-model';
import { newUuid } from '../domain/ids';
import type { RuntimeId } from '../domain/runtime-ids';
import { validateConfiguration } from '../domain/validation';
import { checkPackageSize, sha256Base64, unzipPackage } from './code-package';
import type { EnvironmentPort, FunctionStore } from './ports';

/** Lambda returns at most 50 functions a page, whatever MaxItems asks. */
const LIST_PAGE_LIMIT = 50;

export class FunctionsService {
  constructor(
    private readonly store: FunctionStore,
    private readonly environments: EnvironmentPort,
    private readonly clock: Clock,
    private readonly scope: () => AccountScope,
  ) {}

  async createFunction(input: CreateFunctionRequest): Promise<FunctionConfiguration> {
    const scope = this.scope();
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
    const record: FunctionRecord = {
      name: ref.name,
      runtime: input.Runtime as RuntimeId,
      role: input.Role,
      handler: input.Handler,
      description: input.Description ?? FUNCTION_DEFAULTS.description,
      memorySize: input.MemorySize ?? FUNCTION_DEFAULTS.memorySize,
      timeout: input.Timeout ?? FUNCTION_DEFAULTS.timeout,
      environment: { ...(input.Environment?.Variables ?? {}) },
      architectures: input.Architectures?.length ? [...input.Architectures] : [...FUNCTION_DEFAULTS.architectures],
      ephemeralStorageMb: input.EphemeralStorage?.Size ?? FUNCTION_DEFAULTS.ephemeralStorageMb,
      codeSha256: await sha256Base64(zip),
      codeSize: zip.byteLength,
      lastModified: this.clock.now(),
      revisionId: newUuid(),
    };
    await this.store.putFunction(record, zip);
    return toFunctionConfiguration(record, scope);
  }

  async getFunction(functionName: string | undefined, qualifier?: string): Promise<Omit<GetFunctionResponse, '$metadata'>> {
    const record = await this.requireLatest(functionName, qualifier);
    return {
      Configuration: toFunctionConfiguration(record, this.scope()),
      Code: { RepositoryType: 'S3' },
    };
  }

  async getFunctionConfiguration(functionName: string | undefined, qualifier?: string): Promise<FunctionConfiguration> {
    return toFunctionConfiguration(await this.requireLatest(functionName, qualifier), this.scope());
  }

  async listFunctions(input: ListFunctionsRequest): Promise<Omit<ListFunctionsResponse, '$metadata'>> {
    if (input.MaxItems !== undefined && (input.MaxItems < 1 || input.MaxItems > 10_000)) {
      throw new ValidationException(
        `1 validation error detected: Value '${input.MaxItems}' at 'maxItems' failed to satisfy constraint: ` +
          'Member must have value between 1 and 10000',
      );
    }
    const pageSize = Math.min(input.MaxItems ?? LIST_PAGE_LIMIT, LIST_PAGE_LIMIT);
    const scope = this.scope();
    const all = (await this.store.listFunctions()).sort((a, b) => a.name.localeCompare(b.name));
    const after = input.Marker === undefined ? undefined : decodeMarker(input.Marker);
    const start = after === undefined ? 0 : all.findIndex((record) => record.name > after);
    const page = start < 0 ? [] : all.slice(start, start + pageSize);
    const response: Omit<ListFunctionsResponse, '$metadata'> = {
      Functions: page.map((record) => toFunctionConfiguration(record, scope)),
    };
    const last = page.at(-1);
    if (last && start + pageSize < all.length) response.NextMarker = encodeMarker(last.name);
    return response;
  }

  async updateFunctionCode(input: UpdateFunctionCodeRequest): Promise<FunctionConfiguration> {
    const record = await this.requireLatest(input.FunctionName, undefined);
    const zip = this.zipFrom(input, 'UpdateFunctionCode');
    this.checkRevision(record, input.RevisionId);
    const updated: FunctionRecord = {
      ...record,
      codeSha256: await sha256Base64(zip),
      codeSize: zip.byteLength,
      lastModified: this.clock.now(),
      revisionId: newUuid(),
    };
    if (input.Architectures?.length) updated.architectures = [...input.Architectures];
    if (input.DryRun) return toFunctionConfiguration({ ...updated, revisionId: record.revisionId }, this.scope());
    await this.store.putFunction(updated, zip);
    this.environments.retire(record.name);
    return toFunctionConfiguration(updated, this.scope());
  }

  async updateFunctionConfiguration(input: UpdateFunctionConfigurationRequest): Promise<FunctionConfiguration> {
    const record = await this.requireLatest(input.FunctionName, undefined);
    validateConfiguration(input);
    this.checkRevision(record, input.RevisionId);
    const updated: FunctionRecord = {
      ...record,
      runtime: (input.Runtime as RuntimeId | undefined) ?? record.runtime,
      role: input.Role ?? record.role,
      handler: input.Handler ?? record.handler,
      description: input.Description ?? record.description,
      memorySize: input.MemorySize ?? record.memorySize,
      timeout: input.Timeout ?? record.timeout,
      environment: input.Environment ? { ...(input.Environment.Variables ?? {}) } : record.environment,
      ephemeralStorageMb: input.EphemeralStorage?.Size ?? record.ephemeralStorageMb,
      lastModified: this.clock.now(),
      revisionId: newUuid(),
    };
    await this.store.putFunction(updated);
    this.environments.retire(record.name);
    return toFunctionConfiguration(updated, this.scope());
  }

  async deleteFunction(input: DeleteFunctionRequest): Promise<{ StatusCode: number }> {
    const ref = this.ref(input.FunctionName, input.Qualifier);
    if (ref.qualifier === '$LATEST') {
      throw new InvalidParameterValueException('$LATEST version cannot be deleted without deleting the function.');
    }
    if (ref.qualifier !== undefined) throw this.notFound(ref);
    const record = await this.store.getFunction(ref.name);
    if (!record) throw this.notFound(ref);
    await this.store.deleteFunction(ref.name);
    this.environments.retire(ref.name);
    return { StatusCode: 204 };
  }

  /** The zip bytes of a function's $LATEST package. */
  async getCode(functionName: string): Promise<Uint8Array> {
    const record = await this.requireLatest(functionName, undefined);
    const code = await this.store.getCode(record.name);
    if (!code) throw this.notFound({ name: record.name });
    return code;
  }

  /** The function's $LATEST record; any other qualifier does not exist yet in Lambdalite. */
  async requireLatest(functionName: string | undefined, qualifier: string | undefined): Promise<FunctionRecord> {
    const ref = this.ref(functionName, qualifier);
    const record = await this.store.getFunction(ref.name);
    if (!record || (ref.qualifier !== undefined && ref.qualifier !== '$LATEST')) throw this.notFound(ref);
    return record;
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

  private refWithoutQualifier(functionName: string | undefined): FunctionRef {
    const ref = this.ref(functionName, undefined);
    if (ref.qualifier !== undefined) {
      throw new InvalidParameterValueException('Function name cannot contain a qualifier when creating a function.');
    }
    return ref;
  }

  private zipFrom(code: { ZipFile?: Uint8Array; S3Bucket?: string; ImageUri?: string } | undefined, operation: 'CreateFunction' | 'UpdateFunctionCode'): Uint8Array {
    if (code?.S3Bucket !== undefined || code?.ImageUri !== undefined) {
      throw new InvalidParameterValueException('Lambdalite has no S3 or container registry: upload the deployment package as ZipFile.');
    }
    const zip = code?.ZipFile;
    if (!zip || zip.byteLength === 0) throw new InvalidParameterValueException('Please provide a source for function code.');
    checkPackageSize(zip, operation);
    unzipPackage(zip);
    return zip;
  }

  private checkRevision(record: FunctionRecord, revisionId: string | undefined): void {
    if (revisionId !== undefined && revisionId !== record.revisionId) {
      throw new PreconditionFailedException(
        'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
      );
    }
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
