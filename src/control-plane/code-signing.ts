/**
 * Code signing configurations (https://docs.aws.amazon.com/lambda/latest/dg/configuration-codesigning.html):
 * Create/Get/Update/Delete/ListCodeSigningConfigs, Put/Get/DeleteFunctionCodeSigningConfig,
 * ListFunctionsByCodeSigningConfig; Lambdalite's signing profiles (key pairs standing in for AWS
 * Signer, see domain/code-signing.ts); and `verifyCodeSignature`, the check CreateFunction and
 * UpdateFunctionCode run on a package when the function has a config.
 */
import type {
  CodeSigningConfig,
  CreateCodeSigningConfigRequest,
  ListCodeSigningConfigsRequest,
  ListCodeSigningConfigsResponse,
  ListFunctionsByCodeSigningConfigRequest,
  ListFunctionsByCodeSigningConfigResponse,
  PutFunctionCodeSigningConfigRequest,
  UpdateCodeSigningConfigRequest,
} from '@aws-sdk/client-lambda';
import { functionArn, type AccountScope } from '../domain/arn';
import type { Clock } from '../domain/clock';
import {
  createSigningProfile,
  SIGNING_PROFILE_NAME,
  signPackage,
  verifyPackage,
  type SigningProfileRecord,
} from '../domain/code-signing';
import {
  CodeSigningConfigNotFoundException,
  CodeVerificationFailedException,
  InvalidCodeSignatureException,
  InvalidParameterValueException,
  ResourceConflictException,
  ResourceNotFoundException,
  ValidationException,
} from '../domain/errors';
import { lambdaTimestamp } from '../domain/ids';
import { Violations } from '../domain/validation';
import { paginate } from './pagination';
import type { CodeSigningConfigRecord, CodeSigningConfigStore, FunctionStore, LayerStore, SigningProfileStore } from './ports';
import { functionRefOf } from './qualifiers';
import { validateTags } from './tags';

export type CodeSigningStore = FunctionStore & CodeSigningConfigStore & SigningProfileStore;

/** The model's CodeSigningConfigArn pattern (service-2.json). */
const CONFIG_ARN =
  /^arn:(aws[a-zA-Z-]*)?:lambda:(?<region>(eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}):(?<account>\d{12}):code-signing-config:(?<id>csc-[a-z0-9]{17})$/;
const CONFIG_ARN_PATTERN =
  'arn:(aws[a-zA-Z-]*)?:lambda:(eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:code-signing-config:csc-[a-z0-9]{17}';
/** The model's Arn pattern, which each SigningProfileVersionArn follows. */
const ARN = /^arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9-])+:((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1})?:(\d{12})?:(.*)$/;
const POLICIES = ['Warn', 'Enforce'];
const LIST_LIMIT = 10_000;
const DEFAULT_PAGE = 50;
const UNQUALIFIED_ONLY =
  'This operation is permitted on Lambda functions only. Aliases and versions do not support this operation. ' +
  'Please specify either a function name or an unqualified function ARN.';

export function codeSigningConfigArn(scope: AccountScope, id: string): string {
  return `arn:aws:lambda:${scope.region}:${scope.accountId}:code-signing-config:${id}`;
}

/** `csc-` and 17 random hex characters, as Lambda names configs (e.g. csc-0f6a6d5a8cbd4a1f2). */
function newConfigId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return `csc-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('').slice(0, 17)}`;
}

function notFound(arn: string): ResourceNotFoundException {
  return new ResourceNotFoundException(`The Lambda code signing configuration ${arn} can not be found.`);
}

/** The outcome of checking a package a function is deployed with. */
export interface CodeSignatureCheck {
  /** The profile version that signed the package, when its signature is valid and trusted. */
  signingProfileVersionArn?: string;
  /** Set when the policy is Warn and the package failed the checks: deployed anyway, with this warning. */
  warning?: string;
}

