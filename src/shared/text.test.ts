import { describe, expect, it } from 'vitest';
import { countWords, fold, nfc } from './text';

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

  it('counts Vietnamese words', () => {
    expect(countWords('Thành phố Huế, ngày 12/4/2021 — kinh tế - xã hội.')).toBe(9);
    expect(countWords('   ')).toBe(0);
  });
});
