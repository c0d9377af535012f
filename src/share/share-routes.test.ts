import { describe, expect, it } from 'vitest';
import { hrefOf, parseHash } from '../ui/routes';
import { encodeSharePayload } from './share-link';

describe('share routes', () => {
  const payload = encodeSharePayload({ name: 'f', runtime: 'nodejs22.x', handler: 'index.handler', memorySize: 128, timeout: 3, files: [{ path: 'index.mjs', text: 'x' }] });

  it('reads #share= and #embed= without touching the console routes', () => {
    expect(parseHash(`#share=${payload}`)).toEqual({ page: 'share', payload, embed: false });
    expect(parseHash(`#embed=${payload}`)).toEqual({ page: 'share', payload, embed: true });
    expect(parseHash('#/functions/share=1?tab=code')).toEqual({ page: 'function', name: 'share=1', tab: 'code' });
    expect(parseHash('#/functions')).toEqual({ page: 'functions' });
  });

  it('writes what it reads', () => {
    for (const embed of [false, true]) {
      const route = { page: 'share', payload, embed } as const;
      expect(parseHash(hrefOf(route))).toEqual(route);
    }
  });
});
