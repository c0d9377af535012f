/**
 * The function's read-only files as the guest sees them: the deployment package under
 * /var/task and the layers under /opt, with the directory structure derived from their
 * paths. The guest reaches them only through the host functions built on this (stat,
 * readText, compile, fs), never directly.
 * https://docs.aws.amazon.com/lambda/latest/dg/packaging-layers.html (layers extract to /opt)
 */

/** `stat` answers, as numbers so the guest call stays cheap. */
export const PathKind = { Missing: 0, File: 1, Directory: 2 } as const;
export type PathKind = (typeof PathKind)[keyof typeof PathKind];

export const TASK_ROOT = '/var/task';
export const OPT_ROOT = '/opt';

export class PackageFiles {
  private readonly files = new Map<string, Uint8Array>();
  /** Directory → the names directly inside it. */
  private readonly directories = new Map<string, Set<string>>();
  private readonly texts = new Map<string, string>();
  private readonly decoder = new TextDecoder('utf-8');

  /**
   * @param files paths relative to /var/task with forward slashes, as in EnvironmentInit.
   * @param optFiles the layers' files, paths relative to /opt (EnvironmentInit.optFiles).
   */
  constructor(files: Record<string, Uint8Array>, optFiles: Record<string, Uint8Array> = {}) {
    for (const dir of ['/', '/var', TASK_ROOT, OPT_ROOT]) this.addDirectory(dir);
    this.mount(TASK_ROOT, files);
    this.mount(OPT_ROOT, optFiles);
  }

  stat(path: string): PathKind {
    if (this.files.has(path)) return PathKind.File;
    return this.directories.has(path) ? PathKind.Directory : PathKind.Missing;
  }

  /** The bytes of a file, or undefined when it does not exist. */
  read(path: string): Uint8Array | undefined {
    return this.files.get(path);
  }

  /** UTF-8 text of a file (decoded once), or undefined when it does not exist. */
  readText(path: string): string | undefined {
    const cached = this.texts.get(path);
    if (cached !== undefined) return cached;
    const bytes = this.files.get(path);
    if (bytes === undefined) return undefined;
    const text = this.decoder.decode(bytes);
    this.texts.set(path, text);
    return text;
  }

  /** Names directly inside a directory, or undefined when it is not one. */
  list(path: string): string[] | undefined {
    const names = this.directories.get(path);
    return names === undefined ? undefined : [...names];
  }

  private mount(root: string, files: Record<string, Uint8Array>): void {
    for (const [relative, bytes] of Object.entries(files)) {
      const path = `${root}/${relative.replace(/^\.?\/+/, '')}`;
      if (path.endsWith('/')) continue; // a directory entry of the zip
      this.files.set(path, bytes);
      this.link(path);
    }
  }

  /** Records `path` in its parent directory, creating the parents as needed. */
  private link(path: string): void {
    const parent = parentOf(path);
    this.addDirectory(parent).add(path.slice(parent === '/' ? 1 : parent.length + 1));
  }

  private addDirectory(dir: string): Set<string> {
    let names = this.directories.get(dir);
    if (!names) {
      names = new Set();
      this.directories.set(dir, names);
      if (dir !== '/') this.link(dir);
    }
    return names;
  }
}

export function parentOf(path: string): string {
  const index = path.lastIndexOf('/');
  return index <= 0 ? '/' : path.slice(0, index);
}
