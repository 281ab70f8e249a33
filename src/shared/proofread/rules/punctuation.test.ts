import { describe, expect, it } from 'vitest';
import { findings, spans } from '../testkit';

describe('punctuation', () => {
  it('finds an opening quote that is never closed', () => {
    const text = 'kỷ niệm “Ngày hội toàn dân bảo vệ an ninh Tổ quốc vào dịp 19/8 nhằm thúc đẩy phong trào.';
    expect(spans('punctuation.unbalanced', text)).toEqual([['“', undefined]]);
  });

  it('finds stray closing marks, unclosed brackets and an odd number of straight quotes', () => {
    expect(spans('punctuation.unbalanced', 'Phòng Văn hoá) và (Thông tin').map(([s]) => s)).toEqual([')', '(']);
    expect(spans('punctuation.unbalanced', 'Mô hình "Camera an ninh" và "Tự quản')).toEqual([['"', undefined]]);
    expect(findings('punctuation.unbalanced', '“Tự phòng, tự quản” (Phòng Văn hoá [TP Huế]) và "Camera"')).toEqual([]);
  });

  it('does not take a list number for a stray bracket', () => {
    expect(findings('punctuation.unbalanced', 'a) Tuyên truyền, phổ biến.')).toEqual([]);
    expect(findings('punctuation.unbalanced', '2) Xây dựng lực lượng.')).toEqual([]);
  });

  it('suggests an ellipsis for three dots', () => {
    expect(spans('punctuation.ellipsis', 'cán bộ, công chức, viên chức... đều tham gia')).toEqual([['...', '…']]);
    expect(findings('punctuation.ellipsis', 'cán bộ, công chức… đều tham gia')).toEqual([]);
  });

  it('suggests a dash for ranges of years and pages', () => {
    expect(spans('punctuation.rangeDash', 'giai đoạn 2020-2025 và 2021 - 2030, xem trang 5-7')).toEqual([
      ['2020-2025', '2020–2025'],
      ['2021 - 2030', '2021–2030'],
      ['5-7', '5–7'],
    ]);
  });

  it('leaves dates, document numbers and codes', () => {
    expect(
      findings('punctuation.rangeDash', 'Số 03/CT-UBND ngày 12-4-2021, mã 1234-5678-9012, COVID-19, năm 2025-2020'),
    ).toEqual([]);
  });
});
