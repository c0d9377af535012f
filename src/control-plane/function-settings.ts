/**
 * Small function-level settings: GetFunctionRecursionConfig / PutFunctionRecursionConfig
 * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-recursion.html) and
 * GetRuntimeManagementConfig / PutRuntimeManagementConfig
 * (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-update.html). Lambdalite has one build
 * of each engine, so runtime updates never happen; the settings are kept and reported as set.
 */
import type {
  GetRuntimeManagementConfigResponse,
  PutFunctionRecursionConfigRequest,
  PutRuntimeManagementConfigRequest,
  PutRuntimeManagementConfigResponse,
} from '@aws-sdk/client-lambda';
import { functionArn, type AccountScope } from '../domain/arn';
import { InvalidParameterValueException, ValidationException } from '../domain/errors';
import type { FunctionsService } from './functions';
import type { LambdaliteStore } from './ports';

type Output<T> = Omit<T, '$metadata'>;
const RECURSIVE_LOOP = ['Allow', 'Terminate'] as const;
const UPDATE_RUNTIME_ON = ['Auto', 'FunctionUpdate', 'Manual'] as const;

export class FunctionSettingsService {
  constructor(
    private readonly functions: FunctionsService,
    private readonly store: LambdaliteStore,
    private readonly scope: () => AccountScope,
  ) {}

  async getRecursionConfig(functionName: string | undefined): Promise<{ RecursiveLoop: string }> {
    const record = await this.functions.requireLatest(functionName, undefined);
    return { RecursiveLoop: record.recursiveLoop ?? 'Terminate' };
  }

  async putRecursionConfig(input: PutFunctionRecursionConfigRequest): Promise<{ RecursiveLoop: string }> {
    const record = await this.functions.requireLatest(input.FunctionName, undefined);
    const loop = input.RecursiveLoop;
    if (!RECURSIVE_LOOP.includes(loop as (typeof RECURSIVE_LOOP)[number])) {
      throw enumError('recursiveLoop', loop, RECURSIVE_LOOP);
    }
    await this.store.putFunction({ ...record, recursiveLoop: loop as (typeof RECURSIVE_LOOP)[number] });
    return { RecursiveLoop: loop as string };
  }

  async getRuntimeManagementConfig(functionName: string | undefined, qualifier: string | undefined): Promise<Output<GetRuntimeManagementConfigResponse>> {
    const resolved = await this.runtimeQualifier(functionName, qualifier);
    const setting = resolved.latest.runtimeManagement?.[resolved.version];
    const response: Output<GetRuntimeManagementConfigResponse> = {
      UpdateRuntimeOn: setting?.updateRuntimeOn ?? 'Auto',
      FunctionArn: functionArn(this.scope(), resolved.latest.name, resolved.version),
    };
    if (setting?.runtimeVersionArn) response.RuntimeVersionArn = setting.runtimeVersionArn;
    return response;
  }

  async putRuntimeManagementConfig(input: PutRuntimeManagementConfigRequest): Promise<Output<PutRuntimeManagementConfigResponse>> {
    const resolved = await this.runtimeQualifier(input.FunctionName, input.Qualifier);
    const on = input.UpdateRuntimeOn;
    if (!UPDATE_RUNTIME_ON.includes(on as (typeof UPDATE_RUNTIME_ON)[number])) throw enumError('updateRuntimeOn', on, UPDATE_RUNTIME_ON);
    if (on === 'Manual' && !input.RuntimeVersionArn) {
      throw new InvalidParameterValueException('RuntimeVersionArn is required when UpdateRuntimeOn is Manual.');
    }
    if (on !== 'Manual' && input.RuntimeVersionArn) {
      throw new InvalidParameterValueException('RuntimeVersionArn can be set only when UpdateRuntimeOn is Manual.');
    }
    const setting = { updateRuntimeOn: on as (typeof UPDATE_RUNTIME_ON)[number], ...(input.RuntimeVersionArn ? { runtimeVersionArn: input.RuntimeVersionArn } : {}) };
    await this.store.putFunction({ ...resolved.latest, runtimeManagement: { ...resolved.latest.runtimeManagement, [resolved.version]: setting } });
    const response: Output<PutRuntimeManagementConfigResponse> = {
      UpdateRuntimeOn: setting.updateRuntimeOn,
      FunctionArn: functionArn(this.scope(), resolved.latest.name, resolved.version),
    };
    if (setting.runtimeVersionArn) response.RuntimeVersionArn = setting.runtimeVersionArn;
    return response;
  }

  /** The runtime management config applies to $LATEST or a published version, not to an alias. */
  private async runtimeQualifier(functionName: string | undefined, qualifier: string | undefined) {
    const resolved = await this.functions.resolve(functionName, qualifier);
    if (resolved.alias) {
      throw new InvalidParameterValueException('Runtime management configuration applies to $LATEST or a published version, not to an alias.');
    }
    const latest = await this.functions.requireLatest(resolved.record.name, undefined);
    return { latest, version: resolved.version };
  }
}

function enumError(member: string, value: unknown, allowed: readonly string[]): ValidationException {
  return new ValidationException(
    `1 validation error detected: Value ${value === undefined ? 'null' : `'${String(value)}'`} at '${member}' failed to satisfy constraint: ` +
      `Member must satisfy enum value set: [${allowed.join(', ')}]`,
  );
}
