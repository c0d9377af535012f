import { describe, expect, it } from 'vitest';
import { TooManyRequestsException } from '../domain/errors';
import { ConcurrencyGate } from './concurrency-gate';

/** The store's answer arrives a moment later, as IndexedDB's does. */
const slowTotal = (total: number) => () => new Promise<number>((resolve) => setTimeout(() => resolve(total), 5));

async function outcomes(attempts: Array<Promise<() => void>>): Promise<Array<string>> {
  const settled = await Promise.allSettled(attempts);
  return settled.map((s) => (s.status === 'fulfilled' ? 'ran' : s.reason instanceof TooManyRequestsException ? String(s.reason.reason) : String(s.reason)));
}

describe('ConcurrencyGate', () => {
  it('lets exactly the account’s unreserved pool through when invocations arrive together', async () => {
    // 4 in the account, 1 reserved by another function: 3 unreserved.
    const gate = new ConcurrencyGate(() => ({ accountConcurrency: 4, unreservedMinimum: 1 }), slowTotal(1));
    const results = await outcomes(Array.from({ length: 6 }, (_, i) => gate.acquire(`fn-${i}`, undefined)));
    expect(results.filter((r) => r === 'ran')).toHaveLength(3);
    expect(results.filter((r) => r === 'ConcurrentInvocationLimitExceeded')).toHaveLength(3);
    expect(gate.running()).toBe(3);
  });

  it('frees the slot of a throttled or finished invocation', async () => {
    const gate = new ConcurrencyGate(() => ({ accountConcurrency: 2, unreservedMinimum: 1 }), slowTotal(0));
    const first = await gate.acquire('a', undefined);
    const second = await gate.acquire('b', undefined);
    await expect(gate.acquire('c', undefined)).rejects.toMatchObject({ reason: 'ConcurrentInvocationLimitExceeded' });
    expect(gate.running()).toBe(2);
    first();
    first(); // counting out twice changes nothing
    const third = await gate.acquire('c', undefined);
    expect(gate.running()).toBe(2);
    second();
    third();
    expect(gate.running()).toBe(0);
  });

  it('throttles a function past its reserved concurrency, and 0 throttles every invocation', async () => {
    const gate = new ConcurrencyGate(() => ({ accountConcurrency: 10, unreservedMinimum: 1 }), slowTotal(3));
    expect(await outcomes([gate.acquire('r', 2), gate.acquire('r', 2), gate.acquire('r', 2)])).toEqual([
      'ran',
      'ran',
      'ReservedFunctionConcurrentInvocationLimitExceeded',
    ]);
    await expect(gate.acquire('zero', 0)).rejects.toMatchObject({ reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' });
    expect(gate.running('r')).toBe(2);
  });
});