/**
 * The deployment check of CreateFunction and UpdateFunctionCode for a function whose code signing
 * config is `configArn` (nothing to check without one). A package whose files are not what was
 * signed fails the integrity check: InvalidCodeSignatureException whatever the policy. An unsigned
 * package or one signed by a profile not in AllowedPublishers: with Enforce, Lambda blocks the
 * deployment (CodeVerificationFailedException); with Warn, it deploys and records a
 * SignatureValidationErrors metric and a CloudTrail warning — here the warning is returned.
 */
export async function verifyCodeSignature(
  store: CodeSigningStore,
  scope: AccountScope,
  functionName: string,
  configArn: string | undefined,
  zip: Uint8Array,
): Promise<CodeSignatureCheck> {
  if (configArn === undefined) return {};
  const id = CONFIG_ARN.exec(configArn)?.groups?.id;
  const config = id === undefined ? undefined : await store.getCodeSigningConfig(id);
  if (!config || configArn !== codeSigningConfigArn(scope, config.id)) {
    throw new CodeSigningConfigNotFoundException(
      `The code signing configuration cannot be found. Check that the provided configuration is not deleted: ${configArn}.`,
    );
  }
  const result = await verifyPackage(zip, config.signingProfileVersionArns, await store.listSigningProfiles());
  if (result.status === 'valid') return { signingProfileVersionArn: result.profileVersionArn };
  if (result.status === 'invalid') {
    throw new InvalidCodeSignatureException(
      `Lambda cannot deploy the function. The code signature of the package for ${functionName} failed the integrity check.`,
    );
  }
  const message =
    'Lambda cannot deploy the function. The function or layer might be signed using a signature that the client is not ' +
    `configured to accept. Check the provided signature for ${functionArn(scope, functionName)}.`;
  if (config.untrustedArtifactOnDeployment === 'Enforce') throw new CodeVerificationFailedException(message);
  return { warning: message };
}

const LAYER_VERSION_ARN = /^arn:aws[a-zA-Z-]*:lambda:[^:]+:\d{12}:layer:([a-zA-Z0-9-_]+):(\d+)$/;

/**
 * The same check for the layers a function with a code signing config uses: "any layers that you
 * add to the function must also be signed by an allowed signing profile"
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-codesigning.html). Layers of other
 * accounts, whose content this workspace does not hold, are left to their own account.
 */
export async function verifyLayerSignatures(
  store: CodeSigningStore & LayerStore,
  scope: AccountScope,
  functionName: string,
  configArn: string | undefined,
  layerArns: readonly string[],
): Promise<CodeSignatureCheck[]> {
  if (configArn === undefined) return [];
  const checks: CodeSignatureCheck[] = [];
  for (const arn of layerArns) {
    const [, layerName, version] = LAYER_VERSION_ARN.exec(arn) ?? [];
    const content = layerName === undefined ? undefined : await store.getLayerContent(layerName, Number(version));
    if (content) checks.push(await verifyCodeSignature(store, scope, functionName, configArn, content));
  }
  return checks;
}

export class CodeSigningService {
  constructor(
    private readonly store: CodeSigningStore,
    private readonly clock: Clock,
    private readonly scope: () => AccountScope,
  ) {}

  async createCodeSigningConfig(input: CreateCodeSigningConfigRequest): Promise<{ CodeSigningConfig: CodeSigningConfig }> {
    this.validate(input, true);
    if (input.Tags) validateTags(input.Tags);
    const record: CodeSigningConfigRecord = {
      id: newConfigId(),
      description: input.Description ?? '',
      signingProfileVersionArns: [...(input.AllowedPublishers?.SigningProfileVersionArns ?? [])],
      untrustedArtifactOnDeployment: (input.CodeSigningPolicies?.UntrustedArtifactOnDeployment as 'Warn' | 'Enforce' | undefined) ?? 'Warn',
      lastModified: this.clock.now(),
    };
    if (input.Tags && Object.keys(input.Tags).length > 0) record.tags = { ...input.Tags };
    await this.store.putCodeSigningConfig(record);
    return { CodeSigningConfig: this.shapeOf(record) };
  }

