/**
 * The file system a Node.js handler sees through `fs`: /var/task and /opt read-only (the
 * function's package and layers), /tmp writable and capped at the function's
 * EphemeralStorage. It lives as long as the execution environment, so files written to /tmp
 * are still there on the next warm invocation and gone in a new environment, as in Lambda.
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-ephemeral-storage.html
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html
 *
 * Everything outside /tmp is read-only (EROFS), as Lambda's root file system is. Paths
 * arrive absolute and normalised (the guest resolves them against process.cwd()).
 */
import { PackageFiles, PathKind, parentOf } from './package-files';

export const TMP_ROOT = '/tmp';

/** The errno names Node reports for the failures this file system can have. */
export type FsErrorCode = 'ENOENT' | 'EEXIST' | 'ENOTDIR' | 'EISDIR' | 'ENOTEMPTY' | 'EROFS' | 'ENOSPC' | 'EINVAL';

/** A failed call, carrying what Node puts on its error (code, syscall, path, dest). */
export class FsError extends Error {
  constructor(
    readonly code: FsErrorCode,
    readonly syscall: string,
    readonly path?: string,
    readonly dest?: string,
  ) {
    super(code);
    this.name = 'FsError';
  }
}

export interface FsStat {
  kind: 'file' | 'directory';
  size: number;
  mtimeMs: number;
  birthtimeMs: number;
}

interface TmpFile {
  bytes: Uint8Array;
  mtimeMs: number;
  birthtimeMs: number;
}

/** Lambda's image dates its read-only files at build time; any fixed instant will do. */
const READ_ONLY_MTIME_MS = Date.UTC(2024, 0, 1);

export class MemoryFileSystem {
  private readonly files = new Map<string, TmpFile>();
  /** /tmp's directories (with /tmp itself) and when they were made. */
  private readonly directories = new Map<string, number>([[TMP_ROOT, Date.now()]]);
  private used = 0;

