/**
 * Layers (https://docs.aws.amazon.com/lambda/latest/dg/chapter-layers.html): their ARNs, the
 * shapes Lambda reports for a layer version, and the resource-based policy statements
 * AddLayerVersionPermission writes. Pure: no store, no clock.
 */
import type { AccountScope } from './arn';
import { lambdaTimestamp } from './ids';

/** A layer a function uses, as FunctionConfiguration.Layers reports it (`{ Arn, CodeSize }`). */
export interface LayerReference {
  /** The layer version ARN, `arn:aws:lambda:<region>:<account>:layer:<name>:<version>`. */
  arn: string;
  /** The layer archive's size in bytes (a version is immutable, so this never changes). */
  codeSize: number;
}

/** What a layer version holds, as the domain reads it (the store's record has these fields). */
export interface LayerVersionView {
  layerName: string;
  version: number;
  description: string;
  createdDate: number;
  compatibleRuntimes: string[];
  compatibleArchitectures: string[];
  licenseInfo?: string;
  codeSha256: string;
  codeSize: number;
}

/** A parsed layer (version) ARN. */
export interface LayerArnParts {
  region: string;
  accountId: string;
  layerName: string;
  /** Absent for a layer ARN without a version. */
  version?: number;
}

export const LAYER_LIMITS = {
  /** A function uses at most five layers (https://docs.aws.amazon.com/lambda/latest/dg/adding-layers.html). */
  layersPerFunction: 5,
  /** The model's CompatibleRuntimes and CompatibleArchitectures lengths. */
  compatibleRuntimes: 15,
  compatibleArchitectures: 2,
  /** ListLayers and ListLayerVersions: MaxItems 1–50 (MaxLayerListItems). */
  listPage: 50,
  /** A resource-based policy is limited to 20 KB (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). */
  policyMaxBytes: 20_480,
} as const;

const LAYER_ARN = /^arn:(aws[a-zA-Z-]*)?:lambda:([a-z0-9-]+):(\d{12}):layer:([a-zA-Z0-9-_]+)(?::([0-9]+))?$/;
/** The model's LayerName pattern without the ARN branch. */
const LAYER_NAME = /^[a-zA-Z0-9-_]+$/;

export function layerArn(scope: AccountScope, layerName: string): string {
  return `arn:aws:lambda:${scope.region}:${scope.accountId}:layer:${layerName}`;
}

export function layerVersionArn(scope: AccountScope, layerName: string, version: number): string {
  return `${layerArn(scope, layerName)}:${version}`;
}

/** Parses `arn:…:layer:<name>` or `arn:…:layer:<name>:<version>`; undefined when it is neither. */
export function parseLayerArn(value: string): LayerArnParts | undefined {
  const match = LAYER_ARN.exec(value);
  if (!match) return undefined;
  const [, , region, accountId, layerName, version] = match;
  const parts: LayerArnParts = { region: region!, accountId: accountId!, layerName: layerName! };
  if (version !== undefined) parts.version = Number(version);
  return parts;
}

/** True when a LayerName member is a plain name (the model also accepts a layer ARN). */
export function isPlainLayerName(value: string): boolean {
  return LAYER_NAME.test(value);
}

/** The members every layer version output shares (LayerVersionsListItem). */
export function toLayerVersionsListItem(record: LayerVersionView, scope: AccountScope): {
  LayerVersionArn: string;
  Version: number;
  Description: string;
  CreatedDate: string;
  CompatibleRuntimes?: string[];
  CompatibleArchitectures?: string[];
  LicenseInfo?: string;
} {
  const item: ReturnType<typeof toLayerVersionsListItem> = {
    LayerVersionArn: layerVersionArn(scope, record.layerName, record.version),
    Version: record.version,
    Description: record.description,
    CreatedDate: lambdaTimestamp(record.createdDate),
  };
  // Lambda leaves out the lists and LicenseInfo when the publisher gave none (examples-1.json: ListLayerVersions).
  if (record.compatibleRuntimes.length > 0) item.CompatibleRuntimes = [...record.compatibleRuntimes];
  if (record.compatibleArchitectures.length > 0) item.CompatibleArchitectures = [...record.compatibleArchitectures];
  if (record.licenseInfo !== undefined) item.LicenseInfo = record.licenseInfo;
  return item;
}

/**
 * PublishLayerVersion's, GetLayerVersion's and GetLayerVersionByArn's answer. `location` is where
 * the archive downloads (on AWS a presigned S3 URL valid for 10 minutes; here a URL in the app).
 */
export function toLayerVersionOutput(record: LayerVersionView, scope: AccountScope, location: string) {
  const { LayerVersionArn, Version, Description, CreatedDate, ...lists } = toLayerVersionsListItem(record, scope);
  return {
    Content: { Location: location, CodeSha256: record.codeSha256, CodeSize: record.codeSize },
    LayerArn: layerArn(scope, record.layerName),
    LayerVersionArn,
    Description,
    CreatedDate,
    Version,
    ...lists,
  };
}

/**
 * The statement AddLayerVersionPermission adds, as Lambda writes it (examples-1.json:
 * AddLayerVersionPermission): an account id becomes `{"AWS": "arn:aws:iam::<id>:root"}`, `*`
 * stays `*`, and an OrganizationId becomes an `aws:PrincipalOrgID` condition
 * (https://docs.aws.amazon.com/lambda/latest/dg/permissions-layer-cross-account.html).
 */
export function layerPermissionStatement(input: {
  statementId: string;
  action: string;
  principal: string;
  organizationId?: string;
  resource: string;
}): {
  Sid: string;
  Effect: 'Allow';
  Principal: string | Record<string, string>;
  Action: string;
  Resource: string;
  Condition?: Record<string, Record<string, string>>;
} {
  const principal = input.principal === '*' ? '*' : { AWS: /^\d{12}$/.test(input.principal) ? `arn:aws:iam::${input.principal}:root` : input.principal };
  const statement: ReturnType<typeof layerPermissionStatement> = {
    Sid: input.statementId,
    Effect: 'Allow',
    Principal: principal,
    Action: input.action,
    Resource: input.resource,
  };
  if (input.organizationId !== undefined && input.organizationId !== '') {
    statement.Condition = { StringEquals: { 'aws:PrincipalOrgID': input.organizationId } };
  }
  return statement;
}

/** GetLayerVersionPolicy's Policy: the statements in an IAM policy document, as a JSON string. */
export function layerPolicyDocument(statements: readonly object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: statements });
}
