import { describe, expect, it } from 'vitest';
import { formatPortalDate } from './date';

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
