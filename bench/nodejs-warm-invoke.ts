/**
 * Micro-benchmark: the Node.js sandbox's own work per warm invoke, in-process (no workers,
 * no control plane). Median (and p90) of N warm `engine.invoke()` calls of a trivial async
 * handler after a warm-up.
 *
 *   npx tsx bench/nodejs-warm-invoke.ts [invokes=3000] [rounds=3]
 */
import { createQuickjsEngine } from '../src/runtimes/nodejs/engine';
import { nodeEngineAssets } from '../tests/support/node-sandbox';
import type { EnvironmentInit } from '../src/workers/sandbox-protocol';

const N = Number(process.argv[2] ?? 3000);
const ROUNDS = Number(process.argv[3] ?? 3);
const WARMUP = 500;
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

const HANDLERS: Record<string, string> = {
  async: 'export const handler = async (event) => ({ ok: true, n: event.n });',
  sync: 'exports.handler = (event, context, callback) => callback(null, { ok: true, n: event.n });',
};

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

for (const [name, source] of Object.entries(HANDLERS)) {
  const engine = await createQuickjsEngine(nodeEngineAssets, 'nodejs22.x');
  const init: EnvironmentInit = {
    runtime: 'nodejs22.x',
    handler: 'index.handler',
    files: { [name === 'async' ? 'index.mjs' : 'index.js']: encode(source) },
    environment: {},
    functionName: 'bench',
    functionVersion: '$LATEST',
    memorySizeMb: 128,
    timeoutSeconds: 3,
    logGroupName: '/aws/lambda/bench',
    logStreamName: 'stream',
    initDeadlineEpochMs: Date.now() + 10_000,
  };
  const initDone = await engine.init(init, () => undefined);
  if (!initDone.ok) throw new Error(`init failed: ${JSON.stringify(initDone)}`);
  let i = 0;
  const once = async (): Promise<number> => {
    i += 1;
    const started = performance.now();
    const out = await engine.invoke(
      {
        requestId: `req-${i}`,
        payload: `{"n":${i}}`,
        deadlineEpochMs: Date.now() + 3000,
        invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:bench',
      },
      () => undefined,
    );
    const took = performance.now() - started;
    if (out.status !== 'success' || out.payload !== `{"ok":true,"n":${i}}`) throw new Error(`bad outcome ${JSON.stringify(out)}`);
    return took;
  };
  for (let w = 0; w < WARMUP; w++) await once();
  const medians: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const samples: number[] = [];
    for (let k = 0; k < N; k++) samples.push(await once());
    samples.sort((a, b) => a - b);
    medians.push(quantile(samples, 0.5));
    console.log(`${name.padEnd(5)} round ${r + 1}: p50 ${(quantile(samples, 0.5) * 1000).toFixed(1)} µs  p90 ${(quantile(samples, 0.9) * 1000).toFixed(1)} µs  (n=${N})`);
  }
  medians.sort((a, b) => a - b);
  console.log(`${name.padEnd(5)} median of round p50s: ${(quantile(medians, 0.5) * 1000).toFixed(1)} µs`);
  engine.dispose();
}
