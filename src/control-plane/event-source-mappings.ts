/**
 * Event source mappings: CreateEventSourceMapping, GetEventSourceMapping,
 * UpdateEventSourceMapping, DeleteEventSourceMapping, ListEventSourceMappings
 * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html).
 * Stored and validated for the sources Lambdalite will stand in for in the browser (SQS,
 * Kinesis, DynamoDB streams); polling them arrives with the event sources. Kafka, Amazon MQ,
 * DocumentDB and self-managed sources need AWS's network and are refused by name.
 * Unlike Lambda, which keeps a deleted function's mappings, they are deleted with the function.
 */
import type {
  CreateEventSourceMappingRequest,
  EventSourceMappingConfiguration,
  ListEventSourceMappingsRequest,
  ListEventSourceMappingsResponse,
  UpdateEventSourceMappingRequest,
} from '@aws-sdk/client-lambda';
import { functionArn, type AccountScope } from '../domain/arn';
import type { Clock } from '../domain/clock';
import { InvalidParameterValueException, ResourceConflictException, ResourceNotFoundException } from '../domain/errors';
import { newUuid } from '../domain/ids';
import { paginate } from './pagination';
import type { EventSourceMappingRecord, LambdaliteStore } from './ports';
import { findQualifier, functionRefOf } from './qualifiers';

type SourceKind = 'sqs' | 'kinesis' | 'dynamodb';

const SOURCE_ARN = /^arn:(aws[a-zA-Z-]*)?:(sqs|kinesis|dynamodb|kafka|mq|rds|docdb):[a-z0-9-]+:(\d{12}):(.+)$/;
/** Batch sizes per source (https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html#lambda-CreateEventSourceMapping-request-BatchSize). */
const BATCH_SIZE: Record<SourceKind, { default: number; max: number }> = {
  sqs: { default: 10, max: 10_000 },
  kinesis: { default: 100, max: 10_000 },
  dynamodb: { default: 100, max: 10_000 },
};
const LIST_LIMIT = 10_000;
const LIST_PAGE = 100;

function notFound(): ResourceNotFoundException {
  return new ResourceNotFoundException('The resource you requested does not exist.');
}

export class EventSourceMappingsService {
  constructor(
    private readonly store: LambdaliteStore,
    private readonly clock: Clock,
    private readonly scope: () => AccountScope,
    private readonly stateTransitionMs: number,
  ) {}

  async create(input: CreateEventSourceMappingRequest): Promise<EventSourceMappingConfiguration> {
    if (input.SelfManagedEventSource || input.AmazonManagedKafkaEventSourceConfig || input.SelfManagedKafkaEventSourceConfig) {
      throw unavailable('Kafka event sources');
    }
    if (input.EventSourceArn === undefined) {
      throw new InvalidParameterValueException('Unrecognized event source, must be kinesis, dynamodb stream or sqs.');
    }
    const kind = sourceKind(input.EventSourceArn);
    const { functionName, arn } = await this.target(input.FunctionName);
    const existing = (await this.all()).find(
      (mapping) => mapping.configuration.EventSourceArn === input.EventSourceArn && mapping.configuration.FunctionArn === arn,
    );
    if (existing) {
      throw new ResourceConflictException(
        `The event source arn (" ${input.EventSourceArn} ") and function (" ${functionName} ") provided mapping already exists. ` +
          `Please update or delete the existing mapping with UUID ${existing.configuration.UUID}`,
      );
    }
    const batchSize = checkedBatchSize(kind, input.BatchSize, input.MaximumBatchingWindowInSeconds);
    const uuid = newUuid();
    const configuration: EventSourceMappingConfiguration = {
      UUID: uuid,
      BatchSize: batchSize,
      MaximumBatchingWindowInSeconds: input.MaximumBatchingWindowInSeconds ?? 0,
      EventSourceArn: input.EventSourceArn,
      FunctionArn: arn,
      LastModified: new Date(this.clock.now()),
      State: 'Creating',
      StateTransitionReason: 'USER_INITIATED',
      EventSourceMappingArn: `arn:aws:lambda:${this.scope().region}:${this.scope().accountId}:event-source-mapping:${uuid}`,
    };
    if (input.FilterCriteria) configuration.FilterCriteria = input.FilterCriteria;
    if (input.FunctionResponseTypes) configuration.FunctionResponseTypes = [...input.FunctionResponseTypes];
    if (kind === 'sqs') {
      if (input.StartingPosition !== undefined) {
        throw new InvalidParameterValueException('StartingPosition is not valid for SQS event sources.');
      }
      if (input.ScalingConfig) configuration.ScalingConfig = input.ScalingConfig;
    } else {
      if (input.StartingPosition === undefined) {
        throw new InvalidParameterValueException('1 validation error detected: Value null at \'startingPosition\' failed to satisfy constraint: Member must not be null');
      }
      if (input.StartingPosition === 'AT_TIMESTAMP' && kind !== 'kinesis') {
        throw new InvalidParameterValueException('Unsupported starting position AT_TIMESTAMP for DynamoDB streams.');
      }
      Object.assign(configuration, {
        StartingPosition: input.StartingPosition,
        ParallelizationFactor: input.ParallelizationFactor ?? 1,
        MaximumRecordAgeInSeconds: input.MaximumRecordAgeInSeconds ?? -1,
        BisectBatchOnFunctionError: input.BisectBatchOnFunctionError ?? false,
        MaximumRetryAttempts: input.MaximumRetryAttempts ?? -1,
        TumblingWindowInSeconds: input.TumblingWindowInSeconds ?? 0,
        FunctionResponseTypes: configuration.FunctionResponseTypes ?? [],
        DestinationConfig: input.DestinationConfig ?? { OnFailure: {} },
        LastProcessingResult: 'No records processed',
      });
      if (input.StartingPositionTimestamp) configuration.StartingPositionTimestamp = input.StartingPositionTimestamp;
    }
    const record: EventSourceMappingRecord = {
      configuration,
      settledState: input.Enabled === false ? 'Disabled' : 'Enabled',
      settlesAt: this.clock.now() + this.stateTransitionMs,
    };
    await this.store.putResource(functionName, 'eventSourceMapping', uuid, record);
    return this.view(record);
  }

