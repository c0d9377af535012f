/**
 * Lambda's function metrics as CloudWatch keeps them at one-minute resolution
 * (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html):
 * Invocations, Errors, Throttles, Duration, ConcurrentExecutions, per function and per
 * executed version (the `ExecutedVersion` dimension), kept 15 days as CloudWatch keeps
 * 1-minute data points (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html#metrics-retention).
 *
 * The Invoke path only adds to a bucket in memory; buckets are merged into IndexedDB in one
 * transaction every METRICS_FLUSH_MS, and readers flush first, so a warm invocation pays a
 * map lookup, not a transaction.
 *
 * Duration percentiles come from a sparse logarithmic histogram per bucket (bins 4% wide,
 * so a percentile is within ~2% of the exact value, clamped to the exact min and max): it
 * merges across minutes and versions, and its size does not grow with the invocation count.
 */
import type { Clock } from '../domain/clock';
import type { FunctionStore, InvocationSummary, MetricBucket, MetricsStore, PoolOutcome } from './ports';

export type { InvocationSummary } from './ports';
import { billedDurationMs } from '../domain/invocation-log';

export const MINUTE_MS = 60_000;
/** CloudWatch keeps 1-minute data points for 15 days. */
export const METRICS_RETENTION_MS = 15 * 24 * 60 * MINUTE_MS;
/** How long recorded points wait in memory before they are merged into the store together. */
export const METRICS_FLUSH_MS = 300;
/** Invocation summaries kept per function version and minute, for the console's "Recent invocations". */
export const RECENT_PER_MINUTE = 20;
/** The histogram's bin growth: bin i holds durations in (γ^(i-1), γ^i]. */
const GAMMA = 1.04;
const LOG_GAMMA = Math.log(GAMMA);
/** Durations below this (ms) share the lowest bin. */
const MIN_DURATION_MS = 0.01;
/** How often old data points are deleted. */
const PRUNE_EVERY_MS = 60 * MINUTE_MS;

/** Per-minute series over a window, one entry per minute (columnar, as charts take them). */
export interface MetricsReport {
  /** Epoch ms of the window's first and last minute. */
  from: number;
  to: number;
  periodMs: number;
  /** Start of each minute, epoch ms. */
  timestamps: number[];
  invocations: number[];
  errors: number[];
  throttles: number[];
  /** Duration percentiles and average in ms; null for minutes without invocations. */
  durationP50: Array<number | null>;
  durationP99: Array<number | null>;
  durationAvg: Array<number | null>;
  durationMax: Array<number | null>;
  /** Highest ConcurrentExecutions seen in the minute; null without data. */
  concurrentExecutions: Array<number | null>;
  /** Percent, 100 × (1 − Errors/Invocations); null for minutes without invocations. */
  successRate: Array<number | null>;
  /** The window as a whole. */
  totals: {
    invocations: number;
    errors: number;
    throttles: number;
    successRate: number | null;
    durationP50: number | null;
    durationP99: number | null;
    durationAvg: number | null;
    durationMax: number | null;
    maxConcurrentExecutions: number | null;
  };
  /** The versions seen in the window (for a version filter). */
  versions: string[];
}

/** What a query may narrow to. */
export interface MetricsQuery {
  /** Only this executed version (CloudWatch's ExecutedVersion dimension). */
  version?: string;
}

/** The start of the minute holding `epochMs`. */
export function minuteOf(epochMs: number): number {
  return Math.floor(epochMs / MINUTE_MS) * MINUTE_MS;
}

function binOf(durationMs: number): number {
  return Math.ceil(Math.log(Math.max(durationMs, MIN_DURATION_MS)) / LOG_GAMMA);
}

/** A bin's representative value: the middle of (γ^(i-1), γ^i] in relative terms. */
function binValue(bin: number): number {
  return (2 * GAMMA ** bin) / (GAMMA + 1);
}

function emptyBucket(functionName: string, minute: number, version: string): MetricBucket {
  return {
    functionName,
    minute,
    version,
    invocations: 0,
    errors: 0,
    throttles: 0,
    durationCount: 0,
    durationSum: 0,
    durationMin: Number.POSITIVE_INFINITY,
    durationMax: 0,
    durationBins: {},
    maxConcurrency: 0,
    recent: [],
  };
}

