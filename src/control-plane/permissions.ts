/**
 * Resource-based policy of a function: AddPermission, RemovePermission, GetPolicy
 * (https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html).
 * Each qualifier has its own policy: the unqualified function ($LATEST), each published version
 * and each alias; a statement id is unique within one of them. Stored as the 'policy' kind of
 * functionResources, keyed by qualifier (`$LATEST` for the unqualified function).
 *
 * RevisionId: Lambda checks it against the revision of what the policy belongs to (the function
 * or the alias) and gives that a new revision when the policy changes; GetPolicy answers it.
 * A published version's RevisionId never changes here, so a version's policy carries its own.
 */
import type { AddPermissionRequest, GetPolicyRequest, GetPolicyResponse, RemovePermissionRequest } from '@aws-sdk/client-lambda';
import { functionArn, type AccountScope } from '../domain/arn';
import {
  InvalidParameterValueException,
  PreconditionFailedException,
  ResourceConflictException,
  ResourceNotFoundException,
  ValidationException,
} from '../domain/errors';
import { newUuid } from '../domain/ids';
import { assertPolicySize, buildStatement, policyDocument, validatePermissionInput } from '../domain/policy';
import type { FunctionRecord } from '../domain/function-model';
import type { PolicyRecord } from './ports';
import { findQualifier, functionRefOf, type ExistingQualifier, type ResourceStore } from './qualifiers';

const REVISION_MISMATCH =
  'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id';
/** The model's NamespacedStatementId pattern (RemovePermission's StatementId). */
const NAMESPACED_STATEMENT_ID = /^[a-zA-Z0-9-_.]+$/;

interface PolicyTarget {
  record: FunctionRecord;
  qualifier: ExistingQualifier;
  /** The functionResources key of the policy. */
  key: string;
  /** The ARN statements name as Resource: qualified when a qualifier was given. */
  resourceArn: string;
  /** A published version's own RevisionId. */
  versionRevision?: string;
}

export class PermissionsService {
  constructor(
    private readonly store: ResourceStore,
    private readonly scope: () => AccountScope,
  ) {}

  async addPermission(input: AddPermissionRequest): Promise<{ Statement: string }> {
    const ref = functionRefOf(input.FunctionName, input.Qualifier, this.scope());
    if (ref.qualifier === '$LATEST') {
      // Lambda keeps $LATEST's statements in the unqualified function's policy.
      throw new InvalidParameterValueException('We currently do not support adding policies for $LATEST.');
    }
    validatePermissionInput(input);
    const target = await this.target(ref.name, ref.qualifier);
    const policy = await this.store.getResource(ref.name, 'policy', target.key);
    this.checkRevision(target, policy, input.RevisionId);
    if (policy?.statements.some((statement) => statement.Sid === input.StatementId)) {
      throw new ResourceConflictException(
        `The statement id (${input.StatementId}) provided already exists. Please provide a new statement id, or remove the existing statement.`,
      );
    }
    const statement = buildStatement(input, target.resourceArn);
    const statements = [...(policy?.statements ?? []), statement];
    assertPolicySize(policyDocument(statements));
    await this.save(target, statements);
    return { Statement: JSON.stringify(statement) };
  }

  async removePermission(input: RemovePermissionRequest): Promise<Record<string, never>> {
    const ref = functionRefOf(input.FunctionName, input.Qualifier, this.scope());
    const sid = input.StatementId;
    if (sid === undefined || sid.length < 1 || sid.length > 100 || !NAMESPACED_STATEMENT_ID.test(sid)) {
      throw new ValidationException(
        `1 validation error detected: Value ${sid === undefined ? 'null' : `'${sid}'`} at 'statementId' failed to satisfy constraint: ` +
          (sid === undefined ? 'Member must not be null' : `Member must satisfy regular expression pattern: ${NAMESPACED_STATEMENT_ID.source.slice(1, -1)}`),
      );
    }
    const target = await this.target(ref.name, ref.qualifier);
    const policy = await this.store.getResource(ref.name, 'policy', target.key);
    if (!policy) throw new ResourceNotFoundException('No policy is associated with the given resource.');
    if (!policy.statements.some((statement) => statement.Sid === sid)) {
      throw new ResourceNotFoundException(`Statement ${sid} is not found in resource policy.`);
    }
    this.checkRevision(target, policy, input.RevisionId);
    await this.save(target, policy.statements.filter((statement) => statement.Sid !== sid));
    return {};
  }

