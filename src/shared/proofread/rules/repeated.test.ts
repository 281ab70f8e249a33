import { describe, expect, it } from 'vitest';
import { applyFixes, findings } from '../testkit';

describe('words.repeated', () => {
  it('finds a function word typed twice and removes one', () => {
    const text = 'vai trò nòng cốt của của hệ thống và và tổ chức';
    expect(applyFixes(text, findings('words.repeated', text))).toBe('vai trò nòng cốt của hệ thống và tổ chức');
  });

  it('finds any word doubled at the end of a clause', () => {
    const text = 'tạo điều kiện phát triển kinh tế tế, xã hội';
    expect(applyFixes(text, findings('words.repeated', text))).toBe('tạo điều kiện phát triển kinh tế, xã hội');
  });

  it('leaves reduplication and one compound running into the next', () => {
    for (const text of [
      'Song song với các hoạt động trên',
      'dần dần trở thành thành phố đáng sống',
      'ngày ngày người người tham gia',
      'hai hoạt động diễn ra song song.',
    ]) {
      expect(findings('words.repeated', text), text).toEqual([]);
    }
  });
});
