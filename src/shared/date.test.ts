import { describe, expect, it } from 'vitest';
import { documentDateLine, formatPortalDate } from './date';

describe('formatPortalDate', () => {
  it("writes the portal's own form in Huế time", () => {
    // 03:51:38 UTC is 10:51:38 in Asia/Ho_Chi_Minh (UTC+7): the sample article's date line.
    expect(formatPortalDate('2021-04-15T03:51:38Z')).toBe('15/04/2021 10:51:38 SA');
  });

  it('writes noon as 12 CH and midnight as 12 SA', () => {
    expect(formatPortalDate('2021-04-15T05:00:00Z')).toBe('15/04/2021 12:00:00 CH');
    expect(formatPortalDate('2021-04-14T17:00:00Z')).toBe('15/04/2021 12:00:00 SA');
    expect(formatPortalDate('2021-04-15T16:59:59Z')).toBe('15/04/2021 11:59:59 CH');
  });

  it('refuses a date that is not one', () => {
    expect(() => formatPortalDate('hôm qua')).toThrow(RangeError);
  });
});

describe('documentDateLine', () => {
  it('writes the place and date line of an administrative document, Huế time', () => {
    expect(documentDateLine('Huế', '2026-12-02T17:30:00Z')).toBe('Huế, ngày 03 tháng 12 năm 2026');
    expect(documentDateLine('Huế', '2027-02-09T03:00:00Z')).toBe('Huế, ngày 09 tháng 02 năm 2027');
    expect(documentDateLine('Huế', '2027-03-15T03:00:00Z')).toBe('Huế, ngày 15 tháng 3 năm 2027');
    expect(documentDateLine(' ', '2027-11-30T03:00:00Z')).toBe('Ngày 30 tháng 11 năm 2027');
    expect(() => documentDateLine('Huế', 'không phải ngày')).toThrow(RangeError);
  });
});
