/**
 * The bare engines, measured the way the sandboxes use them but with nothing of Lambdalite
 * around: a trivial call with a JSON string in and out, inside a QuickJS context and inside
 * a loaded Pyodide. Runs in Node and in a browser worker.
 */
import RELEASE_SYNC from '@jitl/quickjs-wasmfile-release-sync';
import { newQuickJSWASMModuleFromVariant, newVariant } from 'quickjs-emscripten-core';

export async function bareQuickjsCalls(samples: number, wasmLocation: string): Promise<number[]> {
  const module = await newQuickJSWASMModuleFromVariant(newVariant(RELEASE_SYNC, { wasmLocation }));
  const context = module.newContext();
  const fnHandle = context.unwrapResult(
    context.evalCode('(payload) => JSON.stringify({ ok: true, n: JSON.parse(payload).n })'),
  );
  const times: number[] = [];
  for (let i = 0; i < samples + 20; i++) {
    const started = performance.now();
    const arg = context.newString('{"n":1}');
    const result = context.unwrapResult(context.callFunction(fnHandle, context.undefined, arg));
    const text = context.getString(result);
    result.dispose();
    arg.dispose();
    const ms = performance.now() - started;
    if (text !== '{"ok":true,"n":1}') throw new Error(`bare QuickJS answered ${text}`);
    if (i >= 20) times.push(ms);
  }
  fnHandle.dispose();
  context.dispose();
  return times;
}

export async function barePyodideCalls(samples: number, indexURL: string): Promise<number[]> {
  const { loadPyodide } = await import('pyodide');
  const pyodide = await loadPyodide({ indexURL });
  const fn = pyodide.runPython(
    'import json\ndef bench_call(payload):\n    return json.dumps({"ok": True, "n": json.loads(payload)["n"]})\nbench_call',
  ) as (payload: string) => string;
  const times: number[] = [];
  for (let i = 0; i < samples + 20; i++) {
    const started = performance.now();
    const text = fn('{"n":1}');
    const ms = performance.now() - started;
    if (text !== '{"ok": true, "n": 1}') throw new Error(`bare Pyodide answered ${text}`);
    if (i >= 20) times.push(ms);
  }
  return times;
}
