import { describe, expect, it } from 'vitest';
import { findings, spans } from '../testkit';

describe('abbreviation.undefined', () => {
  it('reports the first use of an abbreviation not yet spelled out, with the spelled-out form', () => {
    const blocks = ['Ngày 12/4/2021, UBND thành phố Huế ban hành Chỉ thị.', 'UBND Thành phố yêu cầu các cơ quan.'];
    expect(spans('abbreviation.undefined', blocks, { toneStyle: 'old' })).toEqual([['UBND', 'Ủy ban nhân dân (UBND)']]);
    expect(spans('abbreviation.undefined', blocks, { toneStyle: 'new' })).toEqual([['UBND', 'Uỷ ban nhân dân (UBND)']]);
  });

  it('without a house style, writes the fix in the style the article is written in, so it never mixes styles', () => {
    const newStyle = ['UBND thành phố tổ chức hoà giải.', 'Người dân khoẻ mạnh, hoà thuận.'];
    expect(spans('abbreviation.undefined', newStyle)).toEqual([['UBND', 'Uỷ ban nhân dân (UBND)']]);
    const oldStyle = ['UBND thành phố tổ chức hòa giải.', 'Người dân khỏe mạnh.'];
    expect(spans('abbreviation.undefined', oldStyle)).toEqual([['UBND', 'Ủy ban nhân dân (UBND)']]);
    // Applied, the fix brings no finding of another rule.
    const fixed = [oldStyle[0]!.replace('UBND', 'Ủy ban nhân dân (UBND)'), oldStyle[1]!];
    expect(findings('tone.mixed', fixed)).toEqual([]);
  });

  it('accepts an abbreviation after its spelling-out, in an earlier block or the same one', () => {
    expect(findings('abbreviation.undefined', ['Ủy ban nhân dân (UBND) thành phố Huế.', 'UBND yêu cầu.'])).toEqual([]);
    expect(findings('abbreviation.undefined', ['Hội đồng nhân dân thành phố họp.', 'HĐND thông qua.'])).toEqual([]);
    expect(
      findings('abbreviation.undefined', ['Trung tâm BTDT (Bảo tồn di tích) Cố đô Huế.', 'BTDT tổ chức.']),
    ).toEqual([]);
  });

  it('reports an unknown abbreviation without a fix, and leaves universal, office and code ones', () => {
    const found = findings('abbreviation.undefined', 'Đoàn KTXH làm việc tại TP Huế theo số 03/CT-UBND.');
    expect(found.map((f) => [f.fix, f.message.includes('KTXH')])).toEqual([[undefined, true]]);
    expect(findings('abbreviation.undefined', 'Đoàn KTXH làm việc.', { lexicon: ['KTXH'] })).toEqual([]);
    expect(findings('abbreviation.undefined', 'Đại hội XIV, Chương II, Điều IV')).toEqual([]);
  });
});
