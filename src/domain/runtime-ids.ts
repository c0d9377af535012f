/**
 * The runtimes Lambdalite runs. Only ids that really work here are listed, so
 * ListFunctions, validation and the UI offer exactly these.
 * Python's id follows the interpreter the shipped Pyodide runs (3.14).
 */
export const NODEJS_RUNTIMES = ['nodejs22.x', 'nodejs20.x'] as const;
export const PYTHON_RUNTIMES = ['python3.14'] as const;
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
