/**
 * The deployment package as the guest sees it: files under /var/task (read-only), with
 * the directory structure derived from their paths. The guest reaches it only through
 * the three host functions built from this (stat, readText, compile), never directly.
 */

/** `stat` answers, as numbers so the guest call stays cheap. */
export const PathKind = { Missing: 0, File: 1, Directory: 2 } as const;
export type PathKind = (typeof PathKind)[keyof typeof PathKind];

export const TASK_ROOT = '/var/task';

export class PackageFiles {
  private readonly files = new Map<string, Uint8Array>();
  private readonly directories = new Set<string>(['/', '/var', TASK_ROOT]);
  private readonly texts = new Map<string, string>();
  private readonly decoder = new TextDecoder('utf-8');

  /** @param files paths relative to /var/task with forward slashes, as in EnvironmentInit. */
  constructor(files: Record<string, Uint8Array>) {
    for (const [relative, bytes] of Object.entries(files)) {
      const path = `${TASK_ROOT}/${relative.replace(/^\.?\/+/, '')}`;
      if (path.endsWith('/')) continue; // a directory entry of the zip
      this.files.set(path, bytes);
      for (let dir = parentOf(path); dir !== '/' && !this.directories.has(dir); dir = parentOf(dir)) {
        this.directories.add(dir);
      }
    }
  }

  stat(path: string): PathKind {
    if (this.files.has(path)) return PathKind.File;
    return this.directories.has(path) ? PathKind.Directory : PathKind.Missing;
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
}

function parentOf(path: string): string {
  const index = path.lastIndexOf('/');
  return index <= 0 ? '/' : path.slice(0, index);
}
