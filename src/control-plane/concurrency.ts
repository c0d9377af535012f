/**
 * Concurrency (https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html): reserved
 * concurrency (Put/Get/DeleteFunctionConcurrency), provisioned concurrency configs
 * (Put/Get/Delete/ListProvisionedConcurrencyConfigs) and GetAccountSettings, computed from what
 * the workspace holds.
 *
 * Account quota: WorkspaceSettings.accountConcurrency (1,000 by default, Lambda's default
 * quota; updateSettings checks the values). Lambda keeps `unreservedMinimum` (100) of it
 * unreserved. Rule for small quotas: the minimum that applies is min(unreservedMinimum,
 * accountConcurrency) — a quota of 10 keeps all 10 unreserved, which is what AWS answers accounts
 * with a quota of 10 ("…below its minimum value of [10]."); lower unreservedMinimum in the
 * settings to reserve some of a small quota.
 *
 * Provisioned concurrency takes time to allocate: with a Provisioner (the app's environment
 * pool) a config is IN_PROGRESS while that many environments really run Init, then READY with
 * what was allocated (FAILED if Init failed); without one it is IN_PROGRESS until its readyAt
 * (the Clock's now + provisioningMs when it was put), then READY with all of it allocated.
 */
import type {
  GetAccountSettingsResponse,
  GetFunctionConcurrencyResponse,
  GetProvisionedConcurrencyConfigResponse,
  ListProvisionedConcurrencyConfigsRequest,
  ListProvisionedConcurrencyConfigsResponse,
  ProvisionedConcurrencyConfigListItem,
  PutFunctionConcurrencyRequest,
  PutProvisionedConcurrencyConfigRequest,
  PutProvisionedConcurrencyConfigResponse,
} from '@aws-sdk/client-lambda';
import { functionArn } from '../domain/arn';
import type { Clock } from '../domain/clock';
import {
  InvalidParameterValueException,
  ProvisionedConcurrencyConfigNotFoundException,
  ResourceConflictException,
  ResourceNotFoundException,
  ValidationException,
} from '../domain/errors';
import type { FunctionRecord } from '../domain/function-model';
import { LIMITS } from '../domain/validation';
import { paginate } from './pagination';
import { accountLimits, type WorkspaceSettings } from '../workers/protocol';
import type { FunctionResourceData, LayerStore } from './ports';
import { findQualifier, functionRefOf, isVersionNumber, type ResourceStore } from './qualifiers';

type Output<T> = Omit<T, '$metadata'>;
type StoredProvisioned = FunctionResourceData['provisionedConcurrency'];

/** The account's total code storage quota: 75 GB (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). */
export const TOTAL_CODE_SIZE_LIMIT = 80_530_636_800;
/** How long allocating provisioned concurrency takes here unless the control plane says otherwise. */
export const DEFAULT_PROVISIONING_MS = 2_000;
const LIST_LIMIT = 50;
const UNQUALIFIED_ONLY =
  'This operation is permitted on Lambda functions only. Aliases and versions do not support this operation. ' +
  'Please specify either a function name or an unqualified function ARN.';

/** The account quota and the unreserved minimum that applies to it (see the rule above). */
export function concurrencyLimits(settings: WorkspaceSettings): { limit: number; minimum: number } {
  const { accountConcurrency: limit, unreservedMinimum } = accountLimits(settings);
  return { limit, minimum: Math.min(unreservedMinimum, limit) };
}

/** LastModified of provisioned concurrency configs: ISO 8601 to the second with `+0000` (examples-1.json). */
function secondsTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

/** Initialises and drops the execution environments behind provisioned concurrency. */
export interface Provisioner {
  provision(functionName: string, qualifier: string, count: number): Promise<{ ready: number; failed: number }>;
  unprovision(functionName: string, qualifier: string): Promise<void>;
}

export class ConcurrencyService {
  /** Set by the control plane when there are real environments to provision. */
  provisioner: Provisioner | undefined;

  constructor(
    private readonly store: ResourceStore & LayerStore,
    private readonly clock: Clock,
    private readonly settings: () => WorkspaceSettings,
    private readonly provisioningMs = DEFAULT_PROVISIONING_MS,
  ) {}

