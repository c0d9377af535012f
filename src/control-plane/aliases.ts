/**
 * Aliases: CreateAlias, GetAlias, UpdateAlias, DeleteAlias, ListAliases, and the weighted
 * routing Invoke applies (https://docs.aws.amazon.com/lambda/latest/dg/configuration-aliases.html).
 */
import type {
  AliasConfiguration,
  AliasRoutingConfiguration,
  CreateAliasRequest,
  DeleteAliasRequest,
  GetAliasRequest,
  ListAliasesRequest,
  ListAliasesResponse,
  UpdateAliasRequest,
} from '@aws-sdk/client-lambda';
import { functionArn, type AccountScope } from '../domain/arn';
import {
  InvalidParameterValueException,
  ResourceConflictException,
  ResourceNotFoundException,
  ValidationException,
} from '../domain/errors';
import { newUuid } from '../domain/ids';
import type { FunctionsService } from './functions';
import type { AliasRecord, LambdaliteStore } from './ports';

const LIST_PAGE_LIMIT = 50;
/** The model's Alias pattern: letters, digits, - and _, not all digits (that would be a version). */
const ALIAS_NAME = /^(?!^[0-9]+$)([a-zA-Z0-9-_]+)$/;
const VERSION = /^(\$LATEST|[0-9]+)$/;

export class AliasesService {
  constructor(
    private readonly functions: FunctionsService,
    private readonly store: LambdaliteStore,
    private readonly scope: () => AccountScope,
  ) {}

  async createAlias(input: CreateAliasRequest): Promise<AliasConfiguration> {
    const latest = await this.functions.requireLatest(input.FunctionName, undefined);
    const name = this.validName(input.Name);
    const functionVersion = await this.requireVersion(latest.name, input.FunctionVersion);
    const weights = await this.validRouting(latest.name, functionVersion, input.RoutingConfig);
    if (await this.store.getResource(latest.name, 'alias', name)) {
      throw new ResourceConflictException(`Alias already exists: ${this.aliasArn(latest.name, name)}`);
    }
    const alias: AliasRecord = {
      name,
      functionVersion,
      description: input.Description ?? '',
      revisionId: newUuid(),
      ...(weights ? { additionalVersionWeights: weights } : {}),
    };
    await this.store.putResource(latest.name, 'alias', name, alias);
    return this.configurationOf(latest.name, alias);
  }

  async getAlias(input: GetAliasRequest): Promise<AliasConfiguration> {
    const { functionName, alias } = await this.requireAlias(input.FunctionName, input.Name);
    return this.configurationOf(functionName, alias);
  }

  async updateAlias(input: UpdateAliasRequest): Promise<AliasConfiguration> {
    const { functionName, alias } = await this.requireAlias(input.FunctionName, input.Name);
    this.functions.checkRevision(alias, input.RevisionId);
    const functionVersion = input.FunctionVersion ?? alias.functionVersion;
    if (input.FunctionVersion !== undefined) await this.requireVersion(functionName, input.FunctionVersion);
    // RoutingConfig left out keeps the current weights; an empty one removes them.
    const weights =
      input.RoutingConfig === undefined
        ? alias.additionalVersionWeights
        : await this.validRouting(functionName, functionVersion, input.RoutingConfig);
    const updated: AliasRecord = {
      name: alias.name,
      functionVersion,
      description: input.Description ?? alias.description,
      revisionId: newUuid(),
      ...(weights ? { additionalVersionWeights: weights } : {}),
    };
    await this.store.putResource(functionName, 'alias', alias.name, updated);
    return this.configurationOf(functionName, updated);
  }

  async deleteAlias(input: DeleteAliasRequest): Promise<{ StatusCode: number }> {
    const { functionName, alias } = await this.requireAlias(input.FunctionName, input.Name);
    await this.store.deleteResource(functionName, 'alias', alias.name);
    // The alias's policy, URL, event invoke and provisioned configs go with it.
    await this.store.deleteQualifierResources(functionName, alias.name);
    return { StatusCode: 204 };
  }

  async listAliases(input: ListAliasesRequest): Promise<Omit<ListAliasesResponse, '$metadata'>> {
    const latest = await this.functions.requireLatest(input.FunctionName, undefined);
    if (input.FunctionVersion !== undefined && !VERSION.test(input.FunctionVersion)) {
      throw new ValidationException(
        `1 validation error detected: Value '${input.FunctionVersion}' at 'functionVersion' failed to satisfy constraint: ` +
          'Member must satisfy regular expression pattern: (\\$LATEST|[0-9]+)',
      );
    }
    const all = (await this.store.listResources(latest.name, 'alias'))
      .map(({ data }) => data)
      .filter((alias) => input.FunctionVersion === undefined || alias.functionVersion === input.FunctionVersion)
      .sort((a, b) => a.name.localeCompare(b.name));
    const pageSize = Math.min(input.MaxItems ?? LIST_PAGE_LIMIT, LIST_PAGE_LIMIT);
    let start = 0;
    if (input.Marker !== undefined) {
      start = all.findIndex((alias) => alias.name === input.Marker) + 1;
      if (start === 0) throw new InvalidParameterValueException(`Invalid marker: ${input.Marker}`);
    }
    const page = all.slice(start, start + pageSize);
    const response: Omit<ListAliasesResponse, '$metadata'> = {
      Aliases: page.map((alias) => this.configurationOf(latest.name, alias)),
    };
    const last = page.at(-1);
    if (last && start + pageSize < all.length) response.NextMarker = last.name;
    return response;
  }

