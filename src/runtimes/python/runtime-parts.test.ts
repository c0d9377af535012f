/**
 * The Python runtime's JS parts on their own (no Pyodide): the stdout line splitter, the
 * deadline interrupt buffer, the heap cap's refusal counting, and the global-scope seal.
 */
import { describe, expect, test } from 'vitest';
import { DeadlineInterrupt } from './deadline-interrupt';
import { LineWriter } from './line-writer';
import { installMemoryGuard } from './memory-guard';
import { removeProperty } from './sandbox-globals';
import { installUtcDate } from '../utc-clock';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('LineWriter', () => {
  test('one call per line; a partial line waits for its newline or a flush', () => {
    const lines: string[] = [];
    const writer = new LineWriter((line) => lines.push(line));
    expect(writer.write(bytes('a'))).toBe(1);
    writer.write(bytes('b\nc\n\nd'));
    expect(lines).toEqual(['ab', 'c', '']);
    writer.flush();
    writer.flush();
    expect(lines).toEqual(['ab', 'c', '', 'd']);
  });

  test('a UTF-8 character split across writes is decoded whole', () => {
    const lines: string[] = [];
    const writer = new LineWriter((line) => lines.push(line));
    const encoded = bytes('café\n');
    writer.write(encoded.subarray(0, 4));
    writer.write(encoded.subarray(4));
    expect(lines).toEqual(['café']);
  });
});

describe('DeadlineInterrupt', () => {
  test('reads SIGINT only while armed and past the deadline; writes are ignored', () => {
    let now = 1000;
    const interrupt = new DeadlineInterrupt(() => now);
    expect(interrupt.buffer[0]).toBe(0);
    interrupt.arm(1500);
    expect(interrupt.buffer[0]).toBe(0);
    expect(interrupt.fired).toBe(false);
    now = 1500;
    expect(interrupt.buffer[0]).toBe(2);
    (interrupt.buffer as unknown as number[])[0] = 0; // what Pyodide does after reading
    expect(interrupt.buffer[0]).toBe(2);
    expect(interrupt.fired).toBe(true);
    interrupt.disarm();
    expect(interrupt.buffer[0]).toBe(0);
    interrupt.arm(9999);
    expect(interrupt.fired).toBe(false);
  });
});

describe('MemoryGuard', () => {
  const PAGE = 65536;

  test('refuses growth past the limit; three refusals in a row (one failed resize) latch "exceeded"', () => {
    const guard = installMemoryGuard();
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 64 });
    void memory.buffer;
    guard.settle();
    guard.setLimit(8 * PAGE);
    expect(guard.usedBytes()).toBe(PAGE);

    memory.grow(3);
    expect(guard.usedBytes()).toBe(4 * PAGE);
    // An over-grown attempt refused, then a smaller one accepted: Emscripten's cut-down retry.
    expect(() => memory.grow(6)).toThrow(RangeError);
    memory.grow(2);
    expect(guard.exceeded).toBe(false);
    // A request that fits in none of the three attempts.
    for (let attempt = 0; attempt < 3; attempt += 1) expect(() => memory.grow(5)).toThrow(RangeError);
    expect(guard.exceeded).toBe(true);
    expect(memory.buffer.byteLength).toBe(6 * PAGE);
  });
});

describe('removeProperty', () => {
  test('removes a name from an object and its prototype chain', () => {
    const proto = { fetch: () => 'proto' };
    const target = Object.create(proto) as { fetch?: () => string };
    Object.defineProperty(target, 'fetch', { value: () => 'own', configurable: true, writable: true });
    expect(removeProperty(target, 'fetch')).toBe(true);
    expect('fetch' in target).toBe(false);
  });

  test('a non-configurable, writable property is overwritten with undefined', () => {
    const target = {};
    Object.defineProperty(target, 'indexedDB', { value: {}, configurable: false, writable: true });
    expect(removeProperty(target, 'indexedDB')).toBe(true);
    expect(Reflect.get(target, 'indexedDB')).toBeUndefined();
  });
});

describe('UtcDate', () => {
  test('local time is UTC whatever the host zone', () => {
    const previousTz = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      const scope = { Date };
      installUtcDate(scope);
      const LocalDate = scope.Date;
      const instant = Date.UTC(2024, 7, 31, 23, 43, 26);
      expect(new Date(instant).getHours()).not.toBe(23); // the host zone really is not UTC
      const date = new LocalDate(instant);
      expect([date.getFullYear(), date.getMonth(), date.getDate(), date.getHours(), date.getTimezoneOffset()]).toEqual([
        2024, 7, 31, 23, 0,
      ]);
      expect(new LocalDate(2024, 0, 1, 12).getTime()).toBe(Date.UTC(2024, 0, 1, 12));
      expect(date).toBeInstanceOf(Date);
      expect(LocalDate.now()).toBeGreaterThan(instant);
      installUtcDate(scope);
      expect(scope.Date).toBe(LocalDate);
    } finally {
      if (previousTz === undefined) delete process.env.TZ;
      else process.env.TZ = previousTz;
    }
  });
});
