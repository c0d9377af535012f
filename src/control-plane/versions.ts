/**
 * Versions: PublishVersion and ListVersionsByFunction
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-versions.html). A version is an
 * immutable snapshot of $LATEST's code and configuration, numbered from 1 and never renumbered.
 */
import type {
  FunctionConfiguration,
  ListVersionsByFunctionRequest,
  ListVersionsByFunctionResponse,
  PublishVersionRequest,
} from '@aws-sdk/client-lambda';
import { refuseUnavailableMembers } from '../domain/not-available';
import type { Clock } from '../domain/clock';
import { InvalidParameterValueException, ValidationException } from '../domain/errors';
import type { FunctionRecord, FunctionVersionRecord } from '../domain/function-model';
import { newUuid } from '../domain/ids';
import type { FunctionsService } from './functions';
import type { LambdaliteStore } from './ports';

const LIST_PAGE_LIMIT = 50;

/** What makes two snapshots the same version: code and every setting that reaches the runtime. */
function publishedContent(record: FunctionRecord): string {
  return JSON.stringify([
    record.codeSha256,
    record.runtime,
    record.handler,
    record.role,
    record.memorySize,
    record.timeout,
    Object.entries(record.environment).sort(),
    record.architectures,
    record.ephemeralStorageMb,
    record.layers ?? [],
    record.tracingMode ?? 'PassThrough',
    record.deadLetterTargetArn ?? null,
    record.logging ?? null,
    record.allowNetwork ?? false,
  ]);
}

export class VersionsService {
  constructor(
    private readonly functions: FunctionsService,
    private readonly store: LambdaliteStore,
    private readonly clock: Clock,
    private readonly stateTransitionMs: number,
  ) {}

  async publishVersion(input: PublishVersionRequest): Promise<FunctionConfiguration> {
    const latest = await this.functions.requireLatest(input.FunctionName, undefined);
    refuseUnavailableMembers([[input.PublishTo !== undefined, 'PublishTo (Lambda Managed Instances)']]);
    if (input.CodeSha256 !== undefined && input.CodeSha256 !== latest.codeSha256) {
      throw new InvalidParameterValueException(
        `CodeSHA256 (${input.CodeSha256}) is different from current CodeSHA256 in $LATEST (${latest.codeSha256}). Please try again.`,
      );
    }
    this.functions.checkRevision(latest, input.RevisionId);
    this.functions.assertUpdatable(latest);
    return this.functions.configurationOf(await this.publish(latest, input.Description));
  }

  /**
   * Publishes $LATEST as the next version; when nothing changed since the last published
   * version, Lambda publishes nothing and answers that version.
   */
  async publish(latest: FunctionRecord, description?: string): Promise<FunctionVersionRecord> {
    const newest = latest.lastPublishedVersion === undefined ? undefined : await this.store.getVersion(latest.name, latest.lastPublishedVersion);
    if (newest && publishedContent(newest) === publishedContent(latest)) return newest;
    const now = this.clock.now();
    const version = (latest.lastPublishedVersion ?? 0) + 1;
    const {
      tags: _tags,
      reservedConcurrency: _reserved,
      codeSigningConfigArn: _signing,
      lastPublishedVersion: _last,
      updateCompleteAt: _update,
      ...snapshot
    } = latest;
    const record: FunctionVersionRecord = {
      ...snapshot,
      functionName: latest.name,
      version,
      description: description ?? latest.description,
      lastModified: now,
      revisionId: newUuid(),
      activeAt: now + this.stateTransitionMs,
    };
    const code = await this.store.getCode(latest.name);
    if (!code) throw this.functions.notFound({ name: latest.name });
    await this.store.publishVersion(record, code, { ...latest, lastPublishedVersion: version });
    return record;
  }

  async listVersionsByFunction(input: ListVersionsByFunctionRequest): Promise<Omit<ListVersionsByFunctionResponse, '$metadata'>> {
    const latest = await this.functions.requireLatest(input.FunctionName, undefined);
    if (input.MaxItems !== undefined && (input.MaxItems < 1 || input.MaxItems > 10_000)) {
      throw new ValidationException(
        `1 validation error detected: Value '${input.MaxItems}' at 'maxItems' failed to satisfy constraint: ` +
          'Member must have value between 1 and 10000',
      );
    }
    const all: Array<FunctionRecord | FunctionVersionRecord> = [latest, ...(await this.store.listVersions(latest.name))];
    const labelOf = (record: FunctionRecord | FunctionVersionRecord): string => ('version' in record ? String(record.version) : '$LATEST');
    const pageSize = Math.min(input.MaxItems ?? LIST_PAGE_LIMIT, LIST_PAGE_LIMIT);
    let start = 0;
    if (input.Marker !== undefined) {
      start = all.findIndex((record) => labelOf(record) === input.Marker) + 1;
      if (start === 0) throw new InvalidParameterValueException(`Invalid marker: ${input.Marker}`);
    }
    const page = all.slice(start, start + pageSize);
    const response: Omit<ListVersionsByFunctionResponse, '$metadata'> = {
      // Lambda lists $LATEST with a qualified ARN, as it lists every version.
      Versions: page.map((record) => this.functions.configurationOf(record, labelOf(record))),
    };
    const last = page.at(-1);
    if (last && start + pageSize < all.length) response.NextMarker = labelOf(last);
    return response;
  }
}
