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
}

export function summarise(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), min: sorted[0]!, max: sorted.at(-1)! };
}

const HANDLERS = {
  'nodejs22.x': { handler: 'index.handler', file: 'index.mjs', code: 'export const handler = async (event) => ({ ok: true, n: event.n });\n' },
  'python3.14': {
    handler: 'lambda_function.lambda_handler',
    file: 'lambda_function.py',
    code: 'def lambda_handler(event, context):\n    return {"ok": True, "n": event["n"]}\n',
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
  const payload = new TextEncoder().encode('{"n":1}');
  const invoke = async (): Promise<{ ms: number; logResult?: string }> => {
    const started = performance.now();
    const result = await client.invoke({ FunctionName: name, Payload: payload, LogType: 'Tail' });
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

  const cold: number[] = [];
  const init: number[] = [];
  for (let i = 0; i < options.coldStarts; i++) {
    await sleep(options.pauseBetweenColdStartsMs);
    // A configuration change retires the warm environment, so the next invoke is a cold start.
    await client.updateFunctionConfiguration({ FunctionName: name, Description: `cold start ${i}` });
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
