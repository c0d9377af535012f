/**
 * /tmp as Lambda gives it (https://docs.aws.amazon.com/lambda/latest/dg/configuration-ephemeral-storage.html):
 * writable, kept across warm invocations of one environment, empty in a new one, and no larger
 * than the function's EphemeralStorage (512 MB by default, up to 10,240 MB).
 *
 * Pyodide's /tmp is Emscripten's MEMFS, which has no size limit of its own. Every write of
 * Python's goes through `FS.write` (the `fd_write` syscall's `doWritev`, looked up on the FS
 * object at each call), so wrapping it there refuses a write that would take /tmp past the
 * limit with ENOSPC, which Python raises as `OSError: [Errno …] No space left on device`.
 * Files grown without a write (`truncate()` to a larger size) are not counted.
 */
import type { PyodideInterface } from 'pyodide';
import { emptyDirectory, type TaskFileSystem } from './task-files';

export const TMP_ROOT = '/tmp';

interface MemfsNode {
  usedBytes?: number;
}

interface FsStream {
  path?: string;
  node: MemfsNode;
  position: number;
}

interface EmscriptenFs extends TaskFileSystem {
  write(stream: FsStream, buffer: Uint8Array, offset: number, length: number, position?: number, canOwn?: boolean): number;
  lookupPath(path: string): { node: MemfsNode };
  ErrnoError: new (errno: number) => Error;
}

export class TmpQuota {
  readonly #fs: EmscriptenFs;
  readonly #enospc: number;
  #limit = Number.POSITIVE_INFINITY;
  /** An upper bound of the bytes in /tmp: writes add their growth; deletions are found by `#measure`. */
  #estimate = 0;

  constructor(pyodide: PyodideInterface) {
    this.#fs = pyodide.FS as unknown as EmscriptenFs;
    this.#enospc = (pyodide.ERRNO_CODES as Record<string, number>).ENOSPC ?? 51;
    const fs = this.#fs;
    const write = fs.write;
    fs.write = (stream, buffer, offset, length, position, canOwn) => {
      if (this.#limit !== Number.POSITIVE_INFINITY && (stream.path ?? '').startsWith(`${TMP_ROOT}/`)) {
        const before = stream.node.usedBytes ?? 0;
        const growth = Math.max(0, (position ?? stream.position) + length - before);
        if (growth > 0) {
          if (this.#estimate + growth > this.#limit) this.#estimate = this.#measure(TMP_ROOT);
          if (this.#estimate + growth > this.#limit) throw new fs.ErrnoError(this.#enospc);
          this.#estimate += growth;
        }
      }
      return write.call(fs, stream, buffer, offset, length, position, canOwn);
    };
  }

  /** A new environment: /tmp emptied, holding at most `limitBytes`. */
  reset(limitBytes: number): void {
    emptyDirectory(this.#fs, TMP_ROOT);
    this.#limit = limitBytes;
    this.#estimate = 0;
  }

  /** Bytes in the files under `dir` now. */
  #measure(dir: string): number {
    let total = 0;
    for (const name of this.#fs.readdir(dir)) {
      if (name === '.' || name === '..') continue;
      const path = `${dir}/${name}`;
      const { mode } = this.#fs.stat(path);
      if (this.#fs.isDir(mode)) total += this.#measure(path);
      else total += this.#fs.lookupPath(path).node.usedBytes ?? 0;
    }
    return total;
  }
}
