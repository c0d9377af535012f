/**
 * Function URLs: Create/Get/Update/Delete/ListFunctionUrlConfigs
 * (https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html). A URL belongs to the
 * unqualified function ($LATEST) or to an alias, never to a version number. Stored as the
 * 'urlConfig' kind of functionResources, keyed by `$LATEST` or the alias name; the URL's host
 * part (`<url-id>.lambda-url.<region>.on.aws`) is how the service worker will find the function.
 */
import type {
  Cors,
  CreateFunctionUrlConfigRequest,
  CreateFunctionUrlConfigResponse,
  FunctionUrlConfig,
  GetFunctionUrlConfigResponse,
  ListFunctionUrlConfigsRequest,
  ListFunctionUrlConfigsResponse,
  UpdateFunctionUrlConfigRequest,
  UpdateFunctionUrlConfigResponse,
} from '@aws-sdk/client-lambda';
import { functionArn, type AccountScope } from '../domain/arn';
import type { Clock } from '../domain/clock';
import { ResourceConflictException, ResourceNotFoundException, ValidationException } from '../domain/errors';
import { Violations } from '../domain/validation';
import { paginate } from './pagination';
import { findQualifier, functionRefOf, isVersionNumber, type ResourceStore } from './qualifiers';

type Output<T> = Omit<T, '$metadata'>;

const AUTH_TYPES = ['NONE', 'AWS_IAM'];
const INVOKE_MODES = ['BUFFERED', 'RESPONSE_STREAM'];
const METHODS = ['GET', 'PUT', 'HEAD', 'POST', 'PATCH', 'DELETE', '*'];
const LIST_LIMIT = 50;
const URL_ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const NOT_FOUND = 'The resource you requested does not exist.';

/** The URL of a function URL: `https://<32 lower-case letters and digits>.lambda-url.<region>.on.aws/`. */
export function newFunctionUrl(region: string): string {
  const id = Array.from(crypto.getRandomValues(new Uint8Array(32)), (byte) => URL_ID_ALPHABET[byte % URL_ID_ALPHABET.length]).join('');
  return `https://${id}.lambda-url.${region}.on.aws/`;
}

/** Function URL timestamps are ISO 8601 in UTC with microseconds, e.g. `2021-10-26T20:40:02.103957Z`. */
function urlTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '000Z');
}

export class FunctionUrlService {
  constructor(
    private readonly store: ResourceStore,
    private readonly clock: Clock,
    private readonly scope: () => AccountScope,
  ) {}

  async createFunctionUrlConfig(input: CreateFunctionUrlConfigRequest): Promise<Output<CreateFunctionUrlConfigResponse>> {
    const { name, qualifier } = this.ref(input.FunctionName, input.Qualifier);
    validate(input, true);
    if (!(await this.store.getFunction(name))) throw new ResourceNotFoundException('Function does not exist');
    const key = qualifier ?? '$LATEST';
    const existing = await this.store.getResource(name, 'urlConfig', key);
    if (existing) {
      throw new ResourceConflictException(
        `Failed to create function url config for [functionArn = ${existing.FunctionArn}]. Error message:  FunctionUrlConfig exists for this Lambda function`,
      );
    }
    if (qualifier !== undefined && !(await findQualifier(this.store, name, qualifier))) throw new ResourceNotFoundException('Function does not exist');
    const now = urlTimestamp(this.clock.now());
    const config: FunctionUrlConfig = {
      FunctionUrl: newFunctionUrl(this.scope().region),
      FunctionArn: functionArn(this.scope(), name, qualifier),
      AuthType: input.AuthType,
      CreationTime: now,
      LastModifiedTime: now,
      InvokeMode: input.InvokeMode ?? 'BUFFERED',
    };
    if (input.Cors !== undefined) config.Cors = { ...input.Cors };
    await this.store.putResource(name, 'urlConfig', key, config);
    const { LastModifiedTime: _notInCreate, ...created } = config;
    return created as Output<CreateFunctionUrlConfigResponse>;
  }

  async getFunctionUrlConfig(input: { FunctionName?: string | undefined; Qualifier?: string | undefined }): Promise<Output<GetFunctionUrlConfigResponse>> {
    const { name, qualifier } = this.ref(input.FunctionName, input.Qualifier);
    const config = await this.store.getResource(name, 'urlConfig', qualifier ?? '$LATEST');
    if (!config) throw new ResourceNotFoundException(NOT_FOUND);
    return { ...config } as Output<GetFunctionUrlConfigResponse>;
  }

  async updateFunctionUrlConfig(input: UpdateFunctionUrlConfigRequest): Promise<Output<UpdateFunctionUrlConfigResponse>> {
    const { name, qualifier } = this.ref(input.FunctionName, input.Qualifier);
    validate(input, false);
    if (!(await this.store.getFunction(name))) throw new ResourceNotFoundException('Function does not exist');
    if (qualifier !== undefined && !(await findQualifier(this.store, name, qualifier))) throw new ResourceNotFoundException('Function does not exist');
    const key = qualifier ?? '$LATEST';
    const config = await this.store.getResource(name, 'urlConfig', key);
    if (!config) throw new ResourceNotFoundException(NOT_FOUND);
    const updated: FunctionUrlConfig = { ...config, LastModifiedTime: urlTimestamp(this.clock.now()) };
    if (input.AuthType !== undefined) updated.AuthType = input.AuthType;
    if (input.InvokeMode !== undefined) updated.InvokeMode = input.InvokeMode;
    if (input.Cors !== undefined) updated.Cors = { ...input.Cors };
    await this.store.putResource(name, 'urlConfig', key, updated);
    return { ...updated } as Output<UpdateFunctionUrlConfigResponse>;
  }