  /**
   * The version one invocation through the alias runs: the additional version with its weight's
   * probability, else the primary (https://docs.aws.amazon.com/lambda/latest/dg/configuring-alias-routing.html).
   */
  static pickVersion(alias: AliasRecord, random: () => number = Math.random): string {
    let draw = random();
    for (const [version, weight] of Object.entries(alias.additionalVersionWeights ?? {})) {
      if (draw < weight) return version;
      draw -= weight;
    }
    return alias.functionVersion;
  }

  private configurationOf(functionName: string, alias: AliasRecord): AliasConfiguration {
    const configuration: AliasConfiguration = {
      AliasArn: this.aliasArn(functionName, alias.name),
      Name: alias.name,
      FunctionVersion: alias.functionVersion,
      Description: alias.description,
      RevisionId: alias.revisionId,
    };
    if (alias.additionalVersionWeights) {
      configuration.RoutingConfig = { AdditionalVersionWeights: { ...alias.additionalVersionWeights } };
    }
    return configuration;
  }

  private aliasArn(functionName: string, alias: string): string {
    return functionArn(this.scope(), functionName, alias);
  }

  private validName(name: string | undefined): string {
    if (name === undefined || name.length < 1 || name.length > 128 || !ALIAS_NAME.test(name)) {
      throw new ValidationException(
        `1 validation error detected: Value '${name ?? 'null'}' at 'name' failed to satisfy constraint: ` +
          'Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)',
      );
    }
    return name;
  }

  private async requireAlias(functionNameInput: string | undefined, name: string | undefined): Promise<{ functionName: string; alias: AliasRecord }> {
    const latest = await this.functions.requireLatest(functionNameInput, undefined);
    const aliasName = this.validName(name);
    const alias = await this.store.getResource(latest.name, 'alias', aliasName);
    if (!alias) throw new ResourceNotFoundException(`Alias not found: ${this.aliasArn(latest.name, aliasName)}`);
    return { functionName: latest.name, alias };
  }

  private async requireVersion(functionName: string, version: string | undefined): Promise<string> {
    if (version === undefined || !VERSION.test(version)) {
      throw new ValidationException(
        `1 validation error detected: Value '${version ?? 'null'}' at 'functionVersion' failed to satisfy constraint: ` +
          'Member must satisfy regular expression pattern: (\\$LATEST|[0-9]+)',
      );
    }
    if (version !== '$LATEST' && !(await this.store.getVersion(functionName, Number(version)))) {
      throw new ResourceNotFoundException(`Function not found: ${functionArn(this.scope(), functionName, version)}`);
    }
    return version;
  }

  /** Lambda's rules for RoutingConfig: one additional published version, a weight in [0, 1], never with $LATEST, same role and DLQ. */
  private async validRouting(
    functionName: string,
    primary: string,
    routing: AliasRoutingConfiguration | undefined,
  ): Promise<Record<string, number> | undefined> {
    const weights = routing?.AdditionalVersionWeights;
    if (!weights || Object.keys(weights).length === 0) return undefined;
    const entries = Object.entries(weights);
    if (entries.length > 1) {
      throw new InvalidParameterValueException('Number of items in AdditionalVersionWeights cannot be greater than 1');
    }
    const [version, weight] = entries[0]!;
    if (primary === '$LATEST' || version === '$LATEST') {
      throw new InvalidParameterValueException('$LATEST is not supported for an alias pointing to more than 1 version');
    }
    if (!/^[0-9]+$/.test(version)) {
      throw new ValidationException(
        `1 validation error detected: Value '${version}' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: ` +
          'Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [0-9]+]',
      );
    }
    if (!(weight >= 0 && weight <= 1)) {
      throw new ValidationException(
        `1 validation error detected: Value '${weight}' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: ` +
          'Map value must satisfy constraint: [Member must have value less than or equal to 1.0, Member must have value greater than or equal to 0.0]',
      );
    }
    if (version === primary) {
      throw new InvalidParameterValueException(`Invalid function version ${version}. Function version ${version} is already included in routing configuration.`);
    }
    await this.requireVersion(functionName, version);
    // Both versions must share the execution role and the dead-letter queue configuration
    // (https://docs.aws.amazon.com/lambda/latest/dg/configuring-alias-routing.html).
    const [main, additional] = await Promise.all([
      this.store.getVersion(functionName, Number(primary)),
      this.store.getVersion(functionName, Number(version)),
    ]);
    if (main && additional && main.role !== additional.role) {
      throw new InvalidParameterValueException(
        `Function versions ${primary} and ${version} have different execution roles: an alias can route only between versions with the same role.`,
      );
    }
    if (main && additional && main.deadLetterTargetArn !== additional.deadLetterTargetArn) {
      throw new InvalidParameterValueException(
        `Function versions ${primary} and ${version} have different dead-letter queue configurations: an alias can route only between versions with the same one, or none.`,
      );
    }
    return { [version]: weight };
  }
}
