import { describe, expect, it } from 'vitest';
import { isSyllable, misplacedTone, parseSyllable } from './syllable';

describe('Vietnamese syllable orthography', () => {
  it('accepts well-formed syllables of every shape', () => {
    const words =
      'a ý ở ưu yêu oà uỷ gì gìn giữa giếng gia quý quốc quyết qua khuya thuở thuế người nghiêng ' +
      'nghe ghi kỷ kinh cơ cuộc xoong hoặc ngoài khoẻ thuyền huỳnh đường Trường BỘ Huế Đảng khắp ' +
      'thích chênh lệch uống oái quằn huých tuần khuấy';
    for (const word of words.split(' ')) expect(isSyllable(word), word).toBe(true);
  });

  it('refuses spellings the orthography forbids', () => {
    const words =
      'ce ge gha ngia nghu ka kan ghu qa quu cuy coa tàp tảc ràch hoàg tóan ươ iê ưo thuyềnn ' +
      'UBND TP Camara camera quốcvào fan wifi zô jê bb đđ';
    for (const word of words.split(' ')) expect(isSyllable(word), word).toBe(false);
  });

  it('allows only sắc and nặng before -p, -t, -c, -ch', () => {
    expect(isSyllable('tháp')).toBe(true);
    expect(isSyllable('thạch')).toBe(true);
    expect(isSyllable('thàp')).toBe(false);
    expect(isSyllable('thảch')).toBe(false);
    expect(isSyllable('mãt')).toBe(false);
  });

  it('tells which tone style an open oa/oe/uy follows, and only those', () => {
    expect(parseSyllable('hòa')?.style).toBe('old');
    expect(parseSyllable('hoà')?.style).toBe('new');
    expect(parseSyllable('Thủy')?.style).toBe('old');
    expect(parseSyllable('khoẻ')?.style).toBe('new');
    for (const word of ['hoàng', 'quý', 'quả', 'thuế', 'thuở', 'khuya', 'ngoài', 'hoa', 'tuy']) {
      expect(parseSyllable(word)?.style, word).toBeNull();
    }
  });

  it('reads decomposed input like composed input', () => {
    expect(isSyllable('Nguyễn'.normalize('NFD'))).toBe(true);
  });

  it('corrects a tone mark on the wrong vowel', () => {
    expect(misplacedTone('tóan')).toBe('toán');
    expect(misplacedTone('hoáng')).toBe(null);
    expect(misplacedTone('tàp')).toBe(null);
    expect(misplacedTone('ngòai')).toBe('ngoài');
  });
});
