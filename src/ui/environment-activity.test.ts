import { describe, expect, it } from 'vitest';
import type { EnvironmentInfo, InsideLambdaSnapshot } from '../workers/protocol';
import { activitiesBetween, shortDuration, withoutFunctions } from './environment-activity';

const env = (id: number, invocations: number, extra: Partial<EnvironmentInfo> = {}): EnvironmentInfo => ({
  id,
  functionName: 'fn',
  functionVersion: '$LATEST',
  state: 'idle',
  initializationType: 'on-demand',
  logStreamName: `2026/11/22/[$LATEST]${id}`,
  invocations,
  createdAt: 1000 + id,
  lastUsedAt: 2000 + invocations,
  ...extra,
});
const snap = (environments: EnvironmentInfo[], more: Partial<InsideLambdaSnapshot> = {}): InsideLambdaSnapshot => ({
  now: 5000,
  environments,
  discarded: [],
  throttles: [],
  pyodide: { state: 'not-loaded', loadedBytes: 0, totalBytes: 0 },
  idleReclaimMinutes: 5,
  ...more,
});

describe('Inside Lambda activity feed', () => {
  it('tells nothing on the first poll, then a cold start, then a warm start', () => {
    expect(activitiesBetween(undefined, snap([env(1, 1)]))).toEqual([]);
    const cold = activitiesBetween(snap([]), snap([env(1, 1)]));
    expect(cold.map((a) => [a.kind, a.text])).toEqual([['cold-start', 'fn: cold start, a new environment #1 runs Init']]);
    const warm = activitiesBetween(snap([env(1, 1)]), snap([env(1, 2)]));
    expect(warm.map((a) => [a.kind, a.text])).toEqual([['warm-start', 'fn: warm start, environment #1 reused (invocation 2)']]);
  });

  it('a cold start and a warm start missed between two polls, a second environment, an ending and a throttle', () => {
    const before = snap([env(1, 1)]);
    const after = snap([env(2, 3, { functionVersion: '4' })], {
      discarded: [{ ...env(1, 1), discardedAt: 4000, reason: 'timeout' }],
      throttles: [{ functionName: 'fn', functionVersion: '$LATEST', at: 4500, reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' }],
    });
    expect(activitiesBetween(before, after).map((a) => a.text)).toEqual([
      'fn:4: cold start, a new environment #2 runs Init',
      'fn:4: 2 warm starts on environment #2 (3 invocations)',
      'fn: environment #1 discarded after a timeout',
      'fn: throttled (429 TooManyRequestsException, ReservedFunctionConcurrentInvocationLimitExceeded)',
    ]);
  });

  it('provisioned environments are told as initialised ahead of time, not as cold starts', () => {
    const news = activitiesBetween(snap([]), snap([env(7, 0, { initializationType: 'provisioned-concurrency' })]));
    expect(news.map((a) => a.kind)).toEqual(['provisioned']);
  });

  it('short durations', () => {
    expect([shortDuration(850), shortDuration(12_400), shortDuration(185_000), shortDuration(7_300_000)]).toEqual(['850 ms', '12 s', '3 min', '2 h']);
  });
});

describe('Inside Lambda without hidden functions', () => {
  it('drops their live and ended environments and throttles, so the feed never tells of them', () => {
    const scratch = { functionName: 'scratch-a1b2c3-area' };
    const before = snap([env(1, 1)]);
    const after = snap([env(1, 2), env(2, 1, scratch)], {
      discarded: [{ ...env(3, 1, scratch), reason: 'function-deleted', discardedAt: 4000 }],
      throttles: [
        { at: 4500, functionName: 'scratch-a1b2c3-area', functionVersion: '$LATEST', reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' },
        { at: 4600, functionName: 'fn', functionVersion: '$LATEST', reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' },
      ],
    });
    const hidden = (name: string): boolean => name.startsWith('scratch-');
    const shown = withoutFunctions(after, hidden);
    expect(shown.environments.map((e) => e.id)).toEqual([1]);
    expect(shown.discarded).toEqual([]);
    expect(shown.throttles.map((t) => t.functionName)).toEqual(['fn']);
    expect(activitiesBetween(withoutFunctions(before, hidden), shown).map((a) => a.functionName)).toEqual(['fn', 'fn']);
  });
});
