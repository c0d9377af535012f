/**
 * /tmp as Lambda gives it (https://docs.aws.amazon.com/lambda/latest/dg/configuration-ephemeral-storage.html):
 * writable, kept across warm invocations of one environment, empty in a new one, and no larger
 * than the function's EphemeralStorage (512 MB by default, up to 10,240 MB).
 *
 * Pyodide's /tmp is Emscripten's MEMFS, which has no size limit of its own. A file grows in
 * two ways, and both are charged here: every write of Python's goes through `FS.write` (the
 * `fd_write` syscall's `doWritev`, looked up on the FS object at each call), and every size
 * change without a write (truncate, ftruncate, and posix_fallocate, which Emscripten turns into
 * ftruncate) through `FS.doSetAttr` with a `size`. Growth that would take /tmp past the limit
 * is refused with ENOSPC, which Python raises as `OSError: [Errno 51] No space left on device`
 * (Pyodide's libc number for ENOSPC, 28 on Linux; see emscripten-fs.ts). A refused truncate
 * leaves the file as it was. What is outside /tmp is read-only (read-only-fs.ts), so /tmp is
 * the only place that can grow.
 */
import type { PyodideInterface } from 'pyodide';
import { errnoCode, sealableFs, type EmscriptenFs, type FsNode } from './emscripten-fs';
import { emptyDirectory } from './task-files';

export const TMP_ROOT = '/tmp';

export class TmpQuota {
  readonly #fs: EmscriptenFs;
  readonly #enospc: number;
  #limit = Number.POSITIVE_INFINITY;
  /** An upper bound of the bytes in /tmp: growth is added; deletions are found by `#measure`. */
  #estimate = 0;

  constructor(pyodide: PyodideInterface) {
    const fs = sealableFs(pyodide);
    this.#fs = fs;
    this.#enospc = errnoCode(pyodide, 'ENOSPC', 51);
    const { write, doSetAttr } = fs;
    fs.write = (stream, buffer, offset, length, position, canOwn) => {
      if ((stream.path ?? '').startsWith(`${TMP_ROOT}/`)) this.#charge(stream.node, (position ?? stream.position) + length);
      return write.call(fs, stream, buffer, offset, length, position, canOwn);
    };
    fs.doSetAttr = (stream, node, attributes) => {
      if (attributes.size !== undefined && fs.isFile(node.mode) && fs.getPath(node).startsWith(`${TMP_ROOT}/`)) {
        this.#charge(node, attributes.size);
      }
      doSetAttr.call(fs, stream, node, attributes);
    };
  }

  /** A new environment: /tmp emptied, holding at most `limitBytes`. */
  reset(limitBytes: number): void {
    emptyDirectory(this.#fs, TMP_ROOT);
    this.#limit = limitBytes;
    this.#estimate = 0;
  }

  /** Count a file of /tmp growing to `end` bytes, or throw ENOSPC if /tmp has no room for it. */
  #charge(node: FsNode, end: number): void {
    if (this.#limit === Number.POSITIVE_INFINITY) return;
    const growth = Math.max(0, end - (node.usedBytes ?? 0));
    if (growth === 0) return;
    if (this.#estimate + growth > this.#limit) this.#estimate = this.#measure(TMP_ROOT);
    if (this.#estimate + growth > this.#limit) throw new this.#fs.ErrnoError(this.#enospc);
    this.#estimate += growth;
  }

  /** Bytes in the files under `dir` now. Symlinks are not followed (one to / would count the whole tree). */
  #measure(dir: string): number {
    let total = 0;
    for (const name of this.#fs.readdir(dir)) {
      if (name === '.' || name === '..') continue;
      const path = `${dir}/${name}`;
      const { node } = this.#fs.lookupPath(path, { follow: false });
      if (this.#fs.isDir(node.mode)) total += this.#measure(path);
      else if (this.#fs.isFile(node.mode)) total += node.usedBytes ?? 0;
    }
    return total;
  }
}
