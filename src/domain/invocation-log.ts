/**
 * The platform's log lines around an invocation, in Lambda's text format
 * (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html):
 * START, END, REPORT (with Init Duration on cold starts), INIT_START and INIT_REPORT.
 */

export interface ReportFigures {
  requestId: string;
  durationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  initDurationMs?: number;
  /** Present when the platform ended the invocation: Lambda appends `Status: timeout|error`. */
  status?: 'timeout' | 'error';
  errorType?: string;
}

export function startLine(requestId: string, version: string): string {
  return `START RequestId: ${requestId} Version: ${version}`;
}

export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}`;
}

/** Billed Duration: rounded up to the next millisecond. */
export function billedDurationMs(durationMs: number): number {
  return Math.max(1, Math.ceil(durationMs));
}

export function reportLine(figures: ReportFigures): string {
  const parts = [
    `REPORT RequestId: ${figures.requestId}`,
    `Duration: ${figures.durationMs.toFixed(2)} ms`,
    `Billed Duration: ${billedDurationMs(figures.durationMs)} ms`,
    `Memory Size: ${figures.memorySizeMb} MB`,
    `Max Memory Used: ${figures.maxMemoryUsedMb} MB`,
  ];
  if (figures.initDurationMs !== undefined) parts.push(`Init Duration: ${figures.initDurationMs.toFixed(2)} ms`);
  if (figures.status !== undefined) parts.push(`Status: ${figures.status}`);
  if (figures.errorType !== undefined && figures.status === 'error') parts.push(`Error Type: ${figures.errorType}`);
  return parts.join('\t');
}

export function initStartLine(runtimeVersion: string, runtimeVersionArn: string): string {
  return `INIT_START Runtime Version: ${runtimeVersion}\tRuntime Version ARN: ${runtimeVersionArn}`;
}

export function initReportLine(initDurationMs: number, phase: 'init' | 'invoke', status: 'error' | 'timeout', errorType?: string): string {
  const parts = [`INIT_REPORT Init Duration: ${initDurationMs.toFixed(2)} ms`, `Phase: ${phase}`, `Status: ${status}`];
  if (errorType !== undefined && status === 'error') parts.push(`Error Type: ${errorType}`);
  return parts.join('\t');
}

/** `LogResult` of a `LogType: Tail` invocation: the last 4 KB of its log, base64-encoded. */
export function tailLogResult(lines: string[]): string {
  const bytes = new TextEncoder().encode(lines.map((line) => `${line}\n`).join(''));
  const tail = bytes.subarray(Math.max(0, bytes.length - 4096));
  let binary = '';
  for (const byte of tail) binary += String.fromCharCode(byte);
  return btoa(binary);
}
