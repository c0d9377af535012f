/**
 * Operations of Lambda's API that make no sense in a browser tab. They answer a clear
 * error naming what is missing, never a crash or a silent success (README: "Not available
 * in Lambdalite").
 */
import { InvalidParameterValueException } from './errors';

/** Why each operation group is absent, keyed by operation name. */
export const NOT_AVAILABLE_IN_LAMBDALITE: Readonly<Record<string, string>> = {
  CheckpointDurableExecution: 'durable executions',
  GetDurableExecution: 'durable executions',
  GetDurableExecutionHistory: 'durable executions',
  GetDurableExecutionState: 'durable executions',
  ListDurableExecutionsByFunction: 'durable executions',
  SendDurableExecutionCallbackFailure: 'durable executions',
  SendDurableExecutionCallbackHeartbeat: 'durable executions',
  SendDurableExecutionCallbackSuccess: 'durable executions',
  StopDurableExecution: 'durable executions',
  CreateCapacityProvider: 'capacity providers (Lambda Managed Instances)',
  DeleteCapacityProvider: 'capacity providers (Lambda Managed Instances)',
  GetCapacityProvider: 'capacity providers (Lambda Managed Instances)',
  ListCapacityProviders: 'capacity providers (Lambda Managed Instances)',
  UpdateCapacityProvider: 'capacity providers (Lambda Managed Instances)',
  ListFunctionVersionsByCapacityProvider: 'capacity providers (Lambda Managed Instances)',
  GetFunctionScalingConfig: 'capacity providers (Lambda Managed Instances)',
  PutFunctionScalingConfig: 'capacity providers (Lambda Managed Instances)',
  InvokeWithResponseStream: 'response streaming',
};

/** The error an operation Lambdalite does not offer answers with. */
export function operationNotAvailable(operation: string): InvalidParameterValueException {
  const reason = NOT_AVAILABLE_IN_LAMBDALITE[operation];
  return new InvalidParameterValueException(
    reason
      ? `${operation} is not available in Lambdalite: it belongs to ${reason}, which need AWS infrastructure a browser tab does not have.`
      : `${operation} is not available in Lambdalite yet.`,
  );
}

/**
 * Refuses a request that sets a member needing AWS infrastructure: each entry is whether the
 * member is present and its name with what it belongs to, e.g. `KMSKeyArn (AWS KMS encryption)`.
 */
export function refuseUnavailableMembers(members: ReadonlyArray<readonly [present: boolean, name: string]>): void {
  for (const [present, name] of members) {
    if (present) throw new InvalidParameterValueException(`${name} is not available in Lambdalite: it needs AWS infrastructure that a browser tab does not have.`);
  }
}
