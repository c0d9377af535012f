/**
 * A deployment package as the code editor sees it: files by path, zipped and
 * unzipped with fflate. Text files are editable; anything else is kept as bytes
 * and written back unchanged on Deploy.
 */
import { unzipSync, zipSync, type Zippable } from 'fflate';

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

/** Zips files; edited text wins over the original bytes. */
export function zipPackage(files: ReadonlyArray<{ path: string; text: string | undefined; bytes?: Uint8Array }>): Uint8Array {
  const tree: Zippable = {};
  for (const file of files) {
    const bytes = file.text !== undefined ? encoder.encode(file.text) : (file.bytes ?? new Uint8Array());
    tree[file.path] = [bytes, { level: 6 }];
  }
  return zipSync(tree);
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
