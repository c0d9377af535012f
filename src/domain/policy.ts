/**
 * Resource-based policies as Lambda writes them
 * (https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html): AddPermission
 * turns its parameters into one statement, GetPolicy answers the document as a JSON string.
 * The shapes follow the API reference's examples (examples-1.json: AddPermission, GetPolicy).
 */
import { InvalidParameterValueException, PolicyLengthExceededException } from './errors';
import { Violations } from './validation';

/** One statement, in the member order Lambda writes: Sid, Effect, Principal, Action, Resource, Condition. */
export interface PolicyStatementShape {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Principal: string | Record<string, string>;
  Action: string;
  Resource: string;
  Condition?: Record<string, Record<string, string>>;
}

/** What AddPermission says about the grant (its body members). */
export interface PermissionInput {
  StatementId?: string | undefined;
  Action?: string | undefined;
  Principal?: string | undefined;
  SourceArn?: string | undefined;
  SourceAccount?: string | undefined;
  EventSourceToken?: string | undefined;
  PrincipalOrgID?: string | undefined;
  FunctionUrlAuthType?: string | undefined;
  InvokedViaFunctionUrl?: boolean | undefined;
}

/** A function's resource-based policy may hold 20 KB (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). */
export const POLICY_MAX_BYTES = 20_480;

// The model's patterns (service-2.json shapes StatementId, Action, Principal, SourceOwner, Arn, EventSourceToken, PrincipalOrgID).
const STATEMENT_ID = /^[a-zA-Z0-9-_]+$/;
const ACTION = /^(lambda:[*]|lambda:[a-zA-Z]+|[*])$/;
const PRINCIPAL = /^[^\s]+$/;
const SOURCE_ACCOUNT = /^\d{12}$/;
const ARN = /^arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9-])+:((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1})?:(\d{12})?:(.*)$/;
const EVENT_SOURCE_TOKEN = /^[a-zA-Z0-9._-]+$/;
const PRINCIPAL_ORG_ID = /^o-[a-z0-9]{10,32}$/;
const ACCOUNT_ID = /^\d{12}$/;

function pattern(regex: RegExp): string {
  return regex.source.slice(1, -1);
}

/** Checks AddPermission's members against the model's constraints (one ValidationException listing them all). */
export function validatePermissionInput(input: PermissionInput): void {
  const violations = new Violations();
  const { StatementId: sid, Action: action, Principal: principal } = input;
  if (sid === undefined) violations.add(sid, 'statementId', 'Member must not be null');
  else if (sid.length < 1) violations.add(sid, 'statementId', 'Member must have length greater than or equal to 1');
  else if (sid.length > 100) violations.add(sid, 'statementId', 'Member must have length less than or equal to 100');
  else if (!STATEMENT_ID.test(sid)) violations.add(sid, 'statementId', `Member must satisfy regular expression pattern: ${pattern(STATEMENT_ID)}`);
  if (action === undefined) violations.add(action, 'action', 'Member must not be null');
  else if (!ACTION.test(action)) violations.add(action, 'action', `Member must satisfy regular expression pattern: ${pattern(ACTION)}`);
  if (principal === undefined) violations.add(principal, 'principal', 'Member must not be null');
  else if (!PRINCIPAL.test(principal)) violations.add(principal, 'principal', `Member must satisfy regular expression pattern: ${pattern(PRINCIPAL)}`);
  if (input.SourceAccount !== undefined && !SOURCE_ACCOUNT.test(input.SourceAccount)) {
    violations.add(input.SourceAccount, 'sourceAccount', `Member must satisfy regular expression pattern: ${pattern(SOURCE_ACCOUNT)}`);
  }
  if (input.SourceArn !== undefined && !ARN.test(input.SourceArn)) {
    violations.add(input.SourceArn, 'sourceArn', `Member must satisfy regular expression pattern: ${pattern(ARN)}`);
  }
  if (input.EventSourceToken !== undefined && !EVENT_SOURCE_TOKEN.test(input.EventSourceToken)) {
    violations.add(input.EventSourceToken, 'eventSourceToken', `Member must satisfy regular expression pattern: ${pattern(EVENT_SOURCE_TOKEN)}`);
  }
  if (input.PrincipalOrgID !== undefined && !PRINCIPAL_ORG_ID.test(input.PrincipalOrgID)) {
    violations.add(input.PrincipalOrgID, 'principalOrgID', `Member must satisfy regular expression pattern: ${pattern(PRINCIPAL_ORG_ID)}`);
  }
  if (input.FunctionUrlAuthType !== undefined && !['NONE', 'AWS_IAM'].includes(input.FunctionUrlAuthType)) {
    violations.add(input.FunctionUrlAuthType, 'functionUrlAuthType', 'Member must satisfy enum value set: [NONE, AWS_IAM]');
  }
  violations.throwIfAny();
}