  async getCodeSigningConfig(input: { CodeSigningConfigArn?: string | undefined }): Promise<{ CodeSigningConfig: CodeSigningConfig }> {
    return { CodeSigningConfig: this.shapeOf(await this.require(input.CodeSigningConfigArn)) };
  }

  async updateCodeSigningConfig(input: UpdateCodeSigningConfigRequest): Promise<{ CodeSigningConfig: CodeSigningConfig }> {
    const record = await this.require(input.CodeSigningConfigArn);
    this.validate(input, false);
    const updated: CodeSigningConfigRecord = {
      ...record,
      description: input.Description ?? record.description,
      signingProfileVersionArns: input.AllowedPublishers?.SigningProfileVersionArns
        ? [...input.AllowedPublishers.SigningProfileVersionArns]
        : record.signingProfileVersionArns,
      untrustedArtifactOnDeployment:
        (input.CodeSigningPolicies?.UntrustedArtifactOnDeployment as 'Warn' | 'Enforce' | undefined) ?? record.untrustedArtifactOnDeployment,
      lastModified: this.clock.now(),
    };
    await this.store.putCodeSigningConfig(updated);
    return { CodeSigningConfig: this.shapeOf(updated) };
  }

  async deleteCodeSigningConfig(input: { CodeSigningConfigArn?: string | undefined }): Promise<Record<string, never>> {
    const record = await this.require(input.CodeSigningConfigArn);
    const arn = codeSigningConfigArn(this.scope(), record.id);
    const users = (await this.store.listFunctions()).filter((fn) => fn.codeSigningConfigArn === arn);
    if (users.length > 0) {
      // Lambda refuses to delete a config that functions still use (ResourceConflictException); Lambdalite's wording.
      throw new ResourceConflictException(
        `The code signing configuration ${arn} cannot be deleted because it is used by: ${users.map((fn) => fn.name).join(', ')}. ` +
          'Remove it from those functions first (DeleteFunctionCodeSigningConfig).',
      );
    }
    await this.store.deleteCodeSigningConfig(record.id);
    return {};
  }

  async listCodeSigningConfigs(input: ListCodeSigningConfigsRequest): Promise<Omit<ListCodeSigningConfigsResponse, '$metadata'>> {
    const all = await this.store.listCodeSigningConfigs();
    const page = paginate(all, (record) => record.id, input.Marker, input.MaxItems ?? DEFAULT_PAGE, LIST_LIMIT);
    const response: Omit<ListCodeSigningConfigsResponse, '$metadata'> = { CodeSigningConfigs: page.items.map((record) => this.shapeOf(record)) };
    if (page.nextMarker) response.NextMarker = page.nextMarker;
    return response;
  }

  async putFunctionCodeSigningConfig(
    input: PutFunctionCodeSigningConfigRequest,
  ): Promise<{ CodeSigningConfigArn: string; FunctionName: string }> {
    const name = this.functionName(input.FunctionName);
    const arn = input.CodeSigningConfigArn;
    const id = arn === undefined ? undefined : CONFIG_ARN.exec(arn)?.groups?.id;
    const config = id === undefined ? undefined : await this.store.getCodeSigningConfig(id);
    if (!config || arn !== codeSigningConfigArn(this.scope(), config.id)) {
      throw new CodeSigningConfigNotFoundException(
        `The code signing configuration cannot be found. Check that the provided configuration is not deleted: ${arn}.`,
      );
    }
    const record = await this.requireFunction(name);
    await this.store.putFunction({ ...record, codeSigningConfigArn: arn });
    return { CodeSigningConfigArn: arn, FunctionName: name };
  }

