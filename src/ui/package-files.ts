/**
 * A deployment package as the code editor sees it: files by path, zipped and
 * unzipped with fflate. Text files are editable; anything else is kept as bytes
 * and written back unchanged on Deploy.
 */
import { Unzip, UnzipInflate, UnzipPassThrough, unzipSync, zipSync, type Zippable } from 'fflate';

export interface PackageFile {
  path: string;
  /** UTF-8 text, or undefined for a binary file (kept as `bytes`). */
  text: string | undefined;
  bytes: Uint8Array;
}

const decoder = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/** The files of a zip, folders dropped, sorted by path. */
export function unzipPackage(zip: Uint8Array): PackageFile[] {
  const entries = unzipSync(zip);
  return Object.entries(entries)
    .filter(([path]) => !path.endsWith('/'))
    .map(([path, bytes]) => ({ path, text: decodeText(bytes), bytes }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** The folder entries of a zip (`lib/`), without the slash: empty folders survive a round trip. */
export function zipFolders(zip: Uint8Array): string[] {
  return Object.keys(unzipSync(zip, { filter: (f) => f.name.endsWith('/') }))
    .map((p) => p.replace(/\/+$/, ''))
    .filter(Boolean)
    .sort();
}

/**
 * Zips files; edited text wins over the original bytes. `folders` become folder entries,
 * so an empty folder made in the file tree is kept.
 */
export function zipPackage(
  files: ReadonlyArray<{ path: string; text: string | undefined; bytes?: Uint8Array }>,
  folders: readonly string[] = [],
): Uint8Array {
  const tree: Zippable = {};
  for (const folder of folders) tree[`${folder}/`] = new Uint8Array();
  for (const file of files) {
    const bytes = file.text !== undefined ? encoder.encode(file.text) : (file.bytes ?? new Uint8Array());
    tree[file.path] = [bytes, { level: 6 }];
  }
  return zipSync(tree);
}

/** A .zip the user chose that is not one (or is damaged): the message says what to do. */
export class BadZipError extends Error {
  override name = 'BadZipError';
}

/** How far unzipping has got: bytes of the archive read, of its whole size. */
export type UnzipProgress = (done: number, total: number) => void;

/**
 * Unzips an uploaded archive in slices, yielding to the page between them so a progress
 * bar can move, and checks that it is a zip: an archive that is not, is damaged or holds
 * no files is refused with a BadZipError. Answers the files (as `unzipPackage`) and the
 * folder entries.
 */
export async function unzipWithProgress(
  zip: Uint8Array,
  onProgress: UnzipProgress = () => undefined,
  chunkSize = 256 * 1024,
): Promise<{ files: PackageFile[]; folders: string[] }> {
  // A zip starts with a local file header (PK\x03\x04), or is an empty archive (PK\x05\x06).
  if (zip.length < 4 || zip[0] !== 0x50 || zip[1] !== 0x4b) {
    throw new BadZipError('The file is not a .zip archive. Choose a .zip file of your function code.');
  }
  const chunks = new Map<string, Uint8Array[]>();
  const folders: string[] = [];
  let failure: Error | undefined;
  const unzipper = new Unzip((entry) => {
    if (entry.name.endsWith('/')) {
      folders.push(entry.name.replace(/\/+$/, ''));
      return;
    }
    const parts: Uint8Array[] = [];
    chunks.set(entry.name, parts);
    entry.ondata = (error, data) => {
      if (error) failure ??= error;
      else parts.push(data);
    };
    entry.start();
  });
  unzipper.register(UnzipInflate);
  unzipper.register(UnzipPassThrough);
  try {
    for (let offset = 0; offset < zip.length; offset += chunkSize) {
      const end = Math.min(offset + chunkSize, zip.length);
      unzipper.push(zip.subarray(offset, end), end === zip.length);
      onProgress(end, zip.length);
      if (failure) break;
      // Let the page paint the progress between slices.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  } catch (error) {
    failure ??= error as Error;
  }
  if (failure) throw new BadZipError(`The .zip file could not be unzipped (${failure.message}). Check the file, then upload it again.`);
  // The streaming reader trusts local headers; the central directory check catches a truncated file.
  try {
    unzipSync(zip, { filter: () => false });
  } catch (error) {
    throw new BadZipError(`The .zip file could not be unzipped (${(error as Error).message}). Check the file, then upload it again.`);
  }
  const files = [...chunks.entries()]
    .map(([path, parts]) => {
      const bytes = concat(parts);
      return { path, text: decodeText(bytes), bytes };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
  if (files.length === 0) throw new BadZipError('The .zip file holds no files. Add your function code to the archive and upload it again.');
  return { files, folders: folders.filter(Boolean).sort() };
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * Checks a path typed in the file tree: relative, `/`-separated, no empty, `.` or `..`
 * segments (they would escape /var/task or collide). Answers the problem, or undefined.
 */
export function pathProblem(path: string): string | undefined {
  if (path.trim() === '') return 'Enter a name.';
  if (path.startsWith('/')) return 'The name must not start with a slash.';
  if (/[\\:*?"<>|]/.test(path)) return 'The name must not contain \\ : * ? " < > or |.';
  const segments = path.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return 'The name has an empty, "." or ".." folder.';
  return undefined;
}

/**
 * The file a handler setting points at, as Lambda resolves it: `index.handler` →
 * index.mjs, index.js or index.cjs; `lambda_function.lambda_handler` → lambda_function.py;
 * a module path may include folders (`src/app.handler`).
 */
export function handlerFile(handler: string | undefined, paths: readonly string[]): string | undefined {
  if (handler) {
    const dot = handler.lastIndexOf('.');
    const module = dot > 0 ? handler.slice(0, dot) : handler;
    for (const ext of ['.mjs', '.js', '.cjs', '.py']) {
      if (paths.includes(module + ext)) return module + ext;
    }
  }
  return paths[0];
}
