/**
 * Lambda's clock is UTC (`TZ=:UTC`, https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html),
 * so `datetime.now()` and `time.localtime()` give UTC there. Pyodide's C library takes local
 * time from JavaScript's `Date` (Emscripten's `_localtime_js`, `_mktime_js`, `_tzset_js` use
 * the local getters, the local constructor and `getTimezoneOffset`), which in a browser is
 * the visitor's time zone. Inside a sandbox worker, `Date` is therefore replaced by one whose
 * local time is UTC. Only the sandbox's own thread is affected.
 */

type DateArgs = [] | [number | string | Date] | [number, number, ...number[]];

/** A `Date` whose local time zone is UTC. */
export class UtcDate extends Date {
  constructor(...args: DateArgs) {
    if (args.length >= 2) {
      const [year, month, ...rest] = args as [number, number, ...number[]];
      super(Date.UTC(year, month, ...rest));
    } else if (args.length === 1) {
      super(args[0]);
    } else {
      super();
    }
  }

  override getTimezoneOffset(): number {
    return 0;
  }
  override getFullYear(): number {
    return this.getUTCFullYear();
  }
  override getMonth(): number {
    return this.getUTCMonth();
  }
  override getDate(): number {
    return this.getUTCDate();
  }
  override getDay(): number {
    return this.getUTCDay();
  }
  override getHours(): number {
    return this.getUTCHours();
  }
  override getMinutes(): number {
    return this.getUTCMinutes();
  }
  override getSeconds(): number {
    return this.getUTCSeconds();
  }
  override getMilliseconds(): number {
    return this.getUTCMilliseconds();
  }
}
// Dates print as `Date` (util.inspect, console) rather than as a subclass.
Object.defineProperty(UtcDate, 'name', { value: 'Date' });

/** Make this thread's local time UTC (call before loading an engine). */
export function installUtcDate(scope: { Date: DateConstructor } = globalThis): void {
  if (scope.Date.prototype === UtcDate.prototype) return;
  // `Date()` called without `new` returns a string; classes cannot be called, so keep a
  // callable wrapper that forwards construction to UtcDate and statics to Date.
  const original = scope.Date;
  const utc = function UtcDateConstructor(this: unknown, ...args: DateArgs): Date | string {
    if (!new.target) return new UtcDate().toString();
    return new UtcDate(...args);
  } as unknown as DateConstructor;
  Object.setPrototypeOf(utc, original);
  Object.defineProperty(utc, 'prototype', { value: UtcDate.prototype });
  scope.Date = utc;
}
