import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromBase64 } from './imageSource';

describe('image bytes from the store', () => {
  it('decodes base64 to exactly the bytes that were encoded', () => {
    for (const length of [0, 1, 2, 3, 4, 1000, 300_001]) {
      const bytes = randomBytes(length);
      const decoded = fromBase64(bytes.toString('base64'));
      expect(decoded).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(decoded).equals(bytes)).toBe(true);
    }
  });

  it('keeps every byte value, the high ones included', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect([...fromBase64(Buffer.from(all).toString('base64'))]).toEqual([...all]);
  });
});
