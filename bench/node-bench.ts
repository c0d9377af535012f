/** The benchmark in Node: the real control plane on fake-indexeddb, sandboxes in worker threads. */
import { writeFileSync } from 'node:fs';
import { nodeEngineAssets } from '../tests/support/node-sandbox';
import { testControlPlane } from '../tests/support/control-plane';
import { bareQuickjsCalls, barePyodideCalls } from './bare-engines';
import { measureControlPlaneRoundTrip, measureRuntime } from './scenario';

const warmInvocations = Number(process.env.BENCH_WARM ?? 300);
const cp = await testControlPlane({ pool: { keepSpare: ['quickjs', 'pyodide'], prewarm: ['quickjs'] } });
const log = (line: string): void => console.error(`[node] ${line}`);
/** The process's resident memory: worker threads (one per environment) live in it. */
const measureMemoryBytes = async (): Promise<number> => {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, 200));
  return process.memoryUsage().rss;
};
try {
  const nodejs = await measureRuntime(cp.client, 'nodejs22.x', () => bareQuickjsCalls(warmInvocations, nodeEngineAssets.quickjsWasmUrl!), {
    warmInvocations,
    coldStarts: 30,
    // Booting a QuickJS spare (wasm compile + warm-up) takes ~200–300 ms in a Node thread.
    pauseBetweenColdStartsMs: 1000,
    log,
    measureMemoryBytes,
  });
  const python = await measureRuntime(cp.client, 'python3.14', () => barePyodideCalls(warmInvocations, nodeEngineAssets.pyodideIndexUrl!), {
    warmInvocations,
    coldStarts: 3,
    pauseBetweenColdStartsMs: 8000,
    log,
    measureMemoryBytes,
  });
  const roundTripMs = await measureControlPlaneRoundTrip(cp.client, warmInvocations);
  writeFileSync(
    process.argv[2] ?? 'bench/results/node.json',
    JSON.stringify({ environment: 'node', node: process.version, results: [nodejs, python], roundTripMs }, null, 2),
  );
} finally {
  cp.dispose();
}
process.exit(0);
