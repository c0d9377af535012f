/**
 * Asynchronous invocation settings per qualifier: Put/Update/Get/Delete/ListFunctionEventInvokeConfigs
 * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-configuring.html). Put replaces
 * the whole config, Update changes only the members it names. Stored as the 'eventInvokeConfig'
 * kind of functionResources, keyed by qualifier (`$LATEST` for the unqualified function); the
 * Event queue reads them through `eventInvokeConfigOf`.
 */
import type {
  DestinationConfig,
  FunctionEventInvokeConfig,
  ListFunctionEventInvokeConfigsRequest,
  ListFunctionEventInvokeConfigsResponse,
  PutFunctionEventInvokeConfigRequest,
  UpdateFunctionEventInvokeConfigRequest,
} from '@aws-sdk/client-lambda';
import { functionArn, type AccountScope } from '../domain/arn';
import type { Clock } from '../domain/clock';
import { InvalidParameterValueException, ResourceNotFoundException } from '../domain/errors';
import { Violations } from '../domain/validation';
import { paginate } from './pagination';
import type { FunctionResourceData } from './ports';
import { findQualifier, functionRefOf, type ResourceStore } from './qualifiers';

type StoredConfig = FunctionResourceData['eventInvokeConfig'];

const RETRY_MIN = 0;
const RETRY_MAX = 2;
const AGE_MIN = 60;
const AGE_MAX = 21_600;
const LIST_LIMIT = 50;
/** The model's DestinationArn pattern (service-2.json). */
const DESTINATION_ARN =
  /^($|kafka:\/\/([^.]([a-zA-Z0-9\-_.]{0,248}))|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9-])+:((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1})?:(\d{12})?:(.*))$/;
const FUNCTION_DESTINATION = /^arn:aws[a-zA-Z-]*:lambda:[^:]+:\d{12}:function:([a-zA-Z0-9-_]+)(:[a-zA-Z0-9$_-]+)?$/;

export class EventInvokeConfigService {
  constructor(
    private readonly store: ResourceStore,
    private readonly clock: Clock,
    private readonly scope: () => AccountScope,
  ) {}

  async putFunctionEventInvokeConfig(input: PutFunctionEventInvokeConfigRequest): Promise<FunctionEventInvokeConfig> {
    const { name, key } = await this.target(input.FunctionName, input.Qualifier, () => checkMembers(input));
    await this.validateDestinations(name, input.DestinationConfig);
    const stored: StoredConfig = { FunctionArn: functionArn(this.scope(), name, key), lastModified: this.clock.now() };
    if (input.MaximumRetryAttempts !== undefined) stored.MaximumRetryAttempts = input.MaximumRetryAttempts;
    if (input.MaximumEventAgeInSeconds !== undefined) stored.MaximumEventAgeInSeconds = input.MaximumEventAgeInSeconds;
    stored.DestinationConfig = normalised(input.DestinationConfig);
    await this.store.putResource(name, 'eventInvokeConfig', key, stored);
    return shapeOf(stored);
  }

  async updateFunctionEventInvokeConfig(input: UpdateFunctionEventInvokeConfigRequest): Promise<FunctionEventInvokeConfig> {
    const { name, key } = await this.target(input.FunctionName, input.Qualifier, () => checkMembers(input));
    await this.validateDestinations(name, input.DestinationConfig);
    const existing = await this.store.getResource(name, 'eventInvokeConfig', key);
    if (!existing) throw this.noConfig(name, key);
    const stored: StoredConfig = { ...existing, lastModified: this.clock.now() };
    if (input.MaximumRetryAttempts !== undefined) stored.MaximumRetryAttempts = input.MaximumRetryAttempts;
    if (input.MaximumEventAgeInSeconds !== undefined) stored.MaximumEventAgeInSeconds = input.MaximumEventAgeInSeconds;
    if (input.DestinationConfig !== undefined) {
      // A destination the update leaves out stays as it was.
      const current = normalised(existing.DestinationConfig);
      const given = input.DestinationConfig;
      stored.DestinationConfig = {
        OnSuccess: given.OnSuccess !== undefined ? { ...given.OnSuccess } : current.OnSuccess ?? {},
        OnFailure: given.OnFailure !== undefined ? { ...given.OnFailure } : current.OnFailure ?? {},
      };
    }
    await this.store.putResource(name, 'eventInvokeConfig', key, stored);
    return shapeOf(stored);
  }

