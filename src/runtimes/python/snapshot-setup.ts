/**
 * What goes into the Python memory snapshot: the runtime's own modules (bootstrap.py and
 * lambda_context.py, imported under private names) and the standard-library modules they
 * and most handlers import. Nothing of a function: no files of /var/task, no environment
 * variables, no JavaScript objects (a snapshot can only hold JS references it can find again
 * from the `js` module, and the host's callables are wired after the restore by `install`).
 */
import type { PyodideInterface } from 'pyodide';
import { BOOTSTRAP_MODULE, BOOTSTRAP_PATH, BOOTSTRAP_SOURCE, CONTEXT_MODULE, CONTEXT_PATH, CONTEXT_SOURCE } from './bootstrap-py';
import type { TaskFileSystem } from './task-files';

/** Imported before the snapshot so a handler's first `import` of them costs nothing. */
export const SNAPSHOT_SETUP_SOURCE = [
  'import asyncio, base64, collections, dataclasses, datetime, decimal, functools, hashlib, json',
  'import logging, math, os, random, re, sqlite3, string, sys, time, traceback, typing, uuid, zlib',
  'import urllib.parse, urllib.request, urllib.error',
].join('\n');

const RUNTIME_MODULES = [
  [CONTEXT_MODULE, CONTEXT_PATH, CONTEXT_SOURCE],
  [BOOTSTRAP_MODULE, BOOTSTRAP_PATH, BOOTSTRAP_SOURCE],
] as const;

/**
 * The runtime's sources in /var/runtime (LAMBDA_RUNTIME_DIR). A snapshot holds the heap, not
 * the files, so a restored sandbox writes them again: both kinds of boot show the same tree.
 */
export function writeRuntimeFiles(pyodide: PyodideInterface): void {
  const fs = pyodide.FS as unknown as TaskFileSystem;
  fs.mkdirTree('/var/runtime');
  for (const [, path, source] of RUNTIME_MODULES) fs.writeFile(path, source);
}

/** Write the runtime's modules to /var/runtime and import them; then the standard library. */
export function prepareRuntime(pyodide: PyodideInterface): void {
  writeRuntimeFiles(pyodide);
  // The runtime's own modules, under private names so a user module cannot shadow them.
  for (const [name, path] of RUNTIME_MODULES) {
    pyodide.runPython(
      [
        'import importlib.util, sys',
        `_spec = importlib.util.spec_from_file_location(${JSON.stringify(name)}, ${JSON.stringify(path)})`,
        'sys.modules[_spec.name] = importlib.util.module_from_spec(_spec)',
        '_spec.loader.exec_module(sys.modules[_spec.name])',
        'del _spec, importlib, sys',
      ].join('\n'),
    );
  }
  // Inside a function, so the names stay out of __main__.
  const body = SNAPSHOT_SETUP_SOURCE.split('\n').map((line) => `    ${line}`).join('\n');
  pyodide.runPython(`def _lambdalite_preimport():\n${body}\n_lambdalite_preimport()\ndel _lambdalite_preimport`);
}
