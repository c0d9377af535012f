/**
 * What a Python snapshot holds, as a key: the Pyodide version (Pyodide refuses another build's
 * snapshot anyway) and a fingerprint of the runtime's own Python code, which lives in the
 * snapshot's heap — a new bootstrap.py must not run from an old snapshot. The control plane
 * names its Cache Storage entry by this key; the sandbox checks it in the envelope.
 */
import { BOOTSTRAP_SOURCE, CONTEXT_SOURCE } from './bootstrap-py';
import { SNAPSHOT_SETUP_SOURCE } from './snapshot-setup';

/** The Pyodide this app ships (package.json pins it; the snapshot format is private to it). */
export const PYODIDE_VERSION = '314.0.7';

function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

export const PYTHON_SNAPSHOT_KEY = `pyodide-${PYODIDE_VERSION}-runtime-${fingerprint(
  BOOTSTRAP_SOURCE + CONTEXT_SOURCE + SNAPSHOT_SETUP_SOURCE,
)}`;
