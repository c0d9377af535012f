/**
 * The operations of the per-function resources and account settings, by their model names, for
 * the provider's table: tags, resource policy, event invoke configs, function URLs, code signing,
 * concurrency. Each group is its own service; this module only builds them and names their
 * operations. The `Lambdalite*` entries are not Lambda operations (the wire never routes to them):
 * they are the console's handle on the signing profiles that stand in for AWS Signer.
 */
import type {
  AddPermissionRequest,
  CreateCodeSigningConfigRequest,
  CreateFunctionUrlConfigRequest,
  GetPolicyRequest,
  ListCodeSigningConfigsRequest,
  ListFunctionEventInvokeConfigsRequest,
  ListFunctionsByCodeSigningConfigRequest,
  ListFunctionUrlConfigsRequest,
  ListProvisionedConcurrencyConfigsRequest,
  ListTagsRequest,
  PutFunctionCodeSigningConfigRequest,
  PutFunctionConcurrencyRequest,
  PutFunctionEventInvokeConfigRequest,
  PutProvisionedConcurrencyConfigRequest,
  RemovePermissionRequest,
  TagResourceRequest,
  UntagResourceRequest,
  UpdateCodeSigningConfigRequest,
  UpdateFunctionEventInvokeConfigRequest,
  UpdateFunctionUrlConfigRequest,
} from '@aws-sdk/client-lambda';
import type { Clock } from '../domain/clock';
import type { OperationShape, WorkspaceSettings } from '../workers/protocol';
import { CodeSigningService } from './code-signing';
import { ConcurrencyService } from './concurrency';
import { EventInvokeConfigService } from './event-invoke-config';
import { FunctionUrlService } from './function-url';
import { PermissionsService } from './permissions';
import type { LambdaliteStore } from './ports';
import { TagsService } from './tags';

type Operation = (input: OperationShape) => Promise<object>;

/** Adapts a typed operation to the table (inputs are in the SDK's shapes: see the provider's `operation`). */
function op<I>(run: (input: I) => Promise<object>): Operation {
  return (input) => run(input as unknown as I);
}

export interface ResourceServices {
  tags: TagsService;
  permissions: PermissionsService;
  eventInvokeConfigs: EventInvokeConfigService;
  urls: FunctionUrlService;
  codeSigning: CodeSigningService;
  concurrency: ConcurrencyService;
}

export function resourceServices(
  store: LambdaliteStore,
  clock: Clock,
  settings: () => WorkspaceSettings,
  options: { provisioningMs?: number } = {},
): ResourceServices {
  return {
    tags: new TagsService(store, settings),
    permissions: new PermissionsService(store, settings),
    eventInvokeConfigs: new EventInvokeConfigService(store, clock, settings),
    urls: new FunctionUrlService(store, clock, settings),
    codeSigning: new CodeSigningService(store, clock, settings),
    concurrency: new ConcurrencyService(store, clock, settings, options.provisioningMs),
  };
}