  async getPolicy(input: GetPolicyRequest): Promise<Omit<GetPolicyResponse, '$metadata'>> {
    const ref = functionRefOf(input.FunctionName, input.Qualifier, this.scope());
    const target = await this.target(ref.name, ref.qualifier);
    const policy = await this.store.getResource(ref.name, 'policy', target.key);
    if (!policy || policy.statements.length === 0) throw new ResourceNotFoundException('The resource you requested does not exist.');
    return { Policy: policyDocument(policy.statements), RevisionId: this.revisionOf(target, policy) };
  }

  /** The statements of a qualifier's policy (empty when it has none), for whoever authorizes calls. */
  async statementsOf(functionName: string, qualifier = '$LATEST'): Promise<PolicyRecord['statements']> {
    return (await this.store.getResource(functionName, 'policy', qualifier))?.statements ?? [];
  }

  private async target(name: string, qualifier: string | undefined): Promise<PolicyTarget> {
    const scope = this.scope();
    const record = await this.store.getFunction(name);
    if (!record) throw new ResourceNotFoundException(`Function not found: ${functionArn(scope, name, qualifier)}`);
    if (qualifier === undefined || qualifier === '$LATEST') {
      return { record, qualifier: { kind: 'latest', qualifier: '$LATEST' }, key: '$LATEST', resourceArn: functionArn(scope, name, qualifier) };
    }
    const existing = await findQualifier(this.store, name, qualifier);
    if (!existing) {
      const arn = functionArn(scope, name, qualifier);
      throw new ResourceNotFoundException(/^[0-9]+$/.test(qualifier) ? `Function not found: ${arn}` : `Cannot find alias arn: ${arn}`);
    }
    const target: PolicyTarget = { record, qualifier: existing, key: qualifier, resourceArn: functionArn(scope, name, qualifier) };
    if (existing.kind === 'version') target.versionRevision = (await this.store.getVersion(name, existing.version))?.revisionId;
    return target;
  }

  /** The RevisionId the policy answers to: the function's, the alias's, or (for a version) the policy's own. */
  private revisionOf(target: PolicyTarget, policy: PolicyRecord | undefined): string {
    switch (target.qualifier.kind) {
      case 'latest':
        return target.record.revisionId;
      case 'alias':
        return target.qualifier.alias.revisionId;
      case 'version':
        return policy?.revisionId ?? target.versionRevision ?? target.record.revisionId;
    }
  }

  private checkRevision(target: PolicyTarget, policy: PolicyRecord | undefined, revisionId: string | undefined): void {
    if (revisionId !== undefined && revisionId !== this.revisionOf(target, policy)) throw new PreconditionFailedException(REVISION_MISMATCH);
  }

  /** Writes the statements (removing an empty policy) and gives the owner a new revision. */
  private async save(target: PolicyTarget, statements: PolicyRecord['statements']): Promise<void> {
    const { record, key } = target;
    const revisionId = newUuid();
    if (statements.length === 0) await this.store.deleteResource(record.name, 'policy', key);
    else await this.store.putResource(record.name, 'policy', key, { revisionId, statements });
    if (target.qualifier.kind === 'latest') {
      const latest = await this.store.getFunction(record.name);
      if (latest) await this.store.putFunction({ ...latest, revisionId });
    } else if (target.qualifier.kind === 'alias') {
      await this.store.putResource(record.name, 'alias', key, { ...target.qualifier.alias, revisionId });
    }
  }
}
