/**
 * Base64 for blobs in JSON bodies (https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html:
 * "blob: JSON text, base64-encoded"), with the browser's atob/btoa so it runs in any worker.
 */

// One character class rather than groups of four: a 70 MB ZipFile must not exhaust the regexp engine.
const BASE64_ALPHABET = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decodes standard padded base64; undefined when `text` is not that. */
export function fromBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0 || !BASE64_ALPHABET.test(text)) return undefined;
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // In slices, because String.fromCharCode takes its arguments on the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
