/**
 * Code signing in Lambdalite (https://docs.aws.amazon.com/lambda/latest/dg/configuration-codesigning.html).
 *
 * On AWS, AWS Signer signs a package with a signing profile and Lambda checks the signature at
 * deployment: integrity (the package is what was signed), expiry, mismatch (the profile version
 * is one of the config's AllowedPublishers) and revocation. Lambdalite has no AWS Signer, so a
 * signing profile is a WebCrypto ECDSA P-256 key pair kept in the workspace, named by a profile
 * version ARN in Signer's shape: `arn:aws:signer:<region>:<account>:/signing-profiles/<name>/<versionId>`.
 *
 * A signed package is the original zip with one more entry, `META-INF/lambdalite-signature.json`:
 *
 * ```json
 * { "format": "lambdalite-signature/1", "algorithm": "ECDSA_P256_SHA256",
 *   "profileVersionArn": "arn:aws:signer:…", "signedAt": "2026-11-22T08:00:00.000Z",
 *   "signature": "<base64 of the IEEE P1363 signature of the manifest>" }
 * ```
 *
 * The manifest is the UTF-8 text of one line per file of the package except the signature entry,
 * `<path>\t<hex SHA-256 of the file's bytes>\n`, sorted by path (folders left out). Signing the
 * files rather than the zip bytes lets the signature travel inside the zip it covers.
 */
import { unzipSync, zipSync } from 'fflate';

export const SIGNATURE_ENTRY = 'META-INF/lambdalite-signature.json';
const FORMAT = 'lambdalite-signature/1';
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN_PARAMS = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** A signing profile version: its ARN and keys (the private key only where this workspace signs with it). */
export interface SigningProfileRecord {
  /** The profile's name (AWS Signer: 2–64 letters, digits and underscores). */
  name: string;
  /** The profile version id: 10 alphanumeric characters, as Signer's. */
  versionId: string;
  profileVersionArn: string;
  publicKeyJwk: JsonWebKey;
  privateKeyJwk?: JsonWebKey;
  /** Epoch ms. */
  createdAt: number;
}

export interface SignatureEntry {
  format: typeof FORMAT;
  algorithm: 'ECDSA_P256_SHA256';
  profileVersionArn: string;
  signedAt: string;
  signature: string;
}

/** What verifying a package found. */
export type VerificationResult =
  | { status: 'unsigned' }
  /** The signature entry is malformed, or the files are not what was signed (integrity check). */
  | { status: 'invalid'; profileVersionArn?: string }
  /** Signed with a profile version that is not among the allowed publishers (mismatch check). */
  | { status: 'untrusted'; profileVersionArn: string }
  | { status: 'valid'; profileVersionArn: string };

export const SIGNING_PROFILE_NAME = /^[a-zA-Z0-9_]{2,64}$/;

export function signingProfileVersionArn(region: string, accountId: string, name: string, versionId: string): string {
  return `arn:aws:signer:${region}:${accountId}:/signing-profiles/${name}/${versionId}`;
}

/** A new profile version with a fresh key pair (extractable, so both halves can be stored as JWK). */
export async function createSigningProfile(
  region: string,
  accountId: string,
  name: string,
  now: number,
): Promise<SigningProfileRecord> {
  const pair = await crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const versionId = Array.from(crypto.getRandomValues(new Uint8Array(10)), (byte) => alphabet[byte % alphabet.length]).join('');
  return {
    name,
    versionId,
    profileVersionArn: signingProfileVersionArn(region, accountId, name, versionId),
    publicKeyJwk: await crypto.subtle.exportKey('jwk', pair.publicKey),
    privateKeyJwk: await crypto.subtle.exportKey('jwk', pair.privateKey),
    createdAt: now,
  };
}

function hex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/** The manifest the signature covers: `<path>\t<sha256 hex>\n` per file, sorted, the signature entry excluded. */
async function manifestOf(files: Record<string, Uint8Array>): Promise<Uint8Array<ArrayBuffer>> {
  const paths = Object.keys(files)
    .filter((path) => !path.endsWith('/') && path !== SIGNATURE_ENTRY)
    .sort();
  const lines: string[] = [];
  for (const path of paths) {
    lines.push(`${path}\t${hex(await crypto.subtle.digest('SHA-256', files[path] as Uint8Array<ArrayBuffer>))}\n`);
  }
  return new TextEncoder().encode(lines.join(''));
}

/**
 * Signs a package with a profile that holds its private key: the same files plus the signature
 * entry (an existing signature is replaced). Throws if the zip cannot be read.
 */
export async function signPackage(zip: Uint8Array, profile: SigningProfileRecord, now: number): Promise<Uint8Array> {
  if (!profile.privateKeyJwk) throw new Error(`Signing profile ${profile.profileVersionArn} has no private key in this workspace.`);
  const files = unzipSync(zip);
  delete files[SIGNATURE_ENTRY];
  const key = await crypto.subtle.importKey('jwk', profile.privateKeyJwk, ALGORITHM, false, ['sign']);
  const signature = new Uint8Array(await crypto.subtle.sign(SIGN_PARAMS, key, await manifestOf(files)));
  const entry: SignatureEntry = {
    format: FORMAT,
    algorithm: 'ECDSA_P256_SHA256',
    profileVersionArn: profile.profileVersionArn,
    signedAt: new Date(now).toISOString(),
    signature: toBase64(signature),
  };
  return zipSync({ ...files, [SIGNATURE_ENTRY]: new TextEncoder().encode(JSON.stringify(entry, null, 2)) });
}

function readEntry(bytes: Uint8Array): SignatureEntry | undefined {
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(bytes));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const entry = parsed as Partial<SignatureEntry>;
    return entry.format === FORMAT && typeof entry.profileVersionArn === 'string' && typeof entry.signature === 'string'
      ? (entry as SignatureEntry)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Verifies a package against the allowed publishers: `profiles` are the workspace's signing
 * profiles (where the public keys come from), `allowed` the config's SigningProfileVersionArns.
 * A zip that cannot be read is reported unsigned (the deployment's own checks refuse it).
 */
export async function verifyPackage(
  zip: Uint8Array,
  allowed: readonly string[],
  profiles: readonly SigningProfileRecord[],
): Promise<VerificationResult> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip);
  } catch {
    return { status: 'unsigned' };
  }
  const raw = files[SIGNATURE_ENTRY];
  if (raw === undefined) return { status: 'unsigned' };
  const entry = readEntry(raw);
  if (!entry) return { status: 'invalid' };
  const arn = entry.profileVersionArn;
  const profile = profiles.find((candidate) => candidate.profileVersionArn === arn);
  // Without the profile's public key the signature cannot be checked: it is not from a known publisher.
  if (!profile) return { status: 'untrusted', profileVersionArn: arn };
  // Lambda's order: integrity first, then mismatch with the allowed publishers.
  const signature = fromBase64(entry.signature);
  if (!signature) return { status: 'invalid', profileVersionArn: arn };
  const key = await crypto.subtle.importKey('jwk', profile.publicKeyJwk, ALGORITHM, false, ['verify']);
  if (!(await crypto.subtle.verify(SIGN_PARAMS, key, signature, await manifestOf(files)))) {
    return { status: 'invalid', profileVersionArn: arn };
  }
  return allowed.includes(arn) ? { status: 'valid', profileVersionArn: arn } : { status: 'untrusted', profileVersionArn: arn };
}
