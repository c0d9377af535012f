/**
 * The benchmark itself, the same in Node and in the browser: through the UI's client, create
 * one function per runtime, measure cold starts and warm invocations end to end, and read
 * Init Duration from the REPORT line each cold start wrote.
 */
import { zipSync, strToU8 } from 'fflate';
import type { LambdaliteClient } from '../src/client/lambda-client';

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
}

export interface RuntimeFigures {
  runtime: string;
  /** First cold start of the run: the engine is loaded on demand unless a spare was ready. */
  firstColdStartMs: number;
  firstInitDurationMs: number;
  /** Cold starts after the first (the pool keeps a booted spare), end to end and Init Duration. */
  coldStartMs: Summary;
  initDurationMs: Summary;
  /** p50 is the median of 5 rounds' medians; p95, min and max are over every sample. */
  warmInvokeMs: Summary;
  /** The same trivial call inside the bare engine, no Lambdalite around it. */
  bareCallMs: Summary;
  warmRatio: number;
  /** Warm invocations per second: one after another, and two at once (two environments). */
  throughput: { sequentialPerSecond: number; twoAtOncePerSecond: number; bareSequentialPerSecond: number };
  /** Memory one more idle environment holds, in MB (undefined where it cannot be measured). */
  idleEnvironmentMb: number | undefined;
}

export function summarise(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), min: sorted[0]!, max: sorted.at(-1)! };
}

const HANDLERS = {
  'nodejs22.x': {
    handler: 'index.handler',
    file: 'index.mjs',
    code:
      'export const handler = async (event) => {\n' +
      '  if (event.wait) await new Promise((resolve) => setTimeout(resolve, event.wait));\n' +
      '  return { ok: true, n: event.n };\n};\n',
  },
  'python3.14': {
    handler: 'lambda_function.lambda_handler',
    file: 'lambda_function.py',
    code:
      'import time\n\ndef lambda_handler(event, context):\n' +
      '    if event.get("wait"):\n        time.sleep(event["wait"] / 1000)\n' +
      '    return {"ok": True, "n": event["n"]}\n',
  },
} as const;

export type BenchRuntime = keyof typeof HANDLERS;

const WARM_UP_INVOCATIONS = 300;
const WARM_ROUNDS = 5;

function initDurationOf(logResult: string | undefined): number {
  const text = atob(logResult ?? '');
  const match = /Init Duration: ([\d.]+) ms/.exec(text);
  if (!match) throw new Error(`No Init Duration in the cold start's log:\n${text}`);
  return Number(match[1]);
}

export interface ScenarioOptions {
  warmInvocations: number;
  coldStarts: number;
  /** Pause between cold starts so the pool's spare is booted again, as between a user's clicks. */
  pauseBetweenColdStartsMs: number;
  log?: (line: string) => void;
  /** Bytes the whole app holds now (all threads), after a garbage collection where possible. */
  measureMemoryBytes?: () => Promise<number | undefined>;
}

