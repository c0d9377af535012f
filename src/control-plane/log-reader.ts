/**
 * Reading a function's log group as CloudWatch Logs offers it to the console: its log streams
 * (DescribeLogStreams, newest first), events filtered with CloudWatch's filter pattern syntax
 * for unstructured logs (FilterLogEvents), and a cursor for live tail.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
 */
import { InvalidParameterValueException } from '../domain/errors';
import type { IdentifiedLogEvent } from './ports';

/** One log stream of a group, as DescribeLogStreams describes it. */
export interface LogStreamSummary {
  logStreamName: string;
  firstEventTimestamp: number;
  lastEventTimestamp: number;
  eventCount: number;
}

export interface FilterLogEventsRequest {
  /** CloudWatch filter pattern: terms (AND), `?term` (OR), `-term` (NOT), `"a phrase"`, `%regex%`. Empty matches all. */
  filterPattern?: string;
  /** Only these streams (all when absent). */
  logStreamNames?: string[];
  /** Live tail: only events written after this event id (the previous answer's `lastEventId`). */
  afterEventId?: number;
  /** At most this many events, the newest ones (default 5,000). */
  limit?: number;
}

export interface FilterLogEventsResult {
  /** Matching events, oldest first. */
  events: IdentifiedLogEvent[];
  /** More events matched than `limit`; the oldest were left out. */
  truncated: boolean;
  /** The cursor for the next live-tail call. */
  lastEventId: number;
  /** The streams that got events in what was read (every stream of the group on a first call), newest first. */
  streams: LogStreamSummary[];
}

export const DEFAULT_FILTER_LIMIT = 5_000;

/** The group's streams, the most recently written first. */
export function summarizeStreams(events: Iterable<{ logStreamName: string; timestamp: number }>): LogStreamSummary[] {
  const streams = new Map<string, LogStreamSummary>();
  for (const { logStreamName, timestamp } of events) {
    const stream = streams.get(logStreamName);
    if (!stream) {
      streams.set(logStreamName, { logStreamName, firstEventTimestamp: timestamp, lastEventTimestamp: timestamp, eventCount: 1 });
    } else {
      stream.firstEventTimestamp = Math.min(stream.firstEventTimestamp, timestamp);
      stream.lastEventTimestamp = Math.max(stream.lastEventTimestamp, timestamp);
      stream.eventCount++;
    }
  }
  return [...streams.values()].sort((a, b) => b.lastEventTimestamp - a.lastEventTimestamp || b.logStreamName.localeCompare(a.logStreamName));
}

interface Term {
  kind: 'all' | 'any' | 'not';
  test: (message: string) => boolean;
}

/** Splits a pattern into terms, keeping "quoted phrases" and %regular expressions% whole. */
function tokens(pattern: string): string[] {
  const found: string[] = [];
  const re = /([?-]?)(?:"((?:[^"\\]|\\.)*)"|%((?:[^%\\]|\\.)*)%|(\S+))/g;
  for (let match = re.exec(pattern); match; match = re.exec(pattern)) found.push(match[0]);
  return found;
}

/**
 * Compiles a filter pattern into a test of one message. Terms are case-sensitive, as in
 * CloudWatch. JSON (`{ $.x = 1 }`) and space-delimited (`[a, b]`) patterns are not offered.
 */
export function compileFilterPattern(pattern: string | undefined): (message: string) => boolean {
  const text = (pattern ?? '').trim();
  if (text === '') return () => true;
  if (text.startsWith('{') || text.startsWith('[')) {
    throw new InvalidParameterValueException(
      'Lambdalite filters with terms ("ERROR", "?ERROR ?WARN", "-INFO", "\\"a phrase\\"", "%regex%"); JSON and space-delimited filter patterns are not supported.',
    );
  }
  const terms: Term[] = tokens(text).map((token) => {
    const kind = token.startsWith('?') ? 'any' : token.startsWith('-') && token.length > 1 ? 'not' : 'all';
    const body = kind === 'all' ? token : token.slice(1);
    let test: (message: string) => boolean;
    if (body.length > 1 && body.startsWith('%') && body.endsWith('%')) {
      let re: RegExp;
      try {
        re = new RegExp(body.slice(1, -1));
      } catch (error) {
        throw new InvalidParameterValueException(`Invalid regular expression in the filter pattern: ${(error as Error).message}`);
      }
      test = (message) => re.test(message);
    } else {
      const literal = body.length > 1 && body.startsWith('"') && body.endsWith('"') ? body.slice(1, -1).replace(/\\(.)/g, '$1') : body;
      test = (message) => message.includes(literal);
    }
    return { kind, test };
  });
  const all = terms.filter((t) => t.kind === 'all');
  const any = terms.filter((t) => t.kind === 'any');
  const not = terms.filter((t) => t.kind === 'not');
  return (message) =>
    all.every((t) => t.test(message)) && !not.some((t) => t.test(message)) && (any.length === 0 || any.some((t) => t.test(message)));
}

/** Filters what the store read (a whole group, or what was written after a cursor). */
export function filterLogEvents(
  read: { events: IdentifiedLogEvent[]; lastEventId: number },
  request: FilterLogEventsRequest,
): FilterLogEventsResult {
  const matches = compileFilterPattern(request.filterPattern);
  const streams = request.logStreamNames === undefined ? undefined : new Set(request.logStreamNames);
  const events = read.events.filter((e) => (streams === undefined || streams.has(e.logStreamName)) && matches(e.message));
  const limit = Math.max(1, request.limit ?? DEFAULT_FILTER_LIMIT);
  return {
    events: events.slice(-limit),
    truncated: events.length > limit,
    lastEventId: read.lastEventId,
    streams: summarizeStreams(read.events),
  };
}