  constructor(
    private readonly readOnly: PackageFiles,
    /** EphemeralStorage in bytes. */
    readonly capacityBytes: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Bytes of /tmp in use. */
  get usedBytes(): number {
    return this.used;
  }

  stat(path: string, syscall = 'stat'): FsStat {
    const file = this.files.get(path);
    if (file) return { kind: 'file', size: file.bytes.byteLength, mtimeMs: file.mtimeMs, birthtimeMs: file.birthtimeMs };
    const made = this.directories.get(path);
    if (made !== undefined) return { kind: 'directory', size: 4096, mtimeMs: made, birthtimeMs: made };
    if (!isTmp(path)) {
      const kind = this.readOnly.stat(path);
      if (kind === PathKind.File) {
        const size = this.readOnly.read(path)?.byteLength ?? 0;
        return { kind: 'file', size, mtimeMs: READ_ONLY_MTIME_MS, birthtimeMs: READ_ONLY_MTIME_MS };
      }
      if (kind === PathKind.Directory) return { kind: 'directory', size: 4096, mtimeMs: READ_ONLY_MTIME_MS, birthtimeMs: READ_ONLY_MTIME_MS };
    }
    this.checkParents(path, syscall);
    throw new FsError('ENOENT', syscall, path);
  }

  readFile(path: string): Uint8Array {
    const file = this.files.get(path);
    if (file) return file.bytes;
    if (!isTmp(path)) {
      const bytes = this.readOnly.read(path);
      if (bytes) return bytes;
    }
    if (this.stat(path, 'open').kind === 'directory') throw new FsError('EISDIR', 'read');
    throw new FsError('ENOENT', 'open', path);
  }

  /** Writes (or with `append`, appends to) a file; `exclusive` is the 'wx' flag. */
  writeFile(path: string, data: Uint8Array, append: boolean, exclusive: boolean): void {
    this.writable(path, 'open');
    const existing = this.files.get(path);
    if (existing && exclusive) throw new FsError('EEXIST', 'open', path);
    if (this.directories.has(path)) throw new FsError('EISDIR', 'open', path);
    if (!existing) this.requireDirectory(parentOf(path), 'open', path);
    const before = existing?.bytes.byteLength ?? 0;
    const size = append ? before + data.byteLength : data.byteLength;
    if (this.used - before + size > this.capacityBytes) throw new FsError('ENOSPC', 'write');
    let bytes = data.slice();
    if (append && existing) {
      bytes = new Uint8Array(size);
      bytes.set(existing.bytes);
      bytes.set(data, before);
    }
    const now = this.now();
    this.files.set(path, { bytes, mtimeMs: now, birthtimeMs: existing?.birthtimeMs ?? now });
    this.used += size - before;
  }

  /** Returns the first directory created (Node's mkdirSync with recursive), or undefined. */
  mkdir(path: string, recursive: boolean): string | undefined {
    if (this.exists(path)) {
      if (recursive && this.stat(path).kind === 'directory') return undefined;
      throw new FsError('EEXIST', 'mkdir', path);
    }
    this.writable(path, 'mkdir');
    const parent = parentOf(path);
    let first: string | undefined;
    if (!this.exists(parent)) {
      if (!recursive) throw new FsError('ENOENT', 'mkdir', path);
      first = this.mkdir(parent, true);
    } else if (this.stat(parent).kind !== 'directory') {
      throw new FsError('ENOTDIR', 'mkdir', path);
    }
    this.directories.set(path, this.now());
    return first ?? path;
  }

  readdir(path: string): string[] {
    const kind = this.stat(path, 'scandir').kind;
    if (kind !== 'directory') throw new FsError('ENOTDIR', 'scandir', path);
    if (!isTmp(path)) {
      const names = this.readOnly.list(path) ?? [];
      // /tmp is a directory of the root, beside the package's /var and /opt.
      return (path === '/' ? [...names, 'tmp'] : names).sort();
    }
    const prefix = path === '/' ? '/' : `${path}/`;
    const names = new Set<string>();
    for (const key of [...this.files.keys(), ...this.directories.keys()]) {
      if (key.startsWith(prefix) && key !== path) names.add(key.slice(prefix.length).split('/')[0] ?? '');
    }
    return [...names].filter((n) => n !== '').sort();
  }

  unlink(path: string): void {
    this.writable(path, 'unlink');
    const file = this.files.get(path);
    if (!file) {
      if (this.directories.has(path)) throw new FsError('EISDIR', 'unlink', path);
      throw new FsError('ENOENT', 'unlink', path);
    }
    this.files.delete(path);
    this.used -= file.bytes.byteLength;
  }

  /** rmdir, or with `recursive` rm -r; `force` ignores a missing path (fs.rm's options). */
  remove(path: string, recursive: boolean, force: boolean, syscall: string): void {
    if (!this.exists(path)) {
      if (force) return;
      throw new FsError('ENOENT', syscall === 'rmdir' ? 'rmdir' : 'stat', path);
    }
    this.writable(path, syscall);
    if (path === TMP_ROOT) throw new FsError('EINVAL', syscall, path);
    if (this.files.has(path)) {
      if (syscall === 'rmdir') throw new FsError('ENOTDIR', 'rmdir', path);
      this.unlink(path);
      return;
    }
    const children = this.readdir(path);
    if (children.length > 0 && !recursive) throw new FsError('ENOTEMPTY', 'rmdir', path);
    for (const child of children) this.remove(`${path}/${child}`, true, false, syscall);
    this.directories.delete(path);
  }

  rename(from: string, to: string): void {
    this.writable(from, 'rename', to);
    this.writable(to, 'rename', from);
    const file = this.files.get(from);
    if (!file) {
      if (this.directories.has(from)) {
        for (const key of [...this.files.keys()]) {
          if (key.startsWith(`${from}/`)) this.moveFile(key, to + key.slice(from.length));
        }
        for (const [key, made] of [...this.directories]) {
          if (key === from || key.startsWith(`${from}/`)) {
            this.directories.delete(key);
            this.directories.set(to + key.slice(from.length), made);
          }
        }
        return;
      }
      throw new FsError('ENOENT', 'rename', from, to);
    }
    if (!this.directories.has(parentOf(to))) throw new FsError('ENOENT', 'rename', from, to);
    this.moveFile(from, to);
  }

  copyFile(from: string, to: string, exclusive: boolean): void {
    let bytes: Uint8Array;
    try {
      bytes = this.readFile(from);
    } catch (error) {
      if (error instanceof FsError) throw new FsError(error.code, 'copyfile', from, to);
      throw error;
    }
    this.writable(to, 'copyfile', from);
    if (exclusive && this.exists(to)) throw new FsError('EEXIST', 'copyfile', from, to);
    this.writeFile(to, bytes, false, false);
  }

  private exists(path: string): boolean {
    if (this.files.has(path) || this.directories.has(path)) return true;
    return !isTmp(path) && this.readOnly.stat(path) !== PathKind.Missing;
  }

  private moveFile(from: string, to: string): void {
    const file = this.files.get(from);
    if (!file) return;
    const replaced = this.files.get(to);
    if (replaced) this.used -= replaced.bytes.byteLength;
    this.files.delete(from);
    this.files.set(to, file);
  }

  /** Only /tmp (below it) can change; everything else is Lambda's read-only file system. */
  private writable(path: string, syscall: string, dest?: string): void {
    if (!isTmp(path)) throw new FsError('EROFS', syscall, path, dest);
  }

  private requireDirectory(dir: string, syscall: string, path: string): void {
    if (this.directories.has(dir)) return;
    if (this.files.has(dir)) throw new FsError('ENOTDIR', syscall, path);
    throw new FsError('ENOENT', syscall, path);
  }

  /** A path below a file is ENOTDIR rather than ENOENT, as on Linux. */
  private checkParents(path: string, syscall: string): void {
    for (let dir = parentOf(path); dir !== '/'; dir = parentOf(dir)) {
      if (this.files.has(dir) || (!isTmp(dir) && this.readOnly.stat(dir) === PathKind.File)) {
        throw new FsError('ENOTDIR', syscall, path);
      }
    }
  }
}

/**
 * An absolute path with `.`, `..` and repeated slashes resolved. The guest's fs resolves paths
 * before calling the host; the host resolves them again so that no path string, however it
 * was made, can name anything outside the tree this file system holds.
 */
export function normalizeAbsolute(path: string): string {
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  return `/${out.join('/')}`;
}

function isTmp(path: string): boolean {
  return path === TMP_ROOT || path.startsWith(`${TMP_ROOT}/`);
}
