/** The benchmark in the browser: the app's real client, control-plane worker and sandbox workers. */
import quickjsWasmUrl from '@jitl/quickjs-wasmfile-release-sync/wasm?url';
import { lambdaliteClient } from '../src/client/lambda-client';
import { measureControlPlaneRoundTrip, measureRuntime, type RuntimeFigures, type Summary } from './scenario';

declare global {
  interface Window {
    benchResult?: { results: RuntimeFigures[]; roundTripMs: Summary; crossOriginIsolated: boolean; userAgent: string };
    benchError?: string;
  }
}

const logElement = document.getElementById('log')!;
const log = (line: string): void => {
  logElement.textContent += `\n${line}`;
  console.log(line);
};

function bareInWorker(engine: 'quickjs' | 'pyodide', samples: number): Promise<number[]> {
  const worker = new Worker(new URL('./bare-engines.worker.ts', import.meta.url), { type: 'module' });
  const appBase = new URL('../', document.baseURI);
  const url = engine === "quickjs" ? new URL(quickjsWasmUrl, location.href).href : new URL("pyodide/", appBase).href;
  return new Promise((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<{ times?: number[]; error?: string }>) => {
      worker.terminate();
      if (event.data.times) resolve(event.data.times);
      else reject(new Error(event.data.error));
    };
    worker.postMessage({ engine, samples, url });
  });
}

/** All of the app's memory (page and workers), after a collection; only where the page is cross-origin isolated. */
async function measureMemoryBytes(): Promise<number | undefined> {
  const measure = (performance as Performance & { measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }> })
    .measureUserAgentSpecificMemory;
  if (!crossOriginIsolated || !measure) return undefined;
  return (await measure.call(performance)).bytes;
}

const params = new URLSearchParams(location.search);
const warmInvocations = Number(params.get('warm') ?? 300);
try {
  // The bench page lives in bench/; the app (and the engines' files) one folder up.
  const client = lambdaliteClient(new URL('../', document.baseURI).href);
  const nodejs = await measureRuntime(client, 'nodejs22.x', () => bareInWorker('quickjs', warmInvocations), {
    warmInvocations,
    coldStarts: 30,
    pauseBetweenColdStartsMs: 300,
    log,
    measureMemoryBytes,
  });
  const python = await measureRuntime(client, 'python3.14', () => bareInWorker('pyodide', warmInvocations), {
    warmInvocations,
    coldStarts: 3,
    pauseBetweenColdStartsMs: 9000,
    log,
    measureMemoryBytes,
  });
  const roundTripMs = await measureControlPlaneRoundTrip(client, warmInvocations);
  window.benchResult = { results: [nodejs, python], roundTripMs, crossOriginIsolated, userAgent: navigator.userAgent };
  log('done');
} catch (error) {
  window.benchError = error instanceof Error ? `${error.message}\n${error.stack}` : String(error);
  log(`failed: ${window.benchError}`);
}
