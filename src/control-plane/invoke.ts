/**
 * Invoke (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html): resolves the
 * function, hands the event to an execution environment, writes the invocation's log
 * to the function's log group, and answers as Lambda does (200 with X-Amz-Function-Error
 * for handler errors, 202 for Event, 204 for DryRun).
 */
import type { InvocationRequest } from '@aws-sdk/client-lambda';
import type { AccountScope } from '../domain/arn';
import { functionArn } from '../domain/arn';
import type { Clock } from '../domain/clock';
import { InvalidParameterValueException, LambdaError, RequestTooLargeException } from '../domain/errors';
import type { FunctionRecord } from '../domain/function-model';
import { AliasesService } from './aliases';
import { initStartLog, invocationLog, isJson } from './platform-log';
import type { ConcurrencyGate } from './concurrency-gate';
import { logGroupNameFor, newUuid } from '../domain/ids';
import { startLine, tailLogResult } from '../domain/invocation-log';
import { refuseUnavailableMembers } from '../domain/not-available';
import { lambdaEnvironmentVariables } from '../domain/lambda-environment';
import { LIMITS } from '../domain/validation';
import type { InvokeResult } from '../workers/protocol';
import { unzipPackage } from './code-package';
import type { FunctionsService, ResolvedFunction } from './functions';
import type { InvocationMetricsSink } from './metrics';
import type {
  AsyncEventRecord,
  EnvironmentPort,
  InvocationProgress,
  LambdaliteStore,
  PoolInvocation,
  PoolOutcome,
  ProvisioningResult,
  TimedLine,
} from './ports';

export type InvokeInput = Omit<InvocationRequest, 'Payload'> & { Payload?: Uint8Array };

const INVOCATION_TYPES = ['RequestResponse', 'Event', 'DryRun'];
/** Lambda keeps asynchronous events for up to 6 hours. */
const MAX_EVENT_AGE_MS = 6 * 60 * 60 * 1000;
/** The synchronous response limit as Lambda applies it (6 MiB + 100 bytes, as its error message says). */
const MAX_SYNC_RESPONSE_BYTES = 6_291_556;
/** How soon a throttled queued event is tried again. */
const THROTTLED_EVENT_RETRY_MS = 1000;
const LOG_TYPES = ['None', 'Tail'];

export class InvokeService {
  constructor(
    private readonly functions: FunctionsService,
    private readonly environments: EnvironmentPort,
    private readonly store: LambdaliteStore,
    private readonly clock: Clock,
    private readonly scope: () => AccountScope,
    private readonly gate: ConcurrencyGate,
    /** Draws for weighted alias routing; injectable so tests can check the split. */
    private readonly random: () => number = Math.random,
  ) {}

  /** Events queued but not yet run by this control plane, so each runs once. */
  private readonly running = new Set<number>();

  /** Where finished and throttled invocations are counted (CloudWatch's Lambda metrics); set by the control plane. */
  metrics: InvocationMetricsSink | undefined;