/** Lambda keeps a new function Pending for a moment: wait for Active, as a script waits with the SDK's waiter. */
async function waitActive(client: LambdaliteClient, name: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const config = await client.getFunctionConfiguration({ FunctionName: name });
    if (config.State === 'Active' && config.LastUpdateStatus !== 'InProgress') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${name} did not become Active`);
}

export async function measureRuntime(
  client: LambdaliteClient,
  runtime: BenchRuntime,
  bareCall: () => Promise<number[]>,
  options: ScenarioOptions,
): Promise<RuntimeFigures> {
  const spec = HANDLERS[runtime];
  const name = `bench-${runtime.replace('.', '-')}-${Date.now()}`;
  await client.createFunction({
    FunctionName: name,
    Runtime: runtime,
    Role: 'arn:aws:iam::123456789012:role/bench',
    Handler: spec.handler,
    Code: { ZipFile: zipSync({ [spec.file]: strToU8(spec.code) }) },
  });
  await waitActive(client, name);
  const payload = new TextEncoder().encode('{"n":1}');
  const invoke = async (event: Uint8Array = payload): Promise<{ ms: number; logResult?: string }> => {
    const started = performance.now();
    const result = await client.invoke({ FunctionName: name, Payload: event, LogType: 'Tail' });
    const ms = performance.now() - started;
    if (result.FunctionError) throw new Error(`Bench handler failed: ${new TextDecoder().decode(result.Payload)}`);
    return { ms, ...(result.LogResult === undefined ? {} : { logResult: result.LogResult }) };
  };
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  const first = await invoke();
  const firstInitDurationMs = initDurationOf(first.logResult);
  options.log?.(`${runtime}: first cold start ${first.ms.toFixed(1)} ms (Init Duration ${firstInitDurationMs.toFixed(1)} ms)`);

  // The first cold start makes the pool boot a spare engine in the background (Pyodide: ~5 s
  // of CPU): measure warm invocations once it is done, not while it competes for the cores.
  await sleep(options.pauseBetweenColdStartsMs);
  // V8 tiers up QuickJS's wasm and the host code over the first few hundred calls (measured:
  // p50 145 µs inside the sandbox for calls 20–320, 60 µs after 4,000), so warm up first.
  for (let i = 0; i < WARM_UP_INVOCATIONS; i++) await invoke();
  // Several rounds, reported as the median of the rounds' medians: one round can land on a
  // slow stretch of a shared machine.
  const warm: number[] = [];
  const roundMedians: number[] = [];
  const perRound = Math.ceil(options.warmInvocations / WARM_ROUNDS);
  for (let round = 0; round < WARM_ROUNDS; round++) {
    const samples: number[] = [];
    for (let i = 0; i < perRound; i++) samples.push((await invoke()).ms);
    roundMedians.push(summarise(samples).p50);
    warm.push(...samples);
  }
  options.log?.(`${runtime}: ${warm.length} warm invocations, round medians ${roundMedians.map((m) => m.toFixed(3)).join(' ')} ms`);
  const sequentialPerSecond = warm.length / (warm.reduce((sum, ms) => sum + ms, 0) / 1000);

  // Two at once: a second environment starts (two invocations that overlap), then both stay warm.
  const slow = new TextEncoder().encode('{"n":1,"wait":300}');
  await Promise.all([invoke(slow), invoke(slow)]);
  const perStream = Math.ceil(options.warmInvocations / 2);
  const stream = async (): Promise<void> => {
    for (let i = 0; i < perStream; i++) await invoke();
  };
  await Promise.all([stream(), stream()]);
  const pairStarted = performance.now();
  await Promise.all([stream(), stream()]);
  const twoAtOncePerSecond = (2 * perStream) / ((performance.now() - pairStarted) / 1000);
  options.log?.(`${runtime}: ${sequentialPerSecond.toFixed(0)} invocations/s one after another, ${twoAtOncePerSecond.toFixed(0)}/s two at once`);

  // Memory of idle environments: three more, made by three overlapping invocations, then idle.
  let idleEnvironmentMb: number | undefined;
  if (options.measureMemoryBytes) {
    await sleep(options.pauseBetweenColdStartsMs);
    const countOf = async (): Promise<number> => (await client.listEnvironments()).filter((e) => e.functionName === name).length;
    const before = await options.measureMemoryBytes();
    const environmentsBefore = await countOf();
    await Promise.all(Array.from({ length: 5 }, () => invoke(new TextEncoder().encode('{"n":1,"wait":1500}'))));
    await sleep(options.pauseBetweenColdStartsMs);
    const added = (await countOf()) - environmentsBefore;
    const after = await options.measureMemoryBytes();
    if (before !== undefined && after !== undefined && added > 0) idleEnvironmentMb = (after - before) / added / 2 ** 20;
    options.log?.(`${runtime}: ${added} more idle environments, ${idleEnvironmentMb?.toFixed(1) ?? '?'} MB each`);
  }

  const cold: number[] = [];
  const init: number[] = [];
  for (let i = 0; i < options.coldStarts; i++) {
    await sleep(options.pauseBetweenColdStartsMs);
    // A configuration change retires the warm environment, so the next invoke is a cold start.
    await client.updateFunctionConfiguration({ FunctionName: name, Description: `cold start ${i}` });
    await waitActive(client, name);
    const sample = await invoke();
    cold.push(sample.ms);
    init.push(initDurationOf(sample.logResult));
  }
  options.log?.(`${runtime}: ${cold.length} cold starts`);
  await client.deleteFunction({ FunctionName: name });

  const bare = await bareCall();
  const warmInvokeMs = { ...summarise(warm), p50: summarise(roundMedians).p50 };
  const bareCallMs = summarise(bare);
  return {
    runtime,
    firstColdStartMs: first.ms,
    firstInitDurationMs,
    coldStartMs: summarise(cold),
    initDurationMs: summarise(init),
    warmInvokeMs,
    bareCallMs,
    warmRatio: warmInvokeMs.p50 / bareCallMs.p50,
    throughput: { sequentialPerSecond, twoAtOncePerSecond, bareSequentialPerSecond: 1000 / bareCallMs.p50 },
    idleEnvironmentMb,
  };
}

/**
 * One UI → control-plane → UI round trip that does no work (listRuntimes): the floor under
 * every operation, to read the warm invoke figure against.
 */
export async function measureControlPlaneRoundTrip(client: LambdaliteClient, samples: number): Promise<Summary> {
  for (let i = 0; i < 200; i++) await client.listRuntimes();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await client.listRuntimes();
    times.push(performance.now() - started);
  }
  return summarise(times);
}
