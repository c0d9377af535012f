// Loads a TypeScript worker entry through tsx: Node 20 cannot run .ts in worker_threads by itself.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
