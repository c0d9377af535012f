/**
 * "Inside Lambda"'s activity feed: what happened between two polls of the control plane,
 * told in Lambda's words. A new environment is a cold start; more invocations on one seen
 * before are warm starts; an environment gone is told with why; a throttle is a throttle.
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html
 */
import type { DiscardReason, InsideLambdaSnapshot } from '../workers/protocol';

export type ActivityKind = 'cold-start' | 'provisioned' | 'warm-start' | 'ended' | 'throttle';

export interface Activity {
  /** Unique within the feed (for keyed lists). */
  key: string;
  kind: ActivityKind;
  at: number;
  functionName: string;
  functionVersion: string;
  environmentId?: number;
  text: string;
}

/** Why an environment ended, as a sentence's end: "Environment #3 ended: <this>". */
export const DISCARD_REASONS: Record<DiscardReason, string> = {
  'idle-reclaim': 'reclaimed after sitting idle',
  timeout: 'discarded after a timeout',
  'out-of-memory': 'discarded after running out of memory',
  'runtime-exit': 'discarded after the runtime exited',
  crash: 'discarded after its sandbox crashed',
  'init-failed': 'discarded because Init failed',
  updated: 'replaced: the function’s code or configuration changed',
  'version-deleted': 'ended: its version was deleted',
  'function-deleted': 'ended: the function was deleted',
  capacity: 'reclaimed to make room for another environment',
  'provisioning-failed': 'discarded: provisioning failed',
  shutdown: 'ended with the page',
};

const qualified = (name: string, version: string): string => (version === '$LATEST' ? name : `${name}:${version}`);

/**
 * The snapshot without the functions `hidden` names: the console leaves out the scratch copies
 * a share link's Run makes (src/share/scratch.ts), which are not workspace functions.
 */
export function withoutFunctions(snapshot: InsideLambdaSnapshot, hidden: (name: string) => boolean): InsideLambdaSnapshot {
  return {
    ...snapshot,
    environments: snapshot.environments.filter((e) => !hidden(e.functionName)),
    discarded: snapshot.discarded.filter((e) => !hidden(e.functionName)),
    throttles: snapshot.throttles.filter((t) => !hidden(t.functionName)),
  };
}

/** The activities between `before` (undefined on the first poll: nothing is news) and `after`. */
export function activitiesBetween(before: InsideLambdaSnapshot | undefined, after: InsideLambdaSnapshot): Activity[] {
  if (!before) return [];
  const activities: Activity[] = [];
  const previous = new Map(before.environments.map((e) => [e.id, e]));
  const endedBefore = new Set(before.discarded.map((e) => e.id));
  // An environment may start and end between two polls: it is in `discarded` only.
  const seen = [...after.environments, ...after.discarded.filter((e) => !endedBefore.has(e.id))];
  for (const environment of seen) {
    const { id, functionName, functionVersion } = environment;
    const name = qualified(functionName, functionVersion);
    const earlier = previous.get(id);
    let warm = environment.invocations - (earlier?.invocations ?? 0);
    if (!earlier) {
      const provisioned = environment.initializationType === 'provisioned-concurrency';
      activities.push({
        key: `start-${id}`,
        kind: provisioned ? 'provisioned' : 'cold-start',
        at: environment.createdAt,
        functionName,
        functionVersion,
        environmentId: id,
        text: provisioned
          ? `${name}: environment #${id} initialised ahead of time (provisioned concurrency)`
          : `${name}: cold start, a new environment #${id} runs Init`,
      });
      // Its first on-demand invocation was the cold start itself.
      if (!provisioned && environment.invocations > 0) warm--;
    }
    if (warm > 0) {
      activities.push({
        key: `warm-${id}-${environment.invocations}`,
        kind: 'warm-start',
        at: environment.lastUsedAt,
        functionName,
        functionVersion,
        environmentId: id,
        text:
          warm === 1
            ? `${name}: warm start, environment #${id} reused (invocation ${environment.invocations})`
            : `${name}: ${warm} warm starts on environment #${id} (${environment.invocations} invocations)`,
      });
    }
  }
  for (const ended of after.discarded) {
    if (endedBefore.has(ended.id)) continue;
    activities.push({
      key: `end-${ended.id}`,
      kind: 'ended',
      at: ended.discardedAt,
      functionName: ended.functionName,
      functionVersion: ended.functionVersion,
      environmentId: ended.id,
      text: `${qualified(ended.functionName, ended.functionVersion)}: environment #${ended.id} ${DISCARD_REASONS[ended.reason]}`,
    });
  }
  const knownThrottles = new Set(before.throttles.map((t) => `${t.at}:${t.functionName}:${t.functionVersion}`));
  for (const [index, throttle] of after.throttles.entries()) {
    const id = `${throttle.at}:${throttle.functionName}:${throttle.functionVersion}`;
    if (knownThrottles.has(id)) continue;
    activities.push({
      key: `throttle-${id}-${index}`,
      kind: 'throttle',
      at: throttle.at,
      functionName: throttle.functionName,
      functionVersion: throttle.functionVersion,
      text: `${qualified(throttle.functionName, throttle.functionVersion)}: throttled (429 TooManyRequestsException${throttle.reason ? `, ${throttle.reason}` : ''})`,
    });
  }
  return activities.sort((a, b) => a.at - b.at);
}

/** "850 ms", "12 s", "3 min", "2 h": an age or a span, short. */
export function shortDuration(ms: number): string {
  const value = Math.max(0, ms);
  if (value < 1000) return `${Math.round(value)} ms`;
  if (value < 60_000) return `${Math.floor(value / 1000)} s`;
  if (value < 3_600_000) return `${Math.floor(value / 60_000)} min`;
  return `${Math.floor(value / 3_600_000)} h`;
}
