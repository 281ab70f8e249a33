import { describe, expect, it } from 'vitest';
import { applyFixes, findings, spans } from '../testkit';

describe('spacing', () => {
  it('finds double spaces, a no-break space counting as a space', () => {
    expect(spans('spacing.double', 'Thành ủy và UBND thành phố về\u00a0 bảo đảm an ninh.')).toEqual([['\u00a0 ', ' ']]);
    expect(spans('spacing.double', 'Hai  dấu cách   ba dấu.')).toEqual([
      ['  ', ' '],
      ['   ', ' '],
    ]);
  });

  it('leaves a run of spaces before a comma to the before-punctuation rule', () => {
    expect(findings('spacing.double', 'cơ quan   , doanh nghiệp')).toEqual([]);
    expect(spans('spacing.beforePunctuation', 'cơ quan   , doanh nghiệp')).toEqual([['   ', '']]);
  });

  it('leaves indentation at the start and the end of a block', () => {
    expect(findings('spacing.double', '\u00a0 \u00a0 Để tiếp tục đẩy mạnh phong trào.  ')).toEqual([]);
  });

  it('finds spaces before closing and after opening punctuation', () => {
    const text = 'Trong cơ quan , doanh nghiệp ; nhà trường ( cơ sở ) và “ an ninh ” .';
    expect(spans('spacing.beforePunctuation', text).map(([, fix]) => fix)).toEqual(['', '', '', '', '']);
    expect(spans('spacing.afterOpening', text)).toEqual([
      [' ', ''],
      [' ', ''],
    ]);
    const fixed = applyFixes(text, [
      ...findings('spacing.beforePunctuation', text),
      ...findings('spacing.afterOpening', text),
    ]);
    expect(fixed).toBe('Trong cơ quan, doanh nghiệp; nhà trường (cơ sở) và “an ninh”.');
  });

  it('finds a missing space after punctuation in running text', () => {
    const text =
      'Cơ quan,doanh nghiệp;nhà trường đã tham gia.Thời gian qua(năm 2021)phong trào phát triển ở Huế.Sau đó';
    const fixed = applyFixes(text, findings('spacing.missingAfterPunctuation', text));
    expect(fixed).toBe(
      'Cơ quan, doanh nghiệp; nhà trường đã tham gia. Thời gian qua (năm 2021) phong trào phát triển ở Huế. Sau đó',
    );
  });

  it('leaves numbers, dates, document numbers, addresses and dotted abbreviations alone', () => {
    const text =
      'Ngày 12/4/2021, lúc 10:51:38, Chỉ thị số 03/CT-UBND chi 1.000 đồng, tăng 3,5%; xem https://hue.gov.vn/Tin-Tuc, ' +
      'gửi vanhoa@hue.gov.vn, TP.Huế, Tp.HCM, PGS.TS Nguyễn Văn A, v.v.';
    expect(findings('spacing.missingAfterPunctuation', text)).toEqual([]);
  });
});