  async getFunctionEventInvokeConfig(input: { FunctionName?: string | undefined; Qualifier?: string | undefined }): Promise<FunctionEventInvokeConfig> {
    const ref = functionRefOf(input.FunctionName, input.Qualifier, this.scope());
    const key = ref.qualifier ?? '$LATEST';
    const stored = await this.store.getResource(ref.name, 'eventInvokeConfig', key);
    if (!stored) throw this.noConfig(ref.name, key);
    return shapeOf(stored);
  }

  async deleteFunctionEventInvokeConfig(input: { FunctionName?: string | undefined; Qualifier?: string | undefined }): Promise<Record<string, never>> {
    const ref = functionRefOf(input.FunctionName, input.Qualifier, this.scope());
    const key = ref.qualifier ?? '$LATEST';
    if (!(await this.store.getResource(ref.name, 'eventInvokeConfig', key))) throw this.noConfig(ref.name, key);
    await this.store.deleteResource(ref.name, 'eventInvokeConfig', key);
    return {};
  }

  async listFunctionEventInvokeConfigs(
    input: ListFunctionEventInvokeConfigsRequest,
  ): Promise<Omit<ListFunctionEventInvokeConfigsResponse, '$metadata'>> {
    const ref = functionRefOf(input.FunctionName, undefined, this.scope());
    if (!(await this.store.getFunction(ref.name))) throw new ResourceNotFoundException("The function doesn't exist.");
    const all = (await this.store.listResources(ref.name, 'eventInvokeConfig')).map(({ data }) => data);
    const page = paginate(all, (config) => config.FunctionArn ?? '', input.Marker, input.MaxItems, LIST_LIMIT);
    const response: Omit<ListFunctionEventInvokeConfigsResponse, '$metadata'> = { FunctionEventInvokeConfigs: page.items.map(shapeOf) };
    if (page.nextMarker) response.NextMarker = page.nextMarker;
    return response;
  }

  /** The config that applies to an Event invocation of `qualifier` (`$LATEST`, a version or an alias), if any. */
  async eventInvokeConfigOf(functionName: string, qualifier = '$LATEST'): Promise<FunctionEventInvokeConfig | undefined> {
    const stored = await this.store.getResource(functionName, 'eventInvokeConfig', qualifier);
    return stored && shapeOf(stored);
  }

  /** The function and qualifier a Put or Update names; both must exist. */
  private async target(
    functionName: string | undefined,
    qualifier: string | undefined,
    checkInput: () => void,
  ): Promise<{ name: string; key: string }> {
    const ref = functionRefOf(functionName, qualifier, this.scope());
    // Lambda's order: the request's own members, then whether the function exists, then destinations.
    checkInput();
    const record = await this.store.getFunction(ref.name);
    const key = ref.qualifier ?? '$LATEST';
    if (!record || !(await findQualifier(this.store, ref.name, key))) throw new ResourceNotFoundException("The function doesn't exist.");
    return { name: ref.name, key };
  }

  /** Refuses destinations Lambda does not accept for asynchronous invocations (after the function is known to exist). */
  private async validateDestinations(functionName: string, config: DestinationConfig | undefined): Promise<void> {
    const onSuccess = config?.OnSuccess?.Destination;
    const onFailure = config?.OnFailure?.Destination;
    const valid = (await this.destinationValid(functionName, onSuccess, 'OnSuccess')) && (await this.destinationValid(functionName, onFailure, 'OnFailure'));
    if (!valid) {
      const part = (kind: string, arn: string | undefined): string => (arn ? `${kind}(destination=${arn})` : 'null');
      throw new InvalidParameterValueException(
        `The provided destination config DestinationConfig(onSuccess=${part('OnSuccess', onSuccess)}, onFailure=${part('OnFailure', onFailure)}) is invalid.`,
      );
    }
  }

