/**
 * Tags: TagResource, UntagResource, ListTags (https://docs.aws.amazon.com/lambda/latest/dg/configuration-tags.html).
 * Tags belong to the function (never to a version or alias) and to code signing configs; a
 * function's tags live on its $LATEST record (FunctionRecord.tags), where GetFunction reads them.
 * `validateTags` is what CreateFunction and CreateCodeSigningConfig check their Tags with.
 */
import type { ListTagsRequest, ListTagsResponse, TagResourceRequest, UntagResourceRequest } from '@aws-sdk/client-lambda';
import { functionArn, type AccountScope } from '../domain/arn';
import { InvalidParameterValueException, ResourceNotFoundException, ValidationException } from '../domain/errors';
import { newUuid } from '../domain/ids';
import type { CodeSigningConfigStore } from './ports';
import type { ResourceStore } from './qualifiers';

/** Tags per resource (https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html#tag-conventions). */
export const TAG_LIMIT = 50;
const KEY_MAX = 128;
const VALUE_MAX = 256;
/** The model's TagKey / TagValue pattern (service-2.json). */
const TAG_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const TAG_PATTERN_TEXT = '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*';

/** The model's TaggableResource pattern: functions, code signing configs, event source mappings, capacity providers. */
const TAGGABLE_RESOURCE =
  /^arn:(aws[a-zA-Z-]*):lambda:(eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:\d{12}:(function:[a-zA-Z0-9-_]+(:(\$LATEST|[a-zA-Z0-9-_]+))?|code-signing-config:csc-[a-z0-9]{17}|event-source-mapping:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|(capacity-provider|network-connector):[a-zA-Z0-9-_]{1,64})$/;
const RESOURCE_PARTS = /^arn:[^:]+:lambda:([^:]+):(\d{12}):([a-z-]+):([^:]+)(?::(.+))?$/;

type TaggedStore = ResourceStore & CodeSigningConfigStore;

/** How Coral shows a map in a validation message: `{k1=v1, k2=v2}`. */
function shownMap(tags: Record<string, string>): string {
  return `{${Object.entries(tags)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ')}}`;
}

function keyViolation(key: string): boolean {
  return key.length < 1 || key.length > KEY_MAX || !TAG_PATTERN.test(key);
}

const KEY_CONSTRAINTS = `[Member must have length less than or equal to ${KEY_MAX}, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: ${TAG_PATTERN_TEXT}]`;
const VALUE_CONSTRAINTS = `[Member must have length less than or equal to ${VALUE_MAX}, Member must have length greater than or equal to 0, Member must satisfy regular expression pattern: ${TAG_PATTERN_TEXT}]`;

/**
 * Checks a Tags map as Lambda does: the model's key and value constraints (ValidationException),
 * then the service's rules — keys starting with `aws:` are reserved for AWS, and a resource holds
 * at most 50 tags (InvalidParameterValueException). `existing` are the tags the resource already has.
 */
export function validateTags(tags: Record<string, string>, existing: Record<string, string> = {}): void {
  const messages: string[] = [];
  if (Object.keys(tags).some(keyViolation)) {
    messages.push(`Value '${shownMap(tags)}' at 'tags' failed to satisfy constraint: Map keys must satisfy constraint: ${KEY_CONSTRAINTS}`);
  }
  if (Object.values(tags).some((value) => typeof value !== 'string' || value.length > VALUE_MAX || !TAG_PATTERN.test(value))) {
    messages.push(`Value '${shownMap(tags)}' at 'tags' failed to satisfy constraint: Map value must satisfy constraint: ${VALUE_CONSTRAINTS}`);
  }
  if (messages.length > 0) {
    throw new ValidationException(`${messages.length} validation error${messages.length > 1 ? 's' : ''} detected: ${messages.join('; ')}`);
  }
  const reserved = Object.keys(tags).filter((key) => key.toLowerCase().startsWith('aws:'));
  if (reserved.length > 0) {
    // The tagging guide: "Don't use aws: as a prefix for your tag keys; it's reserved for AWS use." (Lambdalite's wording.)
    throw new InvalidParameterValueException(`Tag keys starting with 'aws:' are reserved for AWS use: ${reserved.join(', ')}`);
  }
  if (Object.keys({ ...existing, ...tags }).length > TAG_LIMIT) {
    throw new InvalidParameterValueException('Number of tags exceeds resource tag limit.');
  }
}

/** A resource named by a tagging operation. */
type TaggedResource = { kind: 'function'; name: string } | { kind: 'code-signing-config'; id: string };

export class TagsService {
  constructor(
    private readonly store: TaggedStore,
    private readonly scope: () => AccountScope,
  ) {}

  async tagResource(input: TagResourceRequest): Promise<Record<string, never>> {
    const resource = this.resourceOf(input.Resource);
    if (input.Tags === undefined) {
      throw new ValidationException("1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null");
    }
    if (Object.keys(input.Tags).length === 0) {
      throw new InvalidParameterValueException('An error occurred and the request cannot be processed.');
    }
    const tags = input.Tags;
    await this.update(resource, input.Resource!, (existing) => {
      validateTags(tags, existing);
      return { ...existing, ...tags };
    });
    return {};
  }

  async untagResource(input: UntagResourceRequest): Promise<Record<string, never>> {
    const resource = this.resourceOf(input.Resource);
    if (input.TagKeys === undefined) {
      throw new ValidationException("1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null");
    }
    const keys = input.TagKeys;
    const bad = keys.find(keyViolation);
    if (bad !== undefined) {
      throw new ValidationException(
        `1 validation error detected: Value '[${keys.join(', ')}]' at 'tagKeys' failed to satisfy constraint: Member must satisfy constraint: ${KEY_CONSTRAINTS}`,
      );
    }
    await this.update(resource, input.Resource!, (existing) =>
      Object.fromEntries(Object.entries(existing).filter(([key]) => !keys.includes(key))),
    );
    return {};
  }

  async listTags(input: ListTagsRequest): Promise<Omit<ListTagsResponse, '$metadata'>> {
    const resource = this.resourceOf(input.Resource);
    if (resource.kind === 'function') {
      const record = await this.store.getFunction(resource.name);
      if (!record) throw this.functionNotFound(resource.name);
      return { Tags: { ...(record.tags ?? {}) } };
    }
    const config = await this.store.getCodeSigningConfig(resource.id);
    if (!config) throw this.configNotFound(input.Resource!);
    return { Tags: { ...(config.tags ?? {}) } };
  }

  private async update(
    resource: TaggedResource,
    arn: string,
    change: (existing: Record<string, string>) => Record<string, string>,
  ): Promise<void> {
    if (resource.kind === 'function') {
      const record = await this.store.getFunction(resource.name);
      if (!record) throw this.functionNotFound(resource.name);
      const tags = change(record.tags ?? {});
      // Lambda gives the function a new RevisionId when its tags change (it is part of the function's state).
      const { tags: _old, ...rest } = record;
      await this.store.putFunction(Object.keys(tags).length > 0 ? { ...rest, tags, revisionId: newUuid() } : { ...rest, revisionId: newUuid() });
      return;
    }
    const config = await this.store.getCodeSigningConfig(resource.id);
    if (!config) throw this.configNotFound(arn);
    await this.store.putCodeSigningConfig({ ...config, tags: change(config.tags ?? {}) });
  }

  /** Parses Resource: a function ARN (unqualified) or a code signing config ARN of this workspace. */
  private resourceOf(resource: string | undefined): TaggedResource {
    if (resource === undefined) {
      throw new ValidationException("1 validation error detected: Value null at 'resource' failed to satisfy constraint: Member must not be null");
    }
    if (!TAGGABLE_RESOURCE.test(resource)) {
      throw new ValidationException(
        `1 validation error detected: Value '${resource}' at 'resource' failed to satisfy constraint: ` +
          `Member must satisfy regular expression pattern: ${TAGGABLE_RESOURCE.source.slice(1, -1)}`,
      );
    }
    const [, region, account, type, id, qualifier] = RESOURCE_PARTS.exec(resource) ?? [];
    const scope = this.scope();
    if (type === 'function') {
      if (qualifier !== undefined) {
        throw new InvalidParameterValueException(
          'Tagging operations are permitted on Lambda functions only. Tags on aliases and versions are not supported. ' +
            'Please specify either a function name or a function ARN.',
        );
      }
      // A function of another region or account does not exist in this workspace.
      if (region !== scope.region || account !== scope.accountId) throw new ResourceNotFoundException(`Function not found: ${resource}`);
      return { kind: 'function', name: id! };
    }
    if (type === 'code-signing-config') {
      if (region !== scope.region || account !== scope.accountId) throw this.configNotFound(resource);
      return { kind: 'code-signing-config', id: id! };
    }
    throw new InvalidParameterValueException(
      `Lambdalite keeps tags on functions and code signing configs only; ${type} resources are not available in Lambdalite.`,
    );
  }

  private functionNotFound(name: string): ResourceNotFoundException {
    return new ResourceNotFoundException(`Function not found: ${functionArn(this.scope(), name)}`);
  }

  private configNotFound(arn: string): ResourceNotFoundException {
    return new ResourceNotFoundException(`The Lambda code signing configuration ${arn} can not be found.`);
  }
}
