/**
 * An environment port that runs no code: each invocation "returns" which version ran and under
 * which ARN. For control-plane tests about routing and queues, where booting an engine per
 * invocation would measure the engine, not the rule under test.
 */
import type { EnvironmentPort, PoolInvocation, PoolOutcome } from '../../src/control-plane/ports';

export interface EchoEnvironments extends EnvironmentPort {
  readonly invocations: PoolInvocation[];
}

export function echoEnvironments(): EchoEnvironments {
  const invocations: PoolInvocation[] = [];
  return {
    invocations,
    invoke: async (invocation: PoolInvocation): Promise<PoolOutcome> => {
      invocations.push(invocation);
      const now = Date.now();
      return {
        status: 'success',
        payload: JSON.stringify({ version: invocation.functionVersion, arn: invocation.request.invokedFunctionArn }),
        coldStart: false,
        initFailed: false,
        durationMs: 0.5,
        maxMemoryUsedMb: 1,
        logStreamName: `2026/11/22/[${invocation.functionVersion}]00000000000000000000000000000000`,
        initLines: [],
        invokeLines: [],
        startedAt: now,
        endedAt: now,
      };
    },
    retire: () => undefined,
    dispose: () => undefined,
  };
}
