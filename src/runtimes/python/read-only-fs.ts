/**
 * Lambda's read-only file system, in Pyodide. On Lambda only /tmp is writable
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-ephemeral-storage.html,
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html): a handler
 * that writes to /var/task, /opt, /var/runtime, /home or / gets `OSError: [Errno 30]
 * Read-only file system: '<path>'`, while reading stays allowed. Pyodide's whole tree is one
 * writable MEMFS, so without this a function that works here would fail on Lambda, and it
 * could write megabytes outside the /tmp quota. The Node.js runtime refuses the same writes
 * (nodejs/memory-fs.ts).
 *
 * Why Emscripten's permission hooks rather than the public calls: every call that changes the
 * tree funnels through a few of them, after Emscripten has resolved `..`, symlinks and the
 * working directory to a node (`FS.getPath` of a node is its real path), so a symlink in /tmp
 * pointing at /var/task cannot be written through. `mayCreate` is behind open(O_CREAT),
 * mkdir, mknod, symlink and rename's target; `mayDelete` behind unlink, rmdir and rename;
 * `mayOpen` behind opening an existing file for writing or with O_TRUNC; `doSetAttr` behind
 * chmod, chown, truncate, ftruncate and fallocate; `utime` sets times by itself. Each answers
 * EROFS, which Python raises as `OSError` with `errno.EROFS` and the path (Pyodide's libc
 * numbers it 69, not 30: see emscripten-fs.ts). Devices (/dev/null, /dev/stdout), FIFOs and
 * sockets stay writable, as they are on a read-only mount. Python skips its own failed
 * `__pycache__` writes silently (and Pyodide sets `sys.dont_write_bytecode`).
 *
 * One exception, for Pyodide itself: while Python runs, Pyodide makes and removes device nodes
 * (`API.capture_stderr` creates /dev/capture_stderr around a SystemExit and unlinks it after).
 * So a device node may always be made in /dev, and one made after the seal may be removed
 * again; the devices that existed before (/dev/null, /dev/urandom, /dev/stdin…) may not.
 *
 * The runtime's own writes (the package into /var/task, layers into /opt, emptying /tmp at
 * each Init) run inside `layOut`, which lifts the rule for that call only. The rule lives in
 * JavaScript, installed on every boot, plain or from the memory snapshot (which holds only
 * the wasm heap, never the FS object), so it cannot be baked into or lost from a snapshot.
 *
 * This is Lambda's behaviour, not a security boundary: Python can reach `pyodide_js.FS` and
 * its nodes' operations directly, and the only things it could change that way are its own
 * environment's files (the worker's seal, sandbox-globals.ts, is the boundary).
 */
import type { PyodideInterface } from 'pyodide';
import { errnoCode, sealableFs, type EmscriptenFs, type FsNode } from './emscripten-fs';

/** The one writable tree, as on Lambda. */
export const WRITABLE_ROOT = '/tmp';

/** open(2) flags (Emscripten's, which are Linux's): the access mode bits and O_TRUNC. */
const O_ACCMODE = 3;
const O_TRUNC = 512;
/** Where Pyodide makes its device nodes (`FS.createDevice('/dev', name, …)`). */
const DEVICE_PATH = /^\/dev\/[^/]+$/;

function isWritablePath(path: string): boolean {
  return path === WRITABLE_ROOT || path.startsWith(`${WRITABLE_ROOT}/`);
}

export class ReadOnlyFileSystem {
  readonly #fs: EmscriptenFs;
  readonly #erofs: number;
  /** Off until the first `layOut` ends: nothing of a function runs before that. */
  #sealed = false;
  /** Device nodes made while sealed (by Pyodide), which may be removed again. */
  readonly #madeDevices = new WeakSet<FsNode>();

  constructor(pyodide: PyodideInterface) {
    const fs = sealableFs(pyodide);
    this.#fs = fs;
    this.#erofs = errnoCode(pyodide, 'EROFS', 69);
    const { mayCreate, mayDelete, mayOpen, doSetAttr, utime, mknod } = fs;

    // Linux checks EEXIST and ENOTDIR before the mount's read-only flag (so
    // os.makedirs('/var/task', exist_ok=True) succeeds on Lambda): the original answers first.
    fs.mayCreate = (dir, name) => mayCreate.call(fs, dir, name) || this.#refuse(dir);
    // Linux asks for write access to the mount before looking at the entry (rmdir of a file,
    // unlink of a directory: EROFS), except that the entry must exist to get this far.
    fs.mayDelete = (dir, name, isDirectory) =>
      (this.#isMadeDevice(dir, name) ? 0 : this.#refuse(dir)) || mayDelete.call(fs, dir, name, isDirectory);
    fs.mknod = (path, mode, dev) => {
      if (!this.#sealed || !fs.isChrdev(mode) || !DEVICE_PATH.test(path)) return mknod.call(fs, path, mode, dev);
      this.#sealed = false;
      try {
        const node = mknod.call(fs, path, mode, dev);
        this.#madeDevices.add(node);
        return node;
      } finally {
        this.#sealed = true;
      }
    };
    fs.mayOpen = (node, flags) => {
      const errno = mayOpen.call(fs, node, flags);
      if (errno || !node) return errno;
      const writes = (flags & O_ACCMODE) !== 0 || (flags & O_TRUNC) !== 0;
      return writes && !this.#isDevice(node) ? this.#refuse(node) : 0;
    };
    fs.doSetAttr = (stream, node, attributes) => {
      this.#check(node);
      doSetAttr.call(fs, stream, node, attributes);
    };
    fs.utime = (path, atime, mtime) => {
      this.#check(fs.lookupPath(path, { follow: true }).node);
      utime.call(fs, path, atime, mtime);
    };
  }

  /**
   * Run the runtime's own writes (laying out /var/task and /opt, emptying /tmp) with the rule
   * lifted; everything outside /tmp is read-only again when it returns or throws.
   */
  layOut<T>(write: () => T): T {
    this.#sealed = false;
    try {
      return write();
    } finally {
      this.#sealed = true;
    }
  }

  /** 0 where `node` may change, else EROFS. */
  #refuse(node: FsNode): number {
    if (!this.#sealed || isWritablePath(this.#fs.getPath(node))) return 0;
    return this.#erofs;
  }

  #check(node: FsNode): void {
    const errno = this.#refuse(node);
    if (errno) throw new this.#fs.ErrnoError(errno);
  }

  #isMadeDevice(dir: FsNode, name: string): boolean {
    try {
      return this.#madeDevices.has(this.#fs.lookupNode(dir, name));
    } catch {
      return false;
    }
  }

  #isDevice(node: FsNode): boolean {
    const fs = this.#fs;
    return fs.isChrdev(node.mode) || fs.isFIFO(node.mode) || fs.isSocket(node.mode);
  }
}
