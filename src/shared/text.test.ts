import { describe, expect, it } from 'vitest';
import { NFC_STABLE, countWords, fold, hasUnsafeCharacters, nfc, stripUnsafeCharacters } from './text';

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

  it('strips exactly the characters it calls unsafe', () => {
    // Random strings drawn mostly from the edges: controls, surrogate halves, the non-characters.
    const edges = [
      0, 8, 9, 10, 11, 13, 31, 32, 0x7e, 0x7f, 0x9f, 0xa0, 0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000, 0xfffd,
      0xfffe, 0xffff,
    ];
    let seed = 12;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 5000; round++) {
      const codes = Array.from({ length: random(12) }, () =>
        random(3) === 0 ? random(0x10000) : (edges[random(edges.length)] ?? 0) + random(2),
      );
      const value = String.fromCharCode(...codes);
      const stripped = stripUnsafeCharacters(value);
      expect(hasUnsafeCharacters(stripped), JSON.stringify(value)).toBe(false);
      if (!hasUnsafeCharacters(value)) expect(stripped).toBe(value);
      else expect(stripped.length).toBeLessThan(value.length);
    }
    const emoji = 'Hoa sen 🪷';
    expect(stripUnsafeCharacters(emoji)).toBe(emoji);
    expect(stripUnsafeCharacters('Tab\tdòng\r\nmới')).toBe('Tab\tdòng\r\nmới');
    expect(stripUnsafeCharacters('Tiêu\u0001 đề\u0008\u007f\u0085')).toBe('Tiêu đề');
    expect(stripUnsafeCharacters('nửa \ud83c emoji \udf38 hết')).toBe('nửa  emoji  hết');
  });
});
