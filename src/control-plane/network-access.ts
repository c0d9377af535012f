/**
 * The console's "Allow network access": whether a function's handler may call `fetch`.
 * Lambda has no such setting (a real function always reaches the internet unless it is in a
 * VPC), so it is not a member of UpdateFunctionConfiguration or FunctionConfiguration; the
 * console reads and writes it through two operations that are not part of the Lambda API and
 * that the REST wire never routes to:
 *
 * | operation | input | output |
 * |---|---|---|
 * | `LambdaliteGetNetworkAccess` | `{ FunctionName }` | `{ FunctionName, AllowNetwork, RevisionId }` |
 * | `LambdalitePutNetworkAccess` | `{ FunctionName, AllowNetwork, RevisionId? }` | the same |
 *
 * The setting belongs to $LATEST's configuration: a change gives the function a new RevisionId
 * and LastModified, as UpdateFunctionConfiguration does, and retires $LATEST's environments so
 * the next invocation starts one with the new setting. Published versions keep the value they
 * were published with.
 */
import type { Clock } from '../domain/clock';
import { ValidationException } from '../domain/errors';
import type { FunctionRecord } from '../domain/function-model';
import { newUuid } from '../domain/ids';
import type { FunctionsService } from './functions';
import type { EnvironmentPort, LambdaliteStore } from './ports';

export interface NetworkAccess {
  FunctionName: string;
  AllowNetwork: boolean;
  RevisionId: string;
}

export interface PutNetworkAccessRequest {
  FunctionName?: string;
  AllowNetwork?: boolean;
  RevisionId?: string;
}

export class NetworkAccessService {
  constructor(
    private readonly functions: FunctionsService,
    private readonly store: Pick<LambdaliteStore, 'putFunction'>,
    private readonly environments: Pick<EnvironmentPort, 'retire'>,
    private readonly clock: Clock,
  ) {}

  async getNetworkAccess(input: { FunctionName?: string }): Promise<NetworkAccess> {
    return answer(await this.functions.requireLatest(input.FunctionName, undefined));
  }

  async putNetworkAccess(input: PutNetworkAccessRequest): Promise<NetworkAccess> {
    const record = await this.functions.requireLatest(input.FunctionName, undefined);
    if (typeof input.AllowNetwork !== 'boolean') {
      throw new ValidationException(
        `1 validation error detected: Value ${input.AllowNetwork === undefined ? 'null' : `'${String(input.AllowNetwork)}'`} at 'allowNetwork' failed to satisfy constraint: ` +
          (input.AllowNetwork === undefined ? 'Member must not be null' : 'Member must be a boolean'),
      );
    }
    this.functions.checkRevision(record, input.RevisionId);
    // Same rule as any configuration change: not while the function is Pending or updating.
    this.functions.assertUpdatable(record);
    if ((record.allowNetwork ?? false) === input.AllowNetwork) return answer(record);
    const updated: FunctionRecord = { ...record, allowNetwork: input.AllowNetwork, lastModified: this.clock.now(), revisionId: newUuid() };
    await this.store.putFunction(updated);
    // Warm environments were started with the old setting: the next invocation is a cold start.
    this.environments.retire(record.name, '$LATEST');
    return answer(updated);
  }
}

function answer(record: FunctionRecord): NetworkAccess {
  return { FunctionName: record.name, AllowNetwork: record.allowNetwork ?? false, RevisionId: record.revisionId };
}

type Operation = (input: Record<string, unknown>) => Promise<object>;

/** The table entries of the two operations (inputs in the shapes above, as the provider's `operation`). */
export function networkAccessOperations(service: NetworkAccessService): Record<string, Operation> {
  return {
    LambdaliteGetNetworkAccess: (input) => service.getNetworkAccess(input as { FunctionName?: string }),
    LambdalitePutNetworkAccess: (input) => service.putNetworkAccess(input as PutNetworkAccessRequest),
  };
}
