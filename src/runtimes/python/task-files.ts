/**
 * The function's deployment package in Pyodide's file system, at /var/task as on Lambda
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html: LAMBDA_TASK_ROOT).
 */

export const TASK_ROOT = '/var/task';

/** The part of Emscripten's FS the runtime uses (Pyodide's `FS` typing is loose). */
export interface TaskFileSystem {
  mkdirTree(path: string): void;
  writeFile(path: string, data: string | Uint8Array): void;
  readdir(path: string): string[];
  stat(path: string): { mode: number };
  /** stat without following a symlink at the end of `path`. */
  lstat(path: string): { mode: number };
  isDir(mode: number): boolean;
  unlink(path: string): void;
  rmdir(path: string): void;
  analyzePath(path: string): { exists: boolean };
}

/**
 * Remove everything under `dir`, keeping `dir` itself. A symlink is removed, never followed:
 * a handler's `/tmp/x -> /var/task` must not empty the next package when /tmp is cleared.
 */
function clearDirectory(fs: TaskFileSystem, dir: string): void {
  for (const name of fs.readdir(dir)) {
    if (name === '.' || name === '..') continue;
    const path = `${dir}/${name}`;
    if (fs.isDir(fs.lstat(path).mode)) {
      clearDirectory(fs, path);
      fs.rmdir(path);
    } else {
      fs.unlink(path);
    }
  }
}

/** Replace `root`'s contents with `files` (paths relative to it); paths that try to leave it are rejected. */
function writeTree(fs: TaskFileSystem, root: string, files: Record<string, Uint8Array>, what: string): void {
  if (fs.analyzePath(root).exists) clearDirectory(fs, root);
  else fs.mkdirTree(root);
  for (const [relative, data] of Object.entries(files)) {
    const parts = relative.split('/').filter((part) => part !== '' && part !== '.');
    if (parts.length === 0 || parts.includes('..')) throw new Error(`Invalid file path in ${what}: ${relative}`);
    if (parts.length > 1) fs.mkdirTree(`${root}/${parts.slice(0, -1).join('/')}`);
    fs.writeFile(`${root}/${parts.join('/')}`, data);
  }
}

/** Replace /var/task's contents with the deployment package (paths relative to /var/task, forward slashes). */
export function writeTaskFiles(fs: TaskFileSystem, files: Record<string, Uint8Array>): void {
  writeTree(fs, TASK_ROOT, files, 'deployment package');
}

/** Where Lambda mounts a function's layers (https://docs.aws.amazon.com/lambda/latest/dg/packaging-layers.html). */
export const OPT_ROOT = '/opt';

/** Replace /opt's contents with the layers' files (relative to /opt, merged in layer order by the host). */
export function writeOptFiles(fs: TaskFileSystem, files: Record<string, Uint8Array>): void {
  writeTree(fs, OPT_ROOT, files, 'layer');
}

/** Empty `dir` (created if missing). */
export function emptyDirectory(fs: TaskFileSystem, dir: string): void {
  if (fs.analyzePath(dir).exists) clearDirectory(fs, dir);
  else fs.mkdirTree(dir);
}
