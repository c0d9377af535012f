/**
 * What the control plane needs from the outside, as small interfaces: the store
 * (persistence/ implements it on IndexedDB) and the environment pool (runtimes/).
 */
import type { FunctionRecord } from '../domain/function-model';
import type { RuntimeId } from '../domain/runtime-ids';
import type { EnvironmentInit, InvocationRequest } from '../workers/sandbox-protocol';
import type { LogEvent, SavedTestEvent, WorkspaceSettings } from '../workers/protocol';

export interface FunctionStore {
  getFunction(name: string): Promise<FunctionRecord | undefined>;
  listFunctions(): Promise<FunctionRecord[]>;
  getCode(name: string): Promise<Uint8Array | undefined>;
  /** Writes the record and (when given) its package in one transaction. */
  putFunction(record: FunctionRecord, code?: Uint8Array): Promise<void>;
  /** Removes the function, its code, its log events and its test events in one transaction. */
  deleteFunction(name: string): Promise<void>;
}

export interface LogStore {
  /** Queues events; they are written shortly after, in order, and readers see them. */
  appendLogEvents(events: LogEvent[]): void;
  getLogEvents(logGroupName: string, since?: number): Promise<LogEvent[]>;
}

export interface SettingsStore {
  getSettings(): Promise<WorkspaceSettings>;
  putSettings(settings: WorkspaceSettings): Promise<void>;
}

export interface TestEventStore {
  listTestEvents(functionName: string): Promise<SavedTestEvent[]>;
  putTestEvent(functionName: string, event: SavedTestEvent): Promise<void>;
  deleteTestEvent(functionName: string, name: string): Promise<void>;
}

export type LambdaliteStore = FunctionStore & LogStore & SettingsStore & TestEventStore;

/** One log line written by a runtime, with the time it was written. */
export interface TimedLine {
  timestamp: number;
  message: string;
}

/** What the pool needs to run one invocation of one function configuration. */
export interface PoolInvocation {
  /** Identifies code + configuration: environments are reused only for the same key. */
  environmentKey: string;
  functionName: string;
  functionVersion: string;
  runtime: RuntimeId;
  timeoutSeconds: number;
  memorySizeMb: number;
  /** Builds the Init input (unzips code, assembles variables); called only on a cold start. */
  prepareInit(logStreamName: string): Promise<Omit<EnvironmentInit, 'initDeadlineEpochMs'>>;
  request: Omit<InvocationRequest, 'deadlineEpochMs'>;
}

export interface PoolOutcome {
  status: 'success' | 'error';
  payload: string;
  errorType?: string;
  /** Why the platform ended the invocation, if it did. */
  platformStatus?: 'timeout' | 'error';
  coldStart: boolean;
  initDurationMs?: number;
  /** Set when the Init phase failed: the first invocation reports that error. */
  initFailed: boolean;
  durationMs: number;
  maxMemoryUsedMb: number;
  logStreamName: string;
  /** Lines written during Init (cold starts only) and during the invocation. */
  initLines: TimedLine[];
  invokeLines: TimedLine[];
  startedAt: number;
  endedAt: number;
}

export interface EnvironmentPort {
  invoke(invocation: PoolInvocation): Promise<PoolOutcome>;
  /** Drops environments of a function whose code or configuration changed, or that was deleted. */
  retire(functionName: string, keepKey?: string): void;
  dispose(): void;
}