  /**
   * Destinations of asynchronous invocations: an SQS queue, an SNS topic, a Lambda function or an
   * EventBridge event bus, and for failures an S3 bucket
   * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html).
   * A function destination must exist and must not be the function itself.
   */
  private async destinationValid(functionName: string, arn: string | undefined, kind: 'OnSuccess' | 'OnFailure'): Promise<boolean> {
    if (arn === undefined || arn === '') return true;
    const service = arn.split(':')[2];
    if (service === 'sqs' || service === 'sns' || service === 'events') return true;
    if (service === 's3') return kind === 'OnFailure';
    if (service !== 'lambda') return false;
    const target = FUNCTION_DESTINATION.exec(arn)?.[1];
    const scope = this.scope();
    const local = arn.includes(`:${scope.region}:${scope.accountId}:`);
    if (target === undefined || (local && !(await this.store.getFunction(target)))) {
      throw new InvalidParameterValueException(`The destination ARN ${arn} is invalid.`);
    }
    if (local && target === functionName) throw new InvalidParameterValueException("You can't specify the function as a destination for itself.");
    return true;
  }

  private noConfig(name: string, key: string): ResourceNotFoundException {
    return new ResourceNotFoundException(`The function ${functionArn(this.scope(), name, key)} doesn't have an EventInvokeConfig`);
  }
}

/** The model's ranges and patterns, and Lambda's rule that a config must say something. */
function checkMembers(input: {
  MaximumRetryAttempts?: number | undefined;
  MaximumEventAgeInSeconds?: number | undefined;
  DestinationConfig?: DestinationConfig | undefined;
}): void {
  const violations = new Violations();
  const retries = input.MaximumRetryAttempts;
  if (retries !== undefined && (retries < RETRY_MIN || retries > RETRY_MAX)) {
    violations.add(retries, 'maximumRetryAttempts', retries < RETRY_MIN ? `Member must have value greater than or equal to ${RETRY_MIN}` : `Member must have value less than or equal to ${RETRY_MAX}`);
  }
  const age = input.MaximumEventAgeInSeconds;
  if (age !== undefined && (age < AGE_MIN || age > AGE_MAX)) {
    violations.add(age, 'maximumEventAgeInSeconds', age < AGE_MIN ? `Member must have value greater than or equal to ${AGE_MIN}` : `Member must have value less than or equal to ${AGE_MAX}`);
  }
  const destinations = [
    ['destinationConfig.onSuccess.destination', input.DestinationConfig?.OnSuccess?.Destination],
    ['destinationConfig.onFailure.destination', input.DestinationConfig?.OnFailure?.Destination],
  ] as const;
  for (const [member, arn] of destinations) {
    if (arn !== undefined && (arn.length > 350 || !DESTINATION_ARN.test(arn))) {
      violations.add(arn, member, `Member must satisfy regular expression pattern: ${DESTINATION_ARN.source.slice(2, -2)}`);
    }
  }
  violations.throwIfAny();
  if (retries === undefined && age === undefined && input.DestinationConfig === undefined) {
    throw new InvalidParameterValueException('You must specify at least one of error handling or destination setting.');
  }
}

/** Lambda always answers both destinations, `{}` when unset (examples-1.json, PutFunctionEventInvokeConfig). */
function normalised(config: DestinationConfig | undefined): DestinationConfig {
  return {
    OnSuccess: config?.OnSuccess?.Destination ? { Destination: config.OnSuccess.Destination } : {},
    OnFailure: config?.OnFailure?.Destination ? { Destination: config.OnFailure.Destination } : {},
  };
}

/** LastModified is a timestamp (shape Date): epoch seconds with milliseconds on the wire, a Date in the SDK. */
function shapeOf(stored: StoredConfig): FunctionEventInvokeConfig {
  const { lastModified, ...rest } = stored;
  const shape: FunctionEventInvokeConfig = { LastModified: new Date(lastModified), ...rest };
  if (!shape.DestinationConfig) shape.DestinationConfig = normalised(undefined);
  return shape;
}
