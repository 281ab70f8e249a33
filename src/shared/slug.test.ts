import { describe, expect, it } from 'vitest';
import { SLUG_FALLBACK, SLUG_MAX_LENGTH, SLUG_PATTERN, slugify, uniqueSlug } from './slug';

describe('slugify', () => {
  it('transliterates Vietnamese to plain ASCII words', () => {
    expect(slugify('Đảng bộ phường Thuận Hòa: “Tổ quốc” 2021')).toBe('dang-bo-phuong-thuan-hoa-to-quoc-2021');
    expect(slugify('ĐƯỜNG Lê Lợi – Huế')).toBe('duong-le-loi-hue');
  });

  it('gives the same address for composed and decomposed input', () => {
    const title = 'Thành phố Huế tiếp tục đẩy mạnh';
    expect(slugify(title.normalize('NFD'))).toBe(slugify(title.normalize('NFC')));
    expect(slugify(title)).toBe('thanh-pho-hue-tiep-tuc-day-manh');
  });

  it('folds compatibility forms such as full-width digits', () => {
    expect(slugify('Năm ２０２１')).toBe('nam-2021');
  });

  it('cuts a long title at a word boundary', () => {
    const title =
      'Thành phố Huế tiếp tục đẩy mạnh công tác xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc trong cơ quan, doanh nghiệp, nhà trường';
    const slug = slugify(title);
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
    expect(slugify(title, 1000).startsWith(`${slug}-`)).toBe(true);
    expect(slug).toMatch(SLUG_PATTERN);
  });

  it('cuts a single overlong word rather than returning nothing', () => {
    expect(slugify('a'.repeat(200))).toBe('a'.repeat(SLUG_MAX_LENGTH));
  });

  it('is never empty', () => {
    expect(slugify('')).toBe(SLUG_FALLBACK);
    expect(slugify('“…” — !!!')).toBe(SLUG_FALLBACK);
    expect(slugify('顺化')).toBe(SLUG_FALLBACK);
  });

  it('leaves an address it made unchanged', () => {
    const slug = slugify('Lễ hội Huế 2026: đêm hoàng cung');
    expect(slugify(slug)).toBe(slug);
  });
});

describe('uniqueSlug', () => {
  it('adds -2, -3 … until the address is free', () => {
    const taken = new Set(['le-hoi', 'le-hoi-2']);
    expect(uniqueSlug('le-hoi', (slug) => taken.has(slug))).toBe('le-hoi-3');
    expect(uniqueSlug('ngo-mon', (slug) => taken.has(slug))).toBe('ngo-mon');
  });

  it('stays within the length limit with its suffix', () => {
    const base = slugify('từ '.repeat(40));
    const slug = uniqueSlug(base, (candidate) => candidate === base);
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
    expect(slug).toMatch(/-2$/);
    expect(slug).toMatch(SLUG_PATTERN);
  });
});
