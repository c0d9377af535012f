/**
 * The cooperative half of the Timeout: Pyodide's interrupt buffer, driven by the deadline.
 *
 * Pyodide's interrupt buffer is normally an Int32Array on a SharedArrayBuffer that another
 * thread sets to 2 (SIGINT). Here nothing outside the sandbox has to write it: CPython's eval
 * loop polls `buffer[0]` itself (`_Py_CheckEmscriptenSignals_Helper` in pyodide.asm.mjs reads
 * `Module.Py_EmscriptenSignalBuffer[0]`, then writes 0), so a buffer whose element 0 *reads* as
 * SIGINT once the deadline has passed stops `while True: pass` about 1 ms late, raising
 * KeyboardInterrupt in the handler. It needs no SharedArrayBuffer, so it also works on hosts
 * without cross-origin isolation.
 *
 * While armed past the deadline every poll answers SIGINT again, so a handler that catches
 * BaseException is interrupted again at its next bytecode; it can still loop forever in a
 * `try`, and `time.sleep` or one long C call (`sum(range(10**10))`) is never interrupted:
 * the environment pool's hard kill of the worker covers those.
 */

const SIGINT = 2;

/** The duck-typed interrupt buffer: Pyodide reads and writes only index 0. */
export interface DeadlineInterruptBuffer {
  readonly 0: number;
}

export class DeadlineInterrupt {
  #deadlineEpochMs = 0;
  #fired = false;

  /** What to hand to `pyodide.setInterruptBuffer`. */
  readonly buffer: DeadlineInterruptBuffer;

  constructor(now: () => number = Date.now) {
    const owner = this;
    this.buffer = Object.defineProperty({} as DeadlineInterruptBuffer, 0, {
      get(): number {
        if (owner.#deadlineEpochMs === 0 || now() < owner.#deadlineEpochMs) return 0;
        owner.#fired = true;
        return SIGINT;
      },
      // Pyodide clears the flag after reading it; the deadline, not the flag, decides.
      set(): void {},
      enumerable: true,
    });
  }

  /** Interrupt Python code still running at `deadlineEpochMs`. */
  arm(deadlineEpochMs: number): void {
    this.#deadlineEpochMs = deadlineEpochMs;
    this.#fired = false;
  }

  disarm(): void {
    this.#deadlineEpochMs = 0;
  }

  /** The interrupt was delivered since the last `arm`. */
  get fired(): boolean {
    return this.#fired;
  }
}