/**
 * The Principal element Lambda writes for AddPermission's Principal: a service principal
 * (`s3.amazonaws.com`) as `{"Service": …}`, an account id as its root user `{"AWS": "arn:aws:iam::<id>:root"}`,
 * an IAM ARN as `{"AWS": …}`, and `*` as is.
 */
export function principalElement(principal: string, partition = 'aws'): PolicyStatementShape['Principal'] {
  if (principal === '*') return '*';
  if (principal.endsWith('.amazonaws.com')) return { Service: principal };
  if (ACCOUNT_ID.test(principal)) return { AWS: `arn:${partition}:iam::${principal}:root` };
  if (/^arn:aws[a-zA-Z-]*:iam::/.test(principal)) return { AWS: principal };
  throw new InvalidParameterValueException('The provided principal was invalid. Please check the principal and try again.');
}

/**
 * The statement AddPermission adds: conditions in Lambda's order, StringEquals (function URL
 * auth type, organization, source account, event source token) before ArnLike (source ARN).
 */
export function buildStatement(input: PermissionInput, resourceArn: string): PolicyStatementShape {
  const statement: PolicyStatementShape = {
    Sid: input.StatementId!,
    Effect: 'Allow',
    Principal: principalElement(input.Principal!),
    Action: input.Action!,
    Resource: resourceArn,
  };
  const equals: Record<string, string> = {};
  if (input.FunctionUrlAuthType !== undefined) equals['lambda:FunctionUrlAuthType'] = input.FunctionUrlAuthType;
  if (input.PrincipalOrgID !== undefined) equals['aws:PrincipalOrgID'] = input.PrincipalOrgID;
  if (input.SourceAccount !== undefined) equals['AWS:SourceAccount'] = input.SourceAccount;
  if (input.EventSourceToken !== undefined) equals['lambda:EventSourceToken'] = input.EventSourceToken;
  const condition: Record<string, Record<string, string>> = {};
  if (Object.keys(equals).length > 0) condition.StringEquals = equals;
  if (input.InvokedViaFunctionUrl === true) condition.Bool = { 'lambda:InvokedViaFunctionUrl': 'true' };
  if (input.SourceArn !== undefined) condition.ArnLike = { 'AWS:SourceArn': input.SourceArn };
  if (Object.keys(condition).length > 0) statement.Condition = condition;
  return statement;
}

/** The policy document as GetPolicy's `Policy` string: `{"Version":"2012-10-17","Id":"default","Statement":[…]}`. */
export function policyDocument(statements: PolicyStatementShape[]): string {
  return JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: statements });
}

/** Refuses a document over the quota, with Lambda's message naming both sizes. */
export function assertPolicySize(document: string): void {
  const size = new TextEncoder().encode(document).byteLength;
  if (size > POLICY_MAX_BYTES) {
    throw new PolicyLengthExceededException(`The final policy size (${size}) is bigger than the limit (${POLICY_MAX_BYTES}).`);
  }
}
