/**
 * The platform's lines around one invocation, as CloudWatch receives them: Lambda's text format
 * (INIT_START, START, END, REPORT, INIT_REPORT, the timeout line) or, with LoggingConfig
 * LogFormat JSON, its JSON system log records (platform.initStart, platform.start,
 * platform.report), filtered by SystemLogLevel
 * (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-advanced.html).
 */
import type { AccountScope } from '../domain/arn';
import { runtimeVersionArn, type FunctionRecord } from '../domain/function-model';
import {
  billedDurationMs,
  endLine,
  initReportLine,
  initStartLine,
  reportLine,
  startLine,
} from '../domain/invocation-log';
import { timeoutLogLine } from '../domain/runtime-errors';
import type { InitializationType, PoolOutcome, TimedLine } from './ports';

/** Lambda's log levels, least severe first. */
const LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];

/** The `Runtime Version` INIT_START names, e.g. `nodejs:22.lambdalite`. */
export function runtimeVersionLabel(runtime: string): string {
  return `${runtime.replace(/\.x$/, '').replace(/^(nodejs|python)/, '$1:')}.lambdalite`;
}

export function isJson(record: FunctionRecord): boolean {
  return record.logging?.logFormat === 'JSON';
}

/** System records below SystemLogLevel are not delivered (INFO by default). */
function delivered(record: FunctionRecord, level: string): boolean {
  const threshold = record.logging?.systemLogLevel ?? 'INFO';
  return LEVELS.indexOf(level) >= LEVELS.indexOf(threshold);
}

function systemRecord(timestamp: number, type: string, body: Record<string, unknown>): string {
  return JSON.stringify({ time: new Date(timestamp).toISOString(), type, record: body });
}

/** The INIT_START line (or platform.initStart record) of a new environment. */
export function initStartLog(
  record: FunctionRecord,
  version: string,
  scope: AccountScope,
  timestamp: number,
  initializationType: InitializationType = 'on-demand',
): TimedLine[] {
  const label = runtimeVersionLabel(record.runtime);
  const arn = runtimeVersionArn(scope, record.runtime);
  if (!isJson(record)) return [{ timestamp, message: initStartLine(label, arn) }];
  if (!delivered(record, 'INFO')) return [];
  return [
    {
      timestamp,
      message: systemRecord(timestamp, 'platform.initStart', {
        initializationType,
        phase: 'init',
        runtimeVersion: label,
        runtimeVersionArn: arn,
        functionName: record.name,
        functionVersion: version,
      }),
    },
  ];
}

/** One invocation's lines: those of its Init phase (cold starts) and those of the invocation itself (what Tail returns). */
export function invocationLog(
  record: FunctionRecord,
  version: string,
  requestId: string,
  outcome: PoolOutcome,
  scope: AccountScope,
): { init: TimedLine[]; invoke: TimedLine[] } {
  const init: TimedLine[] = outcome.coldStart ? initStartLog(record, version, scope, outcome.initStartedAt ?? outcome.startedAt) : [];
  if (!outcome.initFailed) init.push(...outcome.initLines);
  const handlerLines = outcome.initFailed ? [...outcome.initLines, ...outcome.invokeLines] : outcome.invokeLines;
  const reported = outcome.coldStart && !outcome.initFailed ? outcome.initDurationMs : undefined;
  const invoke = isJson(record)
    ? jsonInvocation(record, version, requestId, outcome, handlerLines, reported)
    : textInvocation(record, version, requestId, outcome, handlerLines, reported);
  return { init, invoke };
}

function textInvocation(
  record: FunctionRecord,
  version: string,
  requestId: string,
  outcome: PoolOutcome,
  handlerLines: TimedLine[],
  initDurationMs: number | undefined,
): TimedLine[] {
  const at = (timestamp: number, message: string): TimedLine => ({ timestamp, message });
  const lines: TimedLine[] = [at(outcome.startedAt, startLine(requestId, version)), ...handlerLines];
  if (outcome.initFailed && outcome.initDurationMs !== undefined) {
    const status = outcome.platformStatus === 'timeout' ? 'timeout' : 'error';
    lines.push(at(outcome.endedAt, initReportLine(outcome.initDurationMs, 'invoke', status, outcome.errorType)));
  }
  if (outcome.platformStatus === 'timeout') {
    lines.push(at(outcome.endedAt, timeoutLogLine(new Date(outcome.endedAt).toISOString(), requestId, record.timeout)));
  }
  lines.push(at(outcome.endedAt, endLine(requestId)));
  lines.push(
    at(
      outcome.endedAt,
      reportLine({
        requestId,
        durationMs: outcome.durationMs,
        memorySizeMb: record.memorySize,
        maxMemoryUsedMb: outcome.maxMemoryUsedMb,
        ...(initDurationMs === undefined ? {} : { initDurationMs }),
        ...(outcome.platformStatus === undefined ? {} : { status: outcome.platformStatus }),
        ...(outcome.errorType === undefined ? {} : { errorType: outcome.errorType }),
      }),
    ),
  );
  return lines;
}

function jsonInvocation(
  record: FunctionRecord,
  version: string,
  requestId: string,
  outcome: PoolOutcome,
  handlerLines: TimedLine[],
  initDurationMs: number | undefined,
): TimedLine[] {
  const lines: TimedLine[] = [];
  const info = delivered(record, 'INFO');
  if (info) lines.push({ timestamp: outcome.startedAt, message: systemRecord(outcome.startedAt, 'platform.start', { requestId, version }) });
  lines.push(...handlerLines);
  const status = outcome.platformStatus === 'timeout' ? 'timeout' : outcome.platformStatus === 'error' ? 'error' : 'success';
  const metrics: Record<string, number> = {
    durationMs: Number(outcome.durationMs.toFixed(3)),
    billedDurationMs: billedDurationMs(outcome.durationMs),
    memorySizeMB: record.memorySize,
    maxMemoryUsedMB: outcome.maxMemoryUsedMb,
  };
  if (initDurationMs !== undefined) metrics['initDurationMs'] = Number(initDurationMs.toFixed(3));
  // A failed invocation's report is delivered down to ERROR; a successful one is INFO.
  if (status === 'success' ? info : delivered(record, 'ERROR')) {
    const body: Record<string, unknown> = { requestId, metrics, status };
    if (status !== 'success' && outcome.errorType !== undefined) body['errorType'] = outcome.errorType;
    lines.push({ timestamp: outcome.endedAt, message: systemRecord(outcome.endedAt, 'platform.report', body) });
  }
  return lines;
}