/** Adds `added` into `into` (same key), keeping the newest RECENT_PER_MINUTE summaries. */
export function mergeBuckets(into: MetricBucket, added: MetricBucket): MetricBucket {
  const bins = { ...into.durationBins };
  for (const [bin, count] of Object.entries(added.durationBins)) bins[Number(bin)] = (bins[Number(bin)] ?? 0) + count;
  const recent = [...into.recent, ...added.recent].sort((a, b) => a.timestamp - b.timestamp).slice(-RECENT_PER_MINUTE);
  return {
    functionName: into.functionName,
    minute: into.minute,
    version: into.version,
    invocations: into.invocations + added.invocations,
    errors: into.errors + added.errors,
    throttles: into.throttles + added.throttles,
    durationCount: into.durationCount + added.durationCount,
    durationSum: into.durationSum + added.durationSum,
    durationMin: Math.min(into.durationMin, added.durationMin),
    durationMax: Math.max(into.durationMax, added.durationMax),
    durationBins: bins,
    maxConcurrency: Math.max(into.maxConcurrency, added.maxConcurrency),
    recent,
  };
}

/** Nearest-rank percentile of the merged histograms, clamped to the exact extremes. */
function percentile(bins: Map<number, number>, count: number, min: number, max: number, q: number): number | null {
  if (count === 0) return null;
  const rank = Math.max(1, Math.ceil(q * count));
  // The extremes are known exactly.
  if (rank >= count) return max;
  if (rank === 1) return min;
  let seen = 0;
  for (const bin of [...bins.keys()].sort((a, b) => a - b)) {
    seen += bins.get(bin) ?? 0;
    if (seen >= rank) return Math.min(max, Math.max(min, binValue(bin)));
  }
  return max;
}

/** Duration figures of a set of buckets. */
function durationStats(buckets: MetricBucket[]): { p50: number | null; p99: number | null; avg: number | null; max: number | null } {
  const bins = new Map<number, number>();
  let count = 0;
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (const bucket of buckets) {
    count += bucket.durationCount;
    sum += bucket.durationSum;
    min = Math.min(min, bucket.durationMin);
    max = Math.max(max, bucket.durationMax);
    for (const [bin, n] of Object.entries(bucket.durationBins)) bins.set(Number(bin), (bins.get(Number(bin)) ?? 0) + n);
  }
  if (count === 0) return { p50: null, p99: null, avg: null, max: null };
  return { p50: percentile(bins, count, min, max, 0.5), p99: percentile(bins, count, min, max, 0.99), avg: sum / count, max };
}

function successRate(invocations: number, errors: number): number | null {
  return invocations === 0 ? null : 100 * (1 - errors / invocations);
}

/** Builds the per-minute report of a window from stored buckets (any order, any versions). */
export function buildReport(buckets: MetricBucket[], fromMs: number, toMs: number): MetricsReport {
  const from = minuteOf(fromMs);
  const to = minuteOf(toMs);
  const byMinute = new Map<number, MetricBucket[]>();
  for (const bucket of buckets) {
    if (bucket.minute < from || bucket.minute > to) continue;
    const list = byMinute.get(bucket.minute);
    if (list) list.push(bucket);
    else byMinute.set(bucket.minute, [bucket]);
  }
  const report: MetricsReport = {
    from,
    to,
    periodMs: MINUTE_MS,
    timestamps: [],
    invocations: [],
    errors: [],
    throttles: [],
    durationP50: [],
    durationP99: [],
    durationAvg: [],
    durationMax: [],
    concurrentExecutions: [],
    successRate: [],
    totals: {
      invocations: 0,
      errors: 0,
      throttles: 0,
      successRate: null,
      durationP50: null,
      durationP99: null,
      durationAvg: null,
      durationMax: null,
      maxConcurrentExecutions: null,
    },
    versions: [],
  };
  const inWindow: MetricBucket[] = [];
  const versions = new Set<string>();
  for (let minute = from; minute <= to; minute += MINUTE_MS) {
    const list = byMinute.get(minute) ?? [];
    inWindow.push(...list);
    const invocations = list.reduce((n, b) => n + b.invocations, 0);
    const errors = list.reduce((n, b) => n + b.errors, 0);
    const throttles = list.reduce((n, b) => n + b.throttles, 0);
    const stats = durationStats(list);
    for (const bucket of list) versions.add(bucket.version);
    report.timestamps.push(minute);
    report.invocations.push(invocations);
    report.errors.push(errors);
    report.throttles.push(throttles);
    report.durationP50.push(stats.p50);
    report.durationP99.push(stats.p99);
    report.durationAvg.push(stats.avg);
    report.durationMax.push(stats.max);
    report.concurrentExecutions.push(list.length === 0 ? null : Math.max(...list.map((b) => b.maxConcurrency)));
    report.successRate.push(successRate(invocations, errors));
  }
  const totals = report.totals;
  totals.invocations = report.invocations.reduce((a, b) => a + b, 0);
  totals.errors = report.errors.reduce((a, b) => a + b, 0);
  totals.throttles = report.throttles.reduce((a, b) => a + b, 0);
  totals.successRate = successRate(totals.invocations, totals.errors);
  const stats = durationStats(inWindow);
  totals.durationP50 = stats.p50;
  totals.durationP99 = stats.p99;
  totals.durationAvg = stats.avg;
  totals.durationMax = stats.max;
  totals.maxConcurrentExecutions = inWindow.length === 0 ? null : Math.max(...inWindow.map((b) => b.maxConcurrency));
  report.versions = [...versions].sort((a, b) => (a === '$LATEST' ? -1 : b === '$LATEST' ? 1 : Number(a) - Number(b)));
  return report;
}

