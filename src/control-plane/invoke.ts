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
import { runtimeVersionArn, type FunctionRecord } from '../domain/function-model';
import { logGroupNameFor, newUuid } from '../domain/ids';
import {
  endLine,
  initReportLine,
  initStartLine,
  reportLine,
  startLine,
  tailLogResult,
} from '../domain/invocation-log';
import { lambdaEnvironmentVariables } from '../domain/lambda-environment';
import { timeoutLogLine } from '../domain/runtime-errors';
import { LIMITS } from '../domain/validation';
import type { InvokeResult, LogEvent } from '../workers/protocol';
import { unzipPackage } from './code-package';
import type { FunctionsService } from './functions';
import type { EnvironmentPort, LogStore, PoolOutcome } from './ports';

export type InvokeInput = Omit<InvocationRequest, 'Payload'> & { Payload?: Uint8Array };

const INVOCATION_TYPES = ['RequestResponse', 'Event', 'DryRun'];
const LOG_TYPES = ['None', 'Tail'];

export class InvokeService {
  constructor(
    private readonly functions: FunctionsService,
    private readonly environments: EnvironmentPort,
    private readonly logs: LogStore,
    private readonly clock: Clock,
    private readonly scope: () => AccountScope,
  ) {}

  async invoke(input: InvokeInput): Promise<InvokeResult> {
    const invocationType = input.InvocationType ?? 'RequestResponse';
    if (!INVOCATION_TYPES.includes(invocationType)) {
      throw new InvalidParameterValueException(`Unsupported invocation type ${invocationType}`);
    }
    if (input.LogType !== undefined && !LOG_TYPES.includes(input.LogType)) {
      throw new InvalidParameterValueException(`Unsupported log type ${input.LogType}`);
    }
    const record = await this.functions.requireLatest(input.FunctionName, input.Qualifier);
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
    const run = this.run(record, requestId, payload, clientContext);
    if (invocationType === 'Event') {
      // Queued runs and their retries arrive with the asynchronous-invocation work; here the event runs once, now.
      run.catch(() => undefined);
      return { StatusCode: 202, $metadata: { httpStatusCode: 202, requestId } };
    }
    const { outcome, tail } = await run;
    const result: InvokeResult = {
      StatusCode: 200,
      ExecutedVersion: '$LATEST',
      Payload: new TextEncoder().encode(outcome.payload),
      $metadata: { httpStatusCode: 200, requestId },
    };
    if (outcome.status === 'error') result.FunctionError = 'Unhandled';
    if (input.LogType === 'Tail') result.LogResult = tailLogResult(tail);
    return result;
  }

  private async run(
    record: FunctionRecord,
    requestId: string,
    payload: string,
    clientContext: string | undefined,
  ): Promise<{ outcome: PoolOutcome; tail: string[] }> {
    const scope = this.scope();
    const logGroupName = logGroupNameFor(record.name);
    const outcome = await this.environments.invoke({
      environmentKey: `${record.name}:$LATEST:${record.revisionId}`,
      functionName: record.name,
      functionVersion: '$LATEST',
      runtime: record.runtime,
      timeoutSeconds: record.timeout,
      memorySizeMb: record.memorySize,
      prepareInit: async (logStreamName) => ({
        runtime: record.runtime,
        handler: record.handler,
        files: unzipPackage(await this.functions.getCode(record.name)),
        environment: lambdaEnvironmentVariables({
          functionName: record.name,
          functionVersion: '$LATEST',
          runtime: record.runtime,
          handler: record.handler,
          memorySizeMb: record.memorySize,
          region: scope.region,
          logGroupName,
          logStreamName,
          userVariables: record.environment,
        }),
        functionName: record.name,
        functionVersion: '$LATEST',
        memorySizeMb: record.memorySize,
        timeoutSeconds: record.timeout,
        logGroupName,
        logStreamName,
      }),
      request: {
        requestId,
        payload,
        invokedFunctionArn: functionArn(scope, record.name),
        ...(clientContext === undefined ? {} : { clientContext }),
      },
    });
    const { cloudWatch, tail } = this.logLines(record, requestId, outcome);
    // Written behind the answer, as CloudWatch receives logs after the response; readers of
    // the log group wait for pending writes, so nothing is seen out of order.
    this.logs.appendLogEvents(
      cloudWatch.map(({ timestamp, message }) => ({ logGroupName, logStreamName: outcome.logStreamName, timestamp, message })),
    );
    return { outcome, tail: tail.map((line) => line.message) };
  }

  /** The invocation's lines as CloudWatch stores them, and the part `LogType: Tail` returns. */
  private logLines(record: FunctionRecord, requestId: string, outcome: PoolOutcome): { cloudWatch: LogEvent[]; tail: LogEvent[] } {
    const at = (timestamp: number, message: string): LogEvent => ({ logGroupName: '', logStreamName: '', timestamp, message });
    const scope = this.scope();
    const initPart: LogEvent[] = [];
    if (outcome.coldStart) {
      const version = `${record.runtime.replace(/\.x$/, '').replace(/^(nodejs|python)/, '$1:')}.lambdalite`;
      initPart.push(at(outcome.startedAt, initStartLine(version, runtimeVersionArn(scope, record.runtime))));
    }
    const invokePart: LogEvent[] = [at(outcome.startedAt, startLine(requestId, '$LATEST'))];
    const handlerLines = outcome.initFailed ? [...outcome.initLines, ...outcome.invokeLines] : outcome.invokeLines;
    if (!outcome.initFailed) initPart.push(...outcome.initLines.map((line) => at(line.timestamp, line.message)));
    invokePart.push(...handlerLines.map((line) => at(line.timestamp, line.message)));
    if (outcome.initFailed && outcome.initDurationMs !== undefined) {
      invokePart.push(
        at(outcome.endedAt, initReportLine(outcome.initDurationMs, 'invoke', outcome.platformStatus === 'timeout' ? 'timeout' : 'error', outcome.errorType)),
      );
    }
    if (outcome.platformStatus === 'timeout') {
      invokePart.push(at(outcome.endedAt, timeoutLogLine(new Date(outcome.endedAt).toISOString(), requestId, record.timeout)));
    }
    invokePart.push(at(outcome.endedAt, endLine(requestId)));
    const report = reportLine({
      requestId,
      durationMs: outcome.durationMs,
      memorySizeMb: record.memorySize,
      maxMemoryUsedMb: outcome.maxMemoryUsedMb,
      ...(outcome.coldStart && !outcome.initFailed && outcome.initDurationMs !== undefined
        ? { initDurationMs: outcome.initDurationMs }
        : {}),
      ...(outcome.platformStatus === undefined ? {} : { status: outcome.platformStatus }),
      ...(outcome.errorType === undefined ? {} : { errorType: outcome.errorType }),
    });
    invokePart.push(at(outcome.endedAt, report));
    return { cloudWatch: [...initPart, ...invokePart], tail: invokePart };
  }
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

function decodeClientContext(encoded: string): string {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0)));
    JSON.parse(text);
    return text;
  } catch {
    throw new InvalidParameterValueException('Client context must be a valid Base64-encoded JSON object.');
  }
}
