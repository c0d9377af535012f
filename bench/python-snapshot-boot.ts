/**
 * Micro-benchmark: a new Python environment's start, plain and from the memory snapshot, in
 * Node worker threads (the same sandbox code as the browser's worker). For each kind, N fresh
 * sandboxes one after another: the boot (engineLoadMs, inside the sandbox), and the wall time
 * from creating the worker to the first invocation's answer (boot + Init + invoke). Chromium's
 * figures come from tests/e2e/python-sandbox.e2e.test.ts (Init Duration after a page reload).
 *
 *   npx tsx bench/python-snapshot-boot.ts [n=5]
 */
import { PythonSandbox } from '../src/runtimes/python/test-harness';

const N = Number(process.argv[2] ?? 5);
const files = {
  'lambda_function.py': new TextEncoder().encode('def lambda_handler(event, context):\n    return {"ok": True, "n": event["n"]}\n'),
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function start(snapshot?: Uint8Array): Promise<{ bootMs: number; firstAnswerMs: number; made?: Uint8Array }> {
  const started = performance.now();
  const sandbox = await PythonSandbox.boot(snapshot ? { snapshot } : {});
  await sandbox.init(files);
  const { result } = await sandbox.invoke({ n: 1 });
  if (result.payload !== '{"ok": true, "n": 1}') throw new Error(`unexpected answer ${result.payload}`);
  const firstAnswerMs = performance.now() - started;
  sandbox.terminate();
  const made = sandbox.ready?.snapshot;
  return { bootMs: sandbox.engineLoadMs, firstAnswerMs, ...(made ? { made } : {}) };
}

const plain: { bootMs: number; firstAnswerMs: number }[] = [];
let snapshot: Uint8Array | undefined;
for (let i = 0; i < N; i++) {
  const run = await start();
  snapshot ??= run.made;
  plain.push(run);
}
if (!snapshot) throw new Error('no snapshot was made');
const restored: { bootMs: number; firstAnswerMs: number }[] = [];
for (let i = 0; i < N; i++) restored.push(await start(snapshot));

const row = (name: string, runs: { bootMs: number; firstAnswerMs: number }[]): string =>
  `${name.padEnd(14)} boot p50 ${median(runs.map((r) => r.bootMs)).toFixed(0).padStart(5)} ms   ` +
  `first answer p50 ${median(runs.map((r) => r.firstAnswerMs)).toFixed(0).padStart(5)} ms   (n=${runs.length})`;
console.log(`Python environment start in Node worker threads, snapshot ${(snapshot.byteLength / 2 ** 20).toFixed(1)} MB`);
console.log(row('plain load', plain));
console.log(row('from snapshot', restored));