  async deleteFunctionUrlConfig(input: { FunctionName?: string | undefined; Qualifier?: string | undefined }): Promise<Record<string, never>> {
    const { name, qualifier } = this.ref(input.FunctionName, input.Qualifier);
    const key = qualifier ?? '$LATEST';
    if (!(await this.store.getResource(name, 'urlConfig', key))) throw new ResourceNotFoundException(NOT_FOUND);
    await this.store.deleteResource(name, 'urlConfig', key);
    return {};
  }

  async listFunctionUrlConfigs(input: ListFunctionUrlConfigsRequest): Promise<Output<ListFunctionUrlConfigsResponse>> {
    const ref = functionRefOf(input.FunctionName, undefined, this.scope());
    if (!(await this.store.getFunction(ref.name))) throw new ResourceNotFoundException('Function does not exist');
    const all = (await this.store.listResources(ref.name, 'urlConfig')).map(({ data }) => data);
    const page = paginate(all, (config) => config.FunctionArn ?? '', input.Marker, input.MaxItems, LIST_LIMIT);
    const response: Output<ListFunctionUrlConfigsResponse> = { FunctionUrlConfigs: page.items.map((config) => ({ ...config })) };
    if (page.nextMarker) response.NextMarker = page.nextMarker;
    return response;
  }

  /**
   * The function and qualifier of a URL operation. The model's FunctionUrlQualifier is an alias
   * name (not all digits); Lambda answers `$LATEST` and version numbers with a validation error.
   */
  private ref(functionName: string | undefined, qualifier: string | undefined): { name: string; qualifier?: string } {
    const ref = functionRefOf(functionName, qualifier, this.scope());
    if (ref.qualifier === '$LATEST') {
      throw new ValidationException(
        "1 validation error detected: Value '$LATEST' at 'qualifier' failed to satisfy constraint: " +
          'Member must satisfy regular expression pattern: ((?!^\\d+$)^[0-9a-zA-Z-_]+$)',
      );
    }
    if (ref.qualifier !== undefined && isVersionNumber(ref.qualifier)) {
      throw new ValidationException(
        `1 validation error detected: Value '${ref.qualifier}' at 'qualifier' failed to satisfy constraint: ` +
          'Member must satisfy regular expression pattern: (^\\$LATEST$)|((?!^[0-9]+$)([a-zA-Z0-9-_]+))',
      );
    }
    return ref.qualifier === undefined ? { name: ref.name } : { name: ref.name, qualifier: ref.qualifier };
  }
}

/** The model's constraints on AuthType, InvokeMode and Cors. */
function validate(input: { AuthType?: string | undefined; InvokeMode?: string | undefined; Cors?: Cors | undefined }, create: boolean): void {
  const violations = new Violations();
  if (create && input.AuthType === undefined) violations.add(undefined, 'authType', 'Member must not be null');
  if (input.AuthType !== undefined && !AUTH_TYPES.includes(input.AuthType)) {
    violations.add(input.AuthType, 'authType', `Member must satisfy enum value set: [${AUTH_TYPES.join(', ')}]`);
  }
  if (input.InvokeMode !== undefined && !INVOKE_MODES.includes(input.InvokeMode)) {
    violations.add(input.InvokeMode, 'invokeMode', `Member must satisfy enum value set: [${INVOKE_MODES.join(', ')}]`);
  }
  const cors = input.Cors;
  if (cors?.MaxAge !== undefined && (cors.MaxAge < 0 || cors.MaxAge > 86_400)) {
    violations.add(cors.MaxAge, 'cors.maxAge', cors.MaxAge < 0 ? 'Member must have value greater than or equal to 0' : 'Member must have value less than or equal to 86400');
  }
  const methods = cors?.AllowMethods;
  if (methods !== undefined && (methods.length > 6 || methods.some((method) => method.length > 6))) {
    violations.add(`[${methods.join(', ')}]`, 'cors.allowMethods', 'Member must have length less than or equal to 6');
  }
  if (cors?.AllowOrigins?.some((origin) => origin.length < 1 || origin.length > 253)) {
    violations.add(`[${cors.AllowOrigins.join(', ')}]`, 'cors.allowOrigins', 'Member must satisfy constraint: [Member must have length less than or equal to 253, Member must have length greater than or equal to 1]');
  }
  violations.throwIfAny();
  const unknown = methods?.find((method) => !METHODS.includes(method.toUpperCase()));
  if (unknown !== undefined) {
    // CORS AllowMethods takes HTTP methods or `*` (https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html#urls-cors).
    throw new ValidationException(
      `1 validation error detected: Value '[${methods!.join(', ')}]' at 'cors.allowMethods' failed to satisfy constraint: ` +
        `Member must satisfy constraint: [Member must satisfy enum value set: [${METHODS.join(', ')}]]`,
    );
  }
}