/** What the Invoke path tells the metrics about one finished invocation. */
export interface FinishedInvocation {
  functionName: string;
  version: string;
  requestId: string;
  invocationType: 'RequestResponse' | 'Event';
  outcome: PoolOutcome;
  /** The invocation counts as a function error (an error outcome, or a response too large). */
  failed: boolean;
  /** The function's in-flight invocations when this one started, itself included. */
  concurrency: number;
  memorySizeMb: number;
}

/** What the Invoke path needs: two calls that never wait. */
export interface InvocationMetricsSink {
  recordInvocation(invocation: FinishedInvocation): void;
  recordThrottle(throttle: { functionName: string; version: string; requestId: string; invocationType: 'RequestResponse' | 'Event'; reason?: string }): void;
}

/** Records metric points in memory, merges them into the store in batches, and answers queries. */
export class MetricsService implements InvocationMetricsSink {
  private pending = new Map<string, MetricBucket>();
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private writes: Promise<void> = Promise.resolve();
  private lastPrune = Number.NEGATIVE_INFINITY;
  /** Set by close(): invocations still ending after it add nothing to a store about to close. */
  private closed = false;
  /** When each function was last deleted here: invocations that started before belong to the deleted one. */
  private readonly deletedAt = new Map<string, number>();

  constructor(
    private readonly store: MetricsStore & Pick<FunctionStore, 'getFunction'>,
    private readonly clock: Clock,
  ) {}

  private bucket(functionName: string, version: string): MetricBucket {
    if (this.closed) return emptyBucket(functionName, minuteOf(this.clock.now()), version);
    const minute = minuteOf(this.clock.now());
    const key = `${functionName}\u0000${version}\u0000${minute}`;
    let bucket = this.pending.get(key);
    if (!bucket) {
      bucket = emptyBucket(functionName, minute, version);
      this.pending.set(key, bucket);
    }
    this.flushTimer ??= setTimeout(() => void this.flush(), METRICS_FLUSH_MS);
    return bucket;
  }

  recordInvocation(invocation: FinishedInvocation): void {
    const { outcome } = invocation;
    const deleted = this.deletedAt.get(invocation.functionName);
    if (deleted !== undefined && outcome.startedAt <= deleted) return;
    const bucket = this.bucket(invocation.functionName, invocation.version);
    const duration = outcome.durationMs;
    bucket.invocations++;
    if (invocation.failed) bucket.errors++;
    bucket.durationCount++;
    bucket.durationSum += duration;
    bucket.durationMin = Math.min(bucket.durationMin, duration);
    bucket.durationMax = Math.max(bucket.durationMax, duration);
    const bin = binOf(duration);
    bucket.durationBins[bin] = (bucket.durationBins[bin] ?? 0) + 1;
    bucket.maxConcurrency = Math.max(bucket.maxConcurrency, invocation.concurrency);
    const summary: InvocationSummary = {
      requestId: invocation.requestId,
      timestamp: outcome.startedAt,
      version: invocation.version,
      invocationType: invocation.invocationType,
      outcome: invocation.failed ? 'error' : 'success',
      durationMs: duration,
      billedDurationMs: billedDurationMs(duration),
      memorySizeMb: invocation.memorySizeMb,
      maxMemoryUsedMb: outcome.maxMemoryUsedMb,
    };
    if (invocation.failed) summary.errorType = outcome.errorType ?? 'Function.ResponseSizeTooLarge';
    if (outcome.coldStart && outcome.initDurationMs !== undefined) summary.initDurationMs = outcome.initDurationMs;
    this.addRecent(bucket, summary);
  }

