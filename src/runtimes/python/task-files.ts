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
  isDir(mode: number): boolean;
  unlink(path: string): void;
  rmdir(path: string): void;
  analyzePath(path: string): { exists: boolean };
}

/** Remove everything under `dir`, keeping `dir` itself. */
function clearDirectory(fs: TaskFileSystem, dir: string): void {
  for (const name of fs.readdir(dir)) {
    if (name === '.' || name === '..') continue;
    const path = `${dir}/${name}`;
    if (fs.isDir(fs.stat(path).mode)) {
      clearDirectory(fs, path);
      fs.rmdir(path);
    } else {
      fs.unlink(path);
    }
  }
}

/**
 * Replace /var/task's contents with `files` (paths relative to /var/task, forward slashes).
 * Paths that try to leave /var/task are rejected.
 */
export function writeTaskFiles(fs: TaskFileSystem, files: Record<string, Uint8Array>): void {
  if (fs.analyzePath(TASK_ROOT).exists) clearDirectory(fs, TASK_ROOT);
  else fs.mkdirTree(TASK_ROOT);
  for (const [relative, data] of Object.entries(files)) {
    const parts = relative.split('/').filter((part) => part !== '' && part !== '.');
    if (parts.length === 0 || parts.includes('..')) throw new Error(`Invalid file path in deployment package: ${relative}`);
    const path = `${TASK_ROOT}/${parts.join('/')}`;
    if (parts.length > 1) fs.mkdirTree(`${TASK_ROOT}/${parts.slice(0, -1).join('/')}`);
    fs.writeFile(path, data);
  }
}
