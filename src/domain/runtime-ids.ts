/**
 * The runtimes Lambdalite runs: every Node.js and Python runtime Lambda supports today
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html), so a CLI line or SDK
 * script from a tutorial works unchanged. Every Node.js id runs on the one QuickJS engine, every
 * Python id on the shipped Pyodide's interpreter (3.14): the id decides what the function reports
 * (AWS_EXECUTION_ENV, its layer paths), not the interpreter. Deprecated ids are refused.
 */
export const NODEJS_RUNTIMES = ['nodejs24.x', 'nodejs22.x', 'nodejs20.x'] as const;
export const PYTHON_RUNTIMES = ['python3.14', 'python3.13', 'python3.12', 'python3.11'] as const;
/** The Python version Pyodide really runs, whatever the function's runtime id says. */
export const ENGINE_PYTHON_VERSION = '3.14';
export const SUPPORTED_RUNTIMES = [...NODEJS_RUNTIMES, ...PYTHON_RUNTIMES] as const;

export type NodejsRuntimeId = (typeof NODEJS_RUNTIMES)[number];
export type PythonRuntimeId = (typeof PYTHON_RUNTIMES)[number];
export type RuntimeId = (typeof SUPPORTED_RUNTIMES)[number];

/** Which engine runs a runtime id. */
export type EngineKind = 'quickjs' | 'pyodide';

export function isRuntimeId(value: string): value is RuntimeId {
  return (SUPPORTED_RUNTIMES as readonly string[]).includes(value);
}

export function engineOf(runtime: RuntimeId): EngineKind {
  return (NODEJS_RUNTIMES as readonly string[]).includes(runtime) ? 'quickjs' : 'pyodide';
}

/** `AWS_EXECUTION_ENV` as Lambda sets it, e.g. `AWS_Lambda_nodejs22.x`. */
export function executionEnvOf(runtime: RuntimeId): string {
  return `AWS_Lambda_${runtime}`;
}