  /**
   * Initialises the environments of a stored config, then records what was allocated. Also
   * run at start-up: environments are runtime state, so a reload provisions them again.
   */
  async allocate(functionName: string, qualifier: string): Promise<void> {
    const stored = await this.store.getResource(functionName, 'provisionedConcurrency', qualifier);
    if (!stored || !this.provisioner) return;
    let outcome: { ready: number; failed: number };
    try {
      outcome = await this.provisioner.provision(functionName, qualifier, stored.requested);
    } catch (error) {
      outcome = { ready: 0, failed: stored.requested };
      console.error('Lambdalite: provisioned concurrency could not start environments', error);
    }
    // The config may have been replaced or deleted meanwhile: only record onto the same one.
    const current = await this.store.getResource(functionName, 'provisionedConcurrency', qualifier);
    if (!current || current.readyAt !== stored.readyAt) return;
    const recorded: StoredProvisioned = { ...current, allocated: outcome.ready };
    if (outcome.failed > 0) recorded.failure = `${outcome.failed} of ${stored.requested} execution environments failed to initialize; see the function's log group.`;
    await this.store.putResource(functionName, 'provisionedConcurrency', qualifier, recorded);
  }

  async putFunctionConcurrency(input: PutFunctionConcurrencyRequest): Promise<{ ReservedConcurrentExecutions: number }> {
    const record = await this.unqualifiedFunction(input.FunctionName);
    const reserved = input.ReservedConcurrentExecutions;
    if (reserved === undefined || !Number.isInteger(reserved) || reserved < 0) {
      throw new ValidationException(
        `1 validation error detected: Value ${reserved === undefined ? 'null' : `'${reserved}'`} at 'reservedConcurrentExecutions' failed to satisfy constraint: ` +
          (reserved === undefined ? 'Member must not be null' : 'Member must have value greater than or equal to 0'),
      );
    }
    const { limit, minimum } = concurrencyLimits(this.settings());
    const others = await this.committed(record.name);
    if (limit - others - reserved < minimum) {
      throw new InvalidParameterValueException(
        `Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${minimum}].`,
      );
    }
    const provisioned = await this.provisionedTotal(record.name);
    if (provisioned > reserved) {
      throw new InvalidParameterValueException(
        ` ReservedConcurrentExecutions  ${reserved} should not be lower than function's total provisioned concurrency [${provisioned}].`,
      );
    }
    await this.store.putFunction({ ...record, reservedConcurrency: reserved });
    return { ReservedConcurrentExecutions: reserved };
  }

  async getFunctionConcurrency(input: { FunctionName?: string | undefined }): Promise<Output<GetFunctionConcurrencyResponse>> {
    const record = await this.unqualifiedFunction(input.FunctionName);
    return record.reservedConcurrency === undefined ? {} : { ReservedConcurrentExecutions: record.reservedConcurrency };
  }

  async deleteFunctionConcurrency(input: { FunctionName?: string | undefined }): Promise<Record<string, never>> {
    const record = await this.unqualifiedFunction(input.FunctionName);
    if (record.reservedConcurrency !== undefined) {
      const { reservedConcurrency: _removed, ...rest } = record;
      await this.store.putFunction(rest);
    }
    return {};
  }

  async getAccountSettings(): Promise<Output<GetAccountSettingsResponse>> {
    const { limit } = concurrencyLimits(this.settings());
    const functions = await this.store.listFunctions();
    let totalCodeSize = 0;
    for (const record of functions) {
      totalCodeSize += record.codeSize;
      for (const version of await this.store.listVersions(record.name)) totalCodeSize += version.codeSize;
    }
    for (const layer of await this.store.listLayerVersions()) if (!layer.deleted) totalCodeSize += layer.codeSize;
    return {
      AccountLimit: {
        TotalCodeSize: TOTAL_CODE_SIZE_LIMIT,
        CodeSizeUnzipped: LIMITS.unzippedMaxBytes,
        CodeSizeZipped: LIMITS.zippedMaxBytes,
        ConcurrentExecutions: limit,
        UnreservedConcurrentExecutions: limit - (await this.committed()),
      },
      AccountUsage: { TotalCodeSize: totalCodeSize, FunctionCount: functions.length },
    };
  }