  async getFunctionCodeSigningConfig(input: {
    FunctionName?: string | undefined;
  }): Promise<{ CodeSigningConfigArn?: string; FunctionName?: string }> {
    const record = await this.requireFunction(this.functionName(input.FunctionName));
    // Both members are required in the model's output, so a function without a config answers an empty ARN.
    return { CodeSigningConfigArn: record.codeSigningConfigArn ?? '', FunctionName: record.name };
  }

  async deleteFunctionCodeSigningConfig(input: { FunctionName?: string | undefined }): Promise<Record<string, never>> {
    const record = await this.requireFunction(this.functionName(input.FunctionName));
    if (record.codeSigningConfigArn !== undefined) {
      const { codeSigningConfigArn: _removed, ...rest } = record;
      await this.store.putFunction(rest);
    }
    return {};
  }

  async listFunctionsByCodeSigningConfig(
    input: ListFunctionsByCodeSigningConfigRequest,
  ): Promise<Omit<ListFunctionsByCodeSigningConfigResponse, '$metadata'>> {
    const record = await this.require(input.CodeSigningConfigArn);
    const scope = this.scope();
    const arn = codeSigningConfigArn(scope, record.id);
    const arns = (await this.store.listFunctions()).filter((fn) => fn.codeSigningConfigArn === arn).map((fn) => functionArn(scope, fn.name));
    const page = paginate(arns, (value) => value, input.Marker, input.MaxItems ?? DEFAULT_PAGE, LIST_LIMIT);
    return page.nextMarker ? { FunctionArns: page.items, NextMarker: page.nextMarker } : { FunctionArns: page.items };
  }

  /** Lambdalite's stand-in for AWS Signer's PutSigningProfile: a new profile version with a fresh key pair. */
  async createSigningProfile(input: { ProfileName?: string }): Promise<{ ProfileVersionArn: string; ProfileName: string; ProfileVersion: string }> {
    const name = input.ProfileName;
    if (name === undefined || !SIGNING_PROFILE_NAME.test(name)) {
      throw new ValidationException(
        `1 validation error detected: Value ${name === undefined ? 'null' : `'${name}'`} at 'profileName' failed to satisfy constraint: ` +
          `Member must satisfy regular expression pattern: ${SIGNING_PROFILE_NAME.source.slice(1, -1)}`,
      );
    }
    const scope = this.scope();
    const profile = await createSigningProfile(scope.region, scope.accountId, name, this.clock.now());
    await this.store.putSigningProfile(profile);
    return { ProfileVersionArn: profile.profileVersionArn, ProfileName: profile.name, ProfileVersion: profile.versionId };
  }

  /** The workspace's signing profiles, public keys only. */
  async listSigningProfiles(): Promise<{ Profiles: Array<Omit<SigningProfileRecord, 'privateKeyJwk'> & { canSign: boolean }> }> {
    const profiles = await this.store.listSigningProfiles();
    return { Profiles: profiles.map(({ privateKeyJwk, ...profile }) => ({ ...profile, canSign: privateKeyJwk !== undefined })) };
  }

  async deleteSigningProfile(input: { ProfileVersionArn?: string }): Promise<Record<string, never>> {
    await this.store.deleteSigningProfile(input.ProfileVersionArn ?? '');
    return {};
  }

  /** Signs a package with one of the workspace's profiles (the console's "Sign" button). */
  async signPackage(input: { ProfileVersionArn?: string; ZipFile?: Uint8Array }): Promise<{ ZipFile: Uint8Array }> {
    const profile = (await this.store.listSigningProfiles()).find((candidate) => candidate.profileVersionArn === input.ProfileVersionArn);
    if (!profile) throw new ResourceNotFoundException(`Signing profile ${input.ProfileVersionArn} does not exist in this workspace.`);
    if (!profile.privateKeyJwk) throw new InvalidParameterValueException(`Signing profile ${profile.profileVersionArn} has no private key here.`);
    if (!input.ZipFile || input.ZipFile.byteLength === 0) throw new InvalidParameterValueException('Please provide a package to sign as ZipFile.');
    try {
      return { ZipFile: await signPackage(input.ZipFile, profile, this.clock.now()) };
    } catch {
      throw new InvalidParameterValueException('Could not unzip uploaded file. Please check your file, then try to upload again.');
    }
  }

