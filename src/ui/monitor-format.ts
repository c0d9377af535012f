/** How the Monitor and Logs tabs write figures and times. */

/** The Monitor tab's time ranges, as the console offers them. */
export const MONITOR_RANGES = [
  { id: '1h', label: '1h', title: 'Last 1 hour', ms: 3_600_000 },
  { id: '3h', label: '3h', title: 'Last 3 hours', ms: 3 * 3_600_000 },
  { id: '12h', label: '12h', title: 'Last 12 hours', ms: 12 * 3_600_000 },
] as const;

export type MonitorRangeId = (typeof MONITOR_RANGES)[number]['id'];

/** A duration in ms as a person reads it: 0.42 ms, 12.3 ms, 1.25 s. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '–';
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return `${Number.isInteger(value) ? value : value.toFixed(1)}%`;
}

export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return value.toLocaleString('en-US');
}

const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** 14:03:07 */
export function formatClock(epochMs: number): string {
  return timeFormat.format(epochMs);
}

/** 22/11/2026, 14:03:07.123, for titles and the log's time column. */
export function formatDateTime(epochMs: number, withMs = false): string {
  const base = dateTimeFormat.format(epochMs);
  return withMs ? `${base}.${String(Math.floor(epochMs % 1000)).padStart(3, '0')}` : base;
}

/** 14:03:07.123 */
export function formatLogTime(epochMs: number): string {
  return `${timeFormat.format(epochMs)}.${String(Math.floor(epochMs % 1000)).padStart(3, '0')}`;
}
