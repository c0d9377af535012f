/**
 * Turns Invoke's answer into what the console's execution result shows: the
 * status, the response pretty-printed, the log tail decoded, and the REPORT figures.
 */
import type { InvokeResult } from '../workers/protocol';

export interface ReportFigures {
  duration?: string;
  billedDuration?: string;
  memorySize?: string;
  maxMemoryUsed?: string;
  initDuration?: string;
}

export interface ExecutionResult {
  status: 'Succeeded' | 'Failed';
  /** The payload as the console prints it: JSON pretty-printed with 2 spaces, else the raw text. */
  response: string;
  /** Decoded `LogResult` (the last 4 KB of the invocation's log). */
  logs: string;
  requestId: string;
  report: ReportFigures;
  functionError?: string;
  /** The saved test event that was run (the console's "Test Event Name"). */
  testEventName?: string;
  /** `X-Amz-Executed-Version`: $LATEST or the version that ran (an alias resolves to one). */
  executedVersion?: string;
  /** The qualifier the test asked for, when not $LATEST. */
  qualifier?: string;
}

/** Milliseconds of a REPORT figure ("166.62 ms"), or undefined. */
export function millis(figure: string | undefined): number | undefined {
  if (!figure) return undefined;
  const value = Number.parseFloat(figure);
  return Number.isFinite(value) ? value : undefined;
}

/** `LogResult` is base64 of UTF-8 text (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html). */
export function decodeLogResult(logResult: string | undefined): string {
  if (!logResult) return '';
  const binary = atob(logResult);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** The console shows a JSON payload re-indented (a returned string stays a quoted JSON string). */
export function formatPayload(payload: Uint8Array | undefined): string {
  if (!payload || payload.length === 0) return 'null';
  const text = new TextDecoder().decode(payload);
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** Figures of the last REPORT line: `REPORT RequestId: … Duration: 1.42 ms Billed Duration: 2 ms …`. */
export function parseReport(logs: string): ReportFigures {
  const line = logs
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('REPORT RequestId:'));
  if (!line) return {};
  const pick = (label: string): string | undefined => {
    const match = new RegExp(`(?:^|\\t|\\s)${label}: ([\\d.]+ (?:ms|MB))`).exec(line);
    return match?.[1];
  };
  const figures: ReportFigures = {};
  const duration = pick('Duration');
  const billed = pick('Billed Duration');
  const memory = pick('Memory Size');
  const maxUsed = pick('Max Memory Used');
  const init = pick('Init Duration');
  if (duration) figures.duration = duration;
  if (billed) figures.billedDuration = billed;
  if (memory) figures.memorySize = memory;
  if (maxUsed) figures.maxMemoryUsed = maxUsed;
  if (init) figures.initDuration = init;
  return figures;
}

export function toExecutionResult(answer: InvokeResult): ExecutionResult {
  const logs = decodeLogResult(answer.LogResult);
  const result: ExecutionResult = {
    status: answer.FunctionError ? 'Failed' : 'Succeeded',
    response: formatPayload(answer.Payload),
    logs,
    requestId: answer.$metadata.requestId,
    report: parseReport(logs),
  };
  if (answer.FunctionError) result.functionError = answer.FunctionError;
  if (answer.ExecutedVersion) result.executedVersion = answer.ExecutedVersion;
  return result;
}
