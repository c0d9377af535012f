/**
 * The rejection tracker's reach into QuickJS internals (rejection-tracker.ts): pinned to
 * quickjs-emscripten 0.32.0's release-sync build. If a version bump changes the layout these
 * tests fail, so the bump is noticed instead of unhandled rejections silently going unreported.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeEngineAssets } from '../../../tests/support/node-sandbox';
import { GuestVm } from './guest-vm';
import { RejectionTracker, locateTrackerField, probeRejectionTracking } from './rejection-tracker';
import { TABLE_EXPORT, exportFunctionTable } from './wasm-function-table';
import { CappedMemory, compileQuickjsWasm, instantiateQuickjs } from './wasm';

const require = createRequire(import.meta.url);
const variantDir = dirname(require.resolve('@jitl/quickjs-wasmfile-release-sync/package.json'));
const variantVersion = (JSON.parse(readFileSync(join(variantDir, 'package.json'), 'utf8')) as { version: string }).version;
const wasmBytes = (): Uint8Array<ArrayBuffer> => new Uint8Array(readFileSync(join(variantDir, 'dist', 'emscripten-module.wasm')));

/** A fresh QuickJS instance on its own memory, from a module compiled for the test alone. */
async function freshInstance() {
  const wasm = await WebAssembly.compile(exportFunctionTable(wasmBytes())!);
  const memory = new CappedMemory(128);
  const { module, table } = await instantiateQuickjs(wasm, memory);
  return { wasm, memory, module, table };
}

describe(`the installed QuickJS build (@jitl/quickjs-wasmfile-release-sync ${variantVersion})`, () => {
  it('is the version the tracker was written for', () => {
    // Bumping it? Run this file: if everything below still passes, update this line.
    expect(variantVersion).toBe('0.32.0');
  });

  it('exports its function table once rewritten, and the worker compiles it that way', async () => {
    const original = wasmBytes();
    const patched = exportFunctionTable(original)!;
    const exportsOf = (bytes: Uint8Array<ArrayBuffer>) => WebAssembly.Module.exports(new WebAssembly.Module(bytes));
    expect(exportsOf(patched)).toEqual([...exportsOf(original), { name: TABLE_EXPORT, kind: 'table' }]);
    expect(patched.length - original.length).toBe(TABLE_EXPORT.length + 3);
    const compiled = await compileQuickjsWasm(nodeEngineAssets.quickjsWasmUrl!);
    expect(WebAssembly.Module.exports(compiled)).toContainEqual({ name: TABLE_EXPORT, kind: 'table' });
  });

  it('passes the layout checks and the end-to-end probe, so every environment tracks rejections', async () => {
    const { wasm, memory, module, table } = await freshInstance();
    expect(table).toBeInstanceOf(WebAssembly.Table);
    expect(probeRejectionTracking(wasm, module, table, memory.memory)).toBe('ok');
    const vm = await GuestVm.create(await compileQuickjsWasm(nodeEngineAssets.quickjsWasmUrl!), 128);
    try {
      expect(vm.tracksRejections).toBe(true);
    } finally {
      vm.dispose();
    }
  });
});

describe('exportFunctionTable', () => {
  it('leaves alone what is not a wasm module with an export section, or already exports the table', () => {
    expect(exportFunctionTable(new Uint8Array([1, 2, 3]))).toBeUndefined();
    expect(exportFunctionTable(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]))).toBeUndefined();
    expect(exportFunctionTable(exportFunctionTable(wasmBytes())!)).toBeUndefined();
  });
});

describe('the layout checks turn the feature off instead of guessing', () => {
  it('refuses a change of no word or of two words, still setting the interrupt handler exactly once', async () => {
    const { memory, module, table } = await freshInstance();
    const runtime = module.newRuntime();
    try {
      let calls = 0;
      expect(locateTrackerField(memory.memory, runtime, table!.length, () => void (calls += 1))).toBeUndefined();
      expect(calls).toBe(1);
      const two = () => {
        calls += 1;
        runtime.setInterruptHandler(() => false);
        runtime.setModuleLoader(() => 'export default 1');
      };
      expect(locateTrackerField(memory.memory, runtime, table!.length, two)).toBeUndefined();
      expect(calls).toBe(2);
    } finally {
      runtime.dispose();
    }
  });

  it('attaches nothing without the exported table, and the environment still runs', async () => {
    const { memory, module } = await freshInstance();
    const runtime = module.newRuntime();
    const context = runtime.newContext();
    try {
      let calls = 0;
      const enableInterruptHandler = () => {
        calls += 1;
        runtime.setInterruptHandler(() => false);
      };
      const tracker = RejectionTracker.attach({ module, table: undefined, memory: memory.memory, runtime, context, enableInterruptHandler });
      expect(tracker).toBeUndefined();
      expect(calls).toBe(1);
      const result = context.unwrapResult(context.evalCode('Promise.reject(new Error("unseen")); 1 + 1'));
      expect(context.getNumber(result)).toBe(2);
      result.dispose();
      runtime.executePendingJobs().dispose();
    } finally {
      context.dispose();
      runtime.dispose();
    }
  });
});

describe('RejectionTracker', () => {
  it('keeps what stays unhandled, drops what gets handled, and leaves no handle behind (no gc_obj_list abort)', async () => {
    const { memory, module, table } = await freshInstance();
    const runtime = module.newRuntime();
    const context = runtime.newContext();
    const tracker = RejectionTracker.attach({
      module,
      table,
      memory: memory.memory,
      runtime,
      context,
      enableInterruptHandler: () => runtime.setInterruptHandler(() => false),
    })!;
    expect(tracker).toBeDefined();
    expect(tracker.pending).toBe(false);
    const source = `
      globalThis.later = Promise.reject(new Error('handled next turn'));
      Promise.reject(new RangeError('kept'));
      Promise.reject('handled at once').catch(() => {});
      (async () => { await null; throw new TypeError('async'); })();
      1`;
    context.unwrapResult(context.evalCode(source)).dispose();
    runtime.executePendingJobs().dispose();
    expect(tracker.pending).toBe(true);
    const taken = tracker.takeUnhandled();
    const described = taken.map(({ reason }) => context.getProp(reason, 'message').consume((m) => context.getString(m)));
    expect(described).toEqual(['handled next turn', 'kept', 'async']);
    for (const { reason, promise } of taken) {
      reason.dispose();
      promise.dispose();
    }
    expect(tracker.pending).toBe(false);
    // Left tracked at disposal: released by dispose().
    context.unwrapResult(context.evalCode('Promise.reject(new Error("left over")); later.catch(() => {}); 1')).dispose();
    runtime.executePendingJobs().dispose();
    tracker.dispose();
    tracker.dispose();
    expect(() => {
      context.dispose();
      runtime.dispose();
    }).not.toThrow();
  });
});
