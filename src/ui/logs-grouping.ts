/**
 * Reads a log group's events the way a beginner needs to see them: each invocation from its
 * START to its REPORT as one block (with the Init phase of a cold start before it), the
 * REPORT line's figures as separate values, and error lines marked. Lines are recognised by
 * Lambda's formats (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html):
 * START/END/REPORT/INIT_START/INIT_REPORT, Node.js `<time>\t<id>\t<LEVEL>\t<msg>`, Python
 * logging `[LEVEL]\t<time>\t<id>\t<msg>`, and `print` output between START and END.
 */
import type { IdentifiedLogEvent } from '../workers/protocol';

export type LineKind = 'start' | 'end' | 'report' | 'init-start' | 'init-report' | 'error' | 'warn' | 'log';

export interface LogLine {
  event: IdentifiedLogEvent;
  kind: LineKind;
  /** A runtime's log level (`INFO`, `ERROR`…) and the message after the time and request id, for structured lines. */
  level?: string;
  text?: string;
  /** The REPORT / INIT_REPORT figures, label → value ("Duration" → "2.31 ms"). */
  figures?: Array<{ label: string; value: string }>;
}

export interface LogBlock {
  /** Unique within a rendering. */
  key: string;
  kind: 'invocation' | 'init' | 'loose';
  logStreamName: string;
  requestId?: string;
  version?: string;
  /** A cold start's Init phase lines (INIT_START and what module code logged). */
  init: LogLine[];
  lines: LogLine[];
  /** START seen and no REPORT yet. */
  running: boolean;
  /**
   * The invocation failed: the runtime logged a function error (Node.js `Invoke Error`, Python's
   * `[ERROR] <Exception>`), the platform ended it (timeout, REPORT `Status: error`). A handler's
   * own `console.error` is marked as an error line but does not fail the invocation.
   */
  failed: boolean;
  firstTimestamp: number;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const START = new RegExp(`^START RequestId: (${UUID})(?: Version: (\\S+))?`);
const END = new RegExp(`^END RequestId: (${UUID})`);
const REPORT = new RegExp(`^REPORT RequestId: (${UUID})`);
const NODE_LINE = new RegExp(`^\\S+\\t(${UUID})\\t(\\w+)\\t`);
const PYTHON_LINE = new RegExp(`^\\[(\\w+)\\]\\t\\S+\\t(${UUID})\\t`);
const ERROR_LEVELS = new Set(['ERROR', 'FATAL', 'CRITICAL']);
const WARN_LEVELS = new Set(['WARN', 'WARNING']);

/** `REPORT RequestId: …\tDuration: 2.31 ms\tBilled Duration: 3 ms…` → figures (RequestId among them). */
function figuresOf(message: string): Array<{ label: string; value: string }> {
  const parts = message.split('\t');
  // The first part carries the keyword: `REPORT RequestId: …`, `INIT_REPORT Init Duration: …`.
  parts[0] = (parts[0] ?? '').replace(/^\S+\s+/, '');
  return parts
    .map((part) => {
      const colon = part.indexOf(': ');
      return colon < 0 ? { label: part.trim(), value: '' } : { label: part.slice(0, colon).trim(), value: part.slice(colon + 2).trim() };
    })
    .filter((f) => f.label !== '');
}

/** What a line is, and the request id it names (if any). */
export function classify(message: string): { kind: LineKind; requestId?: string; version?: string; level?: string; text?: string } {
  let m = START.exec(message);
  if (m) return { kind: 'start', requestId: m[1]!, ...(m[2] === undefined ? {} : { version: m[2] }) };
  if ((m = END.exec(message))) return { kind: 'end', requestId: m[1]! };
  if ((m = REPORT.exec(message))) return { kind: 'report', requestId: m[1]! };
  if (message.startsWith('INIT_START')) return { kind: 'init-start' };
  if (message.startsWith('INIT_REPORT')) return { kind: 'init-report' };
  if ((m = NODE_LINE.exec(message))) {
    const level = m[2]!.toUpperCase();
    const kind = ERROR_LEVELS.has(level) ? 'error' : WARN_LEVELS.has(level) ? 'warn' : 'log';
    return { kind, requestId: m[1]!, level, text: message.slice(m[0].length) };
  }
  if ((m = PYTHON_LINE.exec(message))) {
    const level = m[1]!.toUpperCase();
    const kind = ERROR_LEVELS.has(level) ? 'error' : WARN_LEVELS.has(level) ? 'warn' : 'log';
    return { kind, requestId: m[2]!, level, text: message.slice(m[0].length) };
  }
  // The platform's timeout line, a Python traceback, an uncaught error printed raw.
  if (/Task timed out after|^Traceback \(most recent call last\)|^\[ERROR\]|Runtime exited with error/.test(message)) return { kind: 'error' };
  return { kind: 'log' };
}

/** Groups events (any streams, oldest first) into invocation blocks, oldest first. */
export function groupEvents(events: IdentifiedLogEvent[]): LogBlock[] {
  // Blocks are ordered by their first line's time; lines within a stream by write order.
  const blocks: LogBlock[] = [];
  const byRequest = new Map<string, LogBlock>();
  /** The block each stream is writing into: an invocation between START and REPORT, or an Init phase. */
  const open = new Map<string, LogBlock>();
  // Write order, not time order: an invocation's lines are written together in their logical
  // order (INIT_START, Init's lines, START…), while their times may not follow it.
  const sorted = [...events].sort((a, b) => a.eventId - b.eventId);

  const newBlock = (kind: LogBlock['kind'], event: IdentifiedLogEvent, requestId?: string): LogBlock => {
    const block: LogBlock = {
      key: `${kind}:${requestId ?? event.eventId}`,
      kind,
      logStreamName: event.logStreamName,
      init: [],
      lines: [],
      running: false,
      failed: false,
      firstTimestamp: event.timestamp,
      ...(requestId === undefined ? {} : { requestId }),
    };
    blocks.push(block);
    if (requestId !== undefined) byRequest.set(requestId, block);
    return block;
  };

  for (const event of sorted) {
    const { kind, requestId, version, level, text } = classify(event.message);
    const line: LogLine = { event, kind, ...(level === undefined ? {} : { level }), ...(text === undefined ? {} : { text }) };
    if (kind === 'report' || kind === 'init-report') line.figures = figuresOf(event.message);
    const stream = event.logStreamName;

    if (kind === 'init-start') {
      const block = newBlock('init', event);
      block.lines.push(line);
      open.set(stream, block);
      continue;
    }
    if (kind === 'start' && requestId !== undefined) {
      const pending = open.get(stream);
      let block = byRequest.get(requestId);
      if (!block) block = newBlock('invocation', event, requestId);
      // A cold start: the Init phase just before belongs to this invocation.
      if (pending?.kind === 'init' && pending.lines.length > 0) {
        block.init.push(...pending.lines);
        blocks.splice(blocks.indexOf(pending), 1);
        block.firstTimestamp = Math.min(block.firstTimestamp, pending.firstTimestamp);
      }
      if (version !== undefined) block.version = version;
      block.running = true;
      block.lines.unshift(line);
      open.set(stream, block);
      continue;
    }
    let block = requestId === undefined ? undefined : byRequest.get(requestId);
    if (!block && requestId === undefined) block = open.get(stream);
    if (!block) block = requestId !== undefined ? newBlock('invocation', event, requestId) : newBlock('loose', event);
    if (block.kind === 'loose' && requestId === undefined) open.set(stream, block);
    block.lines.push(line);
    block.firstTimestamp = Math.min(block.firstTimestamp, event.timestamp);
    if (kind === 'error' && (level === undefined || /^(Invoke Error|Uncaught Exception)\b/.test(text ?? ''))) block.failed = true;
    if (kind === 'report') {
      block.running = false;
      if (/\tStatus: (error|timeout)/.test(event.message)) block.failed = true;
      if (open.get(stream) === block) open.delete(stream);
    }
    if (kind === 'init-report' && /\tStatus: (error|timeout)/.test(event.message)) block.failed = true;
  }
  return blocks.sort((a, b) => a.firstTimestamp - b.firstTimestamp);
}