  async get(uuid: string | undefined): Promise<EventSourceMappingConfiguration> {
    return this.view((await this.find(uuid)).record);
  }

  async update(input: UpdateEventSourceMappingRequest): Promise<EventSourceMappingConfiguration> {
    const { functionName, record } = await this.find(input.UUID);
    const current = this.view(record);
    if (current.State === 'Creating' || current.State === 'Updating' || current.State === 'Deleting') {
      throw new ResourceConflictException(
        `The operation cannot be performed at this time. The event source mapping is currently in the ${current.State} state.`,
      );
    }
    const kind = sourceKind(current.EventSourceArn ?? '');
    let owner = functionName;
    const configuration: EventSourceMappingConfiguration = { ...record.configuration };
    if (input.FunctionName !== undefined) {
      const target = await this.target(input.FunctionName);
      owner = target.functionName;
      configuration.FunctionArn = target.arn;
    }
    if (input.BatchSize !== undefined || input.MaximumBatchingWindowInSeconds !== undefined) {
      configuration.BatchSize = checkedBatchSize(kind, input.BatchSize ?? configuration.BatchSize, input.MaximumBatchingWindowInSeconds ?? configuration.MaximumBatchingWindowInSeconds);
      configuration.MaximumBatchingWindowInSeconds = input.MaximumBatchingWindowInSeconds ?? configuration.MaximumBatchingWindowInSeconds ?? 0;
    }
    for (const member of ['FilterCriteria', 'FunctionResponseTypes', 'ScalingConfig', 'DestinationConfig', 'MaximumRecordAgeInSeconds', 'BisectBatchOnFunctionError', 'MaximumRetryAttempts', 'ParallelizationFactor', 'TumblingWindowInSeconds'] as const) {
      if (input[member] !== undefined) Object.assign(configuration, { [member]: input[member] });
    }
    configuration.LastModified = new Date(this.clock.now());
    configuration.State = 'Updating';
    const settledState = input.Enabled === undefined ? record.settledState : input.Enabled ? 'Enabled' : 'Disabled';
    const updated: EventSourceMappingRecord = { configuration, settledState, settlesAt: this.clock.now() + this.stateTransitionMs };
    if (owner !== functionName) await this.store.deleteResource(functionName, 'eventSourceMapping', input.UUID ?? '');
    await this.store.putResource(owner, 'eventSourceMapping', input.UUID ?? '', updated);
    return this.view(updated);
  }

  async delete(uuid: string | undefined): Promise<EventSourceMappingConfiguration> {
    const { functionName, record } = await this.find(uuid);
    await this.store.deleteResource(functionName, 'eventSourceMapping', uuid ?? '');
    // Lambda answers the mapping one last time, in state Deleting.
    return { ...this.view(record), State: 'Deleting' };
  }