  async putProvisionedConcurrencyConfig(input: PutProvisionedConcurrencyConfigRequest): Promise<Output<PutProvisionedConcurrencyConfigResponse>> {
    const requested = input.ProvisionedConcurrentExecutions;
    if (requested === undefined || !Number.isInteger(requested) || requested < 1) {
      throw new ValidationException(
        `1 validation error detected: Value ${requested === undefined ? 'null' : `'${requested}'`} at 'provisionedConcurrentExecutions' failed to satisfy constraint: ` +
          (requested === undefined ? 'Member must not be null' : 'Member must have value greater than or equal to 1'),
      );
    }
    const { record, qualifier } = await this.publishedQualifier(input.FunctionName, input.Qualifier, true);
    const configs = await this.store.listResources(record.name, 'provisionedConcurrency');
    const othersOfFunction = configs.filter(({ key }) => key !== qualifier).reduce((sum, { data }) => sum + data.requested, 0);
    if (record.reservedConcurrency !== undefined && record.reservedConcurrency < othersOfFunction + requested) {
      throw new InvalidParameterValueException('Requested Provisioned Concurrency should not be greater than the reservedConcurrentExecution for function');
    }
    const { limit, minimum } = concurrencyLimits(this.settings());
    if (record.reservedConcurrency === undefined && limit - (await this.committed(record.name)) - othersOfFunction - requested < minimum) {
      throw new InvalidParameterValueException(
        `Specified ConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${minimum}].`,
      );
    }
    await this.checkAliasOverlap(record.name, qualifier, configs.map(({ key }) => key));
    const now = this.clock.now();
    const stored: StoredProvisioned = {
      FunctionArn: functionArn(this.settings(), record.name, qualifier),
      RequestedProvisionedConcurrentExecutions: requested,
      LastModified: secondsTimestamp(now),
      requested,
      readyAt: now + this.provisioningMs,
    };
    await this.store.putResource(record.name, 'provisionedConcurrency', qualifier, stored);
    if (this.provisioner) {
      await this.provisioner.unprovision(record.name, qualifier);
      void this.allocate(record.name, qualifier);
    }
    const { FunctionArn: _arn, ...status } = this.statusOf(stored);
    return status;
  }

  async getProvisionedConcurrencyConfig(input: {
    FunctionName?: string | undefined;
    Qualifier?: string | undefined;
  }): Promise<Output<GetProvisionedConcurrencyConfigResponse>> {
    const { record, qualifier } = await this.publishedQualifier(input.FunctionName, input.Qualifier, false);
    const stored = await this.store.getResource(record.name, 'provisionedConcurrency', qualifier);
    if (!stored) throw new ProvisionedConcurrencyConfigNotFoundException('No Provisioned Concurrency Config found for this function');
    const { FunctionArn: _arn, ...status } = this.statusOf(stored);
    return status;
  }

  async deleteProvisionedConcurrencyConfig(input: { FunctionName?: string | undefined; Qualifier?: string | undefined }): Promise<Record<string, never>> {
    const { record, qualifier } = await this.publishedQualifier(input.FunctionName, input.Qualifier, false);
    await this.store.deleteResource(record.name, 'provisionedConcurrency', qualifier);
    await this.provisioner?.unprovision(record.name, qualifier);
    return {};
  }

  async listProvisionedConcurrencyConfigs(input: ListProvisionedConcurrencyConfigsRequest): Promise<Output<ListProvisionedConcurrencyConfigsResponse>> {
    const ref = functionRefOf(input.FunctionName, undefined, this.settings());
    if (!(await this.store.getFunction(ref.name))) throw new ResourceNotFoundException(`Function not found: ${functionArn(this.settings(), ref.name)}`);
    const all = (await this.store.listResources(ref.name, 'provisionedConcurrency')).map(({ data }) => this.statusOf(data));
    const page = paginate(all, (item) => item.FunctionArn ?? '', input.Marker, input.MaxItems, LIST_LIMIT);
    const response: Output<ListProvisionedConcurrencyConfigsResponse> = { ProvisionedConcurrencyConfigs: page.items };
    if (page.nextMarker) response.NextMarker = page.nextMarker;
    return response;
  }