  async invoke(input: InvokeInput): Promise<InvokeResult> {
    const invocationType = input.InvocationType ?? 'RequestResponse';
    if (!INVOCATION_TYPES.includes(invocationType)) {
      throw new InvalidParameterValueException(`Unsupported invocation type ${invocationType}`);
    }
    if (input.LogType !== undefined && !LOG_TYPES.includes(input.LogType)) {
      throw new InvalidParameterValueException(`Unsupported log type ${input.LogType}`);
    }
    const target = await this.functions.resolve(input.FunctionName, input.Qualifier);
    const latest = target.version === '$LATEST' ? target.record : await this.functions.requireLatest(target.record.name, undefined);
    this.functions.assertInvocable(latest);
    refuseUnavailableMembers([
      [input.DurableExecutionName !== undefined, 'DurableExecutionName (durable executions)'],
      [input.TenantId !== undefined, 'TenantId (tenant isolation)'],
    ]);
    const requestId = newUuid();
    const payloadBytes = input.Payload ?? new Uint8Array();
    // Asynchronous payloads up to 1 MB (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html).
    const payloadLimit = invocationType === 'Event' ? 1024 * 1024 : LIMITS.syncPayloadMaxBytes;
    if (payloadBytes.byteLength > payloadLimit) {
      throw new RequestTooLargeException(`Request must be smaller than ${payloadLimit} bytes for the InvokeFunction operation`);
    }
    const payload = decodeEvent(payloadBytes);
    const clientContext = input.ClientContext === undefined ? undefined : decodeClientContext(input.ClientContext);

    if (invocationType === 'DryRun') {
      return { StatusCode: 204, $metadata: { httpStatusCode: 204, requestId } };
    }
    if (invocationType === 'Event') {
      // Lambda queues the event and answers 202 at once; the queue is stored, so a reload does not lose it.
      const event: AsyncEventRecord = {
        functionName: latest.name,
        payload,
        requestId,
        enqueuedAt: this.clock.now(),
        attempts: 0,
        notBefore: this.clock.now(),
        ...(target.qualifier === undefined ? {} : { qualifier: target.qualifier }),
      };
      // ClientContext is validated but not passed on: Lambda gives it to synchronous invocations only
      // (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html#lambda-Invoke-request-ClientContext).
      event.id = await this.store.enqueueAsyncEvent(event);
      void this.runQueued(event);
      return { StatusCode: 202, $metadata: { httpStatusCode: 202, requestId } };
    }
    const executed = await this.routed(target);
    const release = await this.acquire(latest, executed.version, requestId, 'RequestResponse');
    const concurrency = this.gate.running(latest.name);
    let ran: Awaited<ReturnType<InvokeService['run']>>;
    try {
      ran = await this.run(executed, requestId, payload, clientContext);
    } finally {
      release();
    }
    const { outcome, tail } = ran;
    let responsePayload = new TextEncoder().encode(outcome.payload);
    let failed = outcome.status === 'error';
    // Lambda refuses a synchronous response past 6,291,556 bytes as a function error, still a 200.
    if (responsePayload.byteLength > MAX_SYNC_RESPONSE_BYTES) {
      responsePayload = new TextEncoder().encode(
        JSON.stringify({
          errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_SYNC_RESPONSE_BYTES} bytes).`,
          errorType: 'Function.ResponseSizeTooLarge',
        }),
      );
      failed = true;
    }
    this.metrics?.recordInvocation({
      functionName: latest.name,
      version: executed.version,
      requestId,
      invocationType: 'RequestResponse',
      outcome,
      failed,
      concurrency,
      memorySizeMb: executed.record.memorySize,
    });
    const result: InvokeResult = {
      StatusCode: 200,
      ExecutedVersion: executed.version,
      Payload: responsePayload,
      $metadata: { httpStatusCode: 200, requestId },
    };
    if (failed) result.FunctionError = 'Unhandled';
    if (input.LogType === 'Tail') result.LogResult = tailLogResult(tail);
    return result;
  }

  /**
   * Runs every event left in the durable queue (after a reload, or queued by another tab
   * that closed). Each event runs at least once, as Lambda promises for asynchronous invocation.
   */
  async drainQueue(): Promise<void> {
    const queued = await this.store.listAsyncEvents();
    await Promise.all(queued.map((event) => this.runQueued(event)));
  }

  private async runQueued(event: AsyncEventRecord): Promise<void> {
    const id = event.id;
    if (id === undefined || this.running.has(id)) return;
    this.running.add(id);
    try {
      await withEventLock(id, () => this.runOnce(event, id));
    } finally {
      this.running.delete(id);
    }
  }

  /** Runs a queued event unless another tab already ran it, then removes it from the queue. */
  private async runOnce(event: AsyncEventRecord, id: number): Promise<void> {
    const stillQueued = (await this.store.listAsyncEvents()).some((queued) => queued.id === id);
    if (!stillQueued) return;
    let throttled = false;
    try {
      const target = await this.functions.resolve(event.functionName, event.qualifier);
      const executed = await this.routed(target);
      const latest = await this.functions.requireLatest(target.record.name, undefined);
      const release = await this.acquire(latest, executed.version, event.requestId, 'Event');
      const concurrency = this.gate.running(latest.name);
      try {
        const { outcome } = await this.run(executed, event.requestId, event.payload, undefined);
        this.metrics?.recordInvocation({
          functionName: latest.name,
          version: executed.version,
          requestId: event.requestId,
          invocationType: 'Event',
          outcome,
          failed: outcome.status === 'error',
          concurrency,
          memorySizeMb: executed.record.memorySize,
        });
      } finally {
        release();
      }
    } catch (error) {
      // Lambda keeps a throttled event and tries again, for up to 6 hours
      // (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html).
      throttled = error instanceof LambdaError && error.type === 'TooManyRequestsException' && this.clock.now() - event.enqueuedAt < MAX_EVENT_AGE_MS;
      // The function or its qualifier was deleted meanwhile, or the pool refused: on AWS the event
      // would be retried and then discarded; retries and destinations arrive with the async work.
      if (!(error instanceof LambdaError)) console.error('Lambdalite: a queued event failed to run', error);
    } finally {
      if (!throttled) await this.store.deleteAsyncEvent(id).catch(() => undefined);
    }
    if (throttled) setTimeout(() => void this.runQueued(event), THROTTLED_EVENT_RETRY_MS);
  }

  /** Counts the invocation in against concurrency; a throttle is counted in the Throttles metric. */
  private async acquire(latest: FunctionRecord, version: string, requestId: string, invocationType: 'RequestResponse' | 'Event'): Promise<() => void> {
    try {
      return await this.gate.acquire(latest.name, latest.reservedConcurrency);
    } catch (error) {
      if (error instanceof LambdaError && error.type === 'TooManyRequestsException') {
        const reason = error.reason;
        this.metrics?.recordThrottle({ functionName: latest.name, version, requestId, invocationType, ...(reason === undefined ? {} : { reason }) });
      }
      throw error;
    }
  }

  /** For an alias with routing, the version this one invocation runs. */
  private async routed(target: ResolvedFunction): Promise<ResolvedFunction> {
    if (!target.alias?.additionalVersionWeights) return target;
    const version = AliasesService.pickVersion(target.alias, this.random);
    if (version === target.version) return target;
    return { ...target, version, record: await this.functions.versionRecord(target.record.name, version) };
  }

  /**
   * Provisioned concurrency: initialises `count` environments of the version an alias or
   * version names, ahead of any invocation, and logs their Init phase as Lambda does.
   */
  async provisionEnvironments(target: ResolvedFunction, count: number): Promise<ProvisioningResult> {
    if (!this.environments.provision) return { ready: 0, failed: count, lines: [], logStreamNames: [] };
    const result = await this.environments.provision(this.environmentTemplate(target), count);
    const logGroupName = logGroupNameFor(target.record.name);
    const now = this.clock.now();
    const initStart = initStartLog(target.record, target.version, this.scope(), now, 'provisioned-concurrency');
    this.store.appendLogEvents([
      ...result.logStreamNames.flatMap((logStreamName) => initStart.map((line) => ({ logGroupName, logStreamName, ...line }))),
      ...result.lines.map((line) => ({ logGroupName, ...line })),
    ]);
    return result;
  }

  /** Drops the provisioned environments of a version (its provisioned concurrency config was removed). */
  unprovisionEnvironments(functionName: string, version: string): void {
    this.environments.unprovision?.(functionName, version);
  }

  /** What the pool needs to start environments for one version: everything but the request. */
  environmentTemplate(target: ResolvedFunction): Omit<PoolInvocation, 'request'> {
    const scope = this.scope();
    const { record, version } = target;
    const logGroupName = logGroupNameFor(record.name);
    return {
      environmentKey: `${record.name}:${version}:${record.revisionId}`,
      functionName: record.name,
      functionVersion: version,
      runtime: record.runtime,
      timeoutSeconds: record.timeout,
      memorySizeMb: record.memorySize,
      prepareInit: async (logStreamName, initializationType) => ({
        runtime: record.runtime,
        handler: record.handler,
        files: unzipPackage(await this.functions.getCode(record.name, version)),
        // The layers' files, merged in the function's order (https://docs.aws.amazon.com/lambda/latest/dg/packaging-layers.html).
        optFiles: await this.functions.optFilesFor(record),
        environment: lambdaEnvironmentVariables({
          functionName: record.name,
          functionVersion: version,
          runtime: record.runtime,
          handler: record.handler,
          memorySizeMb: record.memorySize,
          region: scope.region,
          logGroupName,
          logStreamName,
          userVariables: record.environment,
          initializationType,
          logging: record.logging,
        }),
        functionName: record.name,
        functionVersion: version,
        memorySizeMb: record.memorySize,
        timeoutSeconds: record.timeout,
        logGroupName,
        logStreamName,
        ephemeralStorageMb: record.ephemeralStorageMb,
        allowNetwork: record.allowNetwork ?? false,
      }),
    };
  }

  private async run(
    target: ResolvedFunction,
    requestId: string,
    payload: string,
    clientContext: string | undefined,
  ): Promise<{ outcome: PoolOutcome; tail: string[] }> {
    const scope = this.scope();
    const { record, version } = target;
    const logGroupName = logGroupNameFor(record.name);
    const write = (logStreamName: string, lines: readonly TimedLine[]): void =>
      this.store.appendLogEvents(lines.map(({ timestamp, message }) => ({ logGroupName, logStreamName, timestamp, message })));
    // Text-format lines go to the log group as they happen, so live tail shows a running
    // invocation (CloudWatch gets them within seconds); what is written here is the start of
    // what invocationLog composes at the end. JSON logs, filtered by level there, wait for it.
    let streamed: { logStreamName: string; init: number; invoke: number } | undefined;
    const onProgress = isJson(record)
      ? undefined
      : (progress: InvocationProgress): void => {
          if (progress.kind === 'started') {
            const init = progress.coldStart ? [...initStartLog(record, version, scope, progress.initStartedAt), ...progress.initLines] : [];
            write(progress.logStreamName, [...init, { timestamp: progress.startedAt, message: startLine(requestId, version) }]);
            streamed = { logStreamName: progress.logStreamName, init: init.length, invoke: 1 };
          } else if (streamed) {
            write(streamed.logStreamName, [progress.line]);
            streamed.invoke++;
          }
        };
    const outcome = await this.environments.invoke({
      ...this.environmentTemplate(target),
      request: {
        requestId,
        payload,
        // Qualified when the caller named a version or alias (context.invokedFunctionArn).
        invokedFunctionArn: functionArn(scope, record.name, target.qualifier),
        ...(clientContext === undefined ? {} : { clientContext }),
      },
      ...(onProgress ? { onProgress } : {}),
    });
    const { init, invoke: tail } = invocationLog(record, version, requestId, outcome, scope);
    // The rest is written behind the answer, as CloudWatch receives logs after the response;
    // readers of the log group wait for pending writes, so nothing is seen out of order.
    write(outcome.logStreamName, streamed ? [...init.slice(streamed.init), ...tail.slice(streamed.invoke)] : [...init, ...tail]);
    return { outcome, tail: tail.map((line) => line.message) };
  }
}

/**
 * Tabs share the queue: an event runs under a Web Lock named after it, so a tab that drains
 * the queue at start-up never runs an event another tab is running. Without Web Locks (Node
 * tests) there is one control plane, and the `running` set is enough.
 */
async function withEventLock(id: number, run: () => Promise<void>): Promise<void> {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  if (!locks) return run();
  await locks.request(`lambdalite-async-event-${id}`, { ifAvailable: true }, async (lock) => {
    if (lock) await run();
  });
}

/** The event as JSON text. An empty payload is `{}`, as Lambda passes it. */
function decodeEvent(bytes: Uint8Array): string {
  if (bytes.byteLength === 0) return '{}';
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new LambdaError(
      'InvalidRequestContentException',
      400,
      `Could not parse request body into json: Could not parse payload into json: ${detail}`,
    );
  }
  return text;
}

/** Invoke's limit on ClientContext: "Up to 3,583 bytes of base64-encoded data" (API_Invoke). */
const CLIENT_CONTEXT_MAX_BASE64_BYTES = 3583;

function decodeClientContext(encoded: string): string {
  if (encoded.length > CLIENT_CONTEXT_MAX_BASE64_BYTES) {
    // Lambda's wording for this case is not documented; this names the documented limit.
    throw new InvalidParameterValueException(
      `Client context must be at most ${CLIENT_CONTEXT_MAX_BASE64_BYTES} bytes of Base64-encoded data; it is ${encoded.length} bytes.`,
    );
  }
  let parsed: unknown;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0)));
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
    text = '';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidParameterValueException('Client context must be a valid Base64-encoded JSON object.');
  }
  return text;
}
