/** Lambda's LastModified (`2024-08-31T23:39:45.313+0000`) as epoch ms; NaN when unreadable. */
export function parseLambdaTime(value: string | undefined): number {
  if (!value) return Number.NaN;
  return Date.parse(value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "3 minutes ago", as the console's Last modified column reads. */
export function timeAgo(value: string | undefined, now: number = Date.now()): string {
  const at = parseLambdaTime(value);
  if (Number.isNaN(at)) return value ?? '';
  const seconds = Math.round((at - now) / 1000);
  const steps: Array<[Intl.RelativeTimeFormatUnit, number]> = [
    ['year', 31_536_000],
    ['month', 2_592_000],
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  for (const [unit, size] of steps) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return Math.abs(seconds) < 10 ? 'just now' : relative.format(seconds, 'second');
}
