/**
 * The parts of Emscripten's FS (Pyodide's `pyodide.FS`, typed loosely by Pyodide) that the
 * runtime calls or wraps, typed. The hooks below (`mayCreate`, `mayDelete`, `mayOpen`,
 * `doSetAttr`) are internals of the Emscripten build inside Pyodide 314.0.7, which is pinned
 * (as the snapshot is); `sealableFs` refuses a build without them, so an upgrade that moves
 * them fails at boot and in the engine tests instead of leaving the file system writable.
 */
import type { PyodideInterface } from 'pyodide';
import type { TaskFileSystem } from './task-files';

/** A node of Emscripten's VFS (MEMFS keeps a file's size in `usedBytes`). */
export interface FsNode {
  mode: number;
  usedBytes?: number;
}

/** An open file. `path` is the node's path when it was opened (`FS.getPath`). */
export interface FsStream {
  path?: string;
  node: FsNode;
  position: number;
}

/** What `doSetAttr` is asked to change: chmod/chown/utime set times or mode, truncate a size. */
export interface FsAttributes {
  mode?: number;
  size?: number;
  timestamp?: number;
  atime?: number | null;
  mtime?: number | null;
  ctime?: number;
  dontFollow?: boolean;
}

export interface EmscriptenFs extends TaskFileSystem {
  /** 0, or the errno that forbids creating `name` in `dir` (mknod, mkdir, symlink, rename's target). */
  mayCreate(dir: FsNode, name: string): number;
  /** 0, or the errno that forbids removing `name` from `dir` (unlink, rmdir, rename's source and target). */
  mayDelete(dir: FsNode, name: string, isDirectory: boolean): number;
  /** 0, or the errno that forbids opening an existing `node` with `flags` (open without creating). */
  mayOpen(node: FsNode | null, flags: number): number;
  /** Every chmod, chown, truncate and ftruncate (and so fallocate) ends here. */
  doSetAttr(stream: FsStream | null, node: FsNode, attributes: FsAttributes): void;
  /** Creates any node; `mode` carries its type (S_IFCHR for a device: FS.mkdev, FS.createDevice). */
  mknod(path: string, mode: number, dev: number): FsNode;
  /** The entry `name` of `dir`; throws ENOENT. */
  lookupNode(dir: FsNode, name: string): FsNode;
  /** utime and utimensat call the node's setattr directly, not through doSetAttr. */
  utime(path: string, atime: number | null, mtime: number | null): void;
  write(stream: FsStream, buffer: Uint8Array, offset: number, length: number, position?: number, canOwn?: boolean): number;
  lookupPath(path: string, options?: { follow?: boolean }): { node: FsNode };
  getPath(node: FsNode): string;
  isFile(mode: number): boolean;
  isChrdev(mode: number): boolean;
  isFIFO(mode: number): boolean;
  isSocket(mode: number): boolean;
  ErrnoError: new (errno: number) => Error;
}

const HOOKS = ['mayCreate', 'mayDelete', 'mayOpen', 'doSetAttr', 'utime', 'mknod', 'write', 'lookupPath', 'lookupNode', 'getPath'] as const;

/** Pyodide's FS, typed; throws if this Pyodide's Emscripten lacks a hook the runtime wraps. */
export function sealableFs(pyodide: PyodideInterface): EmscriptenFs {
  const fs = pyodide.FS as unknown as EmscriptenFs;
  const missing = HOOKS.filter((name) => typeof fs[name] !== 'function');
  if (missing.length > 0) throw new Error(`Emscripten FS without ${missing.join(', ')}: the /tmp and read-only rules cannot be enforced`);
  return fs;
}

/**
 * An errno of Pyodide's libc. Emscripten numbers errors as WASI does, not as Linux does
 * (EROFS 69, ENOSPC 51 here; 30 and 28 on Lambda): Python's `errno` module and its messages
 * use the same numbers, so `e.errno == errno.EROFS` holds while the text says `[Errno 69]`.
 */
export function errnoCode(pyodide: PyodideInterface, name: 'EROFS' | 'ENOSPC', fallback: number): number {
  return (pyodide.ERRNO_CODES as Record<string, number | undefined>)[name] ?? fallback;
}
