/**
 * The guest shim, assembled: one function evaluated in QuickJS as
 * `file:///var/runtime/index.mjs` (the runtime's file in Lambda, so runtime frames in traces
 * read as Lambda's do). The host calls it once with an object holding its only functions
 * (log, stat, readText, compile, compilePart, fs, random, fetch, exit, memoryUsed,
 * requireEsm); they stay in the shim's closure, invisible to user code. It installs the Node
 * globals and returns the runtime's entry points. The bulkier pieces are parts (parts.ts),
 * compiled on first use.
 */
import { ESM_RESOLVE_JS } from './esm-resolve';
import { GLOBALS_JS } from './globals';
import { INSPECT_JS } from './inspect';
import { MODULES_JS } from './modules';
import { PARTS_JS } from './parts';
import { RUNTIME_JS } from './runtime';

/** Lambda's runtime is an ES module, so its frames read `file:///var/runtime/index.mjs:…`. */
export const RUNTIME_FILENAME = 'file:///var/runtime/index.mjs';

/** The names of the functions the bootstrap returns, as the host calls them. */
export const GUEST_API = [
  'startInit',
  'initResult',
  'invoke',
  'outcome',
  'loopEmpty',
  'unhandledRejection',
  'nextTimerDelay',
  'runNextTimer',
  'esmResolve',
  'isEsmFile',
  'makeNodeError',
  'builtinExportNames',
  'preloadPart',
] as const;
export type GuestApiName = (typeof GUEST_API)[number];

export const BOOTSTRAP_JS = [
  '(function (host) {',
  "'use strict';",
  'var hostState = {};',
  INSPECT_JS,
  GLOBALS_JS,
  MODULES_JS,
  PARTS_JS,
  ESM_RESOLVE_JS,
  RUNTIME_JS,
  `return {
  startInit: startInit,
  initResult: function () { return initState === null ? '' : JSON.stringify(initState); },
  invoke: invoke,
  outcome: outcomeText,
  loopEmpty: loopEmpty,
  unhandledRejection: unhandledRejection,
  nextTimerDelay: nextTimerDelay,
  runNextTimer: runNextTimer,
  esmResolve: esmResolve,
  isEsmFile: isEsmFile,
  makeNodeError: makeNodeError,
  builtinExportNames: function (name) { return part('builtins').builtinExportNames(name); },
  preloadPart: function (name) { part(name); },
};`,
  '})',
].join('\n');
