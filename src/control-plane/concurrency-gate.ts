/**
 * Concurrency as Lambda counts it: the number of invocations in flight
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html). A function with
 * reserved concurrency may run that many at once and no more (0 throttles every invocation);
 * the others share what the account has left after every reservation. Past either limit an
 * invocation is throttled with TooManyRequestsException (429) and its Reason.
 */
import { TooManyRequestsException } from '../domain/errors';

export interface ConcurrencyLimits {
  accountConcurrency: number;
  unreservedMinimum: number;
}

export class ConcurrencyGate {
  private readonly inFlight = new Map<string, number>();
  /** In-flight invocations of functions without reserved concurrency. */
  private unreservedInFlight = 0;

  constructor(
    private readonly limits: () => ConcurrencyLimits,
    /** Σ of every function's reserved concurrency; read only when the unreserved pool might be full. */
    private readonly totalReserved: () => Promise<number>,
  ) {}

  /** Counts one invocation in, or throttles it; the returned function counts it out. */
  async acquire(functionName: string, reserved: number | undefined): Promise<() => void> {
    const running = this.inFlight.get(functionName) ?? 0;
    if (reserved !== undefined && running >= reserved) {
      throw new TooManyRequestsException('Rate Exceeded.', 'ReservedFunctionConcurrentInvocationLimitExceeded');
    }
    // Counted in before any await, so invocations arriving together cannot all pass one free slot.
    this.inFlight.set(functionName, running + 1);
    if (reserved === undefined) this.unreservedInFlight++;
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      const left = (this.inFlight.get(functionName) ?? 1) - 1;
      if (left === 0) this.inFlight.delete(functionName);
      else this.inFlight.set(functionName, left);
      if (reserved === undefined) this.unreservedInFlight--;
    };
    if (reserved === undefined) {
      const { accountConcurrency, unreservedMinimum } = this.limits();
      // Reservations never leave less than the unreserved minimum, so below it there is nothing to look up.
      if (this.unreservedInFlight > Math.min(unreservedMinimum, accountConcurrency)) {
        const unreservedPool = accountConcurrency - (await this.totalReserved());
        if (this.unreservedInFlight > unreservedPool) {
          release();
          throw new TooManyRequestsException('Rate Exceeded.', 'ConcurrentInvocationLimitExceeded');
        }
      }
    }
    return release;
  }

  /** Invocations in flight: of one function, or of the whole account (ConcurrentExecutions). */
  running(functionName?: string): number {
    if (functionName !== undefined) return this.inFlight.get(functionName) ?? 0;
    let total = 0;
    for (const count of this.inFlight.values()) total += count;
    return total;
  }
}