  async list(input: ListEventSourceMappingsRequest): Promise<Omit<ListEventSourceMappingsResponse, '$metadata'>> {
    let mappings = await this.all();
    if (input.FunctionName !== undefined) {
      const ref = functionRefOf(input.FunctionName, undefined, this.scope());
      const arn = functionArn(this.scope(), ref.name, ref.qualifier);
      mappings = mappings.filter((mapping) =>
        ref.qualifier === undefined ? mapping.configuration.FunctionArn?.split(':').slice(0, 7).join(':') === arn : mapping.configuration.FunctionArn === arn,
      );
    }
    if (input.EventSourceArn !== undefined) mappings = mappings.filter((mapping) => mapping.configuration.EventSourceArn === input.EventSourceArn);
    const page = paginate(mappings.map((mapping) => this.view(mapping)), (mapping) => mapping.UUID ?? '', input.Marker, input.MaxItems ?? LIST_PAGE, LIST_LIMIT);
    const response: Omit<ListEventSourceMappingsResponse, '$metadata'> = { EventSourceMappings: page.items };
    if (page.nextMarker) response.NextMarker = page.nextMarker;
    return response;
  }

  /** The configuration with its state at the clock's now: the transitional state until it settles. */
  private view(record: EventSourceMappingRecord): EventSourceMappingConfiguration {
    if (this.clock.now() < record.settlesAt) return { ...record.configuration };
    return { ...record.configuration, State: record.settledState };
  }

  private async target(functionName: string | undefined): Promise<{ functionName: string; arn: string }> {
    const ref = functionRefOf(functionName, undefined, this.scope());
    const latest = await this.store.getFunction(ref.name);
    const missing = (): ResourceNotFoundException =>
      new ResourceNotFoundException(`Function does not exist: ${functionArn(this.scope(), ref.name, ref.qualifier)}`);
    if (!latest) throw missing();
    if (ref.qualifier !== undefined && !(await findQualifier(this.store, ref.name, ref.qualifier))) throw missing();
    return { functionName: ref.name, arn: functionArn(this.scope(), ref.name, ref.qualifier) };
  }

  private async all(): Promise<EventSourceMappingRecord[]> {
    const mappings: EventSourceMappingRecord[] = [];
    for (const record of await this.store.listFunctions()) {
      mappings.push(...(await this.store.listResources(record.name, 'eventSourceMapping')).map(({ data }) => data));
    }
    return mappings;
  }

  private async find(uuid: string | undefined): Promise<{ functionName: string; record: EventSourceMappingRecord }> {
    for (const fn of await this.store.listFunctions()) {
      const record = uuid === undefined ? undefined : await this.store.getResource(fn.name, 'eventSourceMapping', uuid);
      if (record) return { functionName: fn.name, record };
    }
    throw notFound();
  }
}

function unavailable(what: string): InvalidParameterValueException {
  return new InvalidParameterValueException(`${what} are not available in Lambdalite: they need AWS infrastructure that a browser tab does not have.`);
}

function sourceKind(arn: string): SourceKind {
  const match = SOURCE_ARN.exec(arn);
  const service = match?.[2];
  if (service === 'sqs') return 'sqs';
  if (service === 'kinesis' && match?.[4]?.startsWith('stream/')) return 'kinesis';
  if (service === 'dynamodb' && /^table\/[^/]+\/stream\//.test(match?.[4] ?? '')) return 'dynamodb';
  if (service === 'kafka' || service === 'mq' || service === 'rds' || service === 'docdb') {
    throw unavailable({ kafka: 'Amazon MSK (Kafka) event sources', mq: 'Amazon MQ event sources', rds: 'DocumentDB event sources', docdb: 'DocumentDB event sources' }[service]);
  }
  throw new InvalidParameterValueException('Unrecognized event source, must be kinesis, dynamodb stream or sqs.');
}

function checkedBatchSize(kind: SourceKind, requested: number | undefined, window: number | undefined): number {
  const { default: fallback, max } = BATCH_SIZE[kind];
  const size = requested ?? fallback;
  // SQS standard queues take more than 10 records a batch only with a batching window (the API reference's BatchSize note).
  const limit = kind === 'sqs' && (window ?? 0) < 1 ? 10 : max;
  if (!Number.isInteger(size) || size < 1 || size > limit) {
    throw new InvalidParameterValueException(
      kind === 'sqs' && size > 10 && limit === 10
        ? 'Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10'
        : `BatchSize must be between 1 and ${limit} for this event source.`,
    );
  }
  return size;
}