  private validate(
    input: { Description?: string | undefined; AllowedPublishers?: { SigningProfileVersionArns?: string[] | undefined } | undefined; CodeSigningPolicies?: { UntrustedArtifactOnDeployment?: string | undefined } | undefined },
    create: boolean,
  ): void {
    const violations = new Violations();
    const arns = input.AllowedPublishers?.SigningProfileVersionArns;
    if (create && input.AllowedPublishers === undefined) violations.add(undefined, 'allowedPublishers', 'Member must not be null');
    if (input.AllowedPublishers !== undefined) {
      if (arns === undefined) violations.add(undefined, 'allowedPublishers.signingProfileVersionArns', 'Member must not be null');
      else if (arns.length < 1 || arns.length > 20) {
        violations.add(
          `[${arns.join(', ')}]`,
          'allowedPublishers.signingProfileVersionArns',
          `Member must have length ${arns.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 20'}`,
        );
      } else if (arns.some((arn) => !ARN.test(arn))) {
        violations.add(
          `[${arns.join(', ')}]`,
          'allowedPublishers.signingProfileVersionArns',
          `Member must satisfy constraint: [Member must satisfy regular expression pattern: ${ARN.source.slice(1, -1)}]`,
        );
      }
    }
    if (input.Description !== undefined && input.Description.length > 256) {
      violations.add(input.Description, 'description', 'Member must have length less than or equal to 256');
    }
    const policy = input.CodeSigningPolicies?.UntrustedArtifactOnDeployment;
    if (policy !== undefined && !POLICIES.includes(policy)) {
      violations.add(policy, 'codeSigningPolicies.untrustedArtifactOnDeployment', 'Member must satisfy enum value set: [Warn, Enforce]');
    }
    violations.throwIfAny();
  }

  private async require(arn: string | undefined): Promise<CodeSigningConfigRecord> {
    if (arn === undefined) {
      throw new ValidationException(
        "1 validation error detected: Value null at 'codeSigningConfigArn' failed to satisfy constraint: Member must not be null",
      );
    }
    const match = CONFIG_ARN.exec(arn)?.groups;
    if (!match) {
      throw new ValidationException(
        `1 validation error detected: Value '${arn}' at 'codeSigningConfigArn' failed to satisfy constraint: ` +
          `Member must satisfy regular expression pattern: ${CONFIG_ARN_PATTERN}`,
      );
    }
    const scope = this.scope();
    const record = match.region === scope.region && match.account === scope.accountId ? await this.store.getCodeSigningConfig(match.id!) : undefined;
    if (!record) throw notFound(arn);
    return record;
  }

  private functionName(functionName: string | undefined): string {
    const ref = functionRefOf(functionName, undefined, this.scope());
    if (ref.qualifier !== undefined) throw new InvalidParameterValueException(UNQUALIFIED_ONLY);
    return ref.name;
  }

  private async requireFunction(name: string) {
    const record = await this.store.getFunction(name);
    if (!record) throw new ResourceNotFoundException(`Function not found: ${functionArn(this.scope(), name)}`);
    return record;
  }

  private shapeOf(record: CodeSigningConfigRecord): CodeSigningConfig {
    return {
      CodeSigningConfigId: record.id,
      CodeSigningConfigArn: codeSigningConfigArn(this.scope(), record.id),
      Description: record.description,
      AllowedPublishers: { SigningProfileVersionArns: [...record.signingProfileVersionArns] },
      CodeSigningPolicies: { UntrustedArtifactOnDeployment: record.untrustedArtifactOnDeployment },
      LastModified: lambdaTimestamp(record.lastModified),
    };
  }
}
