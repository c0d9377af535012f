import { describe, expect, it } from 'vitest';
import { LambdaError } from '../domain/errors';
import { paginate } from './pagination';
import { functionRefOf } from './qualifiers';

const scope = { region: 'us-east-1', accountId: '123456789012' };

describe('paginate (Marker / NextMarker, paginators-1.json)', () => {
  const items = ['c', 'a', 'e', 'b', 'd'];

  it('serves sorted pages until the last, which has no NextMarker', () => {
    const first = paginate(items, (item) => item, undefined, 2, 50);
    expect(first.items).toEqual(['a', 'b']);
    const second = paginate(items, (item) => item, first.nextMarker, 2, 50);
    expect(second.items).toEqual(['c', 'd']);
    const last = paginate(items, (item) => item, second.nextMarker, 2, 50);
    expect(last).toEqual({ items: ['e'] });
  });

  it('refuses MaxItems outside the model’s range and a marker it did not make', () => {
    expect(() => paginate(items, (item) => item, undefined, 0, 50)).toThrow(/Value '0' at 'maxItems'/);
    expect(() => paginate(items, (item) => item, undefined, 51, 50)).toThrow(/less than or equal to 50/);
    const error = (() => {
      try {
        paginate(items, (item) => item, 'not-a-marker', undefined, 50);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(LambdaError);
    expect((error as LambdaError).type).toBe('InvalidParameterValueException');
  });
});

describe('functionRefOf', () => {
  it('reads names, ARNs and the Qualifier parameter, with Lambda’s errors', () => {
    expect(functionRefOf('arn:aws:lambda:us-east-1:123456789012:function:fn:live', undefined, scope)).toEqual({ name: 'fn', qualifier: 'live' });
    expect(functionRefOf('fn', '3', scope)).toEqual({ name: 'fn', qualifier: '3' });
    expect(() => functionRefOf('fn:1', '2', scope)).toThrow('The derived qualifier from the function name does not match the specified qualifier.');
    expect(() => functionRefOf('fn', 'bad qualifier', scope)).toThrow(/at 'qualifier'/);
    expect(() => functionRefOf(undefined, undefined, scope)).toThrow(/Value null at 'functionName'/);
  });
});