/** The table entries of these operations. */
export function resourceOperations(services: ResourceServices): Record<string, Operation> {
  const { tags, permissions, eventInvokeConfigs: events, urls, codeSigning: signing, concurrency } = services;
  return {
    TagResource: op((input: TagResourceRequest) => tags.tagResource(input)),
    UntagResource: op((input: UntagResourceRequest) => tags.untagResource(input)),
    ListTags: op((input: ListTagsRequest) => tags.listTags(input)),

    AddPermission: op((input: AddPermissionRequest) => permissions.addPermission(input)),
    RemovePermission: op((input: RemovePermissionRequest) => permissions.removePermission(input)),
    GetPolicy: op((input: GetPolicyRequest) => permissions.getPolicy(input)),

    PutFunctionEventInvokeConfig: op((input: PutFunctionEventInvokeConfigRequest) => events.putFunctionEventInvokeConfig(input)),
    UpdateFunctionEventInvokeConfig: op((input: UpdateFunctionEventInvokeConfigRequest) => events.updateFunctionEventInvokeConfig(input)),
    GetFunctionEventInvokeConfig: op((input: { FunctionName?: string; Qualifier?: string }) => events.getFunctionEventInvokeConfig(input)),
    DeleteFunctionEventInvokeConfig: op((input: { FunctionName?: string; Qualifier?: string }) => events.deleteFunctionEventInvokeConfig(input)),
    ListFunctionEventInvokeConfigs: op((input: ListFunctionEventInvokeConfigsRequest) => events.listFunctionEventInvokeConfigs(input)),

    CreateFunctionUrlConfig: op((input: CreateFunctionUrlConfigRequest) => urls.createFunctionUrlConfig(input)),
    GetFunctionUrlConfig: op((input: { FunctionName?: string; Qualifier?: string }) => urls.getFunctionUrlConfig(input)),
    UpdateFunctionUrlConfig: op((input: UpdateFunctionUrlConfigRequest) => urls.updateFunctionUrlConfig(input)),
    DeleteFunctionUrlConfig: op((input: { FunctionName?: string; Qualifier?: string }) => urls.deleteFunctionUrlConfig(input)),
    ListFunctionUrlConfigs: op((input: ListFunctionUrlConfigsRequest) => urls.listFunctionUrlConfigs(input)),

    CreateCodeSigningConfig: op((input: CreateCodeSigningConfigRequest) => signing.createCodeSigningConfig(input)),
    GetCodeSigningConfig: op((input: { CodeSigningConfigArn?: string }) => signing.getCodeSigningConfig(input)),
    UpdateCodeSigningConfig: op((input: UpdateCodeSigningConfigRequest) => signing.updateCodeSigningConfig(input)),
    DeleteCodeSigningConfig: op((input: { CodeSigningConfigArn?: string }) => signing.deleteCodeSigningConfig(input)),
    ListCodeSigningConfigs: op((input: ListCodeSigningConfigsRequest) => signing.listCodeSigningConfigs(input)),
    PutFunctionCodeSigningConfig: op((input: PutFunctionCodeSigningConfigRequest) => signing.putFunctionCodeSigningConfig(input)),
    GetFunctionCodeSigningConfig: op((input: { FunctionName?: string }) => signing.getFunctionCodeSigningConfig(input)),
    DeleteFunctionCodeSigningConfig: op((input: { FunctionName?: string }) => signing.deleteFunctionCodeSigningConfig(input)),
    ListFunctionsByCodeSigningConfig: op((input: ListFunctionsByCodeSigningConfigRequest) => signing.listFunctionsByCodeSigningConfig(input)),
    LambdaliteCreateSigningProfile: op((input: { ProfileName?: string }) => signing.createSigningProfile(input)),
    LambdaliteListSigningProfiles: op(() => signing.listSigningProfiles()),
    LambdaliteDeleteSigningProfile: op((input: { ProfileVersionArn?: string }) => signing.deleteSigningProfile(input)),
    LambdaliteSignPackage: op((input: { ProfileVersionArn?: string; ZipFile?: Uint8Array }) => signing.signPackage(input)),

    PutFunctionConcurrency: op((input: PutFunctionConcurrencyRequest) => concurrency.putFunctionConcurrency(input)),
    GetFunctionConcurrency: op((input: { FunctionName?: string }) => concurrency.getFunctionConcurrency(input)),
    DeleteFunctionConcurrency: op((input: { FunctionName?: string }) => concurrency.deleteFunctionConcurrency(input)),
    GetAccountSettings: op(() => concurrency.getAccountSettings()),
    PutProvisionedConcurrencyConfig: op((input: PutProvisionedConcurrencyConfigRequest) => concurrency.putProvisionedConcurrencyConfig(input)),
    GetProvisionedConcurrencyConfig: op((input: { FunctionName?: string; Qualifier?: string }) => concurrency.getProvisionedConcurrencyConfig(input)),
    DeleteProvisionedConcurrencyConfig: op((input: { FunctionName?: string; Qualifier?: string }) => concurrency.deleteProvisionedConcurrencyConfig(input)),
    ListProvisionedConcurrencyConfigs: op((input: ListProvisionedConcurrencyConfigsRequest) => concurrency.listProvisionedConcurrencyConfigs(input)),
  };
}
