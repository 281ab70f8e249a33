import { describe, expect, it } from 'vitest';
import { findings, spans } from '../testkit';

describe('capitalization.term', () => {
  it('suggests the Nghị định 30/2020 form', () => {
    expect(spans('capitalization.term', 'bảo vệ an ninh tổ quốc và Nhà Nước')).toEqual([
      ['tổ quốc', 'Tổ quốc'],
      ['Nhà Nước', 'Nhà nước'],
    ]);
    expect(
      spans('capitalization.term', 'Ủy ban Nhân dân tỉnh và đảng cộng sản Việt Nam', { toneStyle: 'old' }),
    ).toEqual([
      ['Ủy ban Nhân dân', 'Ủy ban nhân dân'],
      ['đảng cộng sản Việt Nam', 'Đảng Cộng sản Việt Nam'],
    ]);
  });

  it('leaves ordinary uses of nhà nước and nhân dân, and correct forms', () => {
    const text =
      'công tác bảo vệ bí mật nhà nước; trách nhiệm của nhân dân; Uỷ ban nhân dân tỉnh; Tổ quốc; ' +
      'Nhà nước; Chủ tịch nước; tổ chức phi chính phủ; ĐẢNG CỘNG SẢN VIỆT NAM';
    expect(findings('capitalization.term', text)).toEqual([]);
  });
});
