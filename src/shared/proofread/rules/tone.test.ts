import { describe, expect, it } from 'vitest';
import { findings, spans } from '../testkit';

describe('tone style', () => {
  const oldStyle = 'Tỉnh ủy chỉ đạo hòa giải ở cơ sở, chăm lo sức khỏe người dân';
  const newStyle = 'Tỉnh uỷ chỉ đạo hoà giải ở cơ sở, chăm lo sức khoẻ người dân';

  it('reports old-style marks under a new house style, with the fix', () => {
    expect(spans('tone.style', oldStyle, { toneStyle: 'new' })).toEqual([
      ['ủy', 'uỷ'],
      ['hòa', 'hoà'],
      ['khỏe', 'khoẻ'],
    ]);
    expect(findings('tone.style', newStyle, { toneStyle: 'new' })).toEqual([]);
  });

  it('reports new-style marks under an old house style', () => {
    expect(spans('tone.style', newStyle, { toneStyle: 'old' })).toEqual([
      ['uỷ', 'ủy'],
      ['hoà', 'hòa'],
      ['khoẻ', 'khỏe'],
    ]);
    expect(findings('tone.style', oldStyle, { toneStyle: 'old' })).toEqual([]);
  });

  it('without a house style, reports only mixing, fixing the rarer style across blocks', () => {
    expect(findings('tone.style', oldStyle)).toEqual([]);
    expect(findings('tone.mixed', [oldStyle, 'Thành ủy'])).toEqual([]);
    const mixed = findings('tone.mixed', [oldStyle, 'Đoàn kiểm tra của Thành uỷ']);
    expect(mixed.map((f) => [f.block, f.fix])).toEqual([[1, 'ủy']]);
  });

  it('with a house style, reports mixing once', () => {
    const mixed = findings('tone.mixed', [oldStyle, newStyle], { toneStyle: 'new' });
    expect(mixed).toHaveLength(1);
    expect(mixed[0]).toMatchObject({ block: 0, start: 5, severity: 'warning' });
    expect(mixed[0]!.message).toMatch(/3 chữ kiểu cũ .* 3 chữ kiểu mới/);
  });
});
