/**
 * Deployment packages: zip bytes in, files out, with Lambda's checks and its CodeSha256.
 */
import { unzipSync } from 'fflate';
import { InvalidParameterValueException, RequestTooLargeException } from '../domain/errors';
import { LIMITS } from '../domain/validation';

/** CodeSha256 as Lambda reports it: the base64 of the package's SHA-256 digest. */
export async function sha256Base64(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  let binary = '';
  for (const byte of digest) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Rejects a package Lambda would reject before storing it. */
export function checkPackageSize(zip: Uint8Array, operation: 'CreateFunction' | 'UpdateFunctionCode'): void {
  if (zip.byteLength > LIMITS.zippedMaxBytes) {
    // Lambda answers direct uploads over the quota with 413 RequestEntityTooLargeException.
    throw new RequestTooLargeException(
      `Request must be smaller than ${LIMITS.zippedMaxBytes} bytes for the ${operation} operation`,
    );
  }
}

/**
 * The package's files, paths relative to /var/task. Folders are dropped (they exist through
 * their files). Throws Lambda's errors for a package that is not a zip or unzips too large.
 */
export function unzipPackage(zip: Uint8Array): Record<string, Uint8Array> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch {
    throw new InvalidParameterValueException('Could not unzip uploaded file. Please check your file, then try to upload again.');
  }
  const files: Record<string, Uint8Array> = {};
  let total = 0;
  for (const [path, content] of Object.entries(entries)) {
    if (path.endsWith('/')) continue;
    const normalised = path.replace(/^\.?\/+/, '');
    if (normalised.split('/').includes('..')) {
      throw new InvalidParameterValueException('Could not unzip uploaded file. Please check your file, then try to upload again.');
    }
    total += content.byteLength;
    files[normalised] = content;
  }
  if (total > LIMITS.unzippedMaxBytes) {
    throw new InvalidParameterValueException(`Unzipped size must be smaller than ${LIMITS.unzippedMaxBytes} bytes`);
  }
  return files;
}
