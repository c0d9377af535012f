import { describe, expect, it } from 'vitest';
import { tailLogResult } from './invocation-log';

const decode = (base64: string): string => Buffer.from(base64, 'base64').toString('utf8');

describe('tailLogResult (X-Amz-Log-Result)', () => {
  it('is the whole log, one line each, when it is under 4 KB', () => {
    expect(decode(tailLogResult(['START RequestId: 1 Version: $LATEST', 'END RequestId: 1']))).toBe('START RequestId: 1 Version: $LATEST\nEND RequestId: 1\n');
  });

  it('keeps the last 4,096 bytes of a longer log, so REPORT is always there', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `line ${i} ${'x'.repeat(40)}`);
    lines.push('REPORT RequestId: 1\tDuration: 1.00 ms');
    const tail = Buffer.from(tailLogResult(lines), 'base64');
    expect(tail.byteLength).toBe(4096);
    const whole = lines.map((line) => `${line}\n`).join('');
    expect(tail.toString('utf8')).toBe(whole.slice(whole.length - 4096));
    expect(tail.toString('utf8').endsWith('REPORT RequestId: 1\tDuration: 1.00 ms\n')).toBe(true);
  });
});
