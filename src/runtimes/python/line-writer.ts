/**
 * Python's stdout and stderr as CloudWatch sees them: raw text, one log event per line.
 *
 * Pyodide's `batched` handler would hold a line without a newline until the next newline,
 * possibly into the next invocation; this writer receives the raw bytes (Pyodide's `Writer`
 * interface) and lets the engine flush a partial line when an invocation ends, so every line
 * reaches the host before the result.
 */

export class LineWriter {
  readonly #decoder = new TextDecoder();
  readonly #emit: (line: string) => void;
  #pending = '';

  constructor(emit: (line: string) => void) {
    this.#emit = emit;
  }

  /** Pyodide's `Writer.write`: called with the bytes Python wrote; returns how many it took. */
  write(buffer: Uint8Array): number {
    const text = this.#pending + this.#decoder.decode(buffer, { stream: true });
    const lines = text.split('\n');
    this.#pending = lines.pop() ?? '';
    for (const line of lines) this.#emit(line);
    return buffer.length;
  }

  /** Emit what is left of an unfinished line. */
  flush(): void {
    const rest = this.#pending + this.#decoder.decode();
    this.#pending = '';
    if (rest !== '') this.#emit(rest);
  }
}
