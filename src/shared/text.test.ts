import { describe, expect, it } from 'vitest';
import { NFC_STABLE, countWords, fold, nfc } from './text';

describe('text', () => {
  it('folds diacritics and đ for search', () => {
    expect(fold('Đảng bộ')).toBe('dang bo');
    expect(fold('đường')).toBe('duong');
    expect(fold('Tổ quốc')).toBe('to quoc');
    expect(fold('hòa')).toBe(fold('hoà'));
    expect(fold('HOÀ'.normalize('NFD'))).toBe('hoa');
  });

  it('composes decomposed text', () => {
    const decomposed = 'Việt Nam'.normalize('NFD');
    expect(decomposed).not.toBe('Việt Nam');
    expect(nfc(decomposed)).toBe('Việt Nam');
  });

  it('leaves alone only text that NFC would leave alone', () => {
    // Every character the fast path trusts, alone and before every other one of them: NFC changes none.
    const trusted: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const char = String.fromCharCode(code);
      if (NFC_STABLE.test(char)) trusted.push(char);
    }
    expect(trusted.length).toBeGreaterThan(1000);
    const changed = trusted.flatMap((a) => trusted.map((b) => a + b)).filter((s) => s.normalize('NFC') !== s);
    expect(changed).toEqual([]);
    // Just outside: a combining mark after a trusted letter, and the quad spaces NFC rewrites.
    expect(nfc('e\u0301')).toBe('é');
    expect(nfc('a\u2000b')).toBe('a\u2002b');
    expect(nfc('Ha\u0300 No\u0302\u0323i')).toBe('Hà Nội');
  });

  it('counts Vietnamese words', () => {
    expect(countWords('Thành phố Huế, ngày 12/4/2021 — kinh tế - xã hội.')).toBe(9);
    expect(countWords('   ')).toBe(0);
  });
});