  /**
   * Concurrency taken out of the unreserved pool by every function but `except`: a function's
   * reserved concurrency, or (without one) the provisioned concurrency of its versions and aliases.
   */
  private async committed(except?: string): Promise<number> {
    let total = 0;
    for (const record of await this.store.listFunctions()) {
      if (record.name === except) continue;
      total += record.reservedConcurrency ?? (await this.provisionedTotal(record.name));
    }
    return total;
  }

  private async provisionedTotal(functionName: string): Promise<number> {
    return (await this.store.listResources(functionName, 'provisionedConcurrency')).reduce((sum, { data }) => sum + data.requested, 0);
  }

  /** The config with its status at the Clock's now: IN_PROGRESS until readyAt, then READY and fully allocated. */
  private statusOf(stored: StoredProvisioned): ProvisionedConcurrencyConfigListItem {
    if (this.provisioner) {
      const allocated = stored.allocated ?? 0;
      const item: ProvisionedConcurrencyConfigListItem = {
        FunctionArn: stored.FunctionArn,
        RequestedProvisionedConcurrentExecutions: stored.requested,
        AvailableProvisionedConcurrentExecutions: allocated,
        AllocatedProvisionedConcurrentExecutions: allocated,
        Status: stored.allocated === undefined ? 'IN_PROGRESS' : stored.failure ? 'FAILED' : 'READY',
        LastModified: stored.LastModified,
      };
      if (stored.failure) item.StatusReason = stored.failure;
      return item;
    }
    const ready = this.clock.now() >= stored.readyAt;
    return {
      FunctionArn: stored.FunctionArn,
      RequestedProvisionedConcurrentExecutions: stored.requested,
      AvailableProvisionedConcurrentExecutions: ready ? stored.requested : 0,
      AllocatedProvisionedConcurrentExecutions: ready ? stored.requested : 0,
      Status: ready ? 'READY' : 'IN_PROGRESS',
      LastModified: stored.LastModified,
    };
  }

  /** An alias and the version it points at cannot both have provisioned concurrency. */
  private async checkAliasOverlap(functionName: string, qualifier: string, provisioned: string[]): Promise<void> {
    if (isVersionNumber(qualifier)) {
      for (const key of provisioned) {
        if (key === qualifier || isVersionNumber(key)) continue;
        const alias = await this.store.getResource(functionName, 'alias', key);
        if (alias?.functionVersion === qualifier) throw new ResourceConflictException('Version is pointed by a Provisioned Concurrency alias');
      }
      return;
    }
    const alias = await this.store.getResource(functionName, 'alias', qualifier);
    if (alias && provisioned.includes(alias.functionVersion)) {
      throw new ResourceConflictException("Alias can't be used for Provisioned Concurrency configuration on an already Provisioned version");
    }
  }

  /** A version or alias of an existing function, as provisioned concurrency requires. */
  private async publishedQualifier(
    functionName: string | undefined,
    qualifier: string | undefined,
    put: boolean,
  ): Promise<{ record: FunctionRecord; qualifier: string }> {
    const scope = this.settings();
    const ref = functionRefOf(functionName, qualifier, scope);
    if (ref.qualifier === undefined) {
      throw new ValidationException("1 validation error detected: Value null at 'qualifier' failed to satisfy constraint: Member must not be null");
    }
    if (ref.qualifier === '$LATEST') {
      throw new InvalidParameterValueException(
        put
          ? 'Provisioned Concurrency Configs cannot be applied to unpublished function versions.'
          : 'The function resource provided must be an alias or a published version.',
      );
    }
    const record = await this.store.getFunction(ref.name);
    const arn = functionArn(scope, ref.name, ref.qualifier);
    if (!record || !(await findQualifier(this.store, ref.name, ref.qualifier))) {
      throw new ResourceNotFoundException(isVersionNumber(ref.qualifier) ? `Function not found: ${arn}` : `Cannot find alias arn: ${arn}`);
    }
    return { record, qualifier: ref.qualifier };
  }

  private async unqualifiedFunction(functionName: string | undefined): Promise<FunctionRecord> {
    const ref = functionRefOf(functionName, undefined, this.settings());
    if (ref.qualifier !== undefined) throw new InvalidParameterValueException(UNQUALIFIED_ONLY);
    const record = await this.store.getFunction(ref.name);
    if (!record) throw new ResourceNotFoundException(`Function not found: ${functionArn(this.settings(), ref.name)}`);
    return record;
  }
}