  recordThrottle(throttle: { functionName: string; version: string; requestId: string; invocationType: 'RequestResponse' | 'Event'; reason?: string }): void {
    const bucket = this.bucket(throttle.functionName, throttle.version);
    bucket.throttles++;
    const summary: InvocationSummary = {
      requestId: throttle.requestId,
      timestamp: this.clock.now(),
      version: throttle.version,
      invocationType: throttle.invocationType,
      outcome: 'throttled',
    };
    if (throttle.reason !== undefined) summary.errorType = throttle.reason;
    this.addRecent(bucket, summary);
  }

  private addRecent(bucket: MetricBucket, summary: InvocationSummary): void {
    bucket.recent.push(summary);
    if (bucket.recent.length > RECENT_PER_MINUTE) bucket.recent.shift();
  }

  /** The function was deleted: drop what is pending for it, and what its running invocations would add. */
  forget(functionName: string): void {
    this.deletedAt.set(functionName, this.clock.now());
    for (const [key, bucket] of this.pending) if (bucket.functionName === functionName) this.pending.delete(key);
  }

  /** Writes what is pending and takes no more points; resolves once the last write committed. */
  close(): Promise<void> {
    const written = this.flush();
    this.closed = true;
    return written;
  }

  /** Merges the pending points into the store now (after any merge in flight); resolves once committed. */
  flush(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const buckets = [...this.pending.values()];
    this.pending = new Map();
    const now = this.clock.now();
    const prune = now - this.lastPrune >= PRUNE_EVERY_MS;
    if (buckets.length === 0 && !prune) return this.writes;
    if (prune) this.lastPrune = now;
    this.writes = this.writes.then(async () => {
      try {
        // An invocation that ended after its function was deleted leaves nothing behind.
        const names = [...new Set(buckets.map((b) => b.functionName))];
        const gone = new Set<string>();
        for (const name of names) if (!(await this.store.getFunction(name))) gone.add(name);
        const kept = buckets.filter((b) => !gone.has(b.functionName));
        if (kept.length > 0) await this.store.mergeMetricBuckets(kept, mergeBuckets);
        if (prune) await this.store.deleteMetricsBefore(minuteOf(now - METRICS_RETENTION_MS));
      } catch (error) {
        // Metrics are best effort: a full disk must not fail invocations.
        console.error(`Lambdalite could not store ${buckets.length} metric points`, error);
      }
    });
    return this.writes;
  }

  /** The function's per-minute series over [fromMs, toMs]. */
  async getMetrics(functionName: string, fromMs: number, toMs: number, query: MetricsQuery = {}): Promise<MetricsReport> {
    await this.flush();
    const stored = await this.store.listMetricBuckets(functionName, minuteOf(fromMs), minuteOf(toMs));
    const report = buildReport(stored, fromMs, toMs);
    if (query.version === undefined) return report;
    // Versions are listed from every bucket, the series from the chosen version's only.
    return { ...buildReport(stored.filter((b) => b.version === query.version), fromMs, toMs), versions: report.versions };
  }

  /** The function's latest invocations and throttles, newest first (at most `limit`). */
  async recentInvocations(functionName: string, limit: number): Promise<InvocationSummary[]> {
    await this.flush();
    // Every stored bucket holds at least one summary, so `limit` buckets are enough.
    const buckets = await this.store.latestMetricBuckets(functionName, limit);
    return buckets
      .flatMap((b) => b.recent)
      .sort((a, b) => b.timestamp - a.timestamp)
      .slice(0, limit);
  }
}
