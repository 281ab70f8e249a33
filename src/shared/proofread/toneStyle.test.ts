import { describe, expect, it } from 'vitest';
import { convertToneStyle } from './toneStyle';

describe('convertToneStyle', () => {
  it('moves the mark in open oa, oe, uy', () => {
    expect(convertToneStyle('hòa khỏe thủy ủy Tỉnh ủy òa', 'new')).toBe('hoà khoẻ thuỷ uỷ Tỉnh uỷ oà');
    expect(convertToneStyle('hoà khoẻ thuỷ uỷ Tỉnh uỷ oà', 'old')).toBe('hòa khỏe thủy ủy Tỉnh ủy òa');
    expect(convertToneStyle('Hòa HÒA Thụy THỦY', 'new')).toBe('Hoà HOÀ Thuỵ THUỶ');
  });

  it('leaves words that both styles write alike', () => {
    const same = 'hoàng hoạt ngoài xoáy quý quí quả quyển thuế thuở khuya khuỷu huỳnh toán Huế';
    expect(convertToneStyle(same, 'new')).toBe(same);
    expect(convertToneStyle(same, 'old')).toBe(same);
  });

  it('keeps length and everything between words', () => {
    const text = 'Sở Văn hóa, Thể thao — “hòa giải” (Tỉnh ủy) 2021!';
    const converted = convertToneStyle(text, 'new');
    expect(converted).toBe('Sở Văn hoá, Thể thao — “hoà giải” (Tỉnh uỷ) 2021!');
    expect(converted.length).toBe(text.length);
    expect(convertToneStyle(converted, 'old')).toBe(text);
  });
});
