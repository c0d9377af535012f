#!/usr/bin/env node
// npm run bench: the same scenario in Node (worker threads, fake-indexeddb) and in headless
// Chromium (the production build), each beside its bare engine; prints a table and writes JSON.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { chromium } from 'playwright-core';

const WARM = process.env.BENCH_WARM ?? '300';
mkdirSync('bench/results', { recursive: true });

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
}

console.error('== Node: real control plane, sandboxes in worker threads');
run('npx', ['tsx', 'bench/node-bench.ts', 'bench/results/node.json'], { BENCH_WARM: WARM, NODE_OPTIONS: '--expose-gc' });
const node = JSON.parse(readFileSync('bench/results/node.json', 'utf8'));

console.error('== Node: a new Python environment, plain load and from the memory snapshot');
const snapshotBoot = spawnSync('npx', ['tsx', 'bench/python-snapshot-boot.ts', process.env.BENCH_SNAPSHOT_N ?? '5'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
if (snapshotBoot.status !== 0) throw new Error('bench/python-snapshot-boot.ts failed');

console.error('== Browser: production build in headless Chromium');
run('npx', ['vite', 'build', '--mode', 'bench', '--outDir', 'dist-bench', '--logLevel', 'warn']);
const preview = spawn('npx', ['vite', 'preview', '--outDir', 'dist-bench', '--port', '4174', '--strictPort'], {
  stdio: ['ignore', 'pipe', 'inherit'],
  detached: true,
});
let browserResult;
try {
  await new Promise((resolve, reject) => {
    preview.stdout.on('data', (chunk) => String(chunk).includes('4174') && resolve());
    preview.on('exit', (code) => reject(new Error(`vite preview exited with ${code}`)));
  });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
      // performance.measureUserAgentSpecificMemory() answers at once instead of after the next natural GC.
      '--enable-blink-features=ForceEagerMeasureMemory',
    ],
  });
  try {
    const page = await browser.newPage();
    page.on('console', (message) => console.error(`[chromium] ${message.text()}`));
    await page.goto(`http://localhost:4174/bench/index.html?warm=${WARM}`);
    await page.waitForFunction(() => window.benchResult || window.benchError, undefined, { timeout: 600_000, polling: 500 });
    const error = await page.evaluate(() => window.benchError);
    if (error) throw new Error(`Browser bench failed: ${error}`);
    browserResult = await page.evaluate(() => window.benchResult);
  } finally {
    await browser.close();
  }
} finally {
  process.kill(-preview.pid);
}

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}`;
const report = {
  date: new Date().toISOString(),
  machine,
  node: { version: process.version, results: node.results, roundTripMs: node.roundTripMs, pythonSnapshotBoot: snapshotBoot.stdout.trim() },
  browser: {
    userAgent: browserResult.userAgent,
    crossOriginIsolated: browserResult.crossOriginIsolated,
    results: browserResult.results,
    roundTripMs: browserResult.roundTripMs,
  },
};
writeFileSync('bench/results/latest.json', JSON.stringify(report, null, 2));

const f = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3));
const rows = [];
for (const [where, results] of [['Chromium', browserResult.results], ['Node', node.results]]) {
  for (const r of results) {
    rows.push(
      `| ${where} | ${r.runtime} | ${f(r.warmInvokeMs.p50)} / ${f(r.warmInvokeMs.p95)} (n=${r.warmInvokeMs.n}) | ${f(r.bareCallMs.p50)} | ${r.warmRatio.toFixed(1)}× | ${f(r.coldStartMs.p50)} / ${f(r.coldStartMs.p95)} (n=${r.coldStartMs.n}) | ${f(r.initDurationMs.p50)} | ${f(r.firstColdStartMs)} (init ${f(r.firstInitDurationMs)}) |`,
    );
  }
}
console.log(`\nLambdalite benchmark — ${report.date}\n${machine}; ${process.version}; ${browserResult.userAgent}\n`);
console.log('| where | runtime | warm invoke p50 / p95 ms | bare engine call p50 ms | warm ÷ bare | cold start p50 / p95 ms | Init Duration p50 ms | first cold start ms |');
console.log('|---|---|---|---|---|---|---|---|');
console.log(rows.join('\n'));
console.log(
  `\nUI ↔ control plane round trip doing no work (listRuntimes), p50 / p95 ms: Chromium ${f(browserResult.roundTripMs.p50)} / ${f(browserResult.roundTripMs.p95)}; Node ${f(node.roundTripMs.p50)} / ${f(node.roundTripMs.p95)}`,
);
console.log('Warm p50 is the median of 5 rounds\' medians after 300 warm-up invocations; cold starts follow a pause that lets the pool boot its spare.');
const mb = (value) => (value === undefined || value === null ? 'n/a' : `${value.toFixed(1)} MB`);
console.log('\n| where | runtime | warm invocations/s one after another (bare engine) | two at once | memory per idle environment |');
console.log('|---|---|---|---|---|');
for (const [where, results] of [['Chromium', browserResult.results], ['Node', node.results]]) {
  for (const r of results) {
    console.log(
      `| ${where} | ${r.runtime} | ${r.throughput.sequentialPerSecond.toFixed(0)} (${r.throughput.bareSequentialPerSecond.toFixed(0)}) | ${r.throughput.twoAtOncePerSecond.toFixed(0)} | ${mb(r.idleEnvironmentMb)} |`,
    );
  }
}
console.log(`\nPython cold start: without the snapshot (first ever, Chromium) ${f(browserResult.results[1].firstInitDurationMs)} ms Init Duration; with it (later cold starts) p50 ${f(browserResult.results[1].initDurationMs.p50)} ms.`);
console.log(snapshotBoot.stdout.trim());
console.log('\nJSON: bench/results/latest.json');
